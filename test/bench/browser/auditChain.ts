import { verifyStoredAuditChain } from '../../../renderer/src/db'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import { type AuditEntry, sealAuditEntry, verifyAuditChain } from '../../../shared/audit/chain'
import { type AuditHashAlg, chainAuditHash } from '../../../shared/audit/hashAlg'
import { admin, freshOffice } from './benchOffice'
import { benchCases } from './benchRecords'

/**
 * 校验审计链 over a long log in real Chromium IndexedDB, SHA-256 against SM3 (docs/performance.md「审计链校验」):
 * an office set up with each algorithm, its log filled with `n` case-update entries (a case-shaped record of
 * ~1.2 KB before and after, as a command that edits a case writes them) sealed through the app's sealAuditEntry,
 * then verified the way the 审计日志 screen does (verifyStoredAuditChain), and in parts: the read alone, the walk
 * that checks only the links (the floor without hashing), and verifyAuditChain over entries already in memory.
 */

const offices = new Map<AuditHashAlg, JiuzhuDb>()

const timed = async <T>(run: () => T | Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now()
  const out = await run()
  return [out, performance.now() - t0]
}

/** Sets up the office for `alg` and appends `n` entries to its log (chunks of 10,000, past the command layer). */
export async function fill(alg: AuditHashAlg, n: number): Promise<{ entries: number; sealMs: number }> {
  const db = await freshOffice(`audit-chain-${alg}-${Date.now()}`, alg)
  offices.set(alg, db)
  const last = (await db.audit.orderBy('seq').last()) as AuditEntry
  const used = chainAuditHash(await db.audit.get(1))
  if (used !== alg) throw new Error(`office declared ${used}, not ${alg}`)
  let prev = last
  let sealMs = 0
  for (let from = 0; from < n; from += 10_000) {
    const records = benchCases(Math.min(10_000, n - from), from)
    const [chunk, ms] = await timed(() =>
      records.map((after) => {
        const e = sealAuditEntry(
          {
            seq: prev.seq + 1,
            at: '2026-03-02T01:00:00.000Z',
            userId: admin.userId,
            unitCode: admin.unitCode,
            command: 'case.update',
            table: 'cases',
            entityId: String(after.id),
            before: { ...after, rev: 1 },
            after: { ...after, rev: 2 },
            prevHash: prev.hash,
          },
          alg,
        )
        prev = e
        return e
      }),
    )
    sealMs += ms
    await db.transaction('rw', db.audit, () => db.audit.bulkAdd(chunk))
  }
  return { entries: await db.audit.count(), sealMs }
}

/** One verification of `alg`'s log: whole (as the screen does it) and in parts. */
export async function verify(alg: AuditHashAlg) {
  const db = offices.get(alg)
  if (!db) throw new Error(`no office for ${alg}`)
  const [whole, wholeMs] = await timed(() => verifyStoredAuditChain(db))
  if (!whole.ok || whole.alg !== alg) throw new Error(`chain of ${alg} did not verify: ${JSON.stringify(whole)}`)
  const [entries, readMs] = await timed(() => db.audit.orderBy('seq').toArray())
  const [, linksMs] = await timed(() => {
    let prev = '0'.repeat(64)
    for (const [i, e] of entries.entries()) {
      if (e.seq !== i + 1 || e.prevHash !== prev) throw new Error('broken link')
      prev = e.hash
    }
  })
  const [inMemory, hashMs] = await timed(() => verifyAuditChain(entries))
  if (!inMemory.ok) throw new Error('in-memory verification failed')
  return { count: whole.count, wholeMs, readMs, linksMs, hashMs }
}
