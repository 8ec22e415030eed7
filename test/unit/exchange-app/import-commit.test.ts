import 'fake-indexeddb/auto'
import { forceCloseDatabase } from 'fake-indexeddb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyStoredAuditChain } from '../../../renderer/src/db'
import type { CommandSpec } from '../../../renderer/src/db/commands/execute'
import { execute } from '../../../renderer/src/db/commands/execute'
import type { ArchivePlan } from '../../../renderer/src/db/exchange'
import {
  commitImport,
  confirmImport,
  EX,
  type InChannelRow,
  type OpenedBundle,
  previewImport,
} from '../../../renderer/src/db/exchange'
import type { Case } from '../../../shared/domain/schemas'
import { sha256Hex } from '../../../shared/util/hash'
import { snapshot } from '../db/fixtures'
import { exRow, open, openApplication, signedByHand, startEnrolledPair, type TestOffice } from './offices'

/**
 * Import planning and commit against bundles a (validly enrolled, signing) subordinate crafts by hand: bad records
 * are rejected with reasons while the rest commits; totals that disagree refuse the whole bundle; a commit that
 * fails half-way — a write throwing, the database closing — leaves the store exactly as it was.
 */
let basic: TestOffice
let city: TestOffice
let legit: { cases: Case[]; persons: Record<string, unknown>[]; units: Record<string, unknown>[] }
let seq = 0

beforeAll(async () => {
  ;[basic, city] = await startEnrolledPair()
  const c = await openApplication(basic)
  legit = {
    cases: [c],
    persons: await basic.db.persons.toArray(),
    units: [(await basic.db.units.get('110105')) as Record<string, unknown>],
  }
})
afterAll(() => {
  basic?.db.close()
  city?.db.close()
})

/** A bundle 基层 signs by hand (its real key), addressed to 市, with whatever content the test wants. */
async function craft(opts: {
  tables: Record<string, Record<string, unknown>[]>
  origins?: { unitCode: string; revFrom: number; revTo: number }[]
  totals?: Record<string, number>
  channelSeq?: number
}): Promise<OpenedBundle> {
  // The next number after the last one the city imported: a skipped number together with a rev gap would be a
  // missing earlier part, refused before any preview (docs/exchange.md “分批上报”).
  const channel = await exRow<InChannelRow | undefined>(city, EX.in('110105'))
  seq = opts.channelSeq ?? (channel?.lastReceivedSeq ?? 0) + 1
  const bytes = await signedByHand(basic, {
    tables: opts.tables,
    origins: opts.origins,
    totals: opts.totals,
    channelSeq: seq,
  })
  return open(city, bytes, city.passphrase)
}

async function preview(bundle: OpenedBundle) {
  const res = await previewImport(city.db, await city.unit(), bundle)
  if (!res.ok) throw new Error(res.error.message)
  return { plan: res.value.plan as ArchivePlan, digest: res.value.digest }
}

