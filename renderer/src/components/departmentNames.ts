import type { DepartmentNames } from '@shared/domain/departments'
import { useSession } from '../app/session'
import { useDbQuery } from '../db'

const NONE: DepartmentNames = {}

/**
 * The office's own names of the 移送部门 rows (系统设置 → 移送部门名称), for `departmentName` wherever a department
 * is shown (clues, 更正, the case page, registers, documents, accounts). None renamed: the current generic names.
 */
export function useDepartmentNames(): DepartmentNames {
  const { store } = useSession()
  return useDbQuery(() => store.setting('departmentNames'), [store]) ?? NONE
}
