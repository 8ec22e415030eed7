import { formatCaseNumber } from '../domain/caseNumber'
import { addDays, toEpochDay } from '../domain/dates'
import { ledgerDraftsFor } from '../domain/ledgerEffects'
import type { Role } from '../domain/roles'
import { governingDate } from '../domain/rulesInForce'
import {
  type Case,
  type Clue,
  caseObjectSchema,
  caseStates,
  type Donation,
  type ExternalBody,
  type FollowUp,
  type FundingSplit,
  type FundSource,
  type LedgerEntry,
  type Material,
  materialItemLabels,
  type Person,
  type Referral,
  type ReferralKind,
  type Unit,
} from '../domain/schemas'
import {
  type Actor,
  type Now,
  type TransitionOptions,
  type TransitionResult,
  transition,
  type WorkflowAction,
  type WorkflowEvent,
} from '../domain/workflow'
import { type Handler, isRefusal } from '../domain/workflow/effect'
import { precheck } from '../domain/workflow/guards'
import { handlers } from '../domain/workflow/handlers'
import { newRecordId } from '../util/recordId'
import { type CasePath, isNumberingStep, type LateBound, type PathContext, planPath, type StepRole } from './casePath'
import { type CaseFacts, chooseFacts } from './facts'
import type { DuplicatePlan, Hierarchy, OfficeSpec } from './hierarchy'
import { donor, personName } from './names'
import { IdMinter, makePerson, type PersonDraft } from './people'
import { Rng } from './random'
import { GeneratorRules } from './rules'
import { chooseScenario, type Planted, plantedFeatures, type Scenario } from './scenario'
import {
  clueClosedReasons,
  followUpFindings,
  furtherNeeds,
  type HarmKind,
  livingConditions,
  referralOutcomes,
} from './texts'

/** The tables a generated office fills, in the order they are written (the record store's table names). */
export const dataTables = [
  'persons',
  'clues',
  'cases',
  'ledger',
  'donations',
  'referrals',
  'followUps',
  'materials',
] as const
export type DataTable = (typeof dataTables)[number]

/** A member of the office's staff (what a user account needs, without a password; accounts are office-local). */
export interface StaffMember {
  id: string
  username: string
  displayName: string
  roles: Role[]
  department: string
}

export interface OfficeRecords {
  persons: Person[]
  clues: Clue[]
  cases: Case[]
  ledger: LedgerEntry[]
  donations: Donation[]
  referrals: Referral[]
  followUps: FollowUp[]
  materials: Material[]
}

/** A planted cross-office duplicate as it came out at this office (ground truth for duplicate checks). */
export interface PlantedDuplicate {
  key: string
  unitCode: string
  caseId: string
  idNumber: string
  underlyingCaseNo: string
  variant: DuplicatePlan['variant']
  role: 'first' | 'second'
}

/** Everything one office generated. */
export interface OfficeData extends OfficeRecords {
  unit: Unit
  staff: StaffMember[]
  duplicates: PlantedDuplicate[]
  /** The office change counter after the data set: the highest `rev` of its records. */
  maxRev: number
}

export interface OfficeOptions {
  /** Write the 材料 table (one record per received checklist item). Default: true. */
  materials?: boolean
  /**
   * 'workflow' (default) runs every action through `transition` (shared/domain/workflow.ts), which validates each
   * action with its zod schema; 'trusted' calls the same guards and handlers but skips re-parsing the generator's
   * own actions (about twice as fast; the records are the same, tests compare both).
   */
  mode?: 'workflow' | 'trusted'
}

// ── helpers ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** Yearly volume of cases relative to 2023 (docs/domain-reference.md §12: 2020 24k cases, 2023 95k; 2018 campaign). */
function yearWeight(year: number): number {
  const w: Record<number, number> = {
    2014: 0.1,
    2015: 0.11,
    2016: 0.12,
    2017: 0.14,
    2018: 0.22,
    2019: 0.25,
    2020: 0.25,
    2021: 0.45,
    2022: 0.75,
  }
  return w[year] ?? 1
}

function drawDates(rng: Rng, n: number, from: string, to: string): string[] {
  const a = toEpochDay(from)
  const z = toEpochDay(to)
  const years: { start: number; end: number; weight: number }[] = []
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    const start = Math.max(a, toEpochDay(`${y}-01-01`))
    const end = Math.min(z, toEpochDay(`${y}-12-31`))
    if (end >= start) years.push({ start, end, weight: (yearWeight(y) * (end - start + 1)) / 365 })
  }
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    const y = rng.weighted(years.map((x) => [x, x.weight] as const))
    out.push(addDays('1970-01-01', rng.int(y.start, y.end)))
  }
  return out.sort()
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n))

/**
 * Instants of one case in order: office hours China time (08:30–17:00 = 00:30–09:00 UTC), strictly increasing
 * within the case (seconds since midnight UTC of the date, never past 15:59:59Z so the China date stays the same).
 */
