import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { addCalendarDaysDeadline } from '../../../shared/domain/calendar'
import { addDays } from '../../../shared/domain/dates'
import { residentIdCheckChar } from '../../../shared/domain/idcard'
import { ruleSetFor } from '../../../shared/domain/rulesets'
import type {
  Case,
  Clue,
  Donation,
  FollowUp,
  FundSource,
  LedgerEntry,
  OriginDepartment,
  Person,
  PriorityGroup,
  Referral,
  ReferralKind,
} from '../../../shared/domain/schemas'
import { originDepartments, priorityGroups, referralKinds } from '../../../shared/domain/schemas'
import type { ReportUnit } from '../../../shared/report/units'

/**
 * A deterministic synthetic province for the report tests: a directory (省院 → 2 市院 → 3 基层院), one office in the
 * data but missing from the directory, one office outside the province, and for each office persons, clues,
 * cases in every state (with 补正, 先行救助, refusals, joint funding, recoveries, small emergency help, voided
 * records), referrals, follow-ups, ledger entries (with reversals) and donations — all valid under the record
 * schemas (checked in stats.test.ts). Dates run from 2024-10 to 2026-06-30 ("today").
 */

export const TODAY = '2026-06-30'
const T = '2026-06-30T02:00:00.000Z'

export const units: ReportUnit[] = [
  { code: '330000', name: '浙江省人民检察院', shortName: '浙江省院', level: 'province', parentCode: '100000' },
  { code: '330100', name: '杭州市人民检察院', shortName: '杭州市院', level: 'city', parentCode: '330000' },
  { code: '330102', name: '杭州市上城区人民检察院', shortName: '上城区院', level: 'basic', parentCode: '330100' },
  { code: '330106', name: '杭州市西湖区人民检察院', shortName: '西湖区院', level: 'basic', parentCode: '330100' },
  { code: '330200', name: '宁波市人民检察院', shortName: '宁波市院', level: 'city', parentCode: '330000' },
  { code: '330203', name: '宁波市海曙区人民检察院', shortName: '海曙区院', level: 'basic', parentCode: '330200' },
  { code: '320000', name: '江苏省人民检察院', shortName: '江苏省院', level: 'province', parentCode: '100000' },
  { code: '320102', name: '南京市玄武区人民检察院', shortName: '玄武区院', level: 'basic', parentCode: '320000' },
]
/** Offices that own records: the six in the province, one missing from the directory, one outside the province. */
export const dataOffices = ['330000', '330100', '330102', '330106', '330200', '330203', '339901', '320102']

export interface Dataset {
  persons: Person[]
  clues: Clue[]
  cases: Case[]
  referrals: Referral[]
  followUps: FollowUp[]
  ledger: LedgerEntry[]
  donations: Donation[]
}

export const tableNames = ['persons', 'clues', 'cases', 'referrals', 'followUps', 'ledger', 'donations'] as const

