import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { machineStoreDir, systemAccount } from '../../../electron/services/storeClaims'
import { dispatch } from '../../../shared/ipc/dispatch'
import { webServices } from '../../mocks/services'

const tmp = mkdtempSync(join(tmpdir(), 'store-claims-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const machineDir = join(tmp, 'machine')
/** One system account's app on the shared PC: its own data folder, the PC's machine-wide folder. */
const accountOn = (name: string, machine: string | null = machineDir) =>
  webServices(join(tmp, name), join(tmp, name), join(tmp, name), { machineDir: machine ?? undefined })
const claim = (services: ReturnType<typeof accountOn>, unitCode = '110105', profile = 'office') =>
  dispatch(services, 'store:claim', { profile, unitCode, unitName: '北京市朝阳区人民检察院' })

describe('one store per office on a shared PC (docs/packaging.md §5)', () => {
  it('the first data folder to open the office holds it; it is let in again at every start', async () => {
    const first = accountOn('first')
    expect(await claim(first)).toMatchObject({ ok: true, value: { status: 'held' } })
    const marker = join(machineDir, 'stores/110105.json')
    const held = JSON.parse(readFileSync(marker, 'utf8'))
    expect(held).toMatchObject({ unitCode: '110105', account: systemAccount(), dataDir: join(tmp, 'first') })
    expect(await claim(first)).toMatchObject({ ok: true, value: { status: 'held', marker } })
    expect(JSON.parse(readFileSync(marker, 'utf8')).since).toBe(held.since)
    // sticky and writable by every account: others may add their claims but not remove this one
    expect(statSync(join(machineDir, 'stores')).mode & 0o7777).toBe(0o1777)
  })

  it('another data folder is refused for the same office, in Chinese, naming the account, the folder and what to do', async () => {
    const res = await claim(accountOn('second'))
    expect(res.ok).toBe(false)
    const error = (res as { ok: false; error: { code: string; message: string } }).error
    expect(error.code).toBe('store.claimed')
    expect(error.message).toContain(`系统账户“${systemAccount()}”`)
    expect(error.message).toContain(join(tmp, 'first'))
    expect(error.message).toContain('没有打开这里的数据')
    expect(error.message).toContain(join(machineDir, 'stores/110105.json'))
    // the holder's claim is unchanged
    expect(JSON.parse(readFileSync(join(machineDir, 'stores/110105.json'), 'utf8')).dataDir).toBe(join(tmp, 'first'))
  })

  it('another office code, the demo profile and browser mode without --machine-dir are not refused', async () => {
    expect(await claim(accountOn('second'), '110106')).toMatchObject({ ok: true, value: { status: 'held' } })
    expect(await claim(accountOn('second'), '110105', 'demo')).toEqual({ ok: true, value: { status: 'unchecked' } })
    expect(await claim(accountOn('second', null))).toEqual({ ok: true, value: { status: 'unchecked' } })
  })

  it('a damaged claim file refuses with the file named, and is left as it is', async () => {
    writeFileSync(join(machineDir, 'stores/110107.json'), '{ not json')
    const res = await claim(accountOn('first'), '110107')
    expect(res).toMatchObject({ ok: false, error: { code: 'store.claim-unreadable' } })
    expect(readFileSync(join(machineDir, 'stores/110107.json'), 'utf8')).toBe('{ not json')
  })

  it('the machine-wide folder is one every account can write', () => {
    expect(machineStoreDir('win32', { ProgramData: 'D:\\ProgramData' })).toBe(join('D:\\ProgramData', 'jiuzhu-desk'))
    expect(machineStoreDir('linux', {})).toBe('/var/tmp/jiuzhu-desk')
  })
})