class Clock {
  private lastDate = ''
  private lastSec = 0
  constructor(private readonly rng: Rng) {}
  at(date: string): string {
    let sec: number
    if (date > this.lastDate) sec = (30 + this.rng.int(0, 510)) * 60 + this.rng.int(0, 59)
    else sec = Math.min(this.lastSec + this.rng.int(2, 40) * 60, 15 * 3600 + 59 * 60 + 59)
    if (date === this.lastDate && sec <= this.lastSec) sec = this.lastSec + 1
    if (date < this.lastDate) {
      date = this.lastDate
      sec = Math.min(this.lastSec + 1, 15 * 3600 + 59 * 60 + 59)
    }
    this.lastDate = date
    this.lastSec = sec
    return `${date}T${two(Math.floor(sec / 3600))}:${two(Math.floor(sec / 60) % 60)}:${two(sec % 60)}.000Z`
  }
}

const OWN_LEVEL: Record<Unit['level'], Exclude<FundSource, 'donation'>> = {
  supreme: 'central',
  province: 'province',
  city: 'city',
  basic: 'county',
}

const BUDGET_LINE: Record<Exclude<FundSource, 'donation'>, string> = {
  central: '中央政法转移支付资金（司法救助）',
  province: '省级国家司法救助专项资金',
  city: '市级国家司法救助资金',
  county: '县级国家司法救助资金',
}

const REFERRAL_AGENCY: Record<ReferralKind, string> = {
  'legal-aid': '法律援助中心',
  counselling: '社会工作服务中心',
  'social-assistance': '民政局',
  'temporary-assistance': '民政局',
  medical: '医疗保障局',
  education: '教育局',
  employment: '人力资源和社会保障局',
  'litigation-relief': '人民法院',
  other: '妇女联合会',
}

const EXTERNAL_BODIES: readonly (readonly [ExternalBody, number])[] = [
  ['rural-revitalization', 30],
  ['civil-affairs', 25],
  ['womens-federation', 15],
  ['disabled-federation', 10],
  ['public-security', 10],
  ['court', 5],
  ['veterans-affairs', 5],
]

const EXTERNAL_NAMES: Partial<Record<ExternalBody, string>> = {
  'rural-revitalization': '乡村振兴局',
  'civil-affairs': '民政局',
  'womens-federation': '妇女联合会',
  'disabled-federation': '残疾人联合会',
  'public-security': '公安局',
  court: '人民法院',
  'veterans-affairs': '退役军人事务局',
}

interface CaseWork {
  index: number
  scenario: Scenario
  facts: CaseFacts
  path: CasePath
  late: LateBound
  ba: StaffMember
  ks: StaffMember
  chief: StaffMember
  finance: StaffMember
  duplicate?: { plan: DuplicatePlan; role: 'first' | 'second' }
}

// ── the office ──────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Generates one office's records (persons, clues, cases, ledger, donations, referrals, follow-ups, materials):
 * deterministic from the hierarchy's seed and the office's code, independent of every other office, so offices can
 * be generated one at a time with bounded memory. Cases are driven through the workflow state machine.
 */