describe('records are validated one by one; bad ones are rejected with reasons, the rest commits', () => {
  it('schema violations, foreign owners, out-of-range revs and unknown tables are rejected', async () => {
    const c = legit.cases[0]
    const bad: Record<string, Record<string, unknown>[]> = {
      cases: [
        c,
        { ...c, id: '110105-01KJV95K80KRZ9GV283ZJGDH4S', state: 'teleported' },
        { ...c, id: '110105-01KJV95K80KRZ9GV283ZJGDH4T', ownerUnit: '110300' },
        { ...c, id: '110105-01KJV95K80KRZ9GV283ZJGDH4V', rev: 5000 },
        { ...c, id: '110105-01KJV95K80KRZ9GV283ZJGDH4W', extra: 'field' },
        c,
      ],
      persons: legit.persons,
      users: [{ id: 'x', ownerUnit: '110105' }],
      units: legit.units,
    }
    const before = await snapshot(city.db)
    const bundle = await craft({ tables: bad })
    const { plan, digest } = await preview(bundle)
    expect(await snapshot(city.db)).toEqual(before)
    const reasons = plan.rejected.map((r) => `${r.table}:${r.reason}`)
    expect(reasons).toEqual([
      expect.stringMatching(/^cases:不符合数据规范：状态：应为以下之一：“线索”、/),
      'cases:本院自己的记录不能由下级改写',
      'cases:版本号 5000 不在清单声明的范围 1–1000 内',
      // an unknown field is reported in Chinese, without its raw (English) key
      'cases:不符合数据规范：含有不允许的字段',
      'cases:数据包中重复出现',
      'users:本院不接收“用户”数据表',
    ])
    expect(plan.totals).toEqual({ new: 2, updated: 0, unchanged: 1, rejected: 6 })
    const res = await confirmImport(city.db, city.admin, bundle, digest)
    if (!res.ok) throw new Error(res.error.message)
    expect(res.value.status).toBe('imported')
    expect(await city.db.cases.count()).toBe(1)
    expect(await city.db.users.where('unitCode').equals('110105').count()).toBe(0)
    // an archive import always answers with a receipt for the sender
    expect(res.value).toHaveProperty('receipt')
    const { receipt } = res.value as { receipt: { rejectedTotal: number; holds: unknown } }
    expect(receipt.rejectedTotal).toBe(6)
    expect(receipt.holds).toEqual([{ unitCode: '110105', highWaterRev: 1000 }])
    expect(await verifyStoredAuditChain(city.db)).toMatchObject({ ok: true })
  })

  it('a newer rev updates; an older or identical one is unchanged; the same rev with other content is rejected', async () => {
    const c = legit.cases[0]
    const bundle = await craft({
      tables: {
        cases: [
          { ...c, rev: c.rev + 1000, updatedAt: '2026-03-05T02:00:00.000Z' },
          { ...c, id: '110105-01KJV95K80KRZ9GV283ZJGDH4X', rev: 1500 },
        ],
      },
      origins: [{ unitCode: '110105', revFrom: 1001, revTo: 3000 }],
    })
    const { plan, digest } = await preview(bundle)
    expect(plan.totals).toMatchObject({ new: 1, updated: 1 })
    expect((await confirmImport(city.db, city.admin, bundle, digest)).ok).toBe(true)
    const again = await craft({
      tables: {
        cases: [
          { ...c, rev: c.rev },
          { ...c, id: '110105-01KJV95K80KRZ9GV283ZJGDH4X', rev: 1500, caseNo: '别的编号' },
        ],
      },
      origins: [{ unitCode: '110105', revFrom: 1, revTo: 3000 }],
    })
    const second = await preview(again)
    expect(second.plan.totals).toMatchObject({ new: 0, updated: 0, unchanged: 1, rejected: 1 })
    expect(second.plan.rejected[0].reason).toBe('版本号相同（第 1500 版）但内容不同，疑似数据错误')
  })

  it('a rev range that does not start where the receiver stands is shown as a gap, and the high-water stays', async () => {
    const c = legit.cases[0]
    const bundle = await craft({
      tables: { cases: [{ ...c, id: '110105-01KJV95K80KRZ9GV283ZJGDH4Y', rev: 9000 }] },
      origins: [{ unitCode: '110105', revFrom: 8000, revTo: 9000 }],
    })
    const { plan, digest } = await preview(bundle)
    expect(plan.origins[0]).toMatchObject({ heldBefore: 3000, heldAfter: 3000, gap: { from: 3001, to: 7999 } })
    expect(plan.warnings.join()).toContain('第 3001–7999 版缺失')
    expect((await confirmImport(city.db, city.admin, bundle, digest)).ok).toBe(true)
    expect(await city.db.exchange.get(EX.origin('110105'))).toMatchObject({
      highWaterRev: 3000,
      revGaps: [{ from: 3001, to: 7999 }],
    })
  })
})

