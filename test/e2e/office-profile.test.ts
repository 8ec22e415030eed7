import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  completeSetup,
  field,
  fillUnitStep,
  goTo,
  nextSetupStep,
  type Office,
  readStore,
  shot,
  startOffice,
  ZHAOYANG,
} from './harness'

/** 本院联系方式: asked (optionally) at first-run setup, checked in Chinese, edited by the administrator in 系统设置. */
describe('office contact profile (setup and 系统设置)', () => {
  let office: Office
  beforeAll(async () => {
    office = await startOffice()
  })
  afterAll(async () => {
    await office?.close()
  })

  const profile = async () =>
    ((await readStore(office.page, 'settings')) as { key: string; value: unknown }[]).find(
      (s) => s.key === 'officeProfile',
    )?.value

  it('a wrong phone or postcode at setup is named at its field and nothing is stored', async () => {
    const page = office.page
    await fillUnitStep(page, ZHAOYANG)
    await nextSetupStep(page)
    await field(page, '联系电话').fill('12345')
    await field(page, '邮政编码').fill('1000')
    await nextSetupStep(page)
    await page.getByText('联系电话应为固定电话（区号-号码，例如 010-65551234）或 11 位手机号码').waitFor()
    await page.getByText('邮政编码应为 6 位数字，例如 100020').waitFor()
    await shot(page, 'setup-profile-invalid')
    expect(await readStore(page, 'settings')).toEqual([])
  })

  it('valid contact details are stored with the setup and shown and edited in 系统设置', async () => {
    const page = office.page
    // back to the first step; the whole setup again, with good contact details
    await page.getByRole('button', { name: '上一步' }).click()
    await completeSetup(page, { 联系电话: '010-65551234', 邮政编码: '100020', 本院地址: '北京市朝阳区某某路1号' })
    expect(await profile()).toEqual({ phone: '010-65551234', postcode: '100020', address: '北京市朝阳区某某路1号' })

    await goTo(page, '系统设置')
    const card = page.locator('.ant-card').filter({ hasText: '本院联系方式' })
    await card.waitFor()
    expect(await field(card as never, '联系电话').inputValue()).toBe('010-65551234')
    await field(card as never, '联系电话').fill('6555')
    await card.getByRole('button', { name: '保存联系方式' }).click()
    await card.getByText('联系电话应为固定电话（区号-号码，例如 010-65551234）或 11 位手机号码').waitFor()
    expect((await profile()) as { phone: string }).toMatchObject({ phone: '010-65551234' })

    await field(card as never, '联系电话').fill('13800138000')
    await field(page, '救助金发放开户银行').fill('中国工商银行北京朝阳支行')
    await card.getByRole('button', { name: '保存联系方式' }).click()
    await page.getByText('已保存：本院联系方式').waitFor()
    await shot(page, 'settings-office-profile')
    expect(await profile()).toEqual({
      phone: '13800138000',
      postcode: '100020',
      address: '北京市朝阳区某某路1号',
      bankName: '中国工商银行北京朝阳支行',
    })
    const audit = (await readStore(page, 'audit')) as { command: string }[]
    expect(audit.filter((a) => a.command === 'settings.update')).toHaveLength(1)
  })
})
