import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { type OfficeKeys, unsealPrivateKeys } from '../../../electron/services/bundle/keys'
import { createUpdatePackage, type UpdateDescription } from '../../../electron/services/update/packUpdate'
import { receiveUpdate } from '../../../renderer/src/db/commands/updatePackage'
import { EX, type OfficeKeyRow } from '../../../renderer/src/db/exchange'
import { migrations } from '../../../renderer/src/db/migrations'
import type { UpdateArch } from '../../../shared/update/updateManifest'
import { encodeBase64 } from '../../../shared/util/base64'
import { seededRandom } from '../bundle/helpers'
import { exRow, startEnrolledPair, type TestOffice } from '../exchange-app/offices'

/**
 * 导入软件更新包 in the app (docs/packaging.md §7): the page names its office and trusted keys through the IPC
 * contract; the main process checks against its own version (0.0.0-test here), platform and architecture.
 */
const installer = seededRandom('in-app-installer')(4000)
const thisArch = process.arch as UpdateArch
const otherArch: UpdateArch = thisArch === 'arm64' ? 'x64' : 'arm64'

const unsealed = new Map<TestOffice, OfficeKeys>()

async function packageFrom(office: TestOffice, over: Partial<UpdateDescription> = {}): Promise<string> {
  const unit = await office.unit()
  const keys =
    unsealed.get(office) ??
    (await unsealPrivateKeys((await exRow<OfficeKeyRow>(office, EX.officeKey)).sealed, office.passphrase))
  unsealed.set(office, keys)
  const { bytes } = createUpdatePackage({
    installer,
    description: {
      appVersion: '0.2.0',
      minVersionFrom: '0.0.0',
      storeSchemaVersion: migrations.length,
      platform: 'linux',
      arch: thisArch,
      fileName: 'jiuzhu-desk-0.2.0.deb',
      notes: '修正统计表的若干问题。',
      issuedOn: '2026-12-07',
      ...over,
    },
    sender: { keys, unitCode: unit.code, unitName: unit.name, level: unit.level },
  })
  return encodeBase64(bytes)
}

it('the 基层院 takes its 市级院’s package: installer and notes in 导出/软件更新/0.2.0; refusals write nothing', async () => {
  const [basic, city] = await startEnrolledPair()
  const folder = join(basic.exportDir, '软件更新')
  const auditBefore = await basic.db.audit.count()

  const wrongArch = await receiveUpdate(
    basic.db,
    basic.api,
    await basic.unit(),
    await packageFrom(city, { arch: otherArch }),
  )
  expect(wrongArch).toMatchObject({ ok: false, error: { code: 'update.wrong-platform' } })
  const fromBelow = await receiveUpdate(city.db, city.api, await city.unit(), await packageFrom(basic))
  expect(fromBelow).toMatchObject({ ok: false, error: { code: 'update.not-from-above' } })
  expect(!fromBelow.ok && fromBelow.error.message).toContain('不是本院的上级院')
  expect(existsSync(folder)).toBe(false)

  const got = await receiveUpdate(basic.db, basic.api, await basic.unit(), await packageFrom(city))
  if (!got.ok) throw new Error(got.error.message)
  expect(got.value.runningVersion).toBe('0.0.0-test')
  expect(got.value.update.appVersion).toBe('0.2.0')
  expect(got.value.path).toBe(join(folder, '0.2.0', 'jiuzhu-desk-0.2.0.deb'))
  expect(Buffer.compare(await readFile(got.value.path), installer)).toBe(0)
  expect(await readFile(join(folder, '0.2.0', '更新说明.txt'), 'utf8')).toContain('修正统计表的若干问题。')
  expect(await basic.db.audit.count()).toBe(auditBefore)
}, 120_000) // two offices' keys are made and sealed with scrypt; the unit project's 30 s is tight on a loaded machine