describe('whole-bundle refusals', () => {
  it('money totals that disagree with the records refuse the bundle', async () => {
    const ledger = {
      id: '110105-01KJV95K80KRZ9GV283ZJGDH50',
      ownerUnit: '110105',
      rev: 9500,
      createdAt: '2026-03-05T02:00:00.000Z',
      updatedAt: '2026-03-05T02:00:00.000Z',
      createdBy: '110105-01J00000000000000000000002',
      updatedBy: '110105-01J00000000000000000000002',
      kind: 'allocation',
      fundSource: 'central',
      amountFen: 100_000,
      date: '2026-03-05',
      counterparty: '北京市财政局',
    }
    const bundle = await craft({
      tables: { ledger: [ledger] },
      totals: { ledger: 999 },
      origins: [{ unitCode: '110105', revFrom: 3001, revTo: 9500 }],
    })
    const res = await previewImport(city.db, await city.unit(), bundle)
    expect(res).toMatchObject({ ok: false, error: { code: 'exchange.totals-mismatch' } })
  })

  it('the same bundle id with other content is refused; a commit whose preview is out of date is refused', async () => {
    const first = await craft({ tables: { units: legit.units }, origins: [] })
    const { digest } = await preview(first)
    expect((await confirmImport(city.db, city.admin, first, digest)).ok).toBe(true)
    const forged: OpenedBundle = { ...first, bundleHash: 'f'.repeat(64) }
    const res = await previewImport(city.db, await city.unit(), forged)
    expect(res).toMatchObject({ ok: false, error: { code: 'exchange.bundle-id-reused' } })
    const stale = await craft({ tables: { units: legit.units }, origins: [] })
    const p = await preview(stale)
    const other = await craft({ tables: { units: legit.units }, origins: [], channelSeq: seq + 5 })
    const q = await preview(other)
    expect((await confirmImport(city.db, city.admin, other, q.digest)).ok).toBe(true)
    const before = await snapshot(city.db)
    const late = await confirmImport(city.db, city.admin, stale, p.digest)
    expect(late).toMatchObject({ ok: false, error: { code: 'exchange.out-of-order' } })
    expect(await snapshot(city.db)).toEqual(before)
  })
})

describe('the store changes between preview and commit', () => {
  /** Another writer's command (another window, another import) between the preview and 导入. */
  function writeBetween(table: 'settings' | 'cases', row: Record<string, unknown>) {
    const spec: CommandSpec<Record<string, never>, void> = {
      name: 'exchange.import',
      input: (commitImport as unknown as CommandSpec<never, unknown>).input.optional() as never,
      tables: [table],
      async run(ctx) {
        await ctx.put(table, (row.key ?? row.id) as string, row)
      },
    }
    return execute(city.db, spec, city.admin, undefined)
  }

  /** A bundle with one new case at `rev`, previewed. */
  async function previewedCase(id: string, rev: number) {
    const record = { ...legit.cases[0], id, rev }
    const bundle = await craft({
      tables: { cases: [record] },
      origins: [{ unitCode: '110105', revFrom: rev, revTo: rev }],
    })
    const { plan, digest } = await preview(bundle)
    expect(plan.totals).toMatchObject({ new: 1 })
    return { record, bundle, plan, digest }
  }

  it('an unrelated write: the commit plans again, arrives at the preview and writes exactly its records', async () => {
    const { record, bundle, plan, digest } = await previewedCase('110105-01KJV95K80KRZ9GV283ZJGDH70', 21_000)
    expect((await writeBetween('settings', { key: 'previewTest', value: 1 })).ok).toBe(true)
    const res = await confirmImport(city.db, city.admin, bundle, digest)
    expect(res).toMatchObject({ ok: true, value: { status: 'imported' } })
    expect(await city.db.cases.get(record.id)).toEqual(record)
    // the audit entry names the signed payload file and which of its records were written
    const entry = (await city.db.audit.toArray()).find((e) => e.entityId === `import:${plan.bundleId}:110105`)
    expect(entry?.after).toMatchObject({
      count: 1,
      revFrom: 21_000,
      revTo: 21_000,
      bundleHash: bundle.bundleHash,
      file: bundle.manifest.files.find((f) => f.name === 'cases.ndjson'),
      idRevHash: sha256Hex(`${record.id}@21000`),
    })
    expect(await verifyStoredAuditChain(city.db)).toMatchObject({ ok: true })
  })

  it('a record of the bundle written meanwhile at a higher rev: the commit is refused and writes nothing', async () => {
    const { record, bundle, digest } = await previewedCase('110105-01KJV95K80KRZ9GV283ZJGDH71', 21_001)
    expect((await writeBetween('cases', { ...record, rev: 21_002, caseNo: '另一个窗口导入的版本' })).ok).toBe(true)
    const before = await snapshot(city.db)
    const res = await confirmImport(city.db, city.admin, bundle, digest)
    expect(res).toMatchObject({ ok: false, error: { code: 'exchange.plan-changed' } })
    expect(await snapshot(city.db)).toEqual(before)
    // previewed again, the record is unchanged (the held rev is newer) and the bundle imports
    const again = await preview(bundle)
    expect(again.plan.totals).toMatchObject({ new: 0, unchanged: 1 })
    expect((await confirmImport(city.db, city.admin, bundle, again.digest)).ok).toBe(true)
    expect(await city.db.cases.get(record.id)).toMatchObject({ rev: 21_002, caseNo: '另一个窗口导入的版本' })
  })
})

