import { execute } from '../../../renderer/src/db'
import { commitLegacyImport } from '../../../renderer/src/db/commands/legacyImport'
import { JiuzhuDb } from '../../../renderer/src/db/database'
import { heldGrantsFor } from '../../../renderer/src/db/queries/legacyImport'
import { detectHeader, headerLabels, suggestMapping } from '../../../shared/legacyImport/fields'
import { historicalCaseRecords } from '../../../shared/legacyImport/records'
import { checkRows, type LegacyCaseFacts } from '../../../shared/legacyImport/rows'
import type { LegacySheet } from '../../../shared/legacyImport/sheet'
import { admin, freshOffice } from './benchOffice'

/** The floor: the same cases and persons written with the raw IndexedDB API into stores with the app's indexes. */
async function rawWrite(name: string, facts: LegacyCaseFacts[]): Promise<number> {
  const declare = new JiuzhuDb(name)
  await declare.open()
  const idb = declare.backendDB()
  let n = 0
  const id = () => `110105-01J${String(++n).padStart(23, '0')}`
  const stamps = {
    ownerUnit: '110105',
    createdAt: '2026-03-02T01:00:00.000Z',
    updatedAt: '2026-03-02T01:00:00.000Z',
    createdBy: admin.userId,
    updatedBy: admin.userId,
  }
  const origin = { importId: id(), fileName: 'bench.xlsx', fileSha256: '0'.repeat(64), sheet: '台账' }
  const built = facts.map((f) =>
    historicalCaseRecords(f, origin, { caseId: id(), newPersonId: id }, new Map(), admin.userId),
  )
  let rev = 0
  const t0 = performance.now()
  await new Promise<void>((resolve, reject) => {
    const tx = idb.transaction(['cases', 'persons'], 'readwrite', { durability: 'strict' })
    for (const b of built) {
      for (const p of b.persons) tx.objectStore('persons').put({ ...p, ...stamps, rev: ++rev })
      tx.objectStore('cases').put({ ...b.caseRecord, ...stamps, rev: ++rev })
    }
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
    tx.onabort = () => reject(tx.error)
  })
  const ms = performance.now() - t0
  declare.close()
  return ms
}

/** Check (preview) and commit of the sheet through the app's code; the raw write of the same records. */
export async function run(sheet: LegacySheet, round: number) {
  const db = await freshOffice(`cmd-${round}`)
  const t0 = performance.now()
  const header = detectHeader(sheet)
  if (!header) throw new Error('no header')
  const labels = headerLabels(sheet, header.top, header.bottom)
  const mapping = suggestMapping(labels)
  const ids = sheet.rows.map((r) => r[2]).filter((x): x is string => typeof x === 'string')
  const held = await heldGrantsFor(db, ids)
  const verdicts = checkRows({ sheet, header, mapping, headerLabels: labels, today: '2026-12-07', held })
  const preview = performance.now() - t0
  const rows = verdicts.filter((v) => v.kind === 'new').map((v) => v.facts as LegacyCaseFacts)
  const t1 = performance.now()
  const res = await execute(db, commitLegacyImport, admin, {
    fileName: 'bench.xlsx',
    fileSha256: 'a'.repeat(64),
    sheet: sheet.name,
    registerType: '救助案件台账',
    rejectedCount: 0,
    rows,
  })
  const commit = performance.now() - t1
  if (!res.ok) throw new Error(res.error.message)
  const cases = await db.cases.count()
  db.close()
  const raw = await rawWrite(`raw-${round}`, rows)
  return { rows: rows.length, cases, preview, commit, raw }
}
