import { z } from 'zod'
import { type OriginDepartment, originDepartmentLabels, originDepartments } from './schemas/labels'

/**
 * 移送部门 as a procuratorate names its departments today (docs/domain-rules.md "移送部门"). Records keep the stable
 * code of the row of 统计表六 (`originDepartment`, labelled by `originDepartmentLabels` as the form prints it); the
 * clue form shows the current name — after the 2018 转隶 and the 2019 内设机构改革 the local offices have 刑事检察
 * (捕诉一体), 刑事执行, 民事, 行政, 公益诉讼, 未成年人 and 控告申诉检察部门, often numbered 第一至第十检察部 — and each
 * office may give a row its own name (系统设置 → 移送部门名称, the `departmentNames` setting).
 */
export const currentDepartmentNames: Record<OriginDepartment, string> = {
  'duty-crime-investigation': '原职务犯罪侦查部门（2018年转隶前）',
  'arrest-review': '刑事检察部门（审查逮捕）',
  prosecution: '刑事检察部门（审查起诉）',
  'criminal-execution': '刑事执行检察部门',
  'civil-administrative': '民事、行政检察部门',
  complaints: '控告申诉检察部门（控告）',
  'criminal-petition': '控告申诉检察部门（刑事申诉）',
  juvenile: '未成年人检察部门',
  'public-interest': '公益诉讼检察部门',
  other: '其他部门',
}

/** Rows kept for earlier records but not offered for a new clue: 职务犯罪侦查 left the procuratorates in 2018. */
const retiredRows: readonly OriginDepartment[] = ['duty-crime-investigation']

/** The office's own names of the rows (only those it renamed). */
export const departmentNamesSchema = z
  .partialRecord(
    z.enum(originDepartments),
    z.string().trim().min(1, '请填写部门名称，或删去改回通用名称').max(30, '部门名称不能超过 30 个字'),
  )
  .superRefine((names, ctx) => {
    const seen = new Map<string, string>()
    for (const [row, name] of Object.entries(names)) {
      if (!name) continue
      if (seen.has(name))
        ctx.addIssue({ code: 'custom', path: [row], message: `“${name}”已用于另一行，请用不同的名称` })
      seen.set(name, row)
    }
  })
export type DepartmentNames = z.infer<typeof departmentNamesSchema>

/** The name a department shows as in this office: its own name, else the current generic name. */
export function departmentName(row: string | undefined, names: DepartmentNames = {}): string {
  if (!row) return ''
  const code = row as OriginDepartment
  return names[code] ?? currentDepartmentNames[code] ?? originDepartmentLabels[code] ?? row
}

/** Every row, retired ones too, under the office's names: to filter or search records of any year. */
export function allDepartmentChoices(names: DepartmentNames = {}): { value: string; label: string }[] {
  return originDepartments.map((row) => ({ value: row, label: departmentName(row, names) }))
}

/** The 移送部门 choices of a new clue (value: the row's code); `keep` stays offered even if retired (an edited record). */
export function departmentChoices(names: DepartmentNames = {}, keep?: string): { value: string; label: string }[] {
  return originDepartments
    .filter((row) => !retiredRows.includes(row) || row === keep)
    .map((row) => ({ value: row, label: departmentName(row, names) }))
}