export function generateOffice(h: Hierarchy, spec: OfficeSpec, options: OfficeOptions = {}): OfficeData {
  const rng = new Rng(spec.key)
  const idRng = rng.fork('ids')
  const code = spec.unit.code
  const mint = (instant: string) => newRecordId(code, Date.parse(instant), (n) => idRng.bytes(n))
  const rules = new GeneratorRules(h.wageTable)
  const staff = makeStaff(rng.fork('staff'), spec, h.fromDate, mint)
  const byRole = (r: Role) => staff.filter((x) => x.roles.includes(r))
  const ba = byRole('case-dept-staff')
  const ks = byRole('case-procurator')
  const head = byRole('dept-head')[0]!
  const chiefs = byRole('chief')
  const finance = byRole('finance')
  const ids = new IdMinter(spec.idRegionCode)
  const out: OfficeRecords = {
    persons: [],
    clues: [],
    cases: [],
    ledger: [],
    donations: [],
    referrals: [],
    followUps: [],
    materials: [],
  }
  const siblings = h.offices.filter((o) => o !== spec && o.province === spec.province && o.unit.level === 'basic')
  const other = siblings.length
    ? rng.pick(siblings).unit
    : (h.units.find((u) => u.code === spec.unit.parentCode) ?? spec.unit)
  const otherUnit = { code: other.code, name: other.name }

  // Planted duplicates first, so their ID numbers are reserved before any other person is minted.
  const dupPlans = h.duplicates.filter((d) => d.first === code || d.second === code)
  const dupPersons = new Map<string, PersonDraft>()
  for (const d of dupPlans) {
    const first = h.offices.find((o) => o.unit.code === d.first)!
    const p = makePerson(new Rng(`jiuzhu-generate/${h.seed}/dup/${d.key}`), new IdMinter(first.idRegionCode), {
      age: 38,
      onDate: d.firstDate,
      area: first.area,
      withAccount: true,
    })
    if (d.first === code) ids.reserve(p.idNumber)
    dupPersons.set(d.key, p)
  }

  // ── plan every case ───────────────────────────────────────────────────────────────────────────────────────────
  const n = spec.caseCount
  const dates = drawDates(rng.fork('dates'), n, h.fromDate, h.asOf)
  const slotRng = rng.fork('slots')
  const free = Array.from({ length: n }, (_, i) => i)
  const take = () => free.splice(slotRng.int(0, free.length - 1), 1)[0]!
  const dupAt = new Map<number, { plan: DuplicatePlan; role: 'first' | 'second' }>()
  for (const d of dupPlans) if (free.length) dupAt.set(take(), { plan: d, role: d.first === code ? 'first' : 'second' })
  const plantedAt = new Map<number, Planted>()
  if (spec.ensureEveryState) {
    for (const p of [...caseStates, ...plantedFeatures] as Planted[]) if (free.length) plantedAt.set(take(), p)
  }
  const work: CaseWork[] = []
  for (let i = 0; i < n; i++) {
    const caseRng = new Rng(`${spec.key}/case/${i}`)
    const dup = dupAt.get(i)
    const planted = plantedAt.get(i)
    let scenario = chooseScenario(caseRng.fork('scenario'), spec.unit.level, dup ? 'archived' : planted)
    if (dup?.role === 'second') scenario = { ...scenario, source: 'application', clue: 'none', clueInformed: false }
    if (dup) scenario = { ...scenario, recovery: 'none', donation: false, followUp: true }
    let anchor = dup ? (dup.role === 'first' ? dup.plan.firstDate : dup.plan.secondDate) : dates[i]!
    if (planted && scenario.stopAt) anchor = addDays(h.asOf, -caseRng.int(5, 40))
    let facts = chooseFacts(caseRng.fork('facts'), spec, ids, scenario, anchor)
    if (dup) facts = duplicateFacts(facts, dup.plan, dup.role, dupPersons.get(dup.plan.key)!, h)
    const late: LateBound = {}
    const baUser = caseRng.pick(ba)
    const informer = { name: baUser.displayName, id: baUser.id }
    const ctx: PathContext = { office: spec, rules, asOf: h.asOf, informer, otherUnit, late }
    let path = planPath(ctx, new Rng(`${spec.key}/case/${i}/path`), scenario, facts, anchor)
    for (let attempt = 0; (planted || dup) && !path.complete && attempt < 12; attempt++) {
      const over = Math.max(1, toEpochDay(path.endDate) - toEpochDay(h.asOf))
      anchor = addDays(anchor, -(over + caseRng.int(1, 15)))
      path = planPath(ctx, new Rng(`${spec.key}/case/${i}/path`), scenario, facts, anchor)
    }
    work.push({
      index: i,
      scenario,
      facts,
      path,
      late,
      ba: baUser,
      ks: caseRng.pick(ks),
      chief: caseRng.pick(chiefs),
      finance: caseRng.pick(finance),
      ...(dup ? { duplicate: dup } : {}),
    })
  }

  // ── case numbers: per year, in the order cases first became cases of the office ───────────────────────────────
  const numbered = work
    .map((w) => ({ w, step: w.path.steps.find((s) => isNumberingStep(s.type)) }))
    .filter((x) => x.step !== undefined)
    .sort((a, b) => a.step!.date.localeCompare(b.step!.date) || a.w.index - b.w.index)
  const seqs = new Map<number, number>()
  for (const { w, step } of numbered) {
    const year = Number(step!.date.slice(0, 4))
    const seq = (seqs.get(year) ?? 0) + 1
    seqs.set(year, seq)
    w.late.caseYear = year
    w.late.caseSeq = seq
  }

  // ── donations and fund splits ─────────────────────────────────────────────────────────────────────────────────
  const donationDrafts = makeDonations(rng.fork('donations'), spec, h)
  const remaining = donationDrafts.map((d) => d.amountFen)
  const recipients = donationDrafts.map(() => [] as number[])
  const lastUse = donationDrafts.map(() => '')
  const funded = work
    .filter((w) => w.path.fundsDate)
    .sort((a, b) => a.path.fundsDate!.localeCompare(b.path.fundsDate!) || a.index - b.index)
  for (const w of funded) {
    const splitRng = new Rng(`${spec.key}/case/${w.index}/splits`)
    const granted = w.path.grantedFen!
    let donation: { index: number; share: number } | undefined
    if (w.scenario.donation) {
      const k = donationDrafts.findIndex((d, j) => d.receivedOn <= w.path.fundsDate! && remaining[j]! >= 100_000)
      if (k >= 0) {
        const want = Math.round((granted * (0.3 + 0.7 * splitRng.next())) / 100) * 100
        const share = Math.max(100, Math.min(remaining[k]!, want, granted))
        donation = { index: k, share }
        remaining[k]! -= share
        recipients[k]!.push(w.index)
        lastUse[k] = w.path.fundsDate!
      }
    }
    w.late.splits = splitsFor(
      splitRng,
      spec,
      granted,
      donation ? { share: donation.share, index: donation.index } : undefined,
    )
  }
  const donationIds: string[] = []
  const donationLedger: LedgerEntry[] = []

  // ── execute ───────────────────────────────────────────────────────────────────────────────────────────────────
  const clock0 = new Clock(rng.fork('clock'))
  for (const d of donationDrafts) {
    const at = clock0.at(d.receivedOn)
    const fin = finance[0]!
    const id = mint(at)
    donationIds.push(id)
    donationLedger.push({
      id: mint(at),
      ownerUnit: code,
      rev: 1,
      createdAt: at,
      updatedAt: at,
      createdBy: fin.id,
      updatedBy: fin.id,
      kind: 'donation',
      fundSource: 'donation',
      amountFen: d.amountFen,
      date: d.receivedOn,
      donationId: id,
      counterparty: d.donor.name,
      note: '社会捐助资金入账',
    })
  }
  for (const w of work) {
    for (const s of w.late.splits ?? []) if (s.source === 'donation') s.donationId = donationIds[Number(s.donationId)]!
  }

  const caseIdByIndex = new Map<number, string>()
  const planted: PlantedDuplicate[] = []
  const trusted = options.mode === 'trusted'
  for (const w of work) {
    const result = runCase(w, { spec, h, mint, rules, head, trusted, materials: options.materials !== false, out })
    if (result) {
      caseIdByIndex.set(w.index, result.id)
      if (w.duplicate) {
        planted.push({
          key: w.duplicate.plan.key,
          unitCode: code,
          caseId: result.id,
          idNumber: w.facts.applicant.idNumber,
          underlyingCaseNo: w.facts.underlying.caseNo!,
          variant: w.duplicate.plan.variant,
          role: w.duplicate.role,
        })
      }
    }
  }

  // Donation records, with the cases they helped; donors are told the recipients early the next year.
  donationDrafts.forEach((d, k) => {
    const at = donationLedger[k]!.createdAt
    const ids = recipients[k]!.map((i) => caseIdByIndex.get(i)).filter((x): x is string => !!x)
    const notify = ids.length
      ? `${Number(lastUse[k]!.slice(0, 4)) + 1}-01-${String(10 + (k % 18)).padStart(2, '0')}`
      : undefined
    const notified = notify && notify <= h.asOf ? notify : undefined
    const notifiedAt = notified ? `${notified}T02:00:00.000Z` : ''
    const updatedAt = notifiedAt.localeCompare(at) > 0 ? notifiedAt : at
    out.donations.push({
      id: donationIds[k]!,
      ownerUnit: code,
      rev: 1,
      createdAt: at,
      updatedAt,
      createdBy: finance[0]!.id,
      updatedBy: finance[0]!.id,
      donor: d.donor,
      amountFen: d.amountFen,
      ...(d.restricted ? { restrictions: '限用于未成年被害人及其家庭的救助。' } : {}),
      receivedOn: d.receivedOn,
      recipientCaseIds: ids,
      ...(notified ? { donorNotifiedOn: notified } : {}),
    })
  })
  out.ledger.push(...donationLedger)
  addReversals(rng.fork('reversals'), out.ledger, h.asOf, mint)
  addClueOnly(rng.fork('clues'), spec, h, n, ba, mint, out)

  // ── rev: the office's one change counter, in the order of the last change ─────────────────────────────────────
  const all: { updatedAt: string; t: number; id: string; rec: { rev: number } }[] = []
  dataTables.forEach((t, ti) => {
    for (const r of out[t] as { updatedAt: string; id: string; rev: number }[])
      all.push({ updatedAt: r.updatedAt, t: ti, id: r.id, rec: r })
  })
  all.sort((a, b) =>
    a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : a.t - b.t || (a.id < b.id ? -1 : 1),
  )
  all.forEach((x, i) => {
    x.rec.rev = i + 1
  })
  for (const t of dataTables) (out[t] as { id: string }[]).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { unit: spec.unit, staff, ...out, duplicates: planted, maxRev: all.length }
}

