import 'fake-indexeddb/auto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { unsealPrivateKeys } from '../../../electron/services/bundle/keys'
import {
  EX,
  exportArchive,
  exportTrustDirectory,
  type OfficeKeyRow,
  revokeKey,
} from '../../../renderer/src/db/exchange'
import { legacySealed, runBundleCli } from '../bundle/helpers'
import { snapshot } from '../db/fixtures'
import { exRow, onlyPart, startEnrolledPair, type TestOffice } from './offices'

/**
 * 导出可信单位目录 (数据交换 → 本院身份): the keys the office trusts, written by the main process to the 导出 folder,
 * are what `npm run cli -- bundle verify --trust <file>` checks a sender against (docs/bundle-format.md §10).
 * Through the real app path (command layer, IPC contract, main-process services) and the real CLI command.
 */
let basic: TestOffice
let city: TestOffice
// two offices with real keys and enrolment bundles: slower than the default hook time on a loaded machine
beforeEach(async () => {
  ;[basic, city] = await startEnrolledPair()
}, 120_000)
afterEach(() => {
  basic?.db.close()
  city?.db.close()
})

/** The basic office's 上报 bundle, as a file on disk. */
async function archivePath(): Promise<string> {
  const res = await exportArchive(basic.db, basic.admin, basic.api, await basic.unit(), basic.passphrase)
  if (!res.ok) throw new Error(res.error.message)
  return join(basic.exportDir, '数据交换', onlyPart(res.value).fileName)
}

describe('the trusted directory file', () => {
  it('makes bundle verify name the sender as verified; without it the CLI says the sender is not verified', async () => {
    const bundle = await archivePath()
    const before = await snapshot(city.db)
    const exported = await exportTrustDirectory(city.db, city.api, await city.unit())
    if (!exported.ok) throw new Error(exported.error.message)
    expect(await snapshot(city.db)).toEqual(before)
    expect(exported.value.path).toBe(join(city.exportDir, '数据交换', exported.value.fileName))
    expect(exported.value.fileName).toMatch(/^可信单位目录_110300_\d{8}\.json$/)
    const text = await readFile(exported.value.path, 'utf8')
    expect(text).not.toMatch(/PrivateKey|sealed|passphrase/)
    const file = JSON.parse(text)
    expect(file.directory.map((e: { unitCode: string }) => e.unitCode)).toEqual(['110105', '110300'])
    expect(exported.value.count).toBe(2)

    const without = await runBundleCli('verify', bundle)
    expect(without.code).toBe(3)
    expect(without.text).toContain('签名有效但发送单位身份未核验。')
    const withTrust = await runBundleCli('verify', bundle, '--trust', exported.value.path)
    expect(withTrust.code).toBe(0)
    expect(withTrust.text).toContain('校验通过。')
    expect(withTrust.text).not.toContain('未核验')

    // the basic office's own directory (it holds only the city's key and its own) trusts its own bundle too
    const own = await exportTrustDirectory(basic.db, basic.api, await basic.unit())
    if (!own.ok) throw new Error(own.error.message)
    expect((await runBundleCli('verify', bundle, '--trust', own.value.path)).code).toBe(0)
  })

  it('a key revoked here is written as no longer trusted, and the CLI refuses the sender', async () => {
    const bundle = await archivePath()
    const revoked = await revokeKey(city.db, city.admin, '110105', '保存密钥的电脑被盗')
    if (!revoked.ok) throw new Error(revoked.error.message)
    const exported = await exportTrustDirectory(city.db, city.api, await city.unit())
    if (!exported.ok) throw new Error(exported.error.message)
    const entry = JSON.parse(await readFile(exported.value.path, 'utf8')).directory.find(
      (e: { unitCode: string }) => e.unitCode === '110105',
    )
    expect(entry.revokedKeys).toEqual([{ keyId: entry.record.keyId }])
    const r = await runBundleCli('verify', bundle, '--trust', exported.value.path)
    expect(r.code).toBe(1)
    expect(r.text).toContain('不在本院的可信单位目录中')
  })
})

describe('an office key sealed by an earlier version', () => {
  it('is re-sealed in the current format (with the header checksum) at the next export, same key', async () => {
    // the basic office's key as an earlier version sealed it (version 1, no checksum)
    const row = await exRow<OfficeKeyRow>(basic, EX.officeKey)
    const keys = await unsealPrivateKeys(row.sealed, basic.passphrase)
    await basic.db.exchange.put({ ...row, sealed: legacySealed(keys, basic.passphrase) } as never)
    expect(JSON.parse((await exRow<OfficeKeyRow>(basic, EX.officeKey)).sealed)).toMatchObject({ version: 1 })

    await archivePath()
    const after = await exRow<OfficeKeyRow>(basic, EX.officeKey)
    expect(JSON.parse(after.sealed)).toMatchObject({ version: 3, kdf: { logN: 17, r: 8, p: 1 } })
    expect(after.record).toEqual(row.record)
    const entry = await basic.db.audit
      .orderBy('seq')
      .filter((e) => e.command === 'exchange.keys')
      .last()
    expect(entry).toMatchObject({ table: 'exchange', entityId: EX.officeKey })
  })
})
