import type { EffectiveRules } from '@shared/domain/rulesets'
import type { Case } from '@shared/domain/schemas'
import { chinaDateOf } from '@shared/util/clock'
import { Form, Select } from 'antd'
import { useSession } from '../../../app/session'
import { useDbQuery } from '../../../db'
import { rulesForDates } from '../../../db/queries/cases'

/** The dates that choose the rule set of a case (see `governingDate` in shared/domain/rulesInForce.ts). */
export type GoverningDates = Pick<Case, 'applicationDate' | 'exOfficio' | 'clueDate'>

/** The 救助情形 of the rules in force as select options: “（一）…：原文”, as on the 审查意见 form. */
export function categoryOptions(rules: EffectiveRules | undefined): { value: string; label: string }[] {
  return rules?.ruleSet.categories.map((c) => ({ value: c.code, label: `${c.label}：${c.text}` })) ?? []
}

/**
 * 救助情形: a select of the categories of the rule set in force for the case's dates at this office (rule set and
 * local measures, as the command layer reads them).
 */
export function CategorySelect({
  name,
  label,
  governing,
  required,
}: {
  name: string[]
  label: string
  governing: GoverningDates
  required?: boolean
}) {
  const { store, unit } = useSession()
  const today = chinaDateOf(Date.now())
  const inForce = useDbQuery(
    () => store.read(rulesForDates, governing, unit.code, today),
    [store, unit.code, today, governing.applicationDate, governing.exOfficio?.date, governing.clueDate],
  )
  return (
    <Form.Item
      name={name}
      label={label}
      required={required}
      extra={inForce && !inForce.rules ? '该日期早于2014年意见施行，没有可选的救助情形。' : undefined}
    >
      <Select
        aria-label={label}
        options={categoryOptions(inForce?.rules)}
        loading={inForce === undefined}
        allowClear={!required}
        showSearch
        optionFilterProp="label"
      />
    </Form.Item>
  )
}
