import type { TableModelParsed } from '../../../shared/report/tableModel'
import { fileInFolder, writeAtomically } from '../files'
import { writeWorkbookXlsx } from './writeTable'

/**
 * Writes table models as one .xlsx in the export folder (IPC `excel:exportTable` with one table,
 * `excel:exportWorkbook` with several): the name is checked to stay inside the folder, and the file appears whole
 * or not at all (written to a temporary file, then renamed).
 */
export async function exportWorkbook(
  exportDir: string,
  fileName: string,
  tables: readonly TableModelParsed[],
): Promise<{ path: string; rows: number[] }> {
  const name = fileName.toLowerCase().endsWith('.xlsx') ? fileName : `${fileName}.xlsx`
  const target = fileInFolder(exportDir, name)
  let rows: number[] = []
  await writeAtomically(target, async (tmp) => {
    rows = (await writeWorkbookXlsx(tmp, tables)).rows
  })
  return { path: target, rows }
}
