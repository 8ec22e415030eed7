import { cleanNameInput, cleanNumberInput } from '@shared/domain/textInput'
import { Button, Checkbox, Form, Input, Select, Space, Table } from 'antd'
import { DateField, type DateRule } from '../../../components/DateField'
import { CategorySelect, type GoverningDates } from './CategorySelect'
import { exclusionLabels, type Field, fundSourceLabels, materialItemLabels, verificationKindLabels } from './fieldSpecs'

const optionsOf = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }))
const fundLevelOptions = optionsOf(fundSourceLabels).filter((o) => o.value !== 'donation')
const cleaners = {
  number: (v: string | undefined) => cleanNumberInput(v ?? ''),
  name: (v: string | undefined) => cleanNameInput(v ?? ''),
}

/** The date rule of the date at a path of the action's payload (list items by index); by default: not after today. */
export type DateRuleOf = (path: readonly (string | number)[]) => DateRule | undefined

/**
 * One field of an action form, by kind. Labels are the visible Chinese names users (and e2e tests) look for.
 * `governing` (the case's dates that choose its rules; default today) gives the 救助情形 their rule set; `dateRule`
 * gives each date the step it may not precede (shared/domain/workflow/actionDates.ts).
 */
export function FieldInput({
  field,
  governing = {},
  dateRule = () => undefined,
}: {
  field: Field
  governing?: GoverningDates
  dateRule?: DateRuleOf
}) {
  switch (field.kind) {
    case 'date':
      return <DateField name={field.name} label={field.label} rule={dateRule(field.name) ?? { field: field.label }} />
    case 'text':
      return (
        <Form.Item
          name={field.name}
          label={field.label}
          normalize={field.normalize ? cleaners[field.normalize] : undefined}
        >
          <Input />
        </Form.Item>
      )
    case 'textarea':
      return (
        <Form.Item name={field.name} label={field.label} required={field.required !== undefined}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} showCount maxLength={2000} />
        </Form.Item>
      )
    case 'yuan':
      return (
        <Form.Item name={field.name} label={field.label}>
          <Input inputMode="decimal" suffix="元" style={{ width: 220 }} />
        </Form.Item>
      )
    case 'category':
      return (
        <CategorySelect
          name={field.name}
          label={field.label}
          governing={governing}
          required={field.required !== undefined}
        />
      )
    case 'select':
      return (
        <Form.Item name={field.name} label={field.label}>
          <Select options={optionsOf(field.options)} allowClear={field.optional} aria-label={field.label} />
        </Form.Item>
      )
    case 'multiselect':
      return (
        <Form.Item name={field.name} label={field.label}>
          <Checkbox.Group options={optionsOf(field.options)} style={{ display: 'grid', gap: 4 }} />
        </Form.Item>
      )
    case 'checkbox':
      return (
        <Form.Item name={field.name} valuePropName="checked">
          <Checkbox>{field.label}</Checkbox>
        </Form.Item>
      )
    case 'materials':
      return (
        <Form.Item label={field.label}>
          <Table
            size="small"
            pagination={false}
            rowKey="item"
            dataSource={Object.entries(materialItemLabels).map(([item, label]) => ({ item, label }))}
            columns={[
              {
                title: '已收取',
                width: 70,
                render: (_, r) => (
                  <Form.Item noStyle name={[...field.name, r.item, 'received']} valuePropName="checked">
                    <Checkbox aria-label={`已收取：${r.label}`} />
                  </Form.Item>
                ),
              },
              { title: '材料', dataIndex: 'label' },
              {
                title: '收取日期',
                width: 170,
                render: (_, r) => (
                  <DateField
                    noStyle
                    name={[...field.name, r.item, 'receivedDate']}
                    rule={dateRule([...field.name, 0, 'receivedDate']) ?? { field: 'material-received' }}
                    ariaLabel={`收取日期：${r.label}`}
                  />
                ),
              },
            ]}
          />
        </Form.Item>
      )
    case 'exclusions':
      return (
        <Form.Item
          label={field.label}
          extra="逐项核查。勾选“存在”的情形须说明证据；需要认定例外的，另行办理“认定不适用不予救助情形”。"
        >
          <Table
            size="small"
            pagination={false}
            rowKey="code"
            dataSource={Object.entries(exclusionLabels).map(([code, label]) => ({ code, label }))}
            columns={[
              { title: '情形', render: (_, r) => `${r.code} ${r.label}` },
              {
                title: '存在',
                width: 60,
                render: (_, r) => (
                  <Form.Item noStyle name={[...field.name, r.code, 'hit']} valuePropName="checked">
                    <Checkbox aria-label={`存在：${r.label}`} />
                  </Form.Item>
                ),
              },
              {
                title: '证据或核查情况',
                render: (_, r) => (
                  <Form.Item noStyle name={[...field.name, r.code, 'evidence']}>
                    <Input aria-label={`核查情况：${r.label}`} />
                  </Form.Item>
                ),
              },
            ]}
          />
        </Form.Item>
      )
    case 'splits':
      return (
        <Form.Item label={field.label}>
          <Form.List name={field.name}>
            {(items, { add, remove }) => (
              <>
                {items.map((item) => (
                  <Space key={item.key} align="baseline">
                    <Form.Item name={[item.name, 'source']} rules={[{ required: true, message: '请选择资金来源' }]}>
                      <Select style={{ width: 160 }} options={fundLevelOptions} aria-label="资金来源" />
                    </Form.Item>
                    <Form.Item name={[item.name, 'amount']}>
                      <Input suffix="元" style={{ width: 180 }} aria-label="金额" />
                    </Form.Item>
                    <Button onClick={() => remove(item.name)}>删除</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ source: 'county' })}>增加一项资金来源</Button>
              </>
            )}
          </Form.List>
        </Form.Item>
      )
    case 'verifications':
      return (
        <Form.Item label={field.label}>
          <Form.List name={field.name}>
            {(items, { add, remove }) => (
              <>
                {items.map((item) => (
                  <Space key={item.key} align="baseline" wrap>
                    <Form.Item name={[item.name, 'kind']}>
                      <Select
                        style={{ width: 220 }}
                        options={optionsOf(verificationKindLabels)}
                        aria-label="核实方式"
                      />
                    </Form.Item>
                    <DateField
                      name={[item.name, 'date']}
                      rule={dateRule([...field.name, item.name, 'date']) ?? { field: 'verification' }}
                      ariaLabel="核实日期"
                    />
                    <Form.Item name={[item.name, 'unitName']}>
                      <Input placeholder="有关单位" aria-label="有关单位" />
                    </Form.Item>
                    <Form.Item name={[item.name, 'note']}>
                      <Input placeholder="核实结果" aria-label="核实结果" style={{ width: 260 }} />
                    </Form.Item>
                    <Button onClick={() => remove(item.name)}>删除</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ kind: 'interview' })}>增加一条核实记录</Button>
              </>
            )}
          </Form.List>
        </Form.Item>
      )
  }
}
