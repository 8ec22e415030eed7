import { type OfficeProfile, officeProfileSchema, profileFromForm } from '@shared/domain/officeProfile'
import { Button, Card, Col, Form, Input, Row, Typography } from 'antd'
import { useFormDraft } from '../../app/formDraft'
import { useMessageReport } from '../../app/messageReport'
import { useSession } from '../../app/session'
import { useAction } from '../../app/useAction'
import { validateWithSchema } from '../../components/zodForm'
import { updateSetting, useDbQuery } from '../../db'

/** The fields of 本院联系方式, shared by first-run setup and 系统设置 (labels as printed on documents). */
export function OfficeProfileFields({ prefix = [], disabled }: { prefix?: string[]; disabled?: boolean }) {
  const name = (k: keyof OfficeProfile) => [...prefix, k]
  return (
    <Row gutter={16}>
      <Col span={16}>
        <Form.Item label="本院地址" name={name('address')} tooltip="印在告知书、通知书的联系方式中">
          <Input placeholder="例如：北京市朝阳区某某路1号" maxLength={80} disabled={disabled} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item label="邮政编码" name={name('postcode')}>
          <Input placeholder="6 位数字" maxLength={6} inputMode="numeric" disabled={disabled} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item label="联系电话" name={name('phone')} tooltip="控告申诉检察部门对外的电话，例如 010-65551234">
          <Input placeholder="例如：010-65551234" maxLength={20} disabled={disabled} />
        </Form.Item>
      </Col>
      <Col span={16}>
        <Form.Item label="救助金发放开户银行" name={name('bankName')} tooltip="领取通知书写明由该行转账发放">
          <Input placeholder="例如：中国工商银行北京朝阳支行" maxLength={40} disabled={disabled} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item label="账户名称" name={name('bankAccountName')}>
          <Input placeholder="例如：北京市朝阳区人民检察院" maxLength={60} disabled={disabled} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item label="银行账号" name={name('bankAccountNo')}>
          <Input placeholder="数字，不含空格" maxLength={30} inputMode="numeric" disabled={disabled} />
        </Form.Item>
      </Col>
    </Row>
  )
}

/** 系统设置 → 本院联系方式: the administrator edits what documents print as the office's contact. */
export function OfficeProfileCard() {
  const { store, actor } = useSession()
  const { run } = useAction(useMessageReport())
  const [form] = Form.useForm<OfficeProfile>()
  const profile = useDbQuery(() => store.setting('officeProfile'), [store])
  const isAdmin = actor.roles.includes('admin')
  const draft = useFormDraft(form, 'settings:office-profile')
  if (!profile) return null

  async function save() {
    const value = validateWithSchema(form, officeProfileSchema, profileFromForm(form.getFieldsValue(true)))
    if (!value) return
    const res = await run(updateSetting, { key: 'officeProfile', value }, { success: '已保存：本院联系方式' })
    if (res.ok) await draft.saved()
  }

  return (
    <Card title="本院联系方式" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">
        文书中的联系电话、地址和邮政编码取自这里；领取通知书写明救助金由哪家银行转账发放。各项均可不填。
      </Typography.Paragraph>
      {draft.offer}
      <Form form={form} layout="vertical" initialValues={profile} onFinish={save} onValuesChange={draft.changed}>
        <OfficeProfileFields disabled={!isAdmin} />
        {isAdmin && (
          <Button type="primary" htmlType="submit">
            保存联系方式
          </Button>
        )}{' '}
        {draft.autoSaved}
      </Form>
    </Card>
  )
}