describe('fault injection: a commit interrupted half-way leaves the store as it was', () => {
  async function freshBundle() {
    const c = legit.cases[0]
    return craft({
      tables: {
        persons: legit.persons,
        cases: [{ ...c, id: '110105-01KJV95K80KRZ9GV283ZJGDH60', rev: 20_000 }],
        units: legit.units,
      },
      origins: [{ unitCode: '110105', revFrom: 1, revTo: 20_000 }],
    })
  }

  it('a write that throws after other tables were written rolls everything back', async () => {
    const bundle = await freshBundle()
    const { plan, digest } = await preview(bundle)
    expect(plan.writes.cases).toHaveLength(1)
    const before = await snapshot(city.db)
    // persons are written first (table order); the case write then fails, as a full disk or a crash would
    const fault = () => {
      throw new Error('模拟断电')
    }
    city.db.cases.hook('creating', fault)
    try {
      const res = await confirmImport(city.db, city.admin, bundle, digest)
      expect(res).toMatchObject({ ok: false, error: { code: 'db.unknown' } })
    } finally {
      city.db.cases.hook('creating').unsubscribe(fault)
    }
    expect(await snapshot(city.db)).toEqual(before)
    // …and the same bundle then imports normally.
    expect((await confirmImport(city.db, city.admin, bundle, digest)).ok).toBe(true)
    expect(await city.db.cases.get('110105-01KJV95K80KRZ9GV283ZJGDH60')).toBeDefined()
  })

  it('a failure after every write (before the audit entries) rolls everything back', async () => {
    const c = legit.cases[0]
    const bundle = await craft({
      tables: { cases: [{ ...c, id: '110105-01KJV95K80KRZ9GV283ZJGDH61', rev: 20_001 }] },
      origins: [{ unitCode: '110105', revFrom: 20_001, revTo: 20_001 }],
    })
    const { digest } = await preview(bundle)
    const before = await snapshot(city.db)
    const failing: CommandSpec<never, unknown> = {
      ...(commitImport as unknown as CommandSpec<never, unknown>),
      async run(ctx, input) {
        await (commitImport as unknown as CommandSpec<never, unknown>).run(ctx, input)
        throw new Error('提交前断电')
      },
    }
    const res = await execute(city.db, failing, city.admin, { bundle, previewDigest: digest })
    expect(res.ok).toBe(false)
    expect(await snapshot(city.db)).toEqual(before)
  })

  it('the database closing under a running import leaves all of it or none of it', async () => {
    const c = legit.cases[0]
    const bundle = await craft({
      tables: { cases: [{ ...c, id: '110105-01KJV95K80KRZ9GV283ZJGDH62', rev: 20_002 }] },
      origins: [{ unitCode: '110105', revFrom: 20_002, revTo: 20_002 }],
    })
    const { digest } = await preview(bundle)
    const before = await snapshot(city.db)
    const close = () => {
      forceCloseDatabase(city.db.backendDB() as never)
    }
    city.db.cases.hook('creating', close)
    const closing = commitImport as unknown as CommandSpec<never, unknown>
    const res = await execute(city.db, closing, city.admin, { bundle, previewDigest: digest })
    city.db.cases.hook('creating').unsubscribe(close)
    city.db.close()
    await city.db.open()
    const after = await snapshot(city.db)
    // fake-indexeddb may let the running transaction finish; either all of it is there (one more case and bundle),
    // or none of it (the store exactly as before) — and the audit chain verifies either way
    expect(res.ok ? { cases: after.cases.length, bundles: after.receivedBundles.length } : after).toEqual(
      res.ok ? { cases: before.cases.length + 1, bundles: before.receivedBundles.length + 1 } : before,
    )
    expect((await verifyStoredAuditChain(city.db)).ok).toBe(true)
  })
})
