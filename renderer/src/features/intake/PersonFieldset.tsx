import { validateIdDocument } from '@shared/domain/identityDocuments'
import { idTypeLabels, priorityGroupLabels, sexLabels } from '@shared/domain/schemas'
import { Checkbox, Col, Form, Input, Row, Select, Typography } from 'antd'

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }))
const documentType = {
  'resident-id': 'resident',
  'hmt-residence-permit': 'hkmo-tw-residence',
  'foreign-permanent-residence': 'foreign-permanent',
  passport: 'passport',
  other: 'other',
} as const

/** What the ID number says as it is typed: birth date and sex when valid, the reason when not. */
function IdNumberHint({ prefix }: { prefix: string }) {
  const form = Form.useFormInstance()
  const type = Form.useWatch([prefix, 'idType'], form) as keyof typeof documentType | undefined
  const number = Form.useWatch([prefix, 'idNumber'], form) as string | undefined
  if (!type || !number || number.trim().length < 6) return null
  const r = validateIdDocument(documentType[type], number)
  if (!r.ok) return <Typography.Text type="danger">{r.reason}</Typography.Text>
  return (
    <Typography.Text type="success">
      号码有效{r.birthDate ? `：出生日期 ${r.birthDate}` : ''}
      {r.sex ? `，${r.sex === 'M' ? '男' : '女'}` : ''}
    </Typography.Text>
  )
}

/** 申请人 / 被害人: one person's details, validated live and again by the shared schema on saving. */
export function PersonFieldset({ prefix, title }: { prefix: string; title: string }) {
  return (
    <fieldset style={{ border: '1px solid #f0f0f0', padding: '8px 16px', marginBottom: 16 }}>
      <legend style={{ fontSize: 15, width: 'auto', padding: '0 8px' }}>{title}</legend>
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item name={[prefix, 'name']} label={`${title}姓名`}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={[prefix, 'idType']} label="证件类型" initialValue="resident-id">
            <Select options={options(idTypeLabels)} aria-label={`${title}证件类型`} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={[prefix, 'idNumber']} label={`${title}证件号码`} extra={<IdNumberHint prefix={prefix} />}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={[prefix, 'sex']} label="性别（按证件号码自动确定）">
            <Select options={options(sexLabels)} allowClear aria-label={`${title}性别`} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={[prefix, 'phone']} label={`${title}联系电话`}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item name={[prefix, 'household', 'regionCode']} label="户籍地区代码">
            <Input placeholder="6位，如110105" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={[prefix, 'household', 'address']} label="户籍地址（任何户籍均可申请）">
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={[prefix, 'bankAccount', 'bank']} label="开户银行">
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={[prefix, 'bankAccount', 'accountName']} label="户名">
            <Input />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={[prefix, 'bankAccount', 'accountNo']} label="银行账号">
            <Input />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name={[prefix, 'priorityFlags']} label="重点群体" initialValue={[]}>
            <Checkbox.Group options={options(priorityGroupLabels)} />
          </Form.Item>
        </Col>
      </Row>
    </fieldset>
  )
}
