import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, completeSetup, field, goTo, type Office, readStore, shot, signInAs, startOffice } from './harness'

describe('backup and restore in Chromium', () => {
  let office: Office
  const oldProfiles: string[] = []
  beforeAll(async () => {
    office = await startOffice()
    await completeSetup(office.page)
  })
  afterAll(async () => {
    await office?.close()
    for (const d of oldProfiles) await rm(d, { recursive: true, force: true })
  })

  it('the administrator writes an encrypted backup; a mismatched password is refused first', async () => {
    const page = office.page
    await goTo(page, '系统设置')
    await field(page, '备份密码').fill('Beifen2026x')
    await field(page, '确认备份密码').fill('Beifen2026y')
    await page.getByRole('button', { name: '立即备份' }).click()
    await page.getByText('两次输入的备份密码不一致。').waitFor()
    expect(await readdir(join(office.dataDir, '备份')).catch(() => [])).toEqual([])
    await field(page, '确认备份密码').fill('Beifen2026x')
    await page.getByRole('button', { name: '立即备份' }).click()
    await page.getByText(/备份完成：朝检备份-.*\.jzbak/).waitFor()
    await page.getByRole('cell', { name: '北京市朝阳区人民检察院' }).waitFor()
    await shot(page, 'settings-backup')
  })

  it('a new, empty profile restores it: wrong password refused, then everything back', async () => {
    oldProfiles.push(office.profileDir)
    office.profileDir = await mkdtemp(join(tmpdir(), 'e2e-profile-'))
    const page = await office.relaunch()
    await page.getByText('从备份恢复').waitFor()
    await page.getByRole('combobox', { name: '备份文件' }).click()
    await page.getByTitle(/北京市朝阳区人民检察院/).click()
    await field(page, '备份密码').fill('Cuowu2026x')
    await page.getByRole('button', { name: /恢\s*复/ }).click()
    await page.getByText('备份密码不正确，未做任何改动。').waitFor()
    expect(await readStore(page, 'units')).toEqual([])
    await field(page, '备份密码').fill('Beifen2026x')
    await page.getByRole('button', { name: /恢\s*复/ }).click()
    await page.getByRole('button', { name: /登\s*录/ }).waitFor()
    await signInAs(page, ADMIN.username, ADMIN.password)
    await page.getByTestId('current-user').getByText(`当前用户：${ADMIN.name}`).waitFor()
    expect(((await readStore(page, 'units')) as unknown[]).length).toBe(2)
    await goTo(page, '用户与审计')
    await page.getByRole('tab', { name: '审计日志' }).click()
    await page.getByRole('button', { name: '校验审计链' }).click()
    await page.getByText(/审计链完整/).waitFor()
  })
})
