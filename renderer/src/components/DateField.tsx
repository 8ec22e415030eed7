import { type DateAfter, dateProblem } from '@shared/domain/dateRules'
import { isValidDate } from '@shared/domain/dates'
import { messageFor } from '@shared/errors'
import { chinaDateOf } from '@shared/util/clock'
import { DatePicker, Form } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { CSSProperties } from 'react'

/** Which date a field holds (its code in messages, or its visible label) and the step it may not precede. */
export interface DateRule {
  field: string
  after?: DateAfter
}

const FORMAT = 'YYYY-MM-DD'

/** An antd date picker holding the 'YYYY-MM-DD' text the records keep; the days `rule` refuses are greyed out. */
export function DateInput({
  value,
  onChange,
  rule,
  id,
  style,
  ...rest
}: {
  value?: string
  onChange?(value: string | undefined): void
  rule: DateRule
  id?: string
  style?: CSSProperties
  'aria-label'?: string
}) {
  const today = chinaDateOf(Date.now())
  return (
    <DatePicker
      id={id}
      aria-label={rest['aria-label']}
      style={{ width: 180, ...style }}
      format={FORMAT}
      value={value && isValidDate(value) ? dayjs(value, FORMAT) : null}
      onChange={(d: Dayjs | null) => onChange?.(d ? d.format(FORMAT) : undefined)}
      disabledDate={(d: Dayjs) => dateProblem(rule.field, d.format(FORMAT), today, rule.after) !== undefined}
      placeholder="选择或输入日期"
    />
  )
}

/** The Chinese message of the one date rule for `value`, or undefined when the date may stand. */
export function dateMessage(rule: DateRule, value: unknown): string | undefined {
  if (typeof value !== 'string' || !isValidDate(value)) return undefined
  const problem = dateProblem(rule.field, value, chinaDateOf(Date.now()), rule.after)
  return problem ? messageFor('workflow.date-invalid', problem) : undefined
}

/**
 * A date field of a form: the date picker, and the message of the one date rule (shared/domain/dateRules.ts) at the
 * field as soon as the date is chosen — the same rule the command applies when the form is saved.
 */
export function DateField({
  name,
  label,
  rule,
  dependencies,
  noStyle,
  ariaLabel,
}: {
  name: (string | number)[] | string
  label?: string
  rule: DateRule
  /** Fields the rule reads (the earlier date on the same form), so the message follows their changes. */
  dependencies?: (string | number)[][]
  noStyle?: boolean
  ariaLabel?: string
}) {
  return (
    <Form.Item
      name={name}
      label={label}
      noStyle={noStyle}
      dependencies={dependencies}
      rules={[
        {
          validator: (_, value) => {
            const message = dateMessage(rule, value)
            return message ? Promise.reject(new Error(message)) : Promise.resolve()
          },
        },
      ]}
    >
      <DateInput rule={rule} aria-label={ariaLabel} />
    </Form.Item>
  )
}

/**
 * Runs the forms' own field rules (the date rule) after the shared schema has put its messages at the fields; true
 * when every field passes. The messages stay at their fields.
 */
export async function fieldRulesPass(form: { validateFields(): Promise<unknown> }): Promise<boolean> {
  try {
    await form.validateFields()
    return true
  } catch {
    return false
  }
}
