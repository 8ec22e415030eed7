import { fromEpochDay, toEpochDay } from '../../../shared/domain/dates'
import { residentIdCheckChar } from '../../../shared/domain/idcard'
import type { Case, Clue, Donation, FollowUp, LedgerEntry, Person } from '../../../shared/domain/schemas'

/**
 * Register fixtures: plausible records of several offices (cases in every phase with their parties, clues,
 * the ledger entries the case steps write, donations with recipients, follow-ups), deterministic by seed. Used by
 * the unit and db tests and, in Chromium, by the register benchmark. Amounts are integer 分.
 */

export interface RegisterData {
  persons: Person[]
  cases: Case[]
  clues: Clue[]
  ledger: LedgerEntry[]
  donations: Donation[]
  followUps: FollowUp[]
}

function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ULID = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
/** `<unit>-<26 chars>` with a time-ordered prefix, like shared/util/recordId. */
export function fixtureId(unit: string, n: number, tag: number): string {
  let s = ''
  let v = n
  for (let i = 0; i < 14; i++) {
    s = ULID[v % 32] + s
    v = Math.floor(v / 32)
  }
  let t = ''
  let w = tag
  for (let i = 0; i < 11; i++) {
    t = ULID[w % 32] + t
    w = Math.floor(w / 32)
  }
  return `${unit}-0${s}${t}`
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华'
const GROUPS: Person['priorityFlags'] = [
  'minor',
  'woman-in-hardship',
  'disabled',
  'rural-hardship',
  'low-income',
  'veteran-or-military-family',
]
const ORIGINS = ['prosecution', 'arrest-review', 'juvenile', 'criminal-execution', 'civil-administrative'] as const
const CATEGORIES = ['2021-serious-injury', '2021-death-dependant', '2021-property-loss', '2021-urgent-treatment']
const USER = (unit: string) => fixtureId(unit, 1, 1)

export interface FixtureOptions {
  units?: readonly string[]
  seed?: number
  fromDate?: string
  toDate?: string
  /** First id sequence number (records of separate calls must not collide). */
  idOffset?: number
}

export function makeRegisterData(n: number, options: FixtureOptions = {}): RegisterData {
  const units = options.units ?? ['110105']
  const r = rng(options.seed ?? 7)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]
  const d0 = toEpochDay(options.fromDate ?? '2024-01-01')
  const span = toEpochDay(options.toDate ?? '2026-10-31') - d0
  const out: RegisterData = { persons: [], cases: [], clues: [], ledger: [], donations: [], followUps: [] }
  const stamp = (unit: string, rev: number) => ({
    ownerUnit: unit,
    rev,
    createdAt: '2026-11-01T01:00:00.000Z',
    updatedAt: '2026-11-01T01:00:00.000Z',
    createdBy: USER(unit),
    updatedBy: USER(unit),
  })
  let seq = options.idOffset ?? 0
  const id = (unit: string) => fixtureId(unit, ++seq, seq * 7919)
  // one donation per office, used by some cases
  const donationOf = new Map<string, Donation>()
  for (const unit of units) {
    const d: Donation = {
      id: id(unit),
      ...stamp(unit, ++seq),
      donor: { name: `${unit}爱心企业`, kind: 'company' },
      amountFen: 20_000_000,
      restrictions: '用于救助未成年被害人',
      receivedOn: fromEpochDay(d0),
      recipientCaseIds: [],
    }
    donationOf.set(unit, d)
    out.donations.push(d)
    out.ledger.push({
      id: id(unit),
      ...stamp(unit, ++seq),
      kind: 'donation',
      fundSource: 'donation',
      amountFen: d.amountFen,
      date: d.receivedOn,
      donationId: d.id,
      counterparty: d.donor.name,
    })
  }
  const caseSeq = new Map<string, number>()
  const left = new Map(units.map((u) => [u, 20_000_000]))
  for (let i = 0; i < n; i++) {
    const unit = units[i % units.length]
    const appDay = d0 + Math.floor(r() * span)
    const applicationDate = fromEpochDay(appDay)
    const person = (): Person => {
      const first17 = `${unit}19${String(50 + Math.floor(r() * 50))}0${1 + Math.floor(r() * 9)}1${Math.floor(r() * 9)}${String(Math.floor(r() * 1000)).padStart(3, '0')}`
      return {
        id: id(unit),
        ...stamp(unit, ++seq),
        name: pick([...SURNAMES]) + pick([...GIVEN]) + (r() < 0.5 ? pick([...GIVEN]) : ''),
        idType: 'resident-id',
        idNumber: first17 + residentIdCheckChar(first17),
        priorityFlags: r() < 0.4 ? [pick(GROUPS)] : [],
      }
    }
    const applicant = person()
    const victim = r() < 0.5 ? person() : undefined
    out.persons.push(applicant, ...(victim ? [victim] : []))
    const no = (caseSeq.get(unit) ?? 0) + 1
    caseSeq.set(unit, no)
    const phase = r()
    const origin = pick(ORIGINS)
    const c: Case = {
      id: id(unit),
      ...stamp(unit, ++seq),
      caseNo: `${unit}控救〔${applicationDate.slice(0, 4)}〕${no}号`,
      caseYear: Number(applicationDate.slice(0, 4)),
      caseSeq: no,
      state: 'applied',
      source: 'referral',
      originDepartment: origin,
      applicantId: applicant.id,
      ...(victim ? { victimId: victim.id, relation: 'parent' as const } : { relation: 'self' as const }),
      personIdNumbers: [applicant.idNumber, ...(victim ? [victim.idNumber] : [])],
      smallEmergencyHelp: false,
      applicationDate,
      materials: [],
      approvals: [],
      recoveries: [],
    }
    if (r() < 0.6) {
      const clue: Clue = {
        id: id(unit),
        ...stamp(unit, ++seq),
        source: 'case-department',
        originDepartment: origin,
        partyName: applicant.name,
        partyPersonId: applicant.id,
        referredOn: fromEpochDay(appDay - 3),
        status: 'converted',
        convertedCaseId: c.id,
      }
      c.clueId = clue.id
      out.clues.push(clue)
    }
    if (phase < 0.2) {
      c.state = pick(['applied', 'accepted', 'review', 'approval'] as const)
      if (c.state !== 'applied') c.acceptanceDate = fromEpochDay(appDay + 2)
      out.cases.push(c)
      continue
    }
    c.acceptanceDate = fromEpochDay(appDay + 2)
    c.categoryItemCode = pick(CATEGORIES)
    const decisionDay = appDay + 5 + Math.floor(r() * 20)
    c.decisionDate = fromEpochDay(decisionDay)
    if (phase < 0.3) {
      c.state = 'refused'
      c.decision = { outcome: 'refused', documentNo: `${unit}不救〔${no}〕号`, refusalReasons: ['X5'] }
      out.cases.push(c)
      continue
    }
    const granted = (5_000 + Math.floor(r() * 45_000)) * 100
    c.decision = { outcome: 'granted', documentNo: `${unit}救决〔${no}〕号`, grantedFen: granted }
    if (phase < 0.38) {
      c.state = pick(['granted', 'awaiting-funds'] as const)
      out.cases.push(c)
      continue
    }
    const receivedDay = decisionDay + 3 + Math.floor(r() * 10)
    const pledged = donationOf.get(unit) as Donation
    const donation = r() < 0.05 && (left.get(unit) ?? 0) >= 1_000_000 ? pledged : undefined
    if (donation) left.set(unit, (left.get(unit) ?? 0) - Math.min(granted, 1_000_000))
    const central = Math.floor(granted * 0.3)
    const splits = donation
      ? [
          { source: 'donation' as const, amountFen: Math.min(granted, 1_000_000), donationId: donation.id },
          ...(granted > 1_000_000 ? [{ source: 'county' as const, amountFen: granted - 1_000_000 }] : []),
        ]
      : [
          { source: 'central' as const, amountFen: central },
          { source: pick(['province', 'city', 'county'] as const), amountFen: granted - central },
        ]
    c.funding = { receivedDate: fromEpochDay(receivedDay), splits }
    const ledger = (kind: LedgerEntry['kind'], s: (typeof splits)[number], date: string, amountFen = s.amountFen) =>
      out.ledger.push({
        id: id(unit),
        ...stamp(unit, ++seq),
        kind,
        fundSource: s.source,
        amountFen,
        date,
        caseId: c.id,
        ...('donationId' in s && s.donationId ? { donationId: s.donationId } : {}),
        counterparty: kind === 'allocation' ? '财政' : applicant.name,
      })
    for (const s of splits) if (s.source !== 'donation') ledger('allocation', s, c.funding.receivedDate as string)
    if (phase < 0.45) {
      c.state = 'awaiting-collection'
      out.cases.push(c)
      continue
    }
    const paidDate = fromEpochDay(receivedDay + 1 + Math.floor(r() * 5))
    c.payment = { method: 'in-person', amountFen: granted, payeeName: applicant.name, paidDate, paidBy: USER(unit) }
    for (const s of splits) ledger('disbursement', s, paidDate)
    if (donation) donation.recipientCaseIds.push(c.id)
    c.state = phase < 0.7 ? 'paid' : phase < 0.85 ? 'follow-up' : 'archived'
    if (c.state !== 'paid') {
      out.followUps.push({
        id: id(unit),
        ...stamp(unit, ++seq),
        caseId: c.id,
        date: fromEpochDay(receivedDay + 30),
        method: pick(['visit', 'phone'] as const),
        byUserId: USER(unit),
        findings: '生活已基本稳定',
      })
    }
    if (r() < 0.03) {
      const started = fromEpochDay(receivedDay + 40)
      const closed = r() < 0.6
      const recovered = closed ? (r() < 0.3 ? 0 : Math.floor(granted / 2)) : undefined
      c.recoveries = [
        {
          trigger: 'fraud',
          amountFen: granted,
          startedDate: started,
          startedBy: USER(unit),
          fromState: c.state as 'paid',
          ...(closed
            ? {
                recoveredFen: recovered,
                recoveredDate: fromEpochDay(receivedDay + 60),
                closedDate: fromEpochDay(receivedDay + 60),
              }
            : {}),
        },
      ]
      if (!closed) c.state = 'recovery'
      else if (recovered) {
        const largest = splits.reduce((a, b) => (b.amountFen > a.amountFen ? b : a))
        ledger('recovery', largest, fromEpochDay(receivedDay + 60), recovered)
      }
    }
    out.cases.push(c)
  }
  return out
}
