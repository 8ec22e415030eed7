import 'fake-indexeddb/auto'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, assert, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  collectBackupTables,
  execute,
  officeAuditHash,
  restoreBackupTables,
  verifyStoredAuditChain,
} from '../../../renderer/src/db'
import type { CommandSpec } from '../../../renderer/src/db/commands/execute'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import { type AuditEntry, auditEntryHash, GENESIS_HASH, verifyAuditChain } from '../../../shared/audit/chain'
import { AUDIT_HASH_ENTITY, type AuditHashAlg, auditHashAlgs } from '../../../shared/audit/hashAlg'
import { dispatch } from '../../../shared/ipc/dispatch'
import { canonicalJson } from '../../../shared/util/canonicalJson'
import { webServices } from '../../mocks/services'
import { admin, clock, freshDb, replaceOffice, settingCommand, snapshot } from './fixtures'
import { resealChain } from './forgeAudit'

/**
 * 审计日志校验算法 (docs/security.md「哪种算法保护什么」, §5.1): the office chooses SHA-256 or SM3 at first-run setup,
 * setup declares it as entry 1, every entry is sealed and verified under it, and nothing changes it afterwards.
 */
let db: JiuzhuDb = freshDb()
afterEach(async () => {
  db.close()
  await db.delete()
})

const nodeHash = (alg: AuditHashAlg, text: string) => createHash(alg).update(Buffer.from(text, 'utf8')).digest('hex')

/** The canonical bytes an entry's hash covers: every field but `hash` (shared/audit/chain.ts). */
const canonicalOf = ({ hash: _hash, ...fields }: AuditEntry) => canonicalJson(fields)

async function writeSettings(n: number) {
  for (let i = 0; i < n; i++) {
    const res = await execute(db, settingCommand(), admin, { key: `k${i}`, value: `值${i}` }, { clock })
    assert(res.ok, 'a setting is written')
  }
}

