import { loadRegister, streamRegister } from '../../../renderer/src/db'
import { JiuzhuDb } from '../../../renderer/src/db/database'
import {
  filterRows,
  type RegisterId,
  type RegisterRow,
  registers,
  registerTableModel,
  sortRows,
} from '../../../shared/registers'
import { makeRegisterData } from '../../unit/registers/fixtures'

/**
 * Register benchmark, page side (real Chromium IndexedDB): fills an office store with national-like data
 * (cases of ten years in many offices with their parties, clues, ledger entries, donations, follow-ups) in chunks,
 * then times the first screen of each register, full period loads, filter changes and the export model.
 */

let db: JiuzhuDb | undefined
const CHUNK = 20_000

function unitsFor(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String(110101 + i).padStart(6, '0'))
}

export async function fill(total: number, offices: number): Promise<Record<string, number>> {
  db = new JiuzhuDb('bench-registers')
  await db.open()
  const units = unitsFor(offices)
  await db.units.bulkPut(
    units.map((code, i) => ({
      code,
      name: `第${i + 1}检察院`,
      shortName: `第${i + 1}院`,
      level: i === 0 ? ('province' as const) : ('basic' as const),
      ...(i === 0 ? {} : { parentCode: units[0] }),
      caseNoPattern: '{简称}控救〔{年}〕{号}号',
      rev: 1,
      createdAt: '2026-11-01T01:00:00.000Z',
      updatedAt: '2026-11-01T01:00:00.000Z',
      createdBy: 'x',
      updatedBy: 'x',
    })),
  )
  const counts: Record<string, number> = { cases: 0, persons: 0, ledger: 0, clues: 0, followUps: 0, donations: 0 }
  // a kept profile (BENCH_PROFILE) already holds whole chunks of an earlier fill: go on from there
  const have = await db.cases.count()
  const start = have - (have % CHUNK)
  if (start > 0) for (const t of Object.keys(counts)) counts[t] = await db.table(t).count()
  const t0 = performance.now()
  for (let done = start, k = start / CHUNK; done < total; done += CHUNK, k++) {
    const d = makeRegisterData(Math.min(CHUNK, total - done), {
      units,
      seed: 1000 + k,
      fromDate: '2016-01-01',
      toDate: '2026-10-31',
      idOffset: k * 10_000_000,
    })
    await db.transaction('rw', [db.cases, db.persons, db.ledger, db.clues, db.followUps, db.donations], async () => {
      const d2 = db as JiuzhuDb
      await d2.cases.bulkAdd(d.cases as never)
      await d2.persons.bulkAdd(d.persons as never)
      await d2.ledger.bulkAdd(d.ledger as never)
      await d2.clues.bulkAdd(d.clues as never)
      await d2.followUps.bulkAdd(d.followUps as never)
      await d2.donations.bulkAdd(d.donations as never)
    })
    counts.cases += d.cases.length
    counts.persons += d.persons.length
    counts.ledger += d.ledger.length
    counts.clues += d.clues.length
    counts.followUps += d.followUps.length
    counts.donations += d.donations.length
  }
  return { ...counts, fillMs: performance.now() - t0, reusedCases: start }
}

/** Time to the first chunk (the first page: the first screen's data) and to the whole period. */
export async function firstScreen(register: RegisterId, from?: string, to?: string) {
  const database = db as JiuzhuDb
  const t0 = performance.now()
  let first = 0
  let firstRows = 0
  const abort = new AbortController()
  await streamRegister(database, register, { from, to, signal: abort.signal }, (rows, p) => {
    if (!first && (rows.length || p.done)) {
      first = performance.now() - t0
      firstRows = rows.length
      abort.abort()
    }
  })
  const t1 = performance.now()
  const all = await loadRegister(database, register, { from, to })
  const full = performance.now() - t1
  return { register, firstMs: first, firstRows, fullMs: full, rows: all.length }
}

let loaded: RegisterRow[] = []

/** Loads a register's period into memory (as the screen holds it) for filter and export timing. */
export async function hold(register: RegisterId, from?: string, to?: string) {
  const t0 = performance.now()
  loaded = await loadRegister(db as JiuzhuDb, register, { from, to })
  return { rows: loaded.length, ms: performance.now() - t0 }
}

/** A filter change answered in memory: filter + sort by date (as the screen's row model does). */
export function filterChange(filter: Record<string, unknown>, sortId = 'date') {
  const t0 = performance.now()
  const rows = sortRows(filterRows(loaded, filter), [{ id: sortId, desc: true }])
  return { rows: rows.length, ms: performance.now() - t0 }
}

/** The export model of the first `n` rows of the held view (all columns), and the time to build it. */
export function exportModel(register: RegisterId, n: number) {
  const t0 = performance.now()
  const view = sortRows(loaded, [{ id: 'date', desc: true }]).slice(0, n)
  const def = registers[register]
  const model = registerTableModel(def, def.columns, view, {
    unitName: '全国',
    periodLabel: '全部',
    generatedAt: '2026-11-30 10:00:00',
    generatedBy: 'bench',
    filterLines: [],
  })
  return { model, ms: performance.now() - t0 }
}
