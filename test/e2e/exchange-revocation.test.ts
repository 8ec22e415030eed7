import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  CITY,
  closeThreeOffices,
  enroll,
  exchangeTab,
  exportFrom,
  importBundle,
  ownFingerprint,
  PROVINCE,
  pick,
  shotsOnFailure,
  startThreeOffices,
  type ThreeOffices,
} from './exchangeSteps'
import { ADMIN, readStore, shot } from './harness'

/**
 * 吊销密钥 through the UI, three office PCs (browser-mode profiles), files carried by hand: the 市's key is lost, so
 * no rotation can be signed. The 省 revokes it with a reason (数据交换 → 本院登记的下级单位 → 吊销密钥); an archive
 * the old key signed is then refused with the reason and nothing written. The 市 makes a new key under a new
 * passphrase and exports a new enrollment bundle; the 省 re-enrols it on the fingerprint read aloud; the 基层 revokes
 * its parent's old key and re-enrols it too. The 市's next archive (new key) is accepted, its channel continuing.
 */
const NEW_PASSPHRASE = 'Xinkouling2026'
const REASON = '分院原系统管理员离职，密钥口令遗失'
let o: ThreeOffices
let failed = false
let oldArchive: string

beforeAll(async () => {
  o = await startThreeOffices()
}, 180_000)
afterEach((ctx) => {
  failed ||= ctx.task.result?.state === 'fail'
})
afterAll(async () => {
  await shotsOnFailure(failed, 'revocation', o ?? {})
  await closeThreeOffices(o ?? {})
})

type ExchangeRow = { key: string; revoked?: { keyId: string; reason: string }[]; fingerprint?: string }
type AuditRow = { command: string; entityId: string }

