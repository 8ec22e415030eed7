import 'fake-indexeddb/auto'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { createUpdate, receiveUpdate, relayUpdate } from '../../../renderer/src/db/commands/updatePackage'
import { migrations } from '../../../renderer/src/db/migrations'
import { displayValue } from '../../../shared/audit/diff'
import type { UpdateArch } from '../../../shared/update/updateManifest'
import { encodeBase64 } from '../../../shared/util/base64'
import { seededRandom } from '../bundle/helpers'
import { enroll, PASSPHRASE, startTestOffice, type TestOffice } from '../exchange-app/offices'

/**
 * 软件更新包 in the app (docs/packaging.md §7), as the 数据交换 screen runs it over the real IPC contract and
 * main-process services: the province makes a package, the city receives it and relays it, the district receives
 * the relay. The main process checks against its own version (0.1.0-test here), platform and architecture; each
 * office keeps one audit entry per package received, relayed or made, and nothing for a refused one.
 */
const installer = seededRandom('in-app-installer')(4000)
const thisArch = process.arch as UpdateArch
const otherArch: UpdateArch = thisArch === 'arm64' ? 'x64' : 'arm64'

const describe = (over: Partial<Parameters<typeof createUpdate>[4]['description']> = {}) => ({
  appVersion: '0.2.0',
  minVersionFrom: '0.1.0',
  storeSchemaVersion: migrations.length,
  platform: 'linux' as const,
  arch: thisArch,
  fileName: 'jiuzhu-desk-0.2.0.deb',
  notes: '修正统计表的若干问题。',
  issuedOn: '2026-12-07',
  ...over,
})

async function make(office: TestOffice, over: Parameters<typeof describe>[0] = {}): Promise<string> {
  const made = await createUpdate(office.db, office.admin, office.api, await office.unit(), {
    installer: encodeBase64(installer),
    description: describe(over),
    passphrase: office.passphrase,
  })
  if (!made.ok) throw new Error(made.error.message)
  return encodeBase64(new Uint8Array(await readFile(made.value.path)))
}

const updateAudit = async (office: TestOffice) =>
  (await office.db.audit.toArray()).filter((e) => e.command.startsWith('update.'))

it('province → city → district: made, received, relayed, received; one audit entry each, none for a refusal', async () => {
  const [province, city, basic] = await Promise.all([
    startTestOffice('province', PASSPHRASE.province),
    startTestOffice('city', PASSPHRASE.city),
    startTestOffice('basic', PASSPHRASE.basic),
  ])
  await enroll(city, province)
  await enroll(basic, city)
  await enroll(city, basic)

  const pkg = await make(province)
  expect((await updateAudit(province)).map((e) => e.command)).toEqual(['update.create'])

  // refused at the city: another architecture, an older version, a wrong passphrase for the province's package
  const auditBefore = await city.db.audit.count()
  const wrongArch = await receiveUpdate(
    city.db,
    city.admin,
    city.api,
    await city.unit(),
    await make(province, { arch: otherArch }),
  )
  expect(wrongArch).toMatchObject({ ok: false, error: { code: 'update.wrong-platform' } })
  const older = await receiveUpdate(
    city.db,
    city.admin,
    city.api,
    await city.unit(),
    await make(province, { appVersion: '0.0.9', minVersionFrom: '0.0.1' }),
  )
  expect(older).toMatchObject({ ok: false, error: { code: 'update.downgrade' } })
  expect(!older.ok && older.error.message).toContain('不能降级')
  expect(existsSync(join(city.exportDir, '软件更新'))).toBe(false)
  expect(await city.db.audit.count()).toBe(auditBefore)

  const atCity = await receiveUpdate(city.db, city.admin, city.api, await city.unit(), pkg)
  if (!atCity.ok) throw new Error(atCity.error.message)
  expect(atCity.value.runningVersion).toBe('0.1.0-test')
  expect(atCity.value.path).toBe(join(city.exportDir, '软件更新', '0.2.0', 'jiuzhu-desk-0.2.0.deb'))
  expect(Buffer.compare(await readFile(atCity.value.path), installer)).toBe(0)
  const provinceKey = (await province.unit()).fingerprint
  expect(atCity.value.issuerFingerprint).toBe(provinceKey)

  // the district has not enrolled the province: only the city's relay reaches it
  const direct = await receiveUpdate(basic.db, basic.admin, basic.api, await basic.unit(), pkg)
  expect(direct).toMatchObject({ ok: false, error: { code: 'bundle.unknown-sender' } })
  const wrongPass = await relayUpdate(city.db, city.admin, city.api, await city.unit(), {
    bytes: pkg,
    passphrase: 'wrong-passphrase',
    relayedOn: '2026-12-08',
  })
  expect(wrongPass).toMatchObject({ ok: false, error: { code: 'bundle.keys-wrong-passphrase' } })
  // a package for another architecture is relayed all the same: the district may run it
  const relayedOther = await relayUpdate(city.db, city.admin, city.api, await city.unit(), {
    bytes: await make(province, { arch: otherArch, appVersion: '0.2.1' }),
    passphrase: city.passphrase,
    relayedOn: '2026-12-08',
  })
  expect(relayedOther.ok).toBe(true)
  const relayed = await relayUpdate(city.db, city.admin, city.api, await city.unit(), {
    bytes: pkg,
    passphrase: city.passphrase,
    relayedOn: '2026-12-08',
  })
  if (!relayed.ok) throw new Error(relayed.error.message)
  expect(relayed.value.fileName).toBe(`update-relay_110300_0.2.0_linux_${thisArch}.jzb`)
  const cityAudit = await updateAudit(city)
  expect(cityAudit.map((e) => e.command)).toEqual(['update.receive', 'update.relay', 'update.relay'])
  expect(cityAudit[0].after).toMatchObject({
    appVersion: '0.2.0',
    signedBy: { unitCode: '110000', unitName: '北京市人民检察院' },
    signerFingerprint: provinceKey,
    path: atCity.value.path,
  })
  // as the audit log shows it: every field named in Chinese
  const shown = displayValue(cityAudit[0].after)
  expect(shown).toContain('软件版本：0.2.0')
  expect(shown).toContain('签发单位：（单位代码：110000，单位名称：北京市人民检察院）')
  expect(shown).not.toContain('其他')

  const basicBefore = await basic.db.audit.count()
  const atBasic = await receiveUpdate(
    basic.db,
    basic.admin,
    basic.api,
    await basic.unit(),
    encodeBase64(new Uint8Array(await readFile(relayed.value.path))),
  )
  if (!atBasic.ok) throw new Error(atBasic.error.message)
  expect(atBasic.value.update.notes).toBe('修正统计表的若干问题。')
  expect(atBasic.value.relayedBy).toEqual({ unitCode: '110300', unitName: '北京市人民检察院第三分院' })
  expect(atBasic.value.packageHash).toBe(atCity.value.packageHash)
  expect(await readFile(join(basic.exportDir, '软件更新', '0.2.0', '更新说明.txt'), 'utf8')).toContain(
    '转发单位：北京市人民检察院第三分院（110300）',
  )
  expect(await basic.db.audit.count()).toBe(basicBefore + 1)
  // a 基层院 has no one to relay to
  const basicRelay = await relayUpdate(basic.db, basic.admin, basic.api, await basic.unit(), {
    bytes: pkg,
    passphrase: basic.passphrase,
    relayedOn: '2026-12-09',
  })
  expect(basicRelay).toMatchObject({ ok: false, error: { code: 'update.no-subordinates' } })
}, 240_000) // three offices' keys are made and sealed with scrypt (2^17 for the admins): slow on a loaded machine
