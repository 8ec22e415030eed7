import { addWorkingDays, workingDaysBetween } from '../../../shared/domain/calendar'
import { builtInRuleSets } from '../../../shared/domain/rulesets'
import type { Case } from '../../../shared/domain/schemas'
import {
  donorKindLabels,
  donorKinds,
  fundSourceLabels,
  fundSources,
  originDepartmentLabels,
  originDepartments,
  paymentMethodLabels,
  priorityGroupLabels,
  priorityGroups,
  referralKindLabels,
  referralKinds,
} from '../../../shared/domain/schemas'
import type { Dataset } from './fixtures'

/**
 * A deliberately naive second implementation of every report figure, written from docs/reports.md with plain
 * array filters and no shared code from shared/report: each figure is one `filter(...).length` or sum. The tests
 * compare the workbook read back by exceljs with these.
 */

export type Cell = number | string | null
const D = '—'

export interface Window {
  from: string
  to: string
}

/** Offices of the fixture province in scope of 330000 (339901 is missing from the directory and still counts). */
export const inScope = (unit: string) => unit !== '320102'

export function naiveBase(ds: Dataset, w: Window) {
  const inP = (d: string | undefined) => d !== undefined && d >= w.from && d <= w.to
  const live = <R extends { voided?: unknown; ownerUnit: string }>(r: R) => !r.voided && inScope(r.ownerUnit)
  const cases = ds.cases.filter(live)
  const smallIds = new Set(cases.filter((c) => c.smallEmergencyHelp).map((c) => c.id))
  const stat = cases.filter((c) => !c.smallEmergencyHelp)
  // 救助对象 (docs/reports.md §3 人数): the case's persons, less a victim who died (the relative who applied is
  // assisted) or, when the victim lives, less the applicant who acted for them — found through the person records
  const personById = new Map(ds.persons.map((p) => [p.id, p]))
  const assistedIds = (c: Case): string[] => {
    const ids = [...new Set(c.personIdNumbers)]
    if (!c.victimId || !c.applicantId || c.victimId === c.applicantId) return ids
    const victim = personById.get(c.victimId)
    const applicant = personById.get(c.applicantId)
    if (!victim || !applicant || victim.idNumber === applicant.idNumber) return ids
    const notAssisted = c.victim?.outcomes.includes('death') ? victim.idNumber : applicant.idNumber
    return ids.filter((id) => id !== notAssisted)
  }
  const personsOf = (c: Case) => assistedIds(c).length || 1
  const flags = new Map<string, Set<string>>()
  for (const p of ds.persons.filter((p) => !p.voided)) {
    const set = flags.get(p.idNumber) ?? new Set<string>()
    for (const f of p.priorityFlags) set.add(f)
    flags.set(p.idNumber, set)
  }
  return { inP, live, cases, smallIds, stat, personsOf, assistedIds, flags }
}

type Triple = [Cell, Cell, Cell]

