import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditEntry } from '../../shared/audit/chain'
import { canonicalJson } from '../../shared/util/canonicalJson'
import {
  createUser,
  fillSetup,
  fillUnitStep,
  goTo,
  type Office,
  readStore,
  type SetupOffice,
  shot,
  startOffice,
  ZHAOYANG,
} from './harness'

/**
 * 审计日志校验算法 (docs/security.md「哪种算法保护什么」): an office chooses SM3 in the real setup screen; every audit
 * entry the page seals in real Chromium IndexedDB is the SM3 of its canonical bytes (node:crypto computes the same);
 * 审计日志 → 校验审计链 verifies the chain under SM3, and 关于 names the algorithm.
 */
describe('an office that chose SM3（国密） for its audit log at setup', () => {
  let office: Office
  const sm3Office: SetupOffice = { ...ZHAOYANG, auditHash: 'SM3（国密）' }
  beforeAll(async () => {
    office = await startOffice()
  })
  afterAll(async () => {
    await office?.close()
  })

  it('is chosen on the first setup step, SHA-256 offered as the default', async () => {
    const page = office.page
    await page.getByText('司法救助工作台 · 首次设置').waitFor()
    expect(await page.getByRole('radio', { name: 'SHA-256（默认）' }).isChecked()).toBe(true)
    await fillUnitStep(page, sm3Office)
    expect(await page.getByRole('radio', { name: 'SM3（国密）' }).isChecked()).toBe(true)
    await page.getByText('完成设置后不能更改，须使用国家密码算法的单位请选 SM3').waitFor()
    await shot(page, 'audit-hash-setup')
  })

  it('every entry is sealed with SM3; 校验审计链 verifies it under SM3; 关于 names it', async () => {
    const page = office.page
    await fillSetup(page, sm3Office)
    await page.getByTestId('current-user').waitFor()
    // a few actions of the administrator
    await goTo(page, '用户与审计')
    await page.getByRole('tab', { name: '用户管理' }).click()
    await createUser(page, { username: 'zhangsan', name: '张承办', role: '控申承办检察官', password: 'Chengban2026' })
    await page.getByRole('cell', { name: 'zhangsan' }).waitFor()
    await createUser(page, { username: 'lijz', name: '李检察长', role: '检察长/分管检察长', password: 'Jianzhang2026' })
    await page.getByRole('cell', { name: 'lijz' }).waitFor()

    const audit = ((await readStore(page, 'audit')) as AuditEntry[]).sort((a, b) => a.seq - b.seq)
    expect(audit[0]).toMatchObject({ seq: 1, table: 'audit', entityId: 'audit-hash', after: { auditHash: 'sm3' } })
    expect(audit.length).toBeGreaterThan(6)
    for (const { hash, ...fields } of audit) {
      expect(hash, `entry ${fields.seq}`).toBe(createHash('sm3').update(canonicalJson(fields), 'utf8').digest('hex'))
    }

    await page.getByRole('tab', { name: '审计日志' }).click()
    await page.getByRole('button', { name: '校验审计链' }).click()
    await page
      .getByText(`审计链完整：共 ${audit.length} 条记录，校验算法 SM3（国密），未发现改动、删除或顺序调换。`)
      .waitFor()
    await page.getByText(/记录与审计日志一致/).waitFor()
    // the setup's first entry is named by what it declares
    await page.getByRole('cell', { name: '审计日志校验算法' }).waitFor()
    await shot(page, 'audit-hash-verified')

    await goTo(page, '关于')
    const row = page.getByRole('row', { name: /审计日志校验算法/ })
    await row.getByText('SM3（国密）', { exact: true }).waitFor()
    await shot(page, 'audit-hash-about')
  })
})