// ── pieces ──────────────────────────────────────────────────────────────────────────────────────────────────────

function makeStaff(rng: Rng, spec: OfficeSpec, fromDate: string, mint: (at: string) => string): StaffMember[] {
  const at = `${fromDate}T00:30:00.000Z`
  const big = spec.unit.level !== 'basic' || spec.caseCount > 400
  const plan: [Role, string, number, string][] = [
    // a case department's account names the department code its clues carry (shared/domain/access.ts)
    ['case-dept-staff', 'prosecution', big ? 4 : 3, 'ba'],
    ['case-procurator', '控告申诉检察部', big ? 5 : 2, 'ks'],
    ['dept-head', '控告申诉检察部', 1, 'head'],
    ['chief', '院领导', 2, 'chief'],
    ['finance', '检务保障部', big ? 2 : 1, 'cw'],
  ]
  const out: StaffMember[] = []
  for (const [role, department, count, prefix] of plan) {
    for (let i = 1; i <= count; i++) {
      out.push({
        id: mint(at),
        username: `${prefix}${i}`,
        displayName: personName(rng, rng.chance(0.55) ? 'male' : 'female'),
        roles: [role],
        department,
      })
    }
  }
  return out
}

function duplicateFacts(
  facts: CaseFacts,
  plan: DuplicatePlan,
  role: 'first' | 'second',
  person: PersonDraft,
  h: Hierarchy,
): CaseFacts {
  const first = h.offices.find((o) => o.unit.code === plan.first)!
  const year = plan.firstDate.slice(0, 4)
  const seq = 100 + (Number(plan.key.replace(/\D/g, '')) % 300)
  const exact = `${first.unit.shortName}刑诉〔${year}〕${seq}号`
  const caseNo = role === 'second' && plan.variant === 'near' ? exact.replace('〔', '[').replace('〕', ']') : exact
  const { victim: _v, ...rest } = facts
  return {
    ...rest,
    kind: 'injury',
    relation: 'self',
    capacity: 'self',
    applicant: person,
    victimInfo: { outcomes: ['serious-injury', 'disability'], disabilityGrade: 7 },
    underlying: { caseNo, charge: '故意伤害罪', stage: 'prosecution-review', unitCode: plan.first },
    originDepartment: 'prosecution',
  }
}