/** Expected [件, 人, 金额（元）] per line key for the offices in `members`. */
export function naiveStats(
  ds: Dataset,
  w: Window,
  members: (unit: string) => boolean,
  ruleSetIds: readonly string[] = ['2021-xize'],
) {
  const b = naiveBase(ds, w)
  const { inP, personsOf } = b
  const mine = <R extends { ownerUnit: string }>(r: R) => members(r.ownerUnit)
  const cases = b.stat.filter(mine)
  const clues = ds.clues.filter(b.live).filter(mine)
  const sum = <X>(xs: X[], f: (x: X) => number) => xs.reduce((s, x) => s + f(x), 0)
  const yuan = (fen: number) => fen / 100
  const cpf = (xs: Case[], fen: (c: Case) => number): Triple => [xs.length, sum(xs, personsOf), yuan(sum(xs, fen))]
  const out = new Map<string, Triple>()

  out.set('clues', [clues.filter((c) => inP(c.referredOn)).length, D, D])
  for (const s of ['case-department', 'external', 'upper-level']) {
    out.set(`clues:${s}`, [clues.filter((c) => inP(c.referredOn) && c.source === s).length, D, D])
  }
  const informedOnClues = clues.filter((c) => inP(c.informing?.date) && c.convertedCaseId === undefined).length
  const informedOnCases = cases.filter((c) => inP(c.informing?.date)).length
  out.set('informed', [informedOnClues + informedOnCases, D, D])
  const applied = cases.filter((c) => inP(c.applicationDate))
  out.set('applied', [applied.length, sum(applied, personsOf), D])
  // 受理救助申请: accepted applications only; ex officio cases are counted under 依职权启动救助
  const accepted = cases.filter((c) => inP(c.acceptanceDate) && c.applicationDate !== undefined)
  out.set('accepted', [accepted.length, sum(accepted, personsOf), D])
  out.set('exOfficio', [cases.filter((c) => inP(c.exOfficio?.date)).length, D, D])
  out.set('withdrawn', [cases.filter((c) => inP(c.withdrawal?.date)).length, D, D])
  out.set('abandoned', [cases.filter((c) => c.state === 'abandoned' && inP(c.supplement?.dueDate)).length, D, D])
  const granted = cases.filter((c) => inP(c.decisionDate) && c.decision?.outcome === 'granted')
  const fenOf = (c: Case) => c.decision?.grantedFen ?? 0
  out.set('granted', cpf(granted, fenOf))
  out.set(
    'advance',
    cpf(
      granted.filter((c) => c.decision?.advance),
      fenOf,
    ),
  )
  const refused = cases.filter((c) => inP(c.decisionDate) && c.decision?.outcome === 'refused')
  out.set('refused', [refused.length, sum(refused, personsOf), D])
  const paid = cases.filter((c) => inP(c.payment?.paidDate))
  out.set(
    'paid',
    cpf(paid, (c) => c.payment!.amountFen),
  )
  // 多级资金联合救助: at least two of the 省级、市级、县级 funds (not 中央, not donations) share the case
  const levels = ['province', 'city', 'county']
  const joint = paid.filter(
    (c) => new Set((c.funding?.splits ?? []).map((s) => s.source).filter((s) => levels.includes(s))).size >= 2,
  )
  out.set('joint', [joint.length, D, yuan(sum(joint, (c) => c.payment!.amountFen))])
  const recoveries = cases.flatMap((c) => c.recoveries).filter((r) => inP(r.recoveredDate) && (r.recoveredFen ?? 0) > 0)
  out.set('recovered', [recoveries.length, D, yuan(sum(recoveries, (r) => r.recoveredFen ?? 0))])

  const items = builtInRuleSets.filter((s) => ruleSetIds.includes(s.id)).flatMap((s) => s.categories)
  for (const item of items) {
    out.set(
      `cat:${item.code}`,
      cpf(
        granted.filter((c) => c.categoryItemCode === item.code),
        fenOf,
      ),
    )
  }
  for (const kind of ['criminal-victim', 'witness', 'civil-tort', 'other']) {
    const codes = items.filter((c) => c.kind === kind).map((c) => c.code)
    out.set(
      `kind:${kind}`,
      cpf(
        granted.filter((c) => c.categoryItemCode && codes.includes(c.categoryItemCode)),
        fenOf,
      ),
    )
  }
  out.set(
    'kind:none',
    cpf(
      granted.filter((c) => c.categoryItemCode === undefined),
      fenOf,
    ),
  )
  // 六: a department gets only the cases referred from its clue (source 'referral')
  const referred = granted.filter((c) => c.source === 'referral')
  for (const d of originDepartments)
    out.set(
      `origin:${d}`,
      cpf(
        referred.filter((c) => c.originDepartment === d),
        fenOf,
      ),
    )
  out.set(
    'origin:unspecified',
    cpf(
      referred.filter((c) => c.originDepartment === undefined),
      fenOf,
    ),
  )
  out.set(
    'origin:none',
    cpf(
      granted.filter((c) => c.source !== 'referral'),
      fenOf,
    ),
  )
  for (const g of priorityGroups) {
    const idsIn = (c: Case) => b.assistedIds(c).filter((id) => b.flags.get(id)?.has(g))
    const hit = granted.filter((c) => idsIn(c).length > 0)
    out.set(`group:${g}`, [hit.length, sum(hit, (c) => idsIn(c).length), yuan(sum(hit, fenOf))])
  }
  const referrals = ds.referrals
    .filter(b.live)
    .filter(mine)
    .filter((r) => !b.smallIds.has(r.caseId) && inP(r.date))
  out.set('referrals', [referrals.length, D, D])
  for (const k of referralKinds) out.set(`referral:${k}`, [referrals.filter((r) => r.kind === k).length, D, D])
  const social = ['social-assistance', 'temporary-assistance', 'medical', 'education', 'employment']
  out.set('referral:social', [referrals.filter((r) => social.includes(r.kind)).length, D, D])
  out.set('referralCases', [new Set(referrals.map((r) => r.caseId)).size, D, D])
  const followUps = ds.followUps
    .filter(b.live)
    .filter(mine)
    .filter((f) => !b.smallIds.has(f.caseId) && inP(f.date))
  out.set('followUps', [followUps.length, D, D])
  const ledger = ds.ledger.filter(b.live).filter((e) => !(e.caseId && b.smallIds.has(e.caseId)))
  const incoming = ledger.filter((e) => e.kind === 'allocation' || e.kind === 'donation')
  const funds = new Map<string, number>(fundSources.map((s) => [s, 0]))
  for (const e of incoming.filter(mine).filter((e) => inP(e.date)))
    funds.set(e.fundSource, funds.get(e.fundSource)! + e.amountFen)
  for (const r of ledger.filter(mine).filter((e) => e.kind === 'reversal' && inP(e.date))) {
    const target = incoming.find((e) => e.id === r.reversesId)
    if (target) funds.set(target.fundSource, funds.get(target.fundSource)! - r.amountFen)
  }
  out.set('funds', [D, D, yuan([...funds.values()].reduce((a, x) => a + x, 0))])
  for (const s of fundSources) out.set(`fund:${s}`, [D, D, yuan(funds.get(s)!)])
  const donations = ds.donations
    .filter(b.live)
    .filter(mine)
    .filter((d) => inP(d.receivedOn))
  out.set('donations', [donations.length, D, yuan(sum(donations, (d) => d.amountFen))])
  for (const k of donorKinds) {
    const xs = donations.filter((d) => d.donor.kind === k)
    out.set(`donor:${k}`, [xs.length, D, yuan(sum(xs, (d) => d.amountFen))])
  }
  return out
}

