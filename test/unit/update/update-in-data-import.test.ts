import 'fake-indexeddb/auto'
import { expect, it } from 'vitest'
import { unsealPrivateKeys } from '../../../electron/services/bundle/keys'
import { createUpdatePackage } from '../../../electron/services/update/packUpdate'
import { EX, inspectPicked, type OfficeKeyRow } from '../../../renderer/src/db/exchange'
import { encodeBase64 } from '../../../shared/util/base64'
import { seededRandom } from '../bundle/helpers'
import { exRow, startEnrolledPair } from '../exchange-app/offices'

/** A 软件更新包 picked in 数据交换 → 导入数据包 is named for what it is and goes no further (nothing written). */
it('the data import refuses an update package from the enrolled upper office, saying what it is', async () => {
  const [basic, city] = await startEnrolledPair()
  const unit = await city.unit()
  const keys = await unsealPrivateKeys((await exRow<OfficeKeyRow>(city, EX.officeKey)).sealed, city.passphrase)
  const { bytes } = createUpdatePackage({
    installer: seededRandom('installer')(1000),
    description: {
      appVersion: '0.2.0',
      minVersionFrom: '0.1.0',
      storeSchemaVersion: 6,
      platform: 'win32',
      arch: 'x64',
      fileName: 'jiuzhu-desk-0.2.0.exe',
      notes: '修正若干问题。',
      issuedOn: '2026-12-07',
    },
    sender: { keys, unitCode: unit.code, unitName: unit.name, level: unit.level },
  })
  const auditBefore = await basic.db.audit.count()
  const picked = await inspectPicked(basic.db, basic.api, await basic.unit(), encodeBase64(bytes))
  expect(picked).toMatchObject({ ok: false, error: { code: 'update.not-a-data-bundle' } })
  expect(!picked.ok && picked.error.message).toContain('所选文件是软件更新包')
  expect(await basic.db.audit.count()).toBe(auditBefore)
})
