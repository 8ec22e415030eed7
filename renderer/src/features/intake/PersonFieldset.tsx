import { ageOn, isMinorOn } from '@shared/domain/age'
import { validateIdDocument } from '@shared/domain/identityDocuments'
import { idTypeLabels, type PriorityGroup, priorityGroupLabels, sexLabels } from '@shared/domain/schemas'
import { cleanNameInput, cleanNumberInput } from '@shared/domain/textInput'
import { Alert, Button, Checkbox, Col, Form, Input, Row, Select, Typography } from 'antd'
import { useEffect, useRef } from 'react'
import { DateField } from '../../components/DateField'

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }))
const documentType = {
  'resident-id': 'resident',
  'hmt-residence-permit': 'hkmo-tw-residence',
  'foreign-permanent-residence': 'foreign-permanent',
  passport: 'passport',
  other: 'other',
} as const
type IdType = keyof typeof documentType

/** What the ID number says as it is typed: birth date and sex when valid, the reason when not. */
function IdNumberHint({ prefix }: { prefix: string }) {
  const form = Form.useFormInstance()
  const type = Form.useWatch([prefix, 'idType'], form) as IdType | undefined
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

/**
 * Fills what a valid number already says — 性别 and 出生日期 (GB 11643 structures: 居民身份证, 港澳台居民居住证, the
 * 2023 永久居留身份证) — as the number is typed, and marks a person under 18 on `onDate` (the application date) as
 * 未成年人 (and takes the mark off again when the number changes to an adult's, if it was put there here).
 */
function useDerivedFromIdNumber(prefix: string, onDate: string) {
  const form = Form.useFormInstance()
  const type = Form.useWatch([prefix, 'idType'], form) as IdType | undefined
  const number = Form.useWatch([prefix, 'idNumber'], form) as string | undefined
  const birth = Form.useWatch([prefix, 'birthDate'], form) as string | undefined
  const autoMinor = useRef(false)
  const parsed = type && number ? validateIdDocument(documentType[type], number) : undefined
  const fromNumber = parsed?.ok ? parsed : undefined
  const derivedBirth = fromNumber?.birthDate
  const derivedSex = fromNumber?.sex
  useEffect(() => {
    if (!derivedBirth) return
    form.setFieldValue([prefix, 'birthDate'], derivedBirth)
    if (derivedSex) form.setFieldValue([prefix, 'sex'], derivedSex === 'M' ? 'male' : 'female')
  }, [form, prefix, derivedBirth, derivedSex])
  const knownBirth = derivedBirth ?? (/^\d{4}-\d{2}-\d{2}$/.test(birth ?? '') ? birth : undefined)
  const minor = knownBirth !== undefined && isMinorOn(knownBirth, onDate)
  useEffect(() => {
    const flags = (form.getFieldValue([prefix, 'priorityFlags']) ?? []) as PriorityGroup[]
    if (minor && !flags.includes('minor')) {
      autoMinor.current = true
      form.setFieldValue([prefix, 'priorityFlags'], [...flags, 'minor'])
    } else if (!minor && knownBirth !== undefined && autoMinor.current && flags.includes('minor')) {
      autoMinor.current = false
      form.setFieldValue(
        [prefix, 'priorityFlags'],
        flags.filter((f) => f !== 'minor'),
      )
    }
  }, [form, prefix, minor, knownBirth])
  return minor && knownBirth ? { age: ageOn(knownBirth, onDate) } : undefined
}

/**
 * 申请人 / 被害人: one person's details, validated live and again by the shared schema on saving. Numbers pasted
 * with spaces or in full-width digits are cleaned as they are entered, and a Chinese name loses stray spaces. `onDate`
 * is the day the age counts on (the application date); a minor applicant is offered the switch to an application by
 * the 法定代理人 (`onMinorApplicant`).
 */
export function PersonFieldset({
  prefix,
  title,
  note,
  onDate,
  onMinorApplicant,
  representedByGuardian,
}: {
  prefix: string
  title: string
  /** Shown after the title, e.g. “（法定代理人）”. */
  note?: string
  onDate: string
  onMinorApplicant?(): void
  /** The applicant files as this person's 法定代理人 (“申请人身份”). */
  representedByGuardian?: boolean
}) {
  const minor = useDerivedFromIdNumber(prefix, onDate)
  // 'other' documents keep what was typed; every numbered document loses spaces and full-width digits
  const cleanIdNumber = (v: string | undefined, _prev: unknown, all: Record<string, { idType?: string }>) =>
    all?.[prefix]?.idType === 'other' ? (v ?? '') : cleanNumberInput(v ?? '')
  return (
    <fieldset style={{ border: '1px solid #f0f0f0', padding: '8px 16px', marginBottom: 16 }}>
      <legend style={{ fontSize: 15, width: 'auto', padding: '0 8px' }}>
        {title}
        {note}
      </legend>
      {minor && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid={`${prefix}-minor`}
          message={`${title}未满十八周岁（${onDate} 时 ${minor.age} 周岁），已标记为“未成年人”重点群体。`}
          description={
            onMinorApplicant ? (
              <>
                未成年人申请救助，应由其法定代理人（父母或其他监护人）代为申请：请把本人作为被害人，填写法定代理人为申请人，
                “申请人身份”选“法定代理人代为申请”，并收取亲属关系证明。
                <div style={{ marginTop: 8 }}>
                  <Button size="small" type="primary" onClick={onMinorApplicant}>
                    改由法定代理人代为申请
                  </Button>
                </div>
              </>
            ) : representedByGuardian ? (
              '申请人作为其法定代理人代为申请；请收取亲属关系证明。'
            ) : (
              '申请人应为其法定代理人（父母或其他监护人）：“申请人身份”选“法定代理人代为申请”，并收取亲属关系证明。'
            )
          }
        />
      )}
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item name={[prefix, 'name']} label={`${title}姓名`} normalize={(v) => cleanNameInput(v ?? '')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={[prefix, 'idType']} label="证件类型" initialValue="resident-id">
            <Select options={options(idTypeLabels)} aria-label={`${title}证件类型`} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name={[prefix, 'idNumber']}
            label={`${title}证件号码`}
            extra={<IdNumberHint prefix={prefix} />}
            normalize={cleanIdNumber}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={[prefix, 'sex']} label="性别（按证件号码自动确定）">
            <Select options={options(sexLabels)} allowClear aria-label={`${title}性别`} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <DateField name={[prefix, 'birthDate']} label={`${title}出生日期`} rule={{ field: 'birth' }} />
        </Col>
        <Col span={6}>
          <Form.Item name={[prefix, 'phone']} label={`${title}联系电话`}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={[prefix, 'household', 'regionCode']} label="户籍地区代码">
            <Input placeholder="6位，如110105" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={[prefix, 'household', 'address']} label="户籍地址（任何户籍均可申请）">
            <Input />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={[prefix, 'bankAccount', 'bank']} label="开户银行">
            <Input />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name={[prefix, 'bankAccount', 'accountName']}
            label="户名"
            normalize={(v) => cleanNameInput(v ?? '')}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item
            name={[prefix, 'bankAccount', 'accountNo']}
            label="银行账号"
            normalize={(v) => cleanNumberInput(v ?? '')}
          >
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