/** The 统计表's rows (label, line key) in print order, written out by hand from docs/reports.md. */
export function naiveStatsLayout(
  hasNoneCategory: boolean,
  ruleSetIds: readonly string[] = ['2021-xize'],
  hasUnspecifiedOrigin = false,
): [string, string | null][] {
  const I = '　'
  const sets = builtInRuleSets.filter((s) => ruleSetIds.includes(s.id))
  const kindLabel: Record<string, string> = {
    'criminal-victim': '刑事被害人及其近亲属',
    witness: '举报人、证人、鉴定人',
    'civil-tort': '民事侵权受害人',
    other: '其他人员',
  }
  const rows: [string, string | null][] = [
    ['一、线索和告知', null],
    ['受理救助线索', 'clues'],
    [`${I}其中：本院办案部门移送`, 'clues:case-department'],
    [`${I}${I}${I}外部单位移送`, 'clues:external'],
    [`${I}${I}${I}上级院交办`, 'clues:upper-level'],
    ['告知当事人可以申请救助', 'informed'],
    ['二、申请和受理', null],
    ['收到救助申请', 'applied'],
    ['受理救助申请', 'accepted'],
    ['依职权启动救助', 'exOfficio'],
    ['申请人撤回申请', 'withdrawn'],
    ['逾期未补正视为放弃申请', 'abandoned'],
    ['三、审查决定', null],
    ['决定给予救助', 'granted'],
    [`${I}其中：先行救助`, 'advance'],
    ['决定不予救助', 'refused'],
    ['四、救助金发放和追回', null],
    ['发放救助金', 'paid'],
    [`${I}其中：多级资金联合救助`, 'joint'],
    ['追回救助金（件为次数）', 'recovered'],
    ['五、决定救助案件按救助对象类别', null],
  ]
  for (const kind of Object.keys(kindLabel)) {
    rows.push([kindLabel[kind], `kind:${kind}`])
    for (const rs of sets) {
      for (const c of rs.categories.filter((x) => x.kind === kind && !x.courtOnly)) {
        rows.push([`${I}${c.label}${sets.length > 1 ? `（${rs.shortTitle}）` : ''}`, `cat:${c.code}`])
      }
    }
  }
  if (hasNoneCategory) rows.push(['未注明救助情形', 'kind:none'])
  rows.push(['六、决定救助案件按线索来源部门', null])
  for (const d of originDepartments) rows.push([originDepartmentLabels[d], `origin:${d}`])
  if (hasUnspecifiedOrigin) rows.push(['办案部门移送，未注明部门', 'origin:unspecified'])
  rows.push(['未经本院办案部门移送（当事人申请、依职权启动等）', 'origin:none'])
  rows.push(['七、决定救助案件按重点群体', null])
  for (const g of priorityGroups) rows.push([priorityGroupLabels[g], `group:${g}`])
  rows.push(['八、多元救助和回访', null])
  rows.push(['开展多元救助（件为次数）', 'referrals'])
  for (const k of referralKinds) rows.push([`${I}${referralKindLabels[k]}`, `referral:${k}`])
  rows.push([`${I}其中：衔接社会救助（低保、临时、医疗、教育、就业）`, 'referral:social'])
  rows.push(['开展多元救助的案件', 'referralCases'])
  rows.push(['回访（件为次数）', 'followUps'])
  rows.push(['九、救助资金', null])
  rows.push(['收到救助资金合计', 'funds'])
  for (const s of fundSources) {
    rows.push([`${I}${s === 'donation' ? '社会捐助入账' : `${fundSourceLabels[s]}财政资金`}`, `fund:${s}`])
  }
  rows.push(['接受社会捐助', 'donations'])
  for (const k of donorKinds) rows.push([`${I}${donorKindLabels[k]}捐助`, `donor:${k}`])
  return rows
}