interface DonationDraft {
  donor: { name: string; kind: 'company' | 'organisation' | 'individual' }
  amountFen: number
  receivedOn: string
  restricted: boolean
}

function makeDonations(rng: Rng, spec: OfficeSpec, h: Hierarchy): DonationDraft[] {
  const perYear = spec.unit.level === 'basic' ? 0.6 : spec.unit.level === 'city' ? 1.2 : 2
  const expected = perYear * h.years * Math.min(1, spec.caseCount / 150 + 0.3)
  const count = Math.floor(expected) + (rng.chance(expected - Math.floor(expected)) ? 1 : 0)
  const out: DonationDraft[] = []
  for (const receivedOn of drawDates(rng, count, h.fromDate, h.asOf)) {
    const d = donor(rng, spec.area.name)
    const yuan =
      d.kind === 'company'
        ? rng.int(10, 100) * 1000
        : d.kind === 'organisation'
          ? rng.int(5, 50) * 1000
          : rng.int(10, 100) * 100
    out.push({ donor: d, amountFen: yuan * 100, receivedOn, restricted: rng.chance(0.1) })
  }
  return out
}

/** One row per paying level (or donation), adding up to the granted amount exactly (joint funding, H: S24). */
function splitsFor(
  rng: Rng,
  spec: OfficeSpec,
  granted: number,
  donation?: { share: number; index: number },
): FundingSplit[] {
  const own = OWN_LEVEL[spec.unit.level]
  const fiscal = (source: Exclude<FundSource, 'donation'>, amountFen: number, unitCode?: string): FundingSplit => ({
    source,
    amountFen,
    ...(unitCode ? { unitCode } : {}),
    budgetLine: BUDGET_LINE[source],
  })
  const part = (share: number) => Math.max(100, Math.min(granted - 100, Math.round((granted * share) / 100) * 100))
  if (donation) {
    const rest = granted - donation.share
    const d: FundingSplit = { source: 'donation', amountFen: donation.share, donationId: String(donation.index) }
    return rest > 0 ? [d, fiscal(own, rest, spec.unit.code)] : [d]
  }
  if (granted < 1000) return [fiscal(own, granted)]
  const pattern = rng.weighted([
    ['own', 70],
    ['central', 18],
    ['joint', spec.unit.level === 'basic' ? 8 : spec.unit.level === 'city' ? 4 : 0],
  ] as const)
  if (pattern === 'central') {
    const c = part(0.3 + 0.3 * rng.next())
    return [fiscal('central', c), fiscal(own, granted - c, spec.unit.code)]
  }
  if (pattern === 'joint') {
    const provinceCode = `${spec.province.code}0000`
    if (spec.unit.level === 'city') {
      const p = part(0.5)
      return [fiscal('province', p, provinceCode), fiscal('city', granted - p, spec.unit.code)]
    }
    const three = rng.chance(0.3) && granted >= 3000
    const city = part(three ? 0.3 : 0.5)
    const prov = three ? Math.max(100, Math.min(granted - city - 100, part(0.3))) : 0
    const county = granted - city - prov
    return [
      fiscal('county', county, spec.unit.code),
      fiscal('city', city, spec.unit.parentCode),
      ...(prov > 0 ? [fiscal('province', prov, provinceCode)] : []),
    ]
  }
  return [fiscal(own, granted)]
}

/**
 * Every case field in one fixed order, absent ones undefined: every generated case then has the same object layout
 * from its first to its last step, so the workflow handlers' `{ ...record, … }` copies stay on V8's fast path
 * (several times faster than copying records of many different layouts). Undefined members are dropped at the end.
 */
const CASE_LAYOUT = Object.fromEntries(Object.keys(caseObjectSchema.shape).map((k) => [k, undefined])) as Partial<Case>

function withoutUndefined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v
  return out as T
}

interface RunContext {
  spec: OfficeSpec
  h: Hierarchy
  mint: (at: string) => string
  rules: GeneratorRules
  head: StaffMember
  trusted: boolean
  materials: boolean
  out: OfficeRecords
}

function personRecord(p: PersonDraft, id: string, code: string, at: string, by: string): Person {
  return { id, ownerUnit: code, rev: 1, createdAt: at, updatedAt: at, createdBy: by, updatedBy: by, ...p }
}

