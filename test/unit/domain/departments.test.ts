import { describe, expect, it } from 'vitest'
import { displayValue } from '../../../shared/audit/diff'
import { departmentChoices, departmentName, departmentNamesSchema } from '../../../shared/domain/departments'
import { originDepartmentLabels } from '../../../shared/domain/schemas'
import { updateSettingSchema } from '../../../shared/domain/settings'

describe('移送部门: current names, the office’s own names, the 统计表六 row code kept', () => {
  it('a new clue is offered the current names, not 职务犯罪侦查 (gone to the 监察委员会 in 2018)', () => {
    const choices = departmentChoices()
    expect(choices.map((c) => c.label)).toContain('刑事检察部门（审查起诉）')
    expect(choices.map((c) => c.value)).not.toContain('duty-crime-investigation')
    expect(choices.some((c) => c.label.includes('侦查监督') || c.label.includes('公诉'))).toBe(false)
    // an account or an earlier record naming the retired row keeps it among its choices
    expect(departmentChoices({}, 'duty-crime-investigation').map((c) => c.value)).toContain('duty-crime-investigation')
  })

  it('the office’s own name replaces the generic one; the code (the row of 统计表六) stays', () => {
    const names = { prosecution: '第二检察部' }
    expect(departmentName('prosecution', names)).toBe('第二检察部')
    expect(departmentChoices(names).find((c) => c.label === '第二检察部')?.value).toBe('prosecution')
    expect(departmentName('juvenile', names)).toBe('未成年人检察部门')
    // the row label of the form itself is not changed
    expect(originDepartmentLabels.prosecution).toBe('公诉（起诉）部门')
  })

  it('names are checked: none empty, none longer than 30 characters, no two rows with one name', () => {
    expect(departmentNamesSchema.safeParse({ prosecution: '第二检察部', juvenile: '第九检察部' }).success).toBe(true)
    const twice = departmentNamesSchema.safeParse({ prosecution: '第二检察部', 'arrest-review': '第二检察部' })
    expect(twice.error?.issues.map((i) => i.message)).toEqual(['“第二检察部”已用于另一行，请用不同的名称'])
    expect(departmentNamesSchema.safeParse({ prosecution: '  ' }).success).toBe(false)
    expect(departmentNamesSchema.safeParse({ 'no-such-row': '某部' }).success).toBe(false)
    expect(
      updateSettingSchema.safeParse({ key: 'departmentNames', value: { prosecution: '第二检察部' } }).success,
    ).toBe(true)
  })

  it('the audit log shows a renaming by the rows’ Chinese names, not their codes', () => {
    expect(displayValue({ prosecution: '第二检察部', juvenile: '第九检察部' })).toBe(
      '未成年人检察部门：第九检察部，公诉（起诉）部门：第二检察部',
    )
  })
})