describe.each(auditHashAlgs)('an office that chose %s at setup', (alg) => {
  beforeEach(async () => {
    db = await replaceOffice(db, alg)
    await writeSettings(3)
  })

  it('declares it as entry 1 and seals every entry under it, as node:crypto computes the same bytes', async () => {
    const entries = await db.audit.orderBy('seq').toArray()
    expect(entries[0]).toMatchObject({ seq: 1, table: 'audit', entityId: AUDIT_HASH_ENTITY, after: { auditHash: alg } })
    expect(entries.length).toBe(8)
    for (const e of entries) expect(e.hash, `entry ${e.seq}`).toBe(nodeHash(alg, canonicalOf(e)))
    expect(await verifyStoredAuditChain(db)).toEqual({ ok: true, count: 8, head: entries[7].hash, alg })
    expect(await officeAuditHash(db)).toBe(alg)
  })

  it('no later command can declare an algorithm: refused, nothing written', async () => {
    const before = await snapshot(db)
    const redeclare: CommandSpec<object, void> = {
      name: 'settings.update',
      input: z.object({}).strict(),
      tables: ['settings'],
      run: (ctx) => ctx.declareAuditHash(auditHashAlgs.find((a) => a !== alg) as AuditHashAlg),
    }
    const res = await execute(db, redeclare, admin, {}, { clock })
    expect(res).toMatchObject({ ok: false, error: { code: 'setup.already-done' } })
    expect(await snapshot(db)).toEqual(before)
  })

  it('entry 1 edited to name the other algorithm breaks the chain at entry 1', async () => {
    const other = auditHashAlgs.find((a) => a !== alg) as AuditHashAlg
    await db.audit.update(1, { after: { auditHash: other } })
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: false, brokenAt: 1, reason: 'hash' })
  })

  it('a declaration written after entry 1 — even one sealed correctly — breaks the chain there', async () => {
    const entries = await db.audit.orderBy('seq').toArray()
    const other = auditHashAlgs.find((a) => a !== alg) as AuditHashAlg
    // a forger appends a declaration of the other algorithm and re-seals what follows under it
    const claimed = resealChain(
      entries.slice(5),
      (e) => (e.seq === 6 ? { ...e, table: 'audit', entityId: AUDIT_HASH_ENTITY, after: { auditHash: other } } : e),
      other,
    )
    const verdict = verifyAuditChain([...entries.slice(0, 5), ...claimed])
    expect(verdict).toMatchObject({ ok: false, brokenAt: 6, reason: 'declaration' })
    assert(!verdict.ok, 'the chain is broken')
    expect(verdict.message).toBe(
      '第 6 条审计记录声称选定审计日志的校验算法：校验算法只在首次设置时记入第 1 条，此后不能更改，该记录被伪造或改动。',
    )
    // the same declaration naming the office's own algorithm is no better
    const same = resealChain(entries.slice(5), (e) =>
      e.seq === 6 ? { ...e, table: 'audit', entityId: AUDIT_HASH_ENTITY, after: { auditHash: alg } } : e,
    )
    expect(verifyAuditChain([...entries.slice(0, 5), ...same])).toMatchObject({ ok: false, reason: 'declaration' })
  })

  it('an entry 1 naming an algorithm this software does not know breaks the chain at entry 1', async () => {
    const entries = await db.audit.orderBy('seq').toArray()
    const forged = resealChain(entries, (e) => (e.seq === 1 ? { ...e, after: { auditHash: 'md5' } } : e))
    expect(verifyAuditChain(forged)).toMatchObject({ ok: false, brokenAt: 1, reason: 'declaration' })
  })

  it('a backup restored through the real backup service verifies under it, and new entries keep it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'audit-hash-backup-'))
    try {
      const services = webServices(dir, join(dir, 'e'), join(dir, 'b'))
      const written = await dispatch(services, 'backup:write', {
        fileName: '本院备份',
        password: 'Beifen2026x',
        unitCode: '110105',
        unitName: '北京市朝阳区人民检察院',
        createdAt: '2026-03-02T01:00:00.000Z',
        tables: await collectBackupTables(db),
      })
      if (!written.ok) throw new Error(written.error.message)
      const read = await dispatch(services, 'backup:read', {
        fileName: (written.value as { fileName: string }).fileName,
        password: 'Beifen2026x',
      })
      if (!read.ok) throw new Error(read.error.message)
      db.close()
      await db.delete()
      db = freshDb()
      await db.open()
      await restoreBackupTables(db, (read.value as { tables: Record<string, unknown[]> }).tables)
      expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true, count: 8, alg })
      await writeSettings(1)
      const last = (await db.audit.orderBy('seq').last()) as AuditEntry
      expect(last.seq).toBe(9)
      expect(last.hash).toBe(nodeHash(alg, canonicalOf(last)))
      expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true, count: 9, alg })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('one fixed entry, hashed by this module, by node:crypto and by Debian’s openssl', () => {
  // entry 1 of an office that chose SM3 (the setup fixture's clock and administrator)
  const entry: Omit<AuditEntry, 'hash'> = {
    seq: 1,
    at: '2026-03-02T01:00:00.000Z',
    userId: '110105-01ARZ3NDEKTSV4RRFFQ69G5FAV',
    unitCode: '110105',
    command: 'office.setup',
    table: 'audit',
    entityId: 'audit-hash',
    before: null,
    after: { auditHash: 'sm3' },
    prevHash: GENESIS_HASH,
  }
  // the canonical JSON, written out: keys sorted, no whitespace
  const bytes = `{"after":{"auditHash":"sm3"},"at":"2026-03-02T01:00:00.000Z","before":null,"command":"office.setup","entityId":"audit-hash","prevHash":"${'0'.repeat(64)}","seq":1,"table":"audit","unitCode":"110105","userId":"110105-01ARZ3NDEKTSV4RRFFQ69G5FAV"}`
  const openssl = (alg: AuditHashAlg) =>
    execFileSync('openssl', ['dgst', `-${alg}`], { input: bytes })
      .toString()
      .trim()
      .replace(/^.*= /, '')

  it.each(auditHashAlgs)('%s', (alg) => {
    const fromOpenssl = openssl(alg)
    expect(fromOpenssl).toMatch(/^[0-9a-f]{64}$/)
    expect(auditEntryHash(entry, alg)).toBe(fromOpenssl)
    expect(nodeHash(alg, bytes)).toBe(fromOpenssl)
  })

  it('is the entry an SM3 office writes at setup', async () => {
    db = await replaceOffice(db, 'sm3')
    const first = (await db.audit.get(1)) as AuditEntry
    expect(first).toEqual({ ...entry, hash: openssl('sm3') })
  })

  it('a log without a declaration (an office set up before the choice existed) is SHA-256', () => {
    const legacy = resealChain([{ ...entry, table: 'settings', entityId: 'k', after: { key: 'k' }, hash: '' }])
    expect(legacy[0].hash).toBe(nodeHash('sha256', canonicalOf(legacy[0])))
    expect(verifyAuditChain(legacy)).toMatchObject({ ok: true, count: 1, alg: 'sha256' })
  })
})