/** Opens the case, runs its steps through the workflow, and writes the case, its parties, clue and money entries. */
function runCase(w: CaseWork, c: RunContext): Case | undefined {
  const { spec, h, mint, out } = c
  const code = spec.unit.code
  const s = w.scenario
  const f = w.facts
  const path = w.path
  const rng = new Rng(`${spec.key}/case/${w.index}/run`)
  const clock = new Clock(rng)
  const baUser = w.ba
  const clueAt = clock.at(path.clueDate)
  const opened = path.openDate <= h.asOf
  let clue: Clue | undefined
  if (s.clue !== 'none') {
    const source = s.clue === 'case-department' ? 'case-department' : s.clue === 'external' ? 'external' : 'upper-level'
    const body = s.clue === 'external' ? rng.weighted(EXTERNAL_BODIES) : undefined
    const informed = path.clueInforming && path.clueInforming.date <= h.asOf ? path.clueInforming : undefined
    clue = {
      id: mint(clueAt),
      ownerUnit: code,
      rev: 1,
      createdAt: clueAt,
      updatedAt: clueAt,
      createdBy: baUser.id,
      updatedBy: baUser.id,
      source,
      ...(source === 'case-department' ? { originDepartment: f.originDepartment } : {}),
      ...(body
        ? { externalBody: body, externalBodyName: `${spec.area.name}${EXTERNAL_NAMES[body] ?? '有关单位'}` }
        : {}),
      partyName: f.applicant.name,
      underlyingCaseNo: f.underlying.caseNo,
      livingConditions: rng.pick(livingConditions[f.kind as HarmKind]),
      ...(informed ? { informing: informed } : {}),
      referredOn: path.clueDate,
      status: informed ? 'informed' : 'open',
    }
    if (informed && informed.date > path.clueDate) clue.updatedAt = clock.at(informed.date)
    out.clues.push(clue)
  }
  if (!opened) return undefined

  const openAt = clock.at(path.openDate)
  const applicantId = mint(openAt)
  out.persons.push(personRecord(f.applicant, applicantId, code, openAt, w.ks.id))
  let victimId = applicantId
  if (f.victim) {
    victimId = mint(openAt)
    out.persons.push(personRecord(f.victim, victimId, code, openAt, w.ks.id))
  }
  w.late.applicantId = applicantId
  const caseId = mint(openAt)
  if (clue) {
    clue.status = 'converted'
    clue.convertedCaseId = caseId
    clue.partyPersonId = applicantId
    clue.updatedAt = openAt
    clue.updatedBy = w.ks.id
  }
  let record: Case = {
    ...CASE_LAYOUT,
    id: caseId,
    ownerUnit: code,
    rev: 1,
    createdAt: openAt,
    updatedAt: openAt,
    createdBy: w.ks.id,
    updatedBy: w.ks.id,
    state: 'clue',
    source: s.source,
    // the department that referred the clue (as case.open takes it from the clue); the underlying case's department
    // is not a case field, so cases that did not come from a case-handling department's clue name none
    originDepartment: clue?.originDepartment,
    ...(clue ? { clueId: clue.id } : {}),
    underlyingCase: f.underlying,
    jurisdictionRegion: spec.area.regionCode,
    applicantId,
    victimId,
    relation: f.relation,
    victim: f.victimInfo,
    personIdNumbers: [...new Set([f.applicant.idNumber, f.victim?.idNumber].filter((x): x is string => !!x))],
    smallEmergencyHelp: s.smallHelp,
    clueDate: path.clueDate,
    materials: [],
    approvals: [],
    recoveries: [],
  }
  const actors: Record<StepRole, StaffMember> = {
    ba: baUser,
    ks: w.ks,
    head: c.head,
    chief: w.chief,
    finance: w.finance,
  }
  let first = true
  const filed = new Set<string>()
  for (const step of path.steps) {
    const at = first ? openAt : clock.at(step.date)
    first = false
    const who = actors[step.role]
    const actor: Actor = { userId: who.id, roles: who.roles }
    const options = c.rules.at(governingDate(record, step.date)).options
    const action = step.action()
    const result = c.trusted
      ? trustedTransition(record, action, actor, { date: step.date, instant: at }, options)
      : transition(record, action, actor, { date: step.date, instant: at }, options)
    if (!result.ok) {
      throw new Error(
        `生成器错误：${code} 第 ${w.index} 件案件在“${step.type}”（${step.date}）被拒绝：${result.refusal.message}`,
      )
    }
    record = result.record === record ? { ...result.record } : result.record
    record.updatedAt = at
    record.updatedBy = who.id
    if (record.state !== step.after) {
      throw new Error(
        `生成器错误：${code} 第 ${w.index} 件案件“${step.type}”后状态为 ${record.state}，预期 ${step.after}`,
      )
    }
    if (isNumberingStep(step.type) && !record.caseNo && w.late.caseYear !== undefined) {
      const seq = w.late.caseSeq!
      const caseNo = formatCaseNumber(spec.unit.caseNoPattern, {
        short: spec.unit.shortName,
        year: w.late.caseYear,
        seq,
      })
      record = { ...record, caseNo, caseYear: w.late.caseYear, caseSeq: seq }
    }
    for (const draft of ledgerDraftsFor(record, result.events)) {
      out.ledger.push({
        id: mint(at),
        ownerUnit: code,
        rev: 1,
        createdAt: at,
        updatedAt: at,
        createdBy: who.id,
        updatedBy: who.id,
        ...draft,
      })
    }
    if (c.materials && (step.type === 'apply' || step.type === 'receive-supplement' || step.type === 'accept')) {
      for (const m of record.materials) {
        if (!m.received || m.receivedDate !== step.date || filed.has(m.item)) continue
        filed.add(m.item)
        out.materials.push({
          id: mint(at),
          ownerUnit: code,
          rev: 1,
          createdAt: at,
          updatedAt: at,
          createdBy: who.id,
          updatedBy: who.id,
          caseId,
          item: m.item,
          title: materialItemLabels[m.item],
          receivedDate: m.receivedDate,
          pages: rng.int(1, 24),
          attachmentIds: [],
        })
      }
    }
  }
  record = withoutUndefined(record)
  out.cases.push(record)
  addFollowUps(rng, record, w, c)
  addReferrals(rng, record, w, c)
  return record
}