/** Roll-up rows of the fixture province for 330000, written out by hand: label → member offices. */
export const naiveRollupRows: [string, string[]][] = [
  ['浙江省人民检察院（本级）', ['330000']],
  ['　杭州市人民检察院（本级）', ['330100']],
  ['　　杭州市上城区人民检察院', ['330102']],
  ['　　杭州市西湖区人民检察院', ['330106']],
  ['　杭州市人民检察院小计', ['330100', '330102', '330106']],
  ['　宁波市人民检察院（本级）', ['330200']],
  ['　　宁波市海曙区人民检察院', ['330203']],
  ['　宁波市人民检察院小计', ['330200', '330203']],
  ['　339901（未在单位目录中）', ['339901']],
  ['其中：省级院', ['330000']],
  ['　　　市级院（分院）', ['330100', '330200']],
  ['　　　基层院', ['330102', '330106', '330203']],
  ['合计', ['330000', '330100', '330102', '330106', '330200', '330203', '339901']],
]

/** Column (line key, measure index 0 = 件 / 1 = 人 / 2 = 元) of each roll-up view, by hand. */
export const naiveRollupColumns: Record<string, [string, number][]> = {
  main: [
    ['clues', 0],
    ['informed', 0],
    ['applied', 0],
    ['accepted', 0],
    ['exOfficio', 0],
    ['granted', 0],
    ['granted', 1],
    ['granted', 2],
    ['advance', 0],
    ['advance', 2],
    ['refused', 0],
    ['paid', 0],
    ['paid', 1],
    ['paid', 2],
    ['recovered', 2],
    ['referrals', 0],
    ['funds', 2],
    ['donations', 2],
  ],
  groups: priorityGroups.flatMap((g): [string, number][] => [
    [`group:${g}`, 0],
    [`group:${g}`, 1],
    [`group:${g}`, 2],
  ]),
  categories: [
    ...['criminal-victim', 'witness', 'civil-tort', 'other', 'none'].flatMap((k): [string, number][] => [
      [`kind:${k}`, 0],
      [`kind:${k}`, 1],
      [`kind:${k}`, 2],
    ]),
    ['granted', 0],
    ['granted', 1],
    ['granted', 2],
  ],
}

