import { execSync } from 'node:child_process'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { it } from 'vitest'
import { writeTableXlsx } from '../../electron/services/excel/writeTable'
import { fromEpochDay, toEpochDay } from '../../shared/domain/dates'
import type { PriorityGroup } from '../../shared/domain/schemas'
import { buildPaymentsReport, type PaymentCase, type PaymentPerson } from '../../shared/report/definitions/payments'
import {
  collectStats,
  type StatsCase,
  type StatsClue,
  type StatsInput,
  type StatsLedgerEntry,
  type StatsPerson,
  type StatsReferral,
  statsRollupTable,
  statsTable,
} from '../../shared/report/definitions/stats'
import { parsePeriod } from '../../shared/report/period'
import { forEachRecord } from '../../shared/report/source'
import { type CellValue, tableModelSchema } from '../../shared/report/tableModel'
import type { ReportUnit } from '../../shared/report/units'

/**
 * Issue 8 benchmarks (figures in docs/performance.md):
 *  1. a year's national statistics (统计表 + three roll-ups over ~3,500 offices) from BENCH_N (default 1,000,000)
 *     synthetic cases of ten years, with persons, clues, referrals, follow-ups, ledger entries and donations, held
 *     in memory as plain objects (the fields the report reads); and BENCH_STREAM_N (default 200,000) cases of whole
 *     records streamed in chunks of 5,000 (as Dexie paging / NDJSON reading), against the floor of producing them;
 *  2. the annual payment detail of BENCH_PAYMENTS (default 100,000) payments: definition + the generic writer vs a
 *     bare exceljs streaming write (WorkbookWriter, no styles, addRow().commit()) of the same cells, same run.
 * Run: NODE_OPTIONS=--max-old-space-size=12288 BENCH_ROUNDS=3 npm run bench -- test/bench/report.bench.test.ts
 */