/** Mulberry32: a small seeded PRNG. */
export function rng(seed: number): () => number {
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
function idOf(unit: string, n: number): string {
  let s = ''
  let x = n
  for (let i = 0; i < 23; i++) {
    s = CROCK[x % 32] + s
    x = Math.floor(x / 32)
  }
  return `${unit}-01J${s}`
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
]

/** Generates the dataset; `perOffice` cases per office (default 60). */
export function generateDataset(seed = 20260630, perOffice = 60): Dataset {
  const r = rng(seed)
  const pick = <X>(xs: readonly X[]): X => xs[Math.floor(r() * xs.length)]
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1))
  const chance = (p: number) => r() < p
  const ds: Dataset = { persons: [], clues: [], cases: [], referrals: [], followUps: [], ledger: [], donations: [] }
  let serial = 1
  for (const unit of dataOffices) {
    let rev = 0
    const stamp = () => ({ rev: ++rev, createdAt: T, updatedAt: T, createdBy: idOf(unit, 1), updatedBy: idOf(unit, 1) })
    const nextId = () => idOf(unit, 1000 + serial++)
    const user = idOf(unit, 2)
    const voided = () => (chance(0.02) ? { voided: { at: T, by: user, reason: '录入错误，作废' } } : {})

    // persons (some shared ID numbers across offices: the same person known to two offices)
    const people: Person[] = []
    for (let i = 0; i < perOffice * 1.4; i++) {
      const birthYear = int(1950, 2015)
      const first17 = `${unit.slice(0, 6)}${birthYear}${String(int(1, 12)).padStart(2, '0')}${String(int(1, 28)).padStart(2, '0')}${String(int(100, 999))}`
      const idNumber = first17 + residentIdCheckChar(first17)
      const flags: PriorityGroup[] = []
      for (const g of priorityGroups) if (chance(g === 'rural-hardship' ? 0.3 : 0.1)) flags.push(g)
      if (birthYear > 2008 && !flags.includes('minor')) flags.push('minor')
      const p: Person = {
        id: nextId(),
        ownerUnit: unit,
        ...stamp(),
        ...(chance(0.01) ? { voided: { at: T, by: user, reason: '重复录入' } } : {}),
        name: pick(SURNAMES.split('')) + pick(GIVEN),
        idType: 'resident-id',
        idNumber,
        priorityFlags: flags,
      }
      people.push(p)
      ds.persons.push(p)
    }

    // an allocation per quarter per level, some donations
    const allocations: LedgerEntry[] = []
    for (const quarterStart of ['2024-10-08', '2025-01-06', '2025-04-07', '2025-07-07', '2025-10-09', '2026-01-05']) {
      for (const level of ['central', 'province', 'city', 'county'] as const) {
        if (!chance(0.6)) continue
        const e: LedgerEntry = {
          id: nextId(),
          ownerUnit: unit,
          ...stamp(),
          ...voided(),
          kind: 'allocation',
          fundSource: level,
          amountFen: int(50, 500) * 100_000,
          date: addDays(quarterStart, int(0, 20)),
          counterparty: `${level}财政`,
        }
        allocations.push(e)
        ds.ledger.push(e)
      }
    }
    const donationIds: string[] = []
    for (let i = 0; i < 4; i++) {
      const receivedOn = addDays('2024-11-01', int(0, 560))
      const d: Donation = {
        id: nextId(),
        ownerUnit: unit,
        ...stamp(),
        ...voided(),
        donor: {
          name: pick(['某公益基金会', '某建设集团', '张先生', '某律师事务所']),
          kind: pick(['individual', 'company', 'organisation'] as const),
        },
        amountFen: int(10, 200) * 100_000,
        receivedOn,
        recipientCaseIds: [],
      }
      ds.donations.push(d)
      donationIds.push(d.id)
      ds.ledger.push({
        id: nextId(),
        ownerUnit: unit,
        ...stamp(),
        kind: 'donation',
        fundSource: 'donation',
        donationId: d.id,
        amountFen: d.amountFen,
        date: receivedOn,
        counterparty: d.donor.name,
      })
    }
    // a reversal of one allocation (in 2025) and one whose target comes later in the file
    const reversed = allocations.find((a) => a.date.startsWith('2025') && !a.voided)
    if (reversed) {
      ds.ledger.push({
        id: nextId(),
        ownerUnit: unit,
        ...stamp(),
        kind: 'reversal',
        fundSource: reversed.fundSource,
        amountFen: reversed.amountFen,
        date: addDays(reversed.date, 3),
        reversesId: reversed.id,
        counterparty: reversed.counterparty,
        note: '金额录入错误，冲销',
      })
    }

    for (let i = 0; i < perOffice; i++) {
      const start = addDays('2024-10-01', int(0, 600))
      const id = nextId()
      const source = pick(['referral', 'referral', 'application', 'ex-officio', 'external-clue'] as const)
      const applicant = pick(people)
      const others = chance(0.3) ? [pick(people)] : []
      const ids = [applicant.idNumber, ...others.map((o) => o.idNumber), ...(chance(0.05) ? [applicant.idNumber] : [])]
      const small = chance(0.06)
      const origin: OriginDepartment | undefined = source === 'referral' ? pick(originDepartments) : undefined
      const c: Case = {
        id,
        ownerUnit: unit,
        ...stamp(),
        ...voided(),
        state: 'clue',
        source,
        ...(origin ? { originDepartment: origin } : {}),
        applicantId: applicant.id,
        personIdNumbers: ids,
        smallEmergencyHelp: small,
        materials: [],
        approvals: [],
        recoveries: [],
        clueDate: start,
      }
      // clue record for referrals, sometimes informed there; opening the case copies the clue's 告知 (as the app does),
      // and some clues stay unconverted
      let clueInformed = false
      const converted = chance(0.85)
      if (source === 'referral' || source === 'external-clue') {
        const informing = chance(0.7)
          ? { byName: '王办案', method: 'written' as const, date: addDays(start, 1), response: 'will-apply' as const }
          : undefined
        clueInformed = informing !== undefined
        const clue: Clue = {
          id: nextId(),
          ownerUnit: unit,
          ...stamp(),
          source: source === 'referral' ? 'case-department' : 'external',
          ...(source === 'referral' ? { originDepartment: origin } : { externalBody: 'civil-affairs' as const }),
          partyName: applicant.name,
          referredOn: start,
          ...(informing ? { informing } : {}),
          ...(converted ? { status: 'converted', convertedCaseId: id } : { status: informing ? 'informed' : 'open' }),
        } as Clue
        ds.clues.push(clue)
        if (!converted) continue
        c.clueId = clue.id
        if (informing) {
          c.informing = informing
          c.state = 'informed'
        }
      }
      if (!clueInformed && chance(0.6)) {
        c.informing = { byName: '李检察官', method: 'oral', date: addDays(start, 1), response: 'will-apply' }
        c.state = 'informed'
      }
      const stopAt = r()
      if (stopAt < 0.05 || addDays(start, 2) > TODAY) {
        ds.cases.push(c)
        continue
      }
      // application
      const applied = addDays(start, int(2, 8))
      c.applicationDate = applied
      c.application = { form: 'written', receivedBy: user }
      c.materials = [{ item: 'application', received: true, receivedDate: applied }]
      c.state = 'applied'
      if (source === 'ex-officio') c.exOfficio = { date: addDays(start, 1), reason: '依职权启动', by: user }
      if (stopAt < 0.1 || addDays(applied, 1) > TODAY) {
        ds.cases.push(c)
        continue
      }
      let ready = applied
      if (chance(0.25)) {
        const noticeDate = addDays(applied, int(1, 10))
        const dueDate = addCalendarDaysDeadline(noticeDate, 30)
        c.supplement = { noticeDate, dueDate, missingItems: ['hardshipProof'], requestedBy: user }
        c.state = 'needs-supplement'
        const outcome = r()
        if (noticeDate > TODAY) {
          delete c.supplement
          c.state = 'applied'
          ds.cases.push(c)
          continue
        }
        if (outcome < 0.15) {
          ds.cases.push(c) // still open (maybe expired)
          continue
        }
        if (outcome < 0.3) {
          if (dueDate < TODAY) c.state = 'abandoned'
          ds.cases.push(c)
          continue
        }
        const received = addDays(noticeDate, int(3, outcome < 0.4 ? 45 : 28))
        if (received > TODAY) {
          ds.cases.push(c)
          continue
        }
        c.supplement.receivedDate = received
        c.state = 'applied'
        ready = received
      }
      if (chance(0.04)) {
        c.withdrawal = {
          date: addDays(ready, 1) > TODAY ? TODAY : addDays(ready, 1),
          reason: '申请人撤回',
          by: user,
          fromState: c.state,
        }
        c.state = 'withdrawn'
        ds.cases.push(c)
        continue
      }
      const accepted = addDays(ready, int(0, 2))
      if (accepted > TODAY) {
        ds.cases.push(c)
        continue
      }
      c.acceptanceDate = accepted
      c.reviewStartDate = accepted
      c.state = 'review'
      const ruleSet = ruleSetFor(applied)!
      c.ruleSetId = ruleSet.id
      if (chance(0.95)) c.categoryItemCode = pick(ruleSet.categories.filter((k) => !k.courtOnly)).code
      const decided = addDays(ready, int(3, chance(0.2) ? 30 : 14))
      const external = chance(0.15)
      if (decided > TODAY || stopAt < 0.15) {
        if (stopAt < 0.15 && accepted <= TODAY) {
          c.proposal = { decision: 'grant', by: user, at: T, text: '建议救助' }
          c.approvalRound = {
            round: 1,
            chain: [{ step: 'chief', role: 'chief', label: '检察长审批', ...(external ? { external: true } : {}) }],
            submittedBy: user,
            submittedAt: T,
          }
          c.state = 'approval'
        }
        ds.cases.push(c)
        continue
      }
      const granted = chance(0.8)
      const advance = granted && chance(0.1)
      c.proposal = granted
        ? { decision: 'grant', by: user, at: T, text: '建议救助' }
        : { decision: 'refuse', by: user, at: T, text: '建议不予救助', refusalReasons: ['no-hardship'] }
      c.approvalRound = {
        round: 1,
        chain: [{ step: 'chief', role: 'chief', label: '检察长审批', ...(external ? { external: true } : {}) }],
        submittedBy: user,
        submittedAt: T,
      }
      c.decisionDate = decided
      if (!granted) {
        c.decision = {
          outcome: 'refused',
          refusalReasons: ['no-hardship'],
          documentNo: `不救〔${decided.slice(0, 4)}〕${i}号`,
        }
        c.state = 'refused'
        ds.cases.push(c)
        continue
      }
      const grantedFen = small ? int(5, 20) * 10_000 : int(30, 800) * 10_000 + int(0, 99)
      c.decision = {
        outcome: 'granted',
        grantedFen,
        documentNo: `${unit.slice(2)}检控救〔${decided.slice(0, 4)}〕${i + 1}号`,
        ...(advance ? { advance: true } : {}),
      }
      c.caseNo = `${unit.slice(2)}检控救〔${decided.slice(0, 4)}〕${i + 1}号`
      c.caseYear = Number(decided.slice(0, 4))
      c.caseSeq = i + 1
      c.state = 'granted'
      const requested = addDays(decided, int(1, 4))
      if (requested > TODAY || chance(0.05)) {
        ds.cases.push(c)
        continue
      }
      c.funding = { requestDate: requested, splits: [] }
      c.state = 'awaiting-funds'
      const arrived = addDays(requested, int(2, 15))
      if (arrived > TODAY || chance(0.05)) {
        ds.cases.push(c)
        continue
      }
      const levels: FundSource[] = chance(0.3)
        ? ['province', 'county']
        : chance(0.1)
          ? ['city', 'county', 'donation']
          : ['county']
      const splits = levels.map((source, k) => {
        const part =
          k === levels.length - 1
            ? grantedFen - Math.floor(grantedFen / levels.length) * k
            : Math.floor(grantedFen / levels.length)
        return source === 'donation'
          ? { source, amountFen: part, donationId: pick(donationIds) }
          : { source, amountFen: part }
      })
      c.funding = { requestDate: requested, receivedDate: arrived, splits }
      c.state = 'awaiting-collection'
      for (const sp of splits) {
        if (sp.source === 'donation') continue
        ds.ledger.push({
          id: nextId(),
          ownerUnit: unit,
          ...stamp(),
          kind: 'allocation',
          fundSource: sp.source,
          amountFen: sp.amountFen,
          date: arrived,
          caseId: id,
          counterparty: '财政',
          note: '救助案件资金到账',
        })
      }
      const noticed = addDays(arrived, int(0, chance(0.15) ? 9 : 3))
      if (noticed > TODAY || chance(0.05)) {
        ds.cases.push(c)
        continue
      }
      c.funding.collectionNoticeDate = noticed
      c.funding.collectionNoticeMethod = 'oral'
      const paidDate = addDays(noticed, int(0, 10))
      if (paidDate > TODAY) {
        ds.cases.push(c)
        continue
      }
      c.payment = {
        method: chance(0.7) ? 'transfer' : 'in-person',
        amountFen: grantedFen,
        payeeName: applicant.name,
        // as the payment form does, some payments name the payee only (the report finds the person by the case)
        ...(i % 4 === 0 ? {} : { payeePersonId: applicant.id }),
        paidDate,
        paidBy: user,
        ...(chance(0.1) ? { custody: { custodian: '某村民委员会' } } : {}),
        ...(chance(0.05) ? { delegatedUnit: '330102' } : {}),
        receiptRef: `凭证${i + 1}`,
      }
      if (c.payment.method === 'transfer') {
        c.payment.account = {
          bank: '中国农业银行',
          accountName: applicant.name,
          accountNo: `62284800${String(int(10000000, 99999999))}`,
        }
      }
      c.state = 'paid'
      ds.ledger.push({
        id: nextId(),
        ownerUnit: unit,
        ...stamp(),
        kind: 'disbursement',
        fundSource: 'county',
        amountFen: grantedFen,
        date: paidDate,
        caseId: id,
        counterparty: applicant.name,
      })
      if (chance(0.5)) {
        const kinds: ReferralKind[] = [pick(referralKinds), ...(chance(0.3) ? [pick(referralKinds)] : [])]
        for (const kind of kinds) {
          const date = addDays(paidDate, int(1, 40))
          if (date > TODAY) continue
          ds.referrals.push({
            id: nextId(),
            ownerUnit: unit,
            ...stamp(),
            ...voided(),
            caseId: id,
            kind,
            partnerAgency: '某街道民政办',
            date,
          })
        }
      }
      const followUp = addDays(paidDate, int(5, 60))
      if (chance(0.5) && followUp <= TODAY) {
        ds.followUps.push({
          id: nextId(),
          ownerUnit: unit,
          ...stamp(),
          caseId: id,
          date: followUp,
          method: 'phone',
          byUserId: user,
          findings: '生活基本稳定',
        })
        c.followUpStartDate = followUp
        c.state = 'follow-up'
      }
      if (chance(0.05)) {
        const started = addDays(paidDate, int(5, 30))
        const closed = addDays(started, int(5, 60))
        if (closed <= TODAY) {
          c.recoveries = [
            {
              trigger: 'fraud',
              amountFen: grantedFen,
              startedDate: started,
              startedBy: user,
              fromState: c.state === 'follow-up' ? 'follow-up' : 'paid',
              recoveredFen: Math.floor(grantedFen / 2),
              recoveredDate: closed,
              closedDate: closed,
            },
          ]
        }
      }
      ds.cases.push(c)
    }
  }
  return ds
}

/** Writes the dataset in the generator's layout: hierarchy.json and `<unit>/<table>.ndjson` per office. */
export async function writeDataset(dir: string, ds: Dataset): Promise<void> {
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'hierarchy.json'), JSON.stringify({ units }, null, 2))
  for (const unit of dataOffices) {
    await mkdir(join(dir, unit), { recursive: true })
    for (const t of tableNames) {
      const rows = (ds[t] as { ownerUnit: string }[]).filter((x) => x.ownerUnit === unit)
      await writeFile(join(dir, unit, `${t}.ndjson`), rows.map((x) => `${JSON.stringify(x)}\n`).join(''))
    }
  }
}