describe('吊销密钥 and re-enrolment', () => {
  it('enrollment 基层 ↔ 市 ↔ 省; the 市 writes an archive with its (soon lost) key', async () => {
    const { basic, city, province } = o
    const fp = {
      basic: await ownFingerprint(basic.page),
      city: await ownFingerprint(city.page),
      province: await ownFingerprint(province.page),
    }
    const basicEnrollment = await exportFrom(basic, '导出入网登记包', ADMIN.password, 'identity-outcome')
    const cityEnrollment = await exportFrom(city, '导出入网登记包', CITY.admin.password, 'identity-outcome')
    const provinceEnrollment = await exportFrom(province, '导出入网登记包', PROVINCE.admin.password, 'identity-outcome')
    await enroll(city.page, basicEnrollment, fp.basic, /已登记下级单位/)
    await enroll(basic.page, cityEnrollment, fp.city, /已登记上级院/)
    await enroll(province.page, cityEnrollment, fp.city, /已登记下级单位/)
    await enroll(city.page, provinceEnrollment, fp.province, /已登记上级院/)
    await exchangeTab(city.page, '上报上级院')
    oldArchive = await exportFrom(city, '导出上报数据包', CITY.admin.password, 'upward-outcome')
  }, 180_000)

  it('the 省 revokes the 市’s key with a reason; the archive signed with it is refused, nothing written', async () => {
    const page = o.province.page
    await exchangeTab(page, '本院身份与单位目录')
    const row = page.getByRole('row', { name: /北京市人民检察院第三分院/ })
    await row.getByRole('button', { name: '吊销密钥' }).click()
    const dialog = page.getByRole('dialog', { name: /吊销“北京市人民检察院第三分院”的密钥/ })
    await expect.poll(() => dialog.getByRole('button', { name: /^吊\s?销$/ }).isDisabled()).toBe(true)
    await dialog.getByLabel('吊销原因').fill(REASON)
    await shot(page, 'revocation-01-reason')
    await dialog.getByRole('button', { name: /^吊\s?销$/ }).click()
    await page
      .getByTestId('identity-outcome')
      .getByText(/已吊销“北京市人民检察院第三分院”的密钥/)
      .waitFor()
    await page.getByTestId('revoked-110300').waitFor()
    await shot(page, 'revocation-02-revoked')
    const peer = ((await readStore(page, 'exchange')) as ExchangeRow[]).find((r) => r.key === 'peer:110300')
    expect(peer?.revoked).toMatchObject([{ reason: REASON }])

    const before = { audit: await readStore(page, 'audit'), received: await readStore(page, 'receivedBundles') }
    await pick(page, oldArchive)
    await page
      .getByTestId('import-outcome')
      .getByText(/已被吊销的密钥.*未导入任何数据/)
      .waitFor()
    await page.getByTestId('import-outcome').getByText(new RegExp(REASON)).waitFor()
    await shot(page, 'revocation-03-refused')
    expect(await readStore(page, 'audit')).toEqual(before.audit)
    expect(await readStore(page, 'receivedBundles')).toEqual(before.received)
  }, 120_000)

  it('the 市 makes a new key under a new passphrase and exports a new enrollment bundle', async () => {
    const { city } = o
    const page = city.page
    const oldFingerprint = await ownFingerprint(page)
    await page.getByLabel('新密钥口令', { exact: true }).fill(NEW_PASSPHRASE)
    await page.getByLabel('确认新密钥口令').fill(NEW_PASSPHRASE)
    await page.getByRole('button', { name: '重新生成本院密钥' }).click()
    await page.getByRole('button', { name: /^生\s?成$/ }).click()
    await page
      .getByTestId('reissue-outcome')
      .getByText(/已生成本院新密钥/)
      .waitFor()
    const newFingerprint = await ownFingerprint(page)
    expect(newFingerprint).not.toBe(oldFingerprint)
    await shot(page, 'revocation-04-reissued')
    const enrollment = await exportFrom(city, '导出入网登记包', NEW_PASSPHRASE, 'identity-outcome')

    // the 省 re-enrols it: the preview says what was revoked; the fingerprint is typed as read aloud
    const p = o.province.page
    await pick(p, enrollment)
    await p
      .getByTestId('reenrolment')
      .getByText(new RegExp(`由本院吊销（原因：${REASON}）`))
      .waitFor()
    await shot(p, 'revocation-05-reenrolment-preview')
    await p.getByLabel('对方读出的指纹').fill(newFingerprint.replaceAll('-', ' '))
    await p.getByRole('button', { name: '核对指纹并登记' }).click()
    await p
      .getByTestId('import-outcome')
      .getByText('指纹一致，已以新密钥重新登记下级单位：北京市人民检察院第三分院（110300）')
      .waitFor()
    await exchangeTab(p, '本院身份与单位目录')
    await p
      .getByRole('row', { name: /北京市人民检察院第三分院/ })
      .getByText('有效（已重新登记）')
      .waitFor()
    const audit = (await readStore(p, 'audit')) as AuditRow[]
    expect(audit.filter((a) => a.entityId === 'peer:110300').map((a) => a.command)).toEqual([
      'exchange.enroll',
      'exchange.enroll',
      'exchange.enroll',
    ])

    // the 基层 revokes its parent's old key (上级院 card) and re-enrols the 市 the same way
    const b = o.basic.page
    await exchangeTab(b, '本院身份与单位目录')
    await b.getByRole('button', { name: '吊销密钥' }).click()
    const dialog = b.getByRole('dialog', { name: /吊销“北京市人民检察院第三分院”的密钥/ })
    await dialog.getByLabel('吊销原因').fill(REASON)
    await dialog.getByRole('button', { name: /^吊\s?销$/ }).click()
    await b.getByTestId('revoked-110300').waitFor()
    await enroll(b, enrollment, newFingerprint, /已以新密钥重新登记上级院：北京市人民检察院第三分院/)
  }, 120_000)

  it('the 市’s next archive, signed with the new key, is accepted; its channel continues', async () => {
    const { city, province } = o
    await exchangeTab(city.page, '上报上级院')
    const next = await exportFrom(city, '导出上报数据包', NEW_PASSPHRASE, 'upward-outcome')
    expect(next).toMatch(/archive_110300_110000_2_\d{8}\.jzb$/)
    await importBundle(province, next, PROVINCE.admin.password, 'revocation-06-new-key-preview')
    const channel = ((await readStore(province.page, 'exchange')) as (ExchangeRow & { gaps?: number[] })[]).find(
      (r) => r.key === 'in:110300',
    )
    expect(channel).toMatchObject({ lastReceivedSeq: 2, gaps: [1] })
  }, 120_000)
})