const N = Number(process.env.BENCH_N ?? 1_000_000)
const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? 100_000)
const STREAM_N = Number(process.env.BENCH_STREAM_N ?? 200_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const PAYMENT_ROUNDS = Number(process.env.BENCH_PAYMENT_ROUNDS ?? 5)

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

function machine(): string {
  let os = ''
  try {
    os = execSync('. /etc/os-release && echo "$PRETTY_NAME"', { shell: '/bin/sh' }).toString().trim()
  } catch {
    /* not Linux */
  }
  return `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}${os ? `, ${os}` : ''}; load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`
}

function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const CROCK = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
/** A record id built as a flat string (as JSON.parse or IndexedDB would hand it over). */
function rid(unit: string, n: number): string {
  const chars: string[] = [unit, '-01J']
  let x = n
  const tail: string[] = []
  for (let i = 0; i < 23; i++) {
    tail.push(CROCK[x % 32])
    x = Math.floor(x / 32)
  }
  return chars.concat(tail.reverse()).join('')
}

/** ~3,500 offices: 最高检, 32 provinces, 12 cities each, 8 basic offices per city. */
function nationalUnits(): { units: ReportUnit[]; basic: string[]; all: string[] } {
  const units: ReportUnit[] = [{ code: '100000', name: '最高人民检察院', shortName: '最高检', level: 'supreme' }]
  const basic: string[] = []
  for (let p = 0; p < 32; p++) {
    const pc = `${11 + p}0000`
    units.push({ code: pc, name: `第${p + 1}省人民检察院`, level: 'province', parentCode: '100000' })
    for (let c = 1; c <= 12; c++) {
      const cc = `${11 + p}${String(c).padStart(2, '0')}00`
      units.push({ code: cc, name: `第${p + 1}省第${c}市人民检察院`, level: 'city', parentCode: pc })
      for (let b = 1; b <= 8; b++) {
        const bc = `${11 + p}${String(c).padStart(2, '0')}${String(b).padStart(2, '0')}`
        units.push({ code: bc, name: `第${p + 1}省第${c}市第${b}区人民检察院`, level: 'basic', parentCode: cc })
        basic.push(bc)
      }
    }
  }
  return { units, basic, all: units.map((u) => u.code) }
}

const T = '2025-06-30T02:00:00.000Z'
const GROUPS: PriorityGroup[] = [
  'minor',
  'woman-in-hardship',
  'disabled',
  'veteran-or-military-family',
  'rural-hardship',
]
const ORIGINS = ['prosecution', 'arrest-review', 'juvenile', 'criminal-execution', 'civil-administrative'] as const
const REFERRALS = ['legal-aid', 'counselling', 'social-assistance', 'medical', 'education'] as const
const CHUNK = 5000

/**
 * Ten years of national records, generated chunk by chunk as a stream per table — the way a national office reads
 * them (Dexie pages in the renderer, NDJSON files in the CLI): each record is used once and dropped, so the heap
 * holds only the aggregates. Case i's random choices come from a generator seeded with i, so every table's stream
 * agrees with the cases stream without keeping anything. Records have the schema's fields and nesting (~1 KB JSON).
 */
function nationalStreams(n: number) {
  const { units, basic, all } = nationalUnits()
  const day0 = toEpochDay('2016-01-01')
  const days = Array.from({ length: 3700 }, (_, i) => fromEpochDay(day0 + i))
  const facts = (i: number) => {
    const r = rng(i * 2654435761 + 8)
    const unit = r() < 0.92 ? basic[Math.floor(r() * basic.length)] : all[Math.floor(r() * all.length)]
    const d = Math.floor(r() * 3640)
    const granted = r() < 0.8
    const paid = granted && r() < 0.9
    const fen = 300_000 + Math.floor(r() * 5_000_000)
    const joint = r() < 0.3
    const referred = r() < 0.6
    const flags = GROUPS.filter(() => r() < 0.12)
    const second = r() < 0.3
    const small = r() < 0.03
    const referral = paid && r() < 0.3
    const followUp = paid && r() < 0.3
    const idNumber = [unit, '19', String(60 + (i % 40)), '0101', String(i % 997).padStart(3, '0'), 'X'].join('')
    return { unit, d, granted, paid, fen, joint, referred, flags, second, small, referral, followUp, idNumber }
  }
  type Facts = ReturnType<typeof facts>
  const stream = <R>(emit: (i: number, f: Facts, out: R[]) => void) =>
    async function* (): AsyncIterable<R[]> {
      for (let start = 0; start < n; start += CHUNK) {
        const out: R[] = []
        for (let i = start; i < Math.min(n, start + CHUNK); i++) emit(i, facts(i), out)
        yield out
      }
    }
  const caseId = (i: number, f: Facts) => rid(f.unit, i * 8)
  const personId = (i: number, f: Facts) => rid(f.unit, i * 8 + 1)
  const input = {
    persons: stream<StatsPerson>((i, f, out) => {
      out.push({
        id: personId(i, f),
        ownerUnit: f.unit,
        rev: i * 8 + 1,
        createdAt: T,
        updatedAt: T,
        name: '王某',
        idType: 'resident-id',
        idNumber: f.idNumber,
        priorityFlags: f.flags,
      } as StatsPerson)
    }),
    clues: stream<StatsClue>((i, f, out) => {
      if (!f.referred) return
      out.push({
        id: rid(f.unit, i * 8 + 2),
        ownerUnit: f.unit,
        rev: i * 8 + 2,
        createdAt: T,
        updatedAt: T,
        source: 'case-department',
        originDepartment: ORIGINS[i % 5],
        partyName: '王某',
        referredOn: days[f.d],
        informing: { byName: '李某', method: 'written', date: days[f.d + 1], response: 'will-apply' },
        status: 'converted',
        convertedCaseId: caseId(i, f),
      } as StatsClue)
    }),
    cases: stream<StatsCase>((i, f, out) => {
      const { unit, d, fen } = f
      const splits = f.joint
        ? [
            { source: 'province', amountFen: fen - 100_000 },
            { source: 'county', amountFen: 100_000 },
          ]
        : [{ source: 'county', amountFen: fen }]
      out.push({
        id: caseId(i, f),
        ownerUnit: unit,
        rev: i * 8,
        createdAt: T,
        updatedAt: T,
        createdBy: rid(unit, 1),
        updatedBy: rid(unit, 1),
        caseNo: `${unit}检控救〔${days[d + 20].slice(0, 4)}〕${i}号`,
        state: f.paid ? 'paid' : f.granted ? 'granted' : 'refused',
        source: f.referred ? 'referral' : 'application',
        ...(f.referred ? { originDepartment: ORIGINS[i % 5], clueId: rid(unit, i * 8 + 2) } : {}),
        applicantId: personId(i, f),
        relation: 'self',
        capacity: 'self',
        personIdNumbers: f.second ? [f.idNumber, [unit, '198001011234'].join('')] : [f.idNumber],
        ruleSetId: '2021-xize',
        categoryItemCode: `2021-7-${1 + (i % 7)}`,
        smallEmergencyHelp: f.small,
        clueDate: days[d],
        applicationDate: days[d + 3],
        acceptanceDate: days[d + 5],
        reviewStartDate: days[d + 5],
        decisionDate: days[d + 14],
        informing: { byName: '王检察官', method: 'written', date: days[d + 1], response: 'will-apply' },
        application: { form: 'written', receivedBy: rid(unit, 2) },
        materials: [
          { item: 'application', received: true, receivedDate: days[d + 3] },
          { item: 'identity', received: true, receivedDate: days[d + 3] },
          { item: 'hardshipProof', received: true, receivedDate: days[d + 4] },
        ],
        proposal: { decision: f.granted ? 'grant' : 'refuse', by: rid(unit, 3), at: T, text: '经审查，建议予以救助。' },
        approvals: [
          { round: 1, step: 'chief', role: 'chief', userId: rid(unit, 4), opinion: '同意', decision: 'agree', at: T },
        ],
        decision: f.granted
          ? {
              outcome: 'granted',
              grantedFen: fen,
              documentNo: `检控救〔${i}〕号`,
              ...(i % 17 === 0 ? { advance: true } : {}),
            }
          : { outcome: 'refused', refusalReasons: ['no-hardship'] },
        ...(f.paid
          ? {
              funding: {
                requestDate: days[d + 15],
                receivedDate: days[d + 20],
                splits,
                collectionNoticeDate: days[d + 21],
              },
              payment: {
                method: 'transfer',
                amountFen: fen,
                payeeName: '王某',
                payeePersonId: personId(i, f),
                paidDate: days[d + 25],
                paidBy: rid(unit, 5),
                account: { bank: '中国农业银行', accountName: '王某', accountNo: '6228480012345678' },
              },
            }
          : {}),
        recoveries:
          i % 200 === 0 && f.paid
            ? [{ trigger: 'fraud', amountFen: fen, recoveredFen: fen, recoveredDate: days[d + 60] }]
            : [],
      } as unknown as StatsCase)
    }),
    referrals: stream<StatsReferral>((i, f, out) => {
      if (f.referral)
        out.push({
          id: rid(f.unit, i * 8 + 3),
          ownerUnit: f.unit,
          rev: i * 8 + 3,
          caseId: caseId(i, f),
          kind: REFERRALS[i % 5],
          partnerAgency: '街道民政办',
          date: days[f.d + 30],
        } as StatsReferral)
    }),
    followUps: stream<{ id: string; ownerUnit: string; rev: number; caseId: string; date: string }>((i, f, out) => {
      if (f.followUp)
        out.push({
          id: rid(f.unit, i * 8 + 4),
          ownerUnit: f.unit,
          rev: i * 8 + 4,
          caseId: caseId(i, f),
          date: days[f.d + 40],
        })
    }),
    ledger: stream<StatsLedgerEntry>((i, f, out) => {
      if (!f.paid) return
      const id = caseId(i, f)
      const date = days[f.d + 20]
      if (f.joint) {
        out.push({
          id: rid(f.unit, i * 8 + 5),
          ownerUnit: f.unit,
          rev: i * 8 + 5,
          kind: 'allocation',
          fundSource: 'province',
          amountFen: f.fen - 100_000,
          date,
          caseId: id,
          counterparty: '省级财政',
        } as StatsLedgerEntry)
        out.push({
          id: rid(f.unit, i * 8 + 6),
          ownerUnit: f.unit,
          rev: i * 8 + 6,
          kind: 'allocation',
          fundSource: 'county',
          amountFen: 100_000,
          date,
          caseId: id,
          counterparty: '县级财政',
        } as StatsLedgerEntry)
      } else {
        out.push({
          id: rid(f.unit, i * 8 + 5),
          ownerUnit: f.unit,
          rev: i * 8 + 5,
          kind: 'allocation',
          fundSource: 'county',
          amountFen: f.fen,
          date,
          caseId: id,
          counterparty: '县级财政',
        } as StatsLedgerEntry)
      }
      out.push({
        id: rid(f.unit, i * 8 + 7),
        ownerUnit: f.unit,
        rev: i * 8 + 7,
        kind: 'disbursement',
        fundSource: 'county',
        amountFen: f.fen,
        date: days[f.d + 25],
        caseId: id,
        counterparty: '王某',
      } as StatsLedgerEntry)
    }),
    donations: stream<{
      id: string
      ownerUnit: string
      rev: number
      donor: { kind: 'company'; name: string }
      amountFen: number
      receivedOn: string
    }>((i, f, out) => {
      if (i % 100 === 0)
        out.push({
          id: rid(f.unit, i * 8 + 7),
          ownerUnit: f.unit,
          rev: i * 8 + 7,
          donor: { kind: 'company', name: '某公司' },
          amountFen: 10_000_000,
          receivedOn: days[f.d],
        })
    }),
  }
  return { units, input: input as unknown as StatsInput }
}

it('annual payment detail of 100k payments vs a bare exceljs streaming write of the same cells', async () => {
  const r = rng(9)
  const province: ReportUnit[] = [{ code: '330000', name: '浙江省人民检察院', level: 'province' }]
  const offices: string[] = []
  for (let c = 1; c <= 11; c++) {
    const cc = `33${String(c).padStart(2, '0')}00`
    province.push({ code: cc, name: `浙江省第${c}市人民检察院`, level: 'city', parentCode: '330000' })
    for (let b = 1; b <= 9; b++) {
      const bc = `33${String(c).padStart(2, '0')}${String(b).padStart(2, '0')}`
      province.push({
        code: bc,
        name: `第${c}市第${b}区人民检察院`,
        shortName: `${c}市${b}区院`,
        level: 'basic',
        parentCode: cc,
      })
      offices.push(bc)
    }
  }
  const day0 = toEpochDay('2025-01-01')
  const cases: PaymentCase[] = []
  const persons: PaymentPerson[] = []
  for (let i = 0; i < PAYMENTS; i++) {
    const unit = offices[Math.floor(r() * offices.length)]
    const personId = rid(unit, 2 * i + 1)
    const fen = 300_000 + Math.floor(r() * 5_000_000)
    persons.push({
      id: personId,
      ownerUnit: unit,
      rev: 2 * i + 1,
      name: '王某某',
      idNumber: `${unit}19${60 + (i % 40)}0101${String(i % 999).padStart(3, '0')}X`,
    })
    const paid = fromEpochDay(day0 + Math.floor(r() * 360))
    cases.push({
      id: rid(unit, 2 * i + 2),
      ownerUnit: unit,
      rev: 2 * i + 2,
      smallEmergencyHelp: false,
      caseNo: `${unit}检控救〔2025〕${i + 1}号`,
      categoryItemCode: `2021-7-${1 + (i % 7)}`,
      decisionDate: paid,
      decision: { outcome: 'granted', grantedFen: fen, documentNo: `${unit}检控救〔2025〕${i + 1}号` },
      payment: {
        paidDate: paid,
        amountFen: fen,
        method: i % 3 ? 'transfer' : 'in-person',
        payeeName: '王某某',
        payeePersonId: personId,
        receiptRef: `凭证${i}`,
      },
      funding: {
        splits:
          i % 4
            ? [{ source: 'county', amountFen: fen }]
            : [
                { source: 'province', amountFen: fen - 100_000 },
                { source: 'county', amountFen: 100_000 },
              ],
      },
      recoveries: [],
    })
  }
  // as IndexedDB or NDJSON hand records over: flat strings, not the concatenations the generator built
  const flat = <T>(records: T[]): T[] => JSON.parse(JSON.stringify(records))
  const casesIn = flat(cases)
  const personsIn = flat(persons)
  const dir = await mkdtemp(join(tmpdir(), 'bench-payments-'))
  const run = {
    scope: { unitCode: '330000', units: province },
    generatedAt: T,
    generatedBy: 'bench',
    period: parsePeriod('2025'),
  }
  const results: {
    definition: number
    writer: number
    bare: number
    ours: number
    definitionCpu: number
    contractCpu: number
    writerCpu: number
    bareCpu: number
    bareBytes: number
    oursBytes: number
  }[] = []
  try {
    for (let round = 0; round < PAYMENT_ROUNDS; round++) {
      const a = performance.now()
      const a0 = process.cpuUsage()
      const { table } = await buildPaymentsReport({ cases: casesIn, persons: personsIn }, run)
      const definition = performance.now() - a
      const a1 = process.cpuUsage(a0)
      const definitionCpu = (a1.user + a1.system) / 1000
      // what the app's export adds on the way to the writer: the IPC contract's check of the table model
      const k0 = process.cpuUsage()
      tableModelSchema.parse(table)
      const k1 = process.cpuUsage(k0)
      const contractCpu = (k1.user + k1.system) / 1000
      // the same cells, as the bare write will put them (money in 元 as numbers)
      const kinds = table.columns.map((c) => c.kind)
      const cells: CellValue[][] = table.rows.map((row) =>
        row.map((v, i) => (kinds[i] === 'fen' && typeof v === 'number' ? v / 100 : v)),
      )
      const cpuMs = () => {
        const u = process.cpuUsage()
        return (u.user + u.system) / 1000
      }
      let bareCpu = 0
      let writerCpu = 0
      const bareWrite = async () => {
        const t = performance.now()
        const c = cpuMs()
        const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
          filename: join(dir, `bare-${round}.xlsx`),
          useStyles: false,
          useSharedStrings: false,
        })
        const ws = wb.addWorksheet('发放明细')
        for (const row of cells) ws.addRow(row).commit()
        ws.commit()
        await wb.commit()
        bareCpu = cpuMs() - c
        return performance.now() - t
      }
      const oursWrite = async () => {
        const t = performance.now()
        const c = cpuMs()
        await writeTableXlsx(join(dir, `ours-${round}.xlsx`), table)
        writerCpu = cpuMs() - c
        return performance.now() - t
      }
      // alternate which goes first, so drift in the machine's load does not favour one side
      let bare: number
      let writer: number
      if (round % 2 === 0) {
        bare = await bareWrite()
        writer = await oursWrite()
      } else {
        writer = await oursWrite()
        bare = await bareWrite()
      }
      const bareFile = join(dir, `bare-${round}.xlsx`)
      const oursFile = join(dir, `ours-${round}.xlsx`)
      const res = {
        definition,
        writer,
        bare,
        ours: definition + writer,
        definitionCpu,
        contractCpu,
        writerCpu,
        bareCpu,
        bareBytes: (await stat(bareFile)).size,
        oursBytes: (await stat(oursFile)).size,
      }
      results.push(res)
      console.log(
        JSON.stringify({
          round,
          rows: table.rows.length,
          ...Object.fromEntries(Object.entries(res).map(([k, v]) => [k, Math.round(v)])),
        }),
      )
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  const m = (k: keyof (typeof results)[number]) => median(results.map((x) => x[k]))
  console.log(`\nmachine: ${machine()}`)
  console.log(`payments: ${PAYMENTS} (15 columns) in ${province.length} offices, rounds: ${PAYMENT_ROUNDS}`)
  console.log(
    `bare exceljs WorkbookWriter (no styles) of the same cells: median ${(m('bare') / 1000).toFixed(2)} s, ${(m('bareBytes') / 2 ** 20).toFixed(1)} MiB`,
  )
  console.log(
    `generic writer (styled, official layout): median ${(m('writer') / 1000).toFixed(2)} s, ${(m('oursBytes') / 2 ** 20).toFixed(1)} MiB → ratio ${(m('writer') / m('bare')).toFixed(2)}`,
  )
  console.log(`definition (records → table model): median ${(m('definition') / 1000).toFixed(2)} s`)
  console.log(
    `CPU time of this process (not inflated by other load): bare ${(m('bareCpu') / 1000).toFixed(2)} s, writer ${(m('writerCpu') / 1000).toFixed(2)} s, definition ${(m('definitionCpu') / 1000).toFixed(2)} s → writer / bare ${median(results.map((x) => x.writerCpu / x.bareCpu)).toFixed(2)}, (definition + writer) / bare ${median(results.map((x) => (x.definitionCpu + x.writerCpu) / x.bareCpu)).toFixed(2)}`,
  )
  console.log(
    `with the IPC contract's check of the model (the app's export path): contract ${(m('contractCpu') / 1000).toFixed(2)} s CPU → (definition + contract + writer) / bare ${median(results.map((x) => (x.definitionCpu + x.contractCpu + x.writerCpu) / x.bareCpu)).toFixed(2)} in CPU time`,
  )
  console.log(
    `definition + writer: ratio ${median(results.map((x) => x.ours / x.bare)).toFixed(2)} (per round: ${results.map((x) => (x.ours / x.bare).toFixed(2)).join(', ')})`,
  )
})

/** The fields the statistics read (a Dexie read gives whole records; this keeps 1M of them within a PC's memory). */
function lean<T extends object>(r: T, table: string): T {
  const x = r as Record<string, unknown>
  const pick = (keys: string[]) => Object.fromEntries(keys.filter((k) => x[k] !== undefined).map((k) => [k, x[k]]))
  const base = ['id', 'ownerUnit', 'rev', 'voided']
  switch (table) {
    case 'cases': {
      const c = pick([
        ...base,
        'smallEmergencyHelp',
        'state',
        'source',
        'applicantId',
        'victimId',
        'applicationDate',
        'acceptanceDate',
        'exOfficio',
        'withdrawal',
        'supplement',
        'decisionDate',
        'categoryItemCode',
        'originDepartment',
        'personIdNumbers',
        'recoveries',
      ])
      const d = x.decision as Record<string, unknown> | undefined
      const p = x.payment as Record<string, unknown> | undefined
      const f = x.funding as Record<string, unknown> | undefined
      const informing = x.informing as { date: string } | undefined
      const victim = x.victim as { outcomes: string[] } | undefined
      return {
        ...c,
        ...(informing ? { informing: { date: informing.date } } : {}),
        ...(victim ? { victim: { outcomes: victim.outcomes } } : {}),
        ...(d
          ? { decision: { outcome: d.outcome, grantedFen: d.grantedFen, ...(d.advance ? { advance: true } : {}) } }
          : {}),
        ...(p ? { payment: { paidDate: p.paidDate, amountFen: p.amountFen } } : {}),
        ...(f ? { funding: { splits: f.splits } } : {}),
      } as T
    }
    case 'persons':
      return pick([...base, 'idNumber', 'priorityFlags']) as T
    case 'clues':
      return pick([...base, 'source', 'referredOn', 'informing', 'convertedCaseId']) as T
    default:
      return r
  }
}

async function inMemory(n: number) {
  const { units, input } = nationalStreams(n)
  const out: Record<string, unknown[]> = {}
  for (const [table, source] of Object.entries(input)) {
    const slim: object[] = []
    for await (const chunk of (source as () => AsyncIterable<object[]>)())
      for (const r of chunk) slim.push(lean(r, table))
    // in primary-key order, as Dexie's toArray() returns them (ids start with the owner's unit code) …
    slim.sort((a, b) => ((a as { id: string }).id < (b as { id: string }).id ? -1 : 1))
    // … and through JSON, as records arrive from IndexedDB or NDJSON: fast-mode objects, flat strings, nothing
    // shared, laid out in memory in the order they are read
    const list: unknown[] = []
    for (let i = 0; i < slim.length; i += 10_000) {
      for (const r of JSON.parse(JSON.stringify(slim.slice(i, i + 10_000)))) list.push(r)
    }
    out[table] = list
  }
  return { units, input: out as unknown as StatsInput }
}

it('a year of national statistics from ~1M cases in memory', async () => {
  const t0 = performance.now()
  const { units, input } = await inMemory(N)
  const genMs = performance.now() - t0
  const sizes = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, (v as unknown[]).length]))
  const run = {
    scope: { unitCode: '100000', units },
    generatedAt: T,
    generatedBy: 'bench',
    period: parsePeriod('2025'),
  }
  const times: number[] = []
  const cpu: number[] = []
  const layouts: number[] = []
  let hash = ''
  let granted = 0
  for (let round = 0; round < ROUNDS; round++) {
    const c0 = process.cpuUsage()
    const a = performance.now()
    const agg = await collectStats(input, run)
    const b = performance.now()
    const u = process.cpuUsage(c0)
    const tables = [
      statsTable(agg),
      statsRollupTable(agg, 'main'),
      statsRollupTable(agg, 'groups'),
      statsRollupTable(agg, 'categories'),
    ]
    layouts.push(performance.now() - b)
    times.push(b - a)
    cpu.push((u.user + u.system) / 1000)
    if (hash && agg.provenance.info.inputHash !== hash) throw new Error('hash differs between rounds')
    hash = agg.provenance.info.inputHash
    granted = tables[0].rows.find((row) => row[0] === '决定给予救助')![2] as number
    console.log(
      JSON.stringify({
        round,
        wallMs: Math.round(b - a),
        cpuMs: Math.round(cpu.at(-1)!),
        layoutMs: Math.round(layouts.at(-1)!),
        rows: tables.map((t) => t.rows.length),
      }),
    )
  }
  const mem = process.memoryUsage()
  console.log(
    `
machine: ${machine()}`,
  )
  console.log(
    `records: ${JSON.stringify(sizes)}; offices in directory: ${units.length}; generated in ${(genMs / 1000).toFixed(0)} s; rounds: ${ROUNDS}`,
  )
  console.log(
    `2025 statistics (collect + hash): median ${(median(times) / 1000).toFixed(2)} s wall [${times.map((x) => (x / 1000).toFixed(2)).join(', ')}], CPU ${(median(cpu) / 1000).toFixed(2)} s`,
  )
  console.log(`  layout of 统计表 + 3 roll-ups (${units.length} offices): median ${median(layouts).toFixed(0)} ms`)
  console.log(`  granted in 2025: ${granted}; input hash ${hash}; heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB`)
})