/**
 * The payment detail rows (without subtotals) in order, naively: the statistics' payments (`stat`) and, apart, the
 * 小额应急性帮扶 payments (`small`). `names`: the full name printed for each office.
 */
export function naivePayments(ds: Dataset, w: Window, officeOrder: string[], names: Record<string, string>) {
  const b = naiveBase(ds, w)
  const personById = new Map(ds.persons.map((p) => [p.id, p]))
  const rs = builtInRuleSets.flatMap((s) => s.categories)
  const order = (x: Case, y: Case) => {
    const o = officeOrder.indexOf(x.ownerUnit) - officeOrder.indexOf(y.ownerUnit)
    if (o !== 0) return o
    for (const [a, c] of [
      [x.payment!.paidDate, y.payment!.paidDate],
      [x.caseNo ?? '', y.caseNo ?? ''],
      [x.id, y.id],
    ]) {
      if (a !== c) return a < c ? -1 : 1
    }
    return 0
  }
  // the payee's ID number: the person the payment names, else the applicant or victim of the payee's name
  const payeeId = (c: Case) => {
    const p = c.payment!
    if (p.payeePersonId) return personById.get(p.payeePersonId)?.idNumber ?? ''
    for (const id of [c.applicantId, c.victimId]) {
      const person = id ? personById.get(id) : undefined
      if (person && person.name === p.payeeName) return person.idNumber
    }
    return ''
  }
  const rowsOf = (list: Case[]) =>
    list.sort(order).map((c, i) => {
      const p = c.payment!
      const notes = [
        ...(p.delegatedUnit
          ? [`委托 ${p.delegatedUnit === '330102' ? '杭州市上城区人民检察院' : p.delegatedUnit} 发放`]
          : []),
        ...(p.custody ? [`代管：${p.custody.custodian}`] : []),
        ...(p.receiptRef ? [`凭证 ${p.receiptRef}`] : []),
      ]
      const share = (source: string) =>
        (c.funding?.splits ?? []).filter((s) => s.source === source).reduce((a, s) => a + s.amountFen, 0)
      return {
        office: c.ownerUnit,
        fen: p.amountFen,
        shares: fundSources.map(share),
        recovered: c.recoveries.reduce((s, r) => s + (r.recoveredFen ?? 0), 0),
        cells: [
          i + 1,
          names[c.ownerUnit] ?? c.ownerUnit,
          c.caseNo ?? '',
          p.payeeName,
          payeeId(c),
          rs.find((k) => k.code === c.categoryItemCode)?.label ?? c.categoryItemCode ?? '',
          c.decisionDate ?? '',
          c.decision?.documentNo ?? '',
          p.paidDate,
          paymentMethodLabels[p.method],
          p.amountFen / 100,
          ...fundSources.map((s) => (share(s) === 0 ? null : share(s) / 100)),
          c.decision?.advance ? '是' : '',
          c.recoveries.reduce((s, r) => s + (r.recoveredFen ?? 0), 0) / 100,
          notes.join('；'),
        ] as Cell[],
      }
    })
  const paidIn = (c: Case) => b.inP(c.payment?.paidDate)
  return {
    stat: rowsOf(b.stat.filter(paidIn)),
    small: rowsOf(b.cases.filter((c) => c.smallEmergencyHelp && paidIn(c))),
  }
}

