import { JiuzhuDb } from '../../../renderer/src/db/database'
import {
  duplicateCandidates,
  duplicateInputs,
  idNumbersOnSeveralCases,
} from '../../../renderer/src/db/queries/duplicates'
import { findCrossOfficeDuplicates } from '../../../shared/exchange/downward'
import { makeRegisterData } from '../../unit/registers/fixtures'

/**
 * 跨单位重复救助核查 benchmark, page side (real Chromium IndexedDB): a higher office holding `total` cases of many
 * offices (realistic case records from the register fixtures), where every 100th case shares its applicant and its
 * 原案件编号 with a case of another office (a true duplicate) and every 50th shares only the applicant (a person
 * on two cases for different matters: read, not a duplicate). Then times the check as the screen runs it, its
 * parts, the floor (a bare IndexedDB key cursor over the same index) and, on request, the check as it was before
 * (every case read).
 */

let db: JiuzhuDb | undefined
const CHUNK = 20_000

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

/** The floor: a bare IndexedDB key cursor over cases.personIdNumbers, counting entries (no Dexie, no values). */
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
  const t1 = performance.now()
  const ids = await idNumbersOnSeveralCases(database)
  const keyWalkMs = performance.now() - t1
  const t2 = performance.now()
  const inputs = await duplicateInputs(database, ids)
  const readMs = performance.now() - t2
  const t3 = performance.now()
  const found = findCrossOfficeDuplicates(inputs)
  const ruleMs = performance.now() - t3
  return {
    totalMs,
    keyWalkMs,
    readMs,
    ruleMs,
    idNumbers: ids.size,
    casesRead: inputs.length,
    candidates: found.length,
    shown: rows.length,
  }
}

/** The check as it was before this change: every held case read, then the rule. */
export async function checkReadingEverything(): Promise<Record<string, number>> {
  const database = db as JiuzhuDb
  const t0 = performance.now()
  const cases = await database.cases.toArray()
  const readMs = performance.now() - t0
  const t1 = performance.now()
  const found = findCrossOfficeDuplicates(cases as never)
  return { totalMs: performance.now() - t0, readMs, ruleMs: performance.now() - t1, candidates: found.length }
}