it('the same year streamed in chunks of 5,000, against the floor of producing the records', async () => {
  const { units, input } = nationalStreams(STREAM_N)
  const run = {
    scope: { unitCode: '100000', units },
    generatedAt: T,
    generatedBy: 'bench',
    period: parsePeriod('2025'),
  }
  const produce: number[] = []
  const total: number[] = []
  const layouts: number[] = []
  let sizes: Record<string, number> = {}
  let hash = ''
  let granted = 0
  for (let round = 0; round < ROUNDS; round++) {
    // the floor: producing the same records (no report), then the report over the same streams
    const a = performance.now()
    sizes = {}
    for (const [name, source] of Object.entries(input)) {
      let count = 0
      await forEachRecord(source as () => AsyncIterable<unknown[]>, () => count++)
      sizes[name] = count
    }
    const b = performance.now()
    const agg = await collectStats(input, run)
    const c = performance.now()
    const tables = [
      statsTable(agg),
      statsRollupTable(agg, 'main'),
      statsRollupTable(agg, 'groups'),
      statsRollupTable(agg, 'categories'),
    ]
    const d = performance.now()
    produce.push(b - a)
    total.push(c - b)
    layouts.push(d - c)
    if (hash && agg.provenance.info.inputHash !== hash) throw new Error('hash differs between rounds')
    hash = agg.provenance.info.inputHash
    granted = tables[0].rows.find((row) => row[0] === '决定给予救助')![2] as number
    console.log(
      JSON.stringify({
        round,
        produceMs: Math.round(b - a),
        statsMs: Math.round(c - b),
        layoutMs: Math.round(d - c),
        rows: tables.map((t) => t.rows.length),
      }),
    )
  }
  const mem = process.memoryUsage()
  const agg = median(total.map((t, i) => t - produce[i]))
  console.log(`\nmachine: ${machine()}`)
  console.log(`records per pass: ${JSON.stringify(sizes)}; offices in directory: ${units.length}; rounds: ${ROUNDS}`)
  console.log(`producing the records alone (floor): median ${(median(produce) / 1000).toFixed(2)} s`)
  console.log(
    `2025 statistics over the same streams (produce + aggregate + hash): median ${(median(total) / 1000).toFixed(2)} s [${total.map((x) => (x / 1000).toFixed(2)).join(', ')}]`,
  )
  console.log(
    `  → aggregation and hashing alone: median ${(agg / 1000).toFixed(2)} s (${Math.round((sizes.cases ?? 0) / (agg / 1000)).toLocaleString('en-US')} cases/s)`,
  )
  console.log(`  layout of 统计表 + 3 roll-ups (${units.length} offices): median ${median(layouts).toFixed(0)} ms`)
  console.log(`  granted in 2025: ${granted}; input hash ${hash}; rss ${(mem.rss / 2 ** 20).toFixed(0)} MB`)
})
