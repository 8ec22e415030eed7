import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AuditEntry, verifyAuditChain } from '../../shared/audit/chain'
import { resealChain } from '../unit/db/forgeAudit'
import { exchangeTab } from './exchangeSteps'
import {
  ADMIN,
  completeSetup,
  createUser,
  goTo,
  lockOut,
  type Office,
  readStore,
  shot,
  signInAs,
  signOut,
  startOffice,
  writeStores,
} from './harness'

/**
 * “守得住” #2, the adversary's sequence in browser mode: a clerk edited to administrator, a lockout cleared, the unit
 * row edited, the last 3 audit entries deleted and entry 3 rewritten and re-hashed — all straight into IndexedDB, as
 * DevTools allow. 校验审计链 alone said “审计链完整” after each. Now the next start shows a red banner that cannot be
 * closed (the anchor kept by the main process; the accounts and the unit against the audit log), 校验审计链 lists
 * every record that does not match, and no bundle can be exported until an administrator re-establishes the anchor
 * with a reason.
 */
describe('tampering in IndexedDB is visible at the next start', () => {
  let office: Office
  beforeAll(async () => {
    office = await startOffice()
    await completeSetup(office.page)
  })
  afterAll(async () => {
    await office?.close()
  })

  it('an untouched office: no banner, the anchor matches, every record matches its audit entry', async () => {
    const page = office.page
    await goTo(page, '用户与审计')
    await page.getByRole('tab', { name: '用户管理' }).click()
    await createUser(page, { username: 'zhangsan', name: '张承办', role: '控申承办检察官', password: 'Chengban2026' })
    // five wrong passwords lock the clerk out
    await signOut(page)
    await lockOut(page, 'zhangsan')
    await signInAs(page, ADMIN.username, ADMIN.password)
    await goTo(page, '用户与审计')
    await page.getByRole('tab', { name: '审计日志' }).click()
    await page.getByRole('button', { name: '校验审计链' }).click()
    await page.getByText(/审计链完整：共 \d+ 条记录/).waitFor()
    await page.getByText(/记录与审计日志一致：\d+ 条记录的现状都与审计日志最后记载的相同/).waitFor()
    const count = ((await readStore(page, 'audit')) as unknown[]).length
    await page
      .getByTestId('audit-anchor-panel')
      .getByText(new RegExp(`审计校验点：一致（第 ${count} 条`))
      .waitFor()
    expect(await page.getByTestId('audit-anchor-banner').count()).toBe(0)
    expect(await page.getByTestId('audit-records-banner').count()).toBe(0)
  })

  it('the adversary edits accounts, the unit and the audit log; the next start shows it and exports are refused', async () => {
    const page = office.page
    const users = (await readStore(page, 'users')) as Record<string, unknown>[]
    const clerk = users.find((u) => u.username === 'zhangsan')!
    expect(clerk.lockedUntil).toBeDefined()
    const { lockedUntil: _cleared, ...unlocked } = clerk
    const unit = ((await readStore(page, 'units')) as Record<string, unknown>[]).find((u) => u.code === '110105')!
    const audit = ((await readStore(page, 'audit')) as AuditEntry[]).sort((a, b) => a.seq - b.seq)
    const n = audit.length

    // the last 3 entries deleted, entry 3 rewritten and the chain re-hashed after it
    const forged = resealChain(audit.slice(0, -3), (e) =>
      e.seq === 3 ? { ...e, after: { ...(e.after as object), displayName: '另一个人' } } : e,
    )
    expect(verifyAuditChain(forged).ok).toBe(true)
    await page.evaluate(
      (seqs) =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('jiuzhu-desk')
          req.onerror = () => reject(req.error)
          req.onsuccess = () => {
            const tx = req.result.transaction('audit', 'readwrite')
            for (const s of seqs) tx.objectStore('audit').delete(s)
            tx.oncomplete = () => {
              req.result.close()
              resolve()
            }
            tx.onerror = () => reject(tx.error)
          }
        }),
      audit.slice(-3).map((e) => e.seq),
    )
    await writeStores(page, {
      users: [{ ...unlocked, roles: ['admin'], failedLogins: 0 }],
      units: [{ ...unit, name: '北京市朝阳区人民检察院（改）' }],
      audit: forged,
    })
    expect(((await readStore(page, 'audit')) as unknown[]).length).toBe(n - 3)

    // the next start
    await page.reload()
    await page.getByRole('button', { name: /登\s*录/ }).waitFor()
    const banner = page.getByTestId('audit-anchor-banner')
    await banner.waitFor()
    expect(await banner.textContent()).toMatch(
      new RegExp(`审计记录与本机保存的校验点不一致：本机校验点记有 ${n} 条审计记录（.*更新），现在只有 ${n - 3} 条`),
    )
    const records = page.getByTestId('audit-records-banner')
    await records.waitFor()
    const listed = (await records.textContent()) ?? ''
    expect(listed).toContain(`用户记录 ${clerk.id} 与审计日志第`)
    // its last remaining entry is the 4th failed sign-in: not locked yet, so the cleared lockout matches that one
    expect(listed).toMatch(/字段 failedLogins、roles被改动/)
    // the administrator whose creation (entry 3) was rewritten no longer matches either
    expect(listed).toMatch(/与审计日志第 3 条记载的不一致：字段 displayName/)
    expect(listed).toContain('单位记录 110105 与审计日志第')
    // the banners cannot be closed
    expect(await banner.getByRole('button').count()).toBe(0)
    await shot(page, 'audit-tamper-01-start')

    await signInAs(page, ADMIN.username, ADMIN.password)
    await page.getByTestId('current-user').waitFor()
    await banner.waitFor()
    await goTo(page, '用户与审计')
    await page.getByRole('tab', { name: '审计日志' }).click()
    await page.getByRole('button', { name: '校验审计链' }).click()
    // the chain on its own still verifies — it was re-hashed — but nothing else does
    await page.getByText(/审计链完整：共 \d+ 条记录/).waitFor()
    const mismatches = page.getByTestId('records-mismatches')
    await mismatches.waitFor()
    expect(await mismatches.textContent()).toContain(`用户记录 ${clerk.id}`)
    await page
      .getByTestId('audit-anchor-panel')
      .getByText(/审计校验点：不一致：审计记录比校验点少/)
      .waitFor()
    await shot(page, 'audit-tamper-02-viewer')

    // no bundle leaves this office meanwhile
    await exchangeTab(page, '本院身份与单位目录')
    await page.getByLabel('本院密钥口令').fill(ADMIN.password)
    await page.getByRole('button', { name: '导出入网登记包' }).click()
    const refusal = page.getByText(/本次未导出/).first()
    await refusal.waitFor()
    // the export's own bookkeeping brought the log back to the anchor's length: now it names the rewrite
    expect(await refusal.textContent()).toMatch(
      /审计记录与本机保存的校验点不一致：(本机校验点记有 \d+ 条审计记录|第 \d+ 条审计记录的校验值与本机校验点)/,
    )
    expect(await readdir(join(office.exportDir, '数据交换')).catch(() => [])).toEqual([])
    await shot(page, 'audit-tamper-03-export-refused')
  })

  it('an administrator re-establishes the anchor with a reason; the reason stays in its history', async () => {
    const page = office.page
    await goTo(page, '用户与审计')
    await page.getByRole('tab', { name: '审计日志' }).click()
    await page.getByRole('button', { name: '重新建立校验点…' }).click()
    const dialog = page.getByRole('dialog', { name: '重新建立审计校验点' })
    await dialog.getByLabel('重新建立的原因').fill('测试：核实为人为改动，已报告上级院')
    await dialog.getByRole('button', { name: '重新建立' }).click()
    await page.getByText(/已按现有的 \d+ 条审计记录重新建立校验点/).waitFor()
    await page.getByTestId('audit-anchor-banner').waitFor({ state: 'detached' })
    const panel = page.getByTestId('audit-anchor-panel')
    await panel.getByText(/原因：测试：核实为人为改动，已报告上级院；操作人：王管理（admin）/).waitFor()
    expect(await panel.textContent()).toMatch(
      /发现：(本机校验点记有 \d+ 条审计记录|第 \d+ 条审计记录的校验值与本机校验点)/,
    )
    // the records edited past the command layer still do not match: re-establishing the anchor does not hide them
    await page.getByRole('button', { name: '校验审计链' }).click()
    await page.getByTestId('records-mismatches').waitFor()
    await shot(page, 'audit-tamper-04-reset')
  })
})