function addFollowUps(rng: Rng, record: Case, w: CaseWork, c: RunContext): void {
  if (!record.followUpStartDate) return
  const clock = new Clock(rng)
  const end = record.archiveDate && record.archiveDate < c.h.asOf ? record.archiveDate : c.h.asOf
  let d = record.followUpStartDate
  const visits = rng.int(1, 3)
  for (let k = 0; k < visits && d <= end; k++) {
    const at = clock.at(d)
    c.out.followUps.push({
      id: c.mint(at),
      ownerUnit: c.spec.unit.code,
      rev: 1,
      createdAt: at,
      updatedAt: at,
      createdBy: w.ks.id,
      updatedBy: w.ks.id,
      caseId: record.id,
      date: d,
      method: rng.weighted([
        ['visit', 55],
        ['phone', 35],
        ['video', 5],
        ['letter', 3],
        ['other', 2],
      ] as const),
      byUserId: w.ks.id,
      findings: rng.pick(followUpFindings),
      ...(rng.chance(0.25) ? { furtherNeeds: rng.pick(furtherNeeds) } : {}),
    })
    d = addDays(d, rng.int(20, 90))
  }
}

function addReferrals(rng: Rng, record: Case, w: CaseWork, c: RunContext): void {
  const paid = record.payment?.paidDate
  const refusedSocial =
    record.state === 'refused' &&
    record.decision?.refusalReasons?.some((r) => r === 'not-case-related' || r === 'no-hardship' || r === 'X5')
  let start: string | undefined
  let count = 0
  if (paid && rng.chance(0.4)) {
    start = paid
    count = rng.chance(0.7) ? 1 : 2
  } else if (refusedSocial && record.decisionDate && rng.chance(0.3)) {
    start = record.decisionDate
    count = 1
  }
  if (!start) return
  const minor = w.facts.applicant.priorityFlags.includes('minor') || !!w.facts.victim?.priorityFlags.includes('minor')
  const kinds = rng.sample<ReferralKind>(
    refusedSocial && !paid
      ? ['social-assistance', 'temporary-assistance']
      : [
          'social-assistance',
          'social-assistance',
          'legal-aid',
          'counselling',
          'medical',
          minor ? 'education' : 'employment',
          'temporary-assistance',
          'litigation-relief',
          'other',
        ],
    count,
  )
  const household = w.facts.applicant.household
  const area = [c.spec.area, ...c.spec.neighbours].find((a) => a.regionCode === household.regionCode) ?? c.spec.area
  const seen = new Set<ReferralKind>()
  for (const kind of kinds) {
    if (seen.has(kind)) continue
    seen.add(kind)
    const date = addDays(start, rng.int(0, 45))
    if (date > c.h.asOf) continue
    const done = addDays(date, rng.int(15, 90))
    const at = `${date}T0${rng.int(1, 8)}:${String(rng.int(10, 59))}:00.000Z`
    c.out.referrals.push({
      id: c.mint(at),
      ownerUnit: c.spec.unit.code,
      rev: 1,
      createdAt: at,
      updatedAt: done <= c.h.asOf ? `${done}T03:00:00.000Z` : at,
      createdBy: w.ks.id,
      updatedBy: w.ks.id,
      caseId: record.id,
      kind,
      partnerAgency: `${area.name}${REFERRAL_AGENCY[kind]}`,
      regionCode: household.regionCode,
      date,
      ...(done <= c.h.asOf && rng.chance(0.85) ? { outcome: referralOutcomes[kind]!, outcomeDate: done } : {}),
    })
  }
}

