import { JiuzhuDb } from '../../../renderer/src/db/database'
import {
  duplicateCandidates,
  duplicateInputs,
  duplicateInputsForCandidate,
} from '../../../renderer/src/db/queries/duplicates'
import { pagesOf } from '../../../renderer/src/db/queries/pages'
import { findCrossOfficeDuplicates } from '../../../shared/exchange/downward'
import { makeRegisterData } from '../../unit/registers/fixtures'

/**
 * 跨单位重复救助核查 benchmark, page side (real Chromium IndexedDB): a higher office holding `total` cases of many
 * offices (realistic case records from the register fixtures), where every 100th case shares its applicant and its
 * 原案件编号 with a case of another office (a true duplicate) and every 50th shares only the applicant (a person
 * on two cases for different matters: kept, not a duplicate). Then times the check as the screen runs it, its
 * parts, the floors (bare IndexedDB: getAll of the table in pages of 10,000 by primary key; a key cursor over the
 * cases.personIdNumbers index) and, on request, the check as it was before (every case read at once).
 */

let db: JiuzhuDb | undefined
const CHUNK = 20_000

const usedHeap = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0

/** The highest JS heap (live and garbage) seen every 20 ms while `run` runs, in MB. */
async function heapPeak<T>(run: () => Promise<T>): Promise<{ value: T; peakMb: number }> {
  let peak = usedHeap()
  const timer = setInterval(() => {
    peak = Math.max(peak, usedHeap())
  }, 20)
  try {
    const value = await run()
    return { value, peakMb: Math.max(peak, usedHeap()) / 2 ** 20 }
  } finally {
    clearInterval(timer)
  }
}

/** The page's live JS heap in MB: after a full collection (gc() is exposed to benchmark pages). */
function liveHeapMb(): number {
  ;(globalThis as unknown as { gc?: () => void }).gc?.()
  return usedHeap() / 2 ** 20
}

export async function fill(total: number, offices: number): Promise<Record<string, number>> {
  db = new JiuzhuDb('bench-duplicates')
  await db.open()
  const units = Array.from({ length: offices }, (_, i) => String(110101 + i))
  const have = await db.cases.count()
  const start = have - (have % CHUNK)
  const t0 = performance.now()
  let duplicates = 0
  let shared = 0
  for (let done = start, k = start / CHUNK; done < total; done += CHUNK, k++) {
    const d = makeRegisterData(Math.min(CHUNK, total - done), {
      units,
      seed: 2000 + k,
      fromDate: '2016-01-01',
      toDate: '2026-10-31',
      idOffset: k * 10_000_000,
    })
    const cases = d.cases as unknown as Record<string, unknown>[]
    for (let i = 1; i < cases.length; i++) {
      const prev = cases[i - 1]
      const c = cases[i]
      if (prev.ownerUnit === c.ownerUnit) continue
      const shareWith = (prev.personIdNumbers as string[])[0]
      if (i % 100 === 0) {
        c.personIdNumbers = [shareWith]
        const ref = `${String(prev.ownerUnit)}刑初〔2025〕${i}号`
        prev.underlyingCase = { caseNo: ref, charge: '故意伤害罪' }
        c.underlyingCase = { caseNo: ref, charge: '故意伤害罪' }
        duplicates++
      } else if (i % 50 === 0) {
        c.personIdNumbers = [shareWith]
        prev.underlyingCase = { caseNo: `A${i}`, charge: '抢劫罪' }
        c.underlyingCase = { caseNo: `B${i}`, charge: '盗窃罪' }
        shared++
      }
    }
    await (db as JiuzhuDb).cases.bulkAdd(cases as never)
  }
  return { cases: await db.cases.count(), fillMs: performance.now() - t0, duplicates, shared, reusedCases: start }
}

export async function open(): Promise<number> {
  db = new JiuzhuDb('bench-duplicates')
  await db.open()
  return db.cases.count()
}