/** Time-limit counters per office, naively with calendar.ts directly. */
export function naiveTimeliness(ds: Dataset, w: Window, members: (unit: string) => boolean) {
  const b = naiveBase(ds, w)
  const cases = b.stat.filter((c) => members(c.ownerUnit))
  const decidedInP = cases.filter(
    (c) => c.applicationDate && !c.decision?.advance && c.state !== 'advance' && b.inP(c.decisionDate),
  )
  const startOf = (c: Case) => c.supplement?.receivedDate ?? c.applicationDate!
  const dueOf = (c: Case) => addWorkingDays(startOf(c), 10)
  const onTime = decidedInP.filter((c) => c.decisionDate! <= dueOf(c))
  const days = decidedInP.reduce((s, c) => s + Math.max(0, workingDaysBetween(startOf(c), c.decisionDate!)), 0)
  const pending = cases.filter((c) => {
    if (!c.applicationDate || c.decision?.advance || c.state === 'advance' || c.state === 'abandoned') return false
    if (c.applicationDate > w.to) return false
    if (c.decisionDate && c.decisionDate <= w.to) return false
    if (c.withdrawal && c.withdrawal.date <= w.to) return false
    const s = c.supplement
    if (s && s.noticeDate <= w.to && (!s.receivedDate || s.receivedDate > w.to)) return false
    return dueOf(c) < w.to
  })
  const funded = cases.filter((c) => b.inP(c.funding?.receivedDate))
  const notifyDue = (c: Case) => addWorkingDays(c.funding!.receivedDate!, 2)
  const notifiedOnTime = funded.filter(
    (c) => c.funding!.collectionNoticeDate && c.funding!.collectionNoticeDate <= notifyDue(c),
  )
  const notifiedLate = funded.filter(
    (c) => c.funding!.collectionNoticeDate && c.funding!.collectionNoticeDate > notifyDue(c),
  )
  const notNotified = funded.filter((c) => !c.funding!.collectionNoticeDate && notifyDue(c) < w.to)
  const sup = cases.filter((c) => c.applicationDate && c.supplement && b.inP(c.supplement.noticeDate))
  const supOnTime = sup.filter((c) => c.supplement!.noticeDate <= addWorkingDays(c.applicationDate!, 5))
  const suppliedOnTime = sup.filter(
    (c) => c.supplement!.receivedDate && c.supplement!.receivedDate <= c.supplement!.dueDate,
  )
  const suppliedLate = sup.filter(
    (c) => c.supplement!.receivedDate && c.supplement!.receivedDate > c.supplement!.dueDate,
  )
  const expired = sup.filter((c) => !c.supplement!.receivedDate && c.supplement!.dueDate < w.to)
  const pct = (n: number, d: number) => (d > 0 ? n / d : D)
  return [
    decidedInP.length,
    onTime.length,
    decidedInP.length - onTime.length,
    pct(onTime.length, decidedInP.length),
    decidedInP.length > 0 ? Math.round((days / decidedInP.length) * 10) / 10 : D,
    pending.length,
    funded.length,
    notifiedOnTime.length,
    notifiedLate.length,
    pct(notifiedOnTime.length, notifiedOnTime.length + notifiedLate.length + notNotified.length),
    notNotified.length,
    sup.length,
    supOnTime.length,
    sup.length - supOnTime.length,
    suppliedOnTime.length,
    suppliedLate.length,
    expired.filter((c) => c.state === 'abandoned').length,
    expired.filter((c) => c.state === 'needs-supplement').length,
  ] as Cell[]
}
