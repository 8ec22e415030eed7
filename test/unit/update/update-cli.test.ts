import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { updateCommand } from '../../../electron/cli/update'
import { publicKeyRecord, sealPrivateKeys } from '../../../electron/services/bundle/keys'
import { keys, seededRandom } from '../bundle/helpers'

/**
 * `npm run cli -- update create|verify|relay` (docs/packaging.md “软件更新包”): the province makes the package from
 * an installer file, the city verifies and relays it, the district writes the installer out for IT — files only.
 */
const PASS = '更新包测试口令2026'
let dir: string
const at = (name: string) => join(dir, name)

async function cli(...args: string[]): Promise<{ code: number; text: string }> {
  const out: string[] = []
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')))
  const err = vi.spyOn(console, 'error').mockImplementation((...a) => void out.push(a.join(' ')))
  process.env.JIUZHU_KEY_PASSPHRASE = PASS
  try {
    return { code: await updateCommand(args), text: out.join('\n') }
  } finally {
    delete process.env.JIUZHU_KEY_PASSPHRASE
    log.mockRestore()
    err.mockRestore()
  }
}

const installer = seededRandom('cli-installer')(50_000)

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jiuzhu-update-cli-'))
  await writeFile(at('jiuzhu-desk-0.2.0-x64.AppImage'), installer)
  await writeFile(at('notes.txt'), '修正统计表的若干问题。\n')
  await writeFile(at('province.keys'), await sealPrivateKeys(keys.province, PASS))
  await writeFile(at('city.keys'), await sealPrivateKeys(keys.city, PASS))
  await writeFile(at('city-trust.json'), JSON.stringify([publicKeyRecord(keys.province)]))
  await writeFile(at('district-trust.json'), JSON.stringify([publicKeyRecord(keys.city)]))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const machine = ['--store-schema', '5', '--running', '0.1.0', '--platform', 'linux', '--arch', 'x64']

it('province → city → district through files: made, verified, relayed, written out for IT', async () => {
  const made = await cli(
    'create',
    at('jiuzhu-desk-0.2.0-x64.AppImage'),
    '--key',
    at('province.keys'),
    '--unit-name',
    '江苏省人民检察院',
    '--level',
    'province',
    '--version',
    '0.2.0',
    '--min-from',
    '0.1.0',
    '--store-schema',
    '6',
    '--platform',
    'linux',
    '--arch',
    'x64',
    '--notes',
    at('notes.txt'),
    '--date',
    '2026-12-07',
    '--out',
    at('update.jzb'),
  )
  expect(made.text).toContain('已制作软件更新包')
  expect(made.code).toBe(0)
  const city = ['--trust', at('city-trust.json'), '--unit', '320100', '--level', 'city', ...machine]
  const relayed = await cli(
    'relay',
    at('update.jzb'),
    ...city,
    '--key',
    at('city.keys'),
    '--unit-name',
    '南京市人民检察院',
    '--date',
    '2026-12-08',
    '--out',
    at('relay.jzb'),
  )
  expect(relayed.text).toContain('已制作转发件')
  expect(relayed.code).toBe(0)
  const district = ['--trust', at('district-trust.json'), '--unit', '320102', '--level', 'basic', ...machine]
  const got = await cli('verify', at('relay.jzb'), ...district, '--extract', at('导出'))
  expect(got.text).toContain('最低可升级版本：0.1.0')
  expect(got.text).toContain('修正统计表的若干问题。')
  expect(got.code).toBe(0)
  const written = await readFile(join(dir, '导出', '软件更新', '0.2.0', 'jiuzhu-desk-0.2.0-x64.AppImage'))
  expect(Buffer.compare(written, installer)).toBe(0)
  // the original package straight to the district: it has not enrolled the province
  const straight = await cli('verify', at('update.jzb'), ...district)
  expect(straight.text).toContain('江苏省人民检察院')
  expect(straight.code).toBe(1)
  // the city's machine is already on 0.2.0
  const replay = await cli(
    'verify',
    at('update.jzb'),
    ...city.slice(0, -8),
    '--store-schema',
    '6',
    '--running',
    '0.2.0',
    '--platform',
    'linux',
    '--arch',
    'x64',
  )
  expect(replay.text).toContain('已经安装，无需更新')
  expect(replay.code).toBe(1)
})
