import { readLegacyFile } from '../../../electron/services/legacyImport'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import { heldGrantsFor } from '../../../renderer/src/db/queries/legacyImport'
import { detectHeader, headerLabels, suggestMapping } from '../../../shared/legacyImport/fields'
import { checkRows, type LegacyCaseFacts } from '../../../shared/legacyImport/rows'

/**
 * A case register as 数据导入 takes it (docs/legacy-import.md): read by the main-process reader, header and columns
 * as suggested, every row checked against the grants held in `db`; and the input of the import command for its new
 * rows. Shared by the legacy-import and legacy-payments tests.
 */
export async function checkCaseRegister(db: JiuzhuDb, xlsx: Buffer, fileName: string, today: string) {
  const wb = await readLegacyFile(xlsx, fileName)
  const sheet = wb.sheets[0]
  const header = detectHeader(sheet)
  if (!header) throw new Error('no header found')
  const labels = headerLabels(sheet, header.top, header.bottom)
  const ids = sheet.rows.flat().filter((c): c is string => typeof c === 'string' && /^\d{17}[\dX]$/.test(c))
  const verdicts = checkRows({
    sheet,
    header,
    mapping: suggestMapping(labels),
    headerLabels: labels,
    today,
    held: await heldGrantsFor(db, ids),
  })
  const input = {
    fileName,
    fileSha256: wb.sha256,
    sheet: sheet.name,
    registerType: '救助案件台账',
    rejectedCount: verdicts.filter((v) => v.kind === 'rejected').length,
    rows: verdicts.filter((v) => v.kind === 'new').map((v) => v.facts as LegacyCaseFacts),
  }
  return { wb, verdicts, input }
}