/** About 1 % of 财政 allocations are entered twice by mistake and corrected by a reversing entry (docs/architecture.md §3). */
function addReversals(rng: Rng, ledger: LedgerEntry[], asOf: string, mint: (at: string) => string): void {
  const extra: LedgerEntry[] = []
  for (const e of ledger) {
    if (e.kind !== 'allocation' || !rng.chance(0.01)) continue
    const fixDate = addDays(e.date, rng.int(1, 10))
    if (fixDate > asOf) continue
    const dupAt = new Date(Date.parse(e.createdAt) + 60_000).toISOString()
    const dupe: LedgerEntry = {
      ...e,
      id: mint(dupAt),
      createdAt: dupAt,
      updatedAt: dupAt,
      note: `${e.note ?? ''}（重复登记）`,
    }
    const fixAt = `${fixDate}T02:${String(rng.int(10, 59))}:00.000Z`
    extra.push(dupe, {
      id: mint(fixAt),
      ownerUnit: e.ownerUnit,
      rev: 1,
      createdAt: fixAt,
      updatedAt: fixAt,
      createdBy: e.createdBy,
      updatedBy: e.createdBy,
      kind: 'reversal',
      fundSource: e.fundSource,
      amountFen: e.amountFen,
      date: fixDate,
      ...(e.caseId ? { caseId: e.caseId } : {}),
      reversesId: dupe.id,
      counterparty: e.counterparty,
      note: '重复登记，予以冲销',
    })
  }
  ledger.push(...extra)
}

/** Clues that never became cases: the party declined, could not be reached, or it was not a matter for assistance. */
function addClueOnly(
  rng: Rng,
  spec: OfficeSpec,
  h: Hierarchy,
  caseCount: number,
  ba: readonly StaffMember[],
  mint: (at: string) => string,
  out: OfficeRecords,
): void {
  const count = Math.round(caseCount * 0.22)
  for (const date of drawDates(rng, count, h.fromDate, h.asOf)) {
    const user = rng.pick(ba)
    const at = `${date}T0${rng.int(1, 8)}:${String(rng.int(10, 59))}:${String(rng.int(10, 59))}.000Z`
    const source = rng.weighted([
      ['case-department', 75],
      ['external', 20],
      ['upper-level', 5],
    ] as const)
    const body = source === 'external' ? rng.weighted(EXTERNAL_BODIES) : undefined
    const kind = rng.pick<HarmKind>(['injury', 'death', 'civil', 'property', 'other'])
    const age = toEpochDay(h.asOf) - toEpochDay(date)
    const informDate = addDays(date, rng.int(0, 10))
    const closeDate = addDays(informDate, rng.int(3, 40))
    let status: Clue['status'] = 'closed'
    if (age < 20) status = rng.chance(0.5) ? 'open' : 'informed'
    else if (closeDate > h.asOf) status = 'informed'
    const informed = status !== 'open' && informDate <= h.asOf
    const declined = status === 'closed' && rng.chance(0.6)
    const clue: Clue = {
      id: mint(at),
      ownerUnit: spec.unit.code,
      rev: 1,
      createdAt: at,
      updatedAt: at,
      createdBy: user.id,
      updatedBy: user.id,
      source,
      ...(source === 'case-department'
        ? { originDepartment: rng.pick(['prosecution', 'arrest-review'] as const) }
        : {}),
      ...(body
        ? { externalBody: body, externalBodyName: `${spec.area.name}${EXTERNAL_NAMES[body] ?? '有关单位'}` }
        : {}),
      partyName: personName(rng, rng.chance(0.55) ? 'male' : 'female'),
      livingConditions: rng.pick(livingConditions[kind]),
      ...(informed
        ? {
            informing: {
              byName: user.displayName,
              byUserId: user.id,
              method: rng.chance(0.6) ? 'written' : 'oral',
              date: informDate,
              response: declined ? 'declined' : status === 'informed' ? 'undecided' : 'will-apply',
            },
          }
        : {}),
      referredOn: date,
      status: informed || status !== 'informed' ? status : 'open',
      ...(status === 'closed'
        ? { closedReason: declined ? clueClosedReasons[0]! : rng.pick(clueClosedReasons.slice(1)) }
        : {}),
    }
    if (status === 'closed') clue.updatedAt = `${closeDate}T03:00:00.000Z`
    else if (informed && informDate > date) clue.updatedAt = `${informDate}T03:00:00.000Z`
    if (clue.updatedAt < clue.createdAt) clue.updatedAt = clue.createdAt
    out.clues.push(clue)
  }
}

/**
 * `transition` (shared/domain/workflow.ts) without re-parsing the action with its zod schema: the same guards
 * (`precheck`), the same handlers and the same events. The generator builds its actions from typed values, so the
 * parse only costs time; the unit tests run both modes and compare the output byte for byte.
 */
function trustedTransition(
  record: Case,
  a: WorkflowAction,
  actor: Actor,
  now: Now,
  options: TransitionOptions,
): TransitionResult {
  const blocked = precheck(record, a.type, actor)
  if (blocked) return { ok: false, refusal: blocked }
  const handler = handlers[a.type] as Handler<WorkflowAction>
  const effect = handler({ record, actor, now, options }, a)
  if (isRefusal(effect)) return { ok: false, refusal: effect }
  const base = { caseId: record.id, action: a.type, by: actor.userId, at: now.instant }
  const events: WorkflowEvent[] = (effect.events ?? []).map((e) => ({ ...base, ...e }) as WorkflowEvent)
  if (effect.record.state !== record.state) {
    events.push({ ...base, type: 'state-changed', from: record.state, to: effect.record.state })
  }
  return { ok: true, record: effect.record, events }
}
