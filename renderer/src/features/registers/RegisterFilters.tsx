import { allDepartmentChoices } from '@shared/domain/departments'
import { fundSourceLabels, priorityGroupLabels } from '@shared/domain/schemas/labels'
import { categoryOptions, type RegisterDefinition, type RegisterFilter } from '@shared/registers'
import { Checkbox, DatePicker, Input, Select, Space } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useDepartmentNames } from '../../components/departmentNames'
import type { UnitRow } from '../../db'

const labelled = (table: Readonly<Record<string, string>>) =>
  Object.entries(table).map(([value, label]) => ({ value, label }))

export type Period = { from?: string; to?: string }
export type OfficeScope = { unit: string; subordinates: boolean }

/**
 * A register's filters: the period of its date, the office (own, a subordinate's replicas, with or without its own
 * subordinates), the register's own multi-select filters, and the search by name, ID number or case number.
 */
export function RegisterFilters({
  def,
  units,
  period,
  onPeriod,
  filter,
  onFilter,
  office,
  onOffice,
  searchText,
  onSearchText,
}: {
  def: RegisterDefinition
  units: readonly UnitRow[]
  period: Period
  onPeriod(period: Period): void
  filter: RegisterFilter
  onFilter(filter: RegisterFilter): void
  office: OfficeScope | undefined
  onOffice(office: OfficeScope | undefined): void
  searchText: string
  onSearchText(text: string): void
}) {
  const departmentNames = useDepartmentNames()
  const has = (k: (typeof def.filters)[number]) => def.filters.includes(k)
  const parents = new Set(units.map((u) => u.parentCode).filter(Boolean))
  const multi = (
    key: 'states' | 'categories' | 'origins' | 'groups' | 'sources',
    label: string,
    options: { value: string; label: string }[],
    width = 170,
  ) => (
    <Select
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      placeholder={label}
      aria-label={`按${label}筛选`}
      style={{ width }}
      // the list as wide as its longest choice (a department's or a 救助情形's full name), not cut to the box
      popupMatchSelectWidth={false}
      value={(filter[key] as string[] | undefined) ?? []}
      options={options}
      optionFilterProp="label"
      onChange={(v: string[]) => onFilter({ ...filter, [key]: v.length ? v : undefined })}
    />
  )

  return (
    <Space wrap style={{ marginBottom: 8 }}>
      <DatePicker.RangePicker
        aria-label={`${def.dateLabel}范围`}
        allowEmpty={[true, true]}
        value={[period.from ? dayjs(period.from) : null, period.to ? dayjs(period.to) : null]}
        onChange={(r: [Dayjs | null, Dayjs | null] | null) =>
          onPeriod({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })
        }
        placeholder={[`${def.dateLabel}起`, '止']}
      />
      {units.length > 1 && (
        <Space.Compact>
          <Select
            allowClear
            placeholder="全部单位"
            aria-label="按单位筛选"
            style={{ width: 200 }}
            value={office?.unit}
            showSearch
            optionFilterProp="label"
            options={units.map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` }))}
            onChange={(v?: string) => onOffice(v ? { unit: v, subordinates: office?.subordinates ?? true } : undefined)}
          />
          {office && parents.has(office.unit) && (
            <Checkbox
              style={{ marginLeft: 8, alignSelf: 'center' }}
              checked={office.subordinates}
              onChange={(e) => onOffice({ ...office, subordinates: e.target.checked })}
            >
              含下级院
            </Checkbox>
          )}
        </Space.Compact>
      )}
      {has('state') && multi('states', def.stateLabel, labelled(def.states), 160)}
      {has('category') &&
        multi(
          'categories',
          '救助情形',
          categoryOptions().map((c) => ({ value: c.code, label: c.label })),
          200,
        )}
      {has('origin') && multi('origins', '移送部门', allDepartmentChoices(departmentNames))}
      {has('group') && multi('groups', '重点群体', labelled(priorityGroupLabels))}
      {has('source') && multi('sources', '资金来源', labelled(fundSourceLabels), 150)}
      <Input.Search
        allowClear
        placeholder="姓名、证件号码或案件编号"
        aria-label="检索"
        style={{ width: 240 }}
        value={searchText}
        onChange={(e) => onSearchText(e.target.value)}
      />
    </Space>
  )
}