/** Floor 1: the bare IndexedDB read of every case, getAll in pages of 10,000 by primary key (no Dexie). */
export async function floorPagedRead(): Promise<{ ms: number; records: number }> {
  const idb = (db as JiuzhuDb).backendDB()
  const t0 = performance.now()
  let records = 0
  let last: IDBValidKey | undefined
  for (;;) {
    const page = await new Promise<unknown[]>((resolve, reject) => {
      const store = idb.transaction('cases').objectStore('cases')
      const req = store.getAll(last === undefined ? null : IDBKeyRange.lowerBound(last, true), 10_000)
      req.onsuccess = () => resolve(req.result)
      req.onerror = () => reject(req.error)
    })
    records += page.length
    if (page.length < 10_000) break
    last = (page[page.length - 1] as { id: string }).id
  }
  return { ms: performance.now() - t0, records }
}

/** The same pages through Dexie (pagesOf, as the check reads them), nothing done with the records. */
export async function dexiePages(): Promise<{ ms: number; records: number }> {
  const t0 = performance.now()
  let records = 0
  for await (const page of pagesOf(db as JiuzhuDb, 'cases', 10_000)()) records += page.length
  return { ms: performance.now() - t0, records }
}

/** Floor 2: a bare key cursor over cases.personIdNumbers (no values read, one round trip per index entry). */
export async function floorKeyWalk(): Promise<{ ms: number; entries: number }> {
  const idb = (db as JiuzhuDb).backendDB()
  const t0 = performance.now()
  const entries = await new Promise<number>((resolve, reject) => {
    let n = 0
    const req = idb.transaction('cases').objectStore('cases').index('personIdNumbers').openKeyCursor()
    req.onsuccess = () => {
      const c = req.result
      if (!c) return resolve(n)
      n++
      c.continue()
    }
    req.onerror = () => reject(req.error)
  })
  return { ms: performance.now() - t0, entries }
}

/** The check as the screen runs it (duplicateCandidates), and its parts timed separately. */
export async function check(): Promise<Record<string, number>> {
  const database = db as JiuzhuDb
  const own = { code: '110000', name: '省院' } as never
  const t0 = performance.now()
  const rows = await duplicateCandidates(database, own)
  const totalMs = performance.now() - t0
  const before = liveHeapMb()
  const t1 = performance.now()
  const { value: inputs, peakMb } = await heapPeak(() => duplicateInputs(database))
  const readMs = performance.now() - t1
  const keptMb = liveHeapMb() - before
  const t2 = performance.now()
  const found = findCrossOfficeDuplicates(inputs)
  const ruleMs = performance.now() - t2
  return {
    totalMs,
    readMs,
    ruleMs,
    peakMb: peakMb - before,
    keptMb,
    casesKept: inputs.length,
    candidates: found.length,
    shown: rows.length,
  }
}

/** Acting on a candidate: finding it again by its ID number (as the review command does), for the first `n`. */
export async function reviewLookups(n: number): Promise<Record<string, number>> {
  const database = db as JiuzhuDb
  const found = findCrossOfficeDuplicates(await duplicateInputs(database)).slice(0, n)
  const times: number[] = []
  for (const c of found) {
    const t0 = performance.now()
    const again = findCrossOfficeDuplicates(await duplicateInputsForCandidate(database, c.key))
    times.push(performance.now() - t0)
    if (!again.some((x) => x.key === c.key)) throw new Error(`候选项未能再次找到：${c.key}`)
  }
  times.sort((a, b) => a - b)
  return { lookups: times.length, medianMs: times[Math.floor(times.length / 2)] ?? 0, maxMs: times.at(-1) ?? 0 }
}

/** The check as it was before this change: every held case read, then the rule. */
export async function checkReadingEverything(): Promise<Record<string, number>> {
  const database = db as JiuzhuDb
  const before = liveHeapMb()
  const t0 = performance.now()
  const { value: cases, peakMb } = await heapPeak(() => database.cases.toArray())
  const readMs = performance.now() - t0
  const keptMb = liveHeapMb() - before
  const t1 = performance.now()
  const found = findCrossOfficeDuplicates(cases as never)
  const ruleMs = performance.now() - t1
  return { totalMs: readMs + ruleMs, readMs, ruleMs, peakMb: peakMb - before, keptMb, candidates: found.length }
}
