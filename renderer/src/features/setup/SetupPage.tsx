import { officeSetupSchema, unitLevelLabels, unitLevels } from '@shared/domain/officeSetup'
import { passwordProblems } from '@shared/domain/passwordPolicy'
import { newRecordId } from '@shared/util/recordId'
import { Alert, Button, Card, Col, Form, Input, Row, Select, Typography } from 'antd'
import { useState } from 'react'
import { validateWithSchema } from '../../components/zodForm'
import { execute, type JiuzhuDb, setupOffice } from '../../db'
import { api } from '../../platform/api'
import { RestoreBackupCard } from './RestoreBackupCard'

interface SetupValues {
  unit: {
    name?: string
    shortName?: string
    code?: string
    level?: string
    parentCode?: string
    parentName?: string
    regionCode?: string
  }
  admin: { username?: string; displayName?: string; password?: string; confirm?: string }
}

/** 首次设置: this office's identity and its first administrator, validated, stored in IndexedDB. */
export function SetupPage({
  db,
  onDone,
  onRestored,
}: {
  db: JiuzhuDb
  onDone: (adminId: string) => void
  onRestored: () => void
}) {
  const [form] = Form.useForm<SetupValues>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const level = Form.useWatch(['unit', 'level'], form)

  async function submit() {
    setError(undefined)
    const v = form.getFieldsValue(true) as SetupValues
    const password = v.admin?.password ?? ''
    const extra = [
      { name: ['admin', 'password'], errors: passwordProblems(password, v.admin?.username ?? '') },
      { name: ['admin', 'confirm'], errors: password === (v.admin?.confirm ?? '') ? [] : ['两次输入的密码不一致'] },
    ]
    const candidate = {
      unit: { ...v.unit, parentCode: v.unit?.parentCode || undefined, parentName: v.unit?.parentName || undefined },
      admin: { username: v.admin?.username, displayName: v.admin?.displayName, passwordHash: 'x'.repeat(20) },
    }
    const parsed = validateWithSchema(form, officeSetupSchema, candidate, extra)
    if (!parsed) {
      setError('请按提示修改标红的项目。')
      return
    }
    setBusy(true)
    try {
      const hashed = await api.authHashPassword({ password })
      if (!hashed.ok) return setError(hashed.error.message)
      const adminId = newRecordId(parsed.unit.code, Date.now())
      const res = await execute(
        db,
        setupOffice,
        { userId: adminId, unitCode: parsed.unit.code, roles: ['admin'] },
        { ...parsed, admin: { ...parsed.admin, passwordHash: hashed.value.hash } },
      )
      if (!res.ok) return setError(res.error.message)
      onDone(res.value.adminId)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="setup-page">
      <Card style={{ maxWidth: 860, margin: '32px auto' }}>
        <Typography.Title level={3}>司法救助工作台 · 首次设置</Typography.Title>
        <Typography.Paragraph type="secondary">
          请填写本院的身份信息并设立第一位系统管理员。单位代码和层级决定本院与上下级院交换数据的方式，设置后不可随意更改。
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ unit: { level: 'basic' } }} requiredMark>
          <Typography.Title level={5}>本院信息</Typography.Title>
          <Row gutter={16}>
            <Col span={14}>
              <Form.Item label="单位名称" name={['unit', 'name']} required>
                <Input placeholder="例如：北京市朝阳区人民检察院" maxLength={60} />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item label="单位简称" name={['unit', 'shortName']} required tooltip="用于案件编号，例如“朝检”">
                <Input placeholder="例如：朝检" maxLength={12} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item
                label="单位代码"
                name={['unit', 'code']}
                required
                tooltip="6 位数字的检察机关单位代码（不同于行政区划代码）"
              >
                <Input placeholder="6 位数字" maxLength={6} inputMode="numeric" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="单位层级" name={['unit', 'level']} required>
                <Select options={unitLevels.map((l) => ({ value: l, label: unitLevelLabels[l] }))} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="行政区划代码" name={['unit', 'regionCode']} tooltip="GB/T 2260 六位代码，可不填">
                <Input placeholder="可不填" maxLength={6} inputMode="numeric" />
              </Form.Item>
            </Col>
            {level !== 'supreme' && (
              <>
                <Col span={8}>
                  <Form.Item label="上级单位代码" name={['unit', 'parentCode']} required>
                    <Input placeholder="6 位数字" maxLength={6} inputMode="numeric" />
                  </Form.Item>
                </Col>
                <Col span={16}>
                  <Form.Item label="上级单位名称" name={['unit', 'parentName']} required>
                    <Input placeholder="例如：北京市人民检察院第三分院" maxLength={60} />
                  </Form.Item>
                </Col>
              </>
            )}
          </Row>
          <Typography.Title level={5}>系统管理员</Typography.Title>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item label="登录名" name={['admin', 'username']} required>
                <Input placeholder="例如：admin" autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="管理员姓名" name={['admin', 'displayName']} required>
                <Input placeholder="真实姓名" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="密码" name={['admin', 'password']} required extra="至少 8 位，须包含字母和数字">
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="确认密码" name={['admin', 'confirm']} required>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={busy} size="large">
            完成设置
          </Button>
        </Form>
      </Card>
      <RestoreBackupCard db={db} onRestored={onRestored} />
    </div>
  )
}
