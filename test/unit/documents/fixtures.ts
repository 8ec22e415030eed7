import type { DocumentContext } from '../../../shared/documents/templates'
import { amountComputationRecord } from '../../../shared/domain/amount'
import { residentIdCheckChar } from '../../../shared/domain/idcard'
import type { Case, Clue, Person } from '../../../shared/domain/schemas'
import { type Actor, transition, type WorkflowAction } from '../../../shared/domain/workflow'

/**
 * A case driven through the real workflow (shared/domain/workflow.ts `transition`) from clue to payment, with
 * the refusal, out-of-scope and advance paths branching off; persons, clue and staff to go with it.
 */

export const UNIT = '110105'
export const rid = (n: number) => `${UNIT}-01J${String(n).padStart(23, '0')}`
const stamps = {
  ownerUnit: UNIT,
  rev: 1,
  createdAt: '2026-03-02T01:00:00.000Z',
  updatedAt: '2026-03-02T01:00:00.000Z',
  createdBy: rid(1),
  updatedBy: rid(1),
}

export const office = { code: UNIT, name: '北京市朝阳区人民检察院', shortName: '朝检' }

const staff = (n: number, displayName: string, ...roles: Actor['roles'][number][]) => ({
  actor: { userId: rid(n), roles } as Actor,
  user: { id: rid(n), displayName },
})
export const ba = staff(1, '王办案', 'case-dept-staff')
export const jcg = staff(2, '李承办', 'case-procurator')
export const bzr = staff(4, '赵主任', 'dept-head')
export const jcz = staff(5, '钱检察长', 'chief')
export const jcb = staff(7, '孙计财', 'finance')
export const users = [ba, jcg, bzr, jcz, jcb].map((s) => s.user)

export const idNumber = (first17: string) => `${first17}${residentIdCheckChar(first17)}`

export const applicant: Person = {
  id: rid(200),
  ...stamps,
  name: '张秀兰',
  sex: 'female',
  birthDate: '1980-03-12',
  idType: 'resident-id',
  idNumber: idNumber('41152519800312002'),
  phone: '13800138000',
  household: { regionCode: '411525', address: '河南省信阳市固始县陈淋子镇某某村三组12号' },
  residence: { regionCode: '110105', address: '北京市朝阳区某某路甲1号院3号楼2单元401室' },
  bankAccount: { bank: '中国农业银行北京朝阳支行', accountName: '张秀兰', accountNo: '6228480012345678' },
  priorityFlags: ['woman-in-hardship', 'rural-hardship'],
}

export const victim: Person = {
  id: rid(201),
  ...stamps,
  name: '李小明',
  sex: 'male',
  birthDate: '2014-05-06',
  idType: 'resident-id',
  idNumber: idNumber('41152520140506001'),
  household: { regionCode: '411525', address: '河南省信阳市固始县陈淋子镇某某村三组12号' },
  priorityFlags: ['minor'],
}

export const persons = [applicant, victim]

const caseId = rid(100)

export const clue: Clue = {
  id: rid(90),
  ...stamps,
  source: 'case-department',
  originDepartment: 'prosecution',
  partyName: '张秀兰',
  partyPersonId: applicant.id,
  underlyingCaseNo: '京朝检刑诉〔2026〕88号',
  livingConditions:
    '被害人李小明系未成年人，被打致重伤，经鉴定为七级伤残；其母张秀兰无固定工作，家庭无其他收入来源，已借款支付医疗费用八万余元，犯罪嫌疑人无赔偿能力。',
  informing: { byName: '王办案', method: 'written', date: '2026-03-03', response: 'will-apply' },
  referredOn: '2026-03-03',
  status: 'converted',
  convertedCaseId: caseId,
}

const now = (date: string) => ({ date, instant: `${date}T02:00:00.000Z` })

/** One workflow step; throws with the Chinese refusal when the workflow says no. */
export function step(record: Case, action: WorkflowAction, who: { actor: Actor }, date: string): Case {
  const r = transition(record, action, who.actor, now(date))
  if (!r.ok) throw new Error(`${action.type} from ${record.state}: ${r.refusal.message}`)
  return r.record
}

const received = (date: string, ...items: Case['materials'][number]['item'][]) =>
  items.map((item) => ({ item, received: true, receivedDate: date }))

export const amount30k = amountComputationRecord({
  ruleSetId: '2021-xize',
  wageYear: 2025,
  wageRegionCode: '110000',
  monthlyWageFen: 1_123_400,
  proposedFen: 3_000_000,
  factorsText:
    '被害人系未成年人，重伤致七级伤残，后续治疗费用较高；申请人无固定收入，家庭生活面临急迫困难；犯罪嫌疑人无赔偿能力，未获任何赔偿。',
})

export const clueCase: Case = {
  id: caseId,
  ...stamps,
  caseNo: '朝检控救〔2026〕12号',
  caseYear: 2026,
  caseSeq: 12,
  state: 'clue',
  source: 'referral',
  originDepartment: 'prosecution',
  clueId: clue.id,
  underlyingCase: { caseNo: '京朝检刑诉〔2026〕88号', charge: '故意伤害', stage: 'prosecution-review' },
  applicantId: applicant.id,
  victimId: victim.id,
  relation: 'parent',
  victim: {
    outcomes: ['serious-injury', 'disability'],
    disabilityGrade: 7,
    medicalCostsFen: 8_650_000,
    appraisalRef: '京朝公鉴〔2026〕15号',
  },
  personIdNumbers: [applicant.idNumber, victim.idNumber],
  categoryItemCode: '2021-7-1',
  smallEmergencyHelp: false,
  clueDate: '2026-03-03',
  materials: [],
  approvals: [],
  recoveries: [],
}

export const informed = step(
  clueCase,
  { type: 'inform', informing: { byName: '王办案', method: 'written', date: '2026-03-03', response: 'will-apply' } },
  ba,
  '2026-03-03',
)
export const applied = step(
  informed,
  {
    type: 'apply',
    date: '2026-03-04',
    form: 'written',
    capacity: 'legal-representative',
    materials: received('2026-03-04', 'application', 'identity', 'harmProof', 'compensationStatement'),
  },
  jcg,
  '2026-03-04',
)
export const needsSupplement = step(
  applied,
  { type: 'request-supplement', noticeDate: '2026-03-05', missingItems: ['hardshipProof', 'relationshipProof'] },
  jcg,
  '2026-03-05',
)
const supplied = step(
  needsSupplement,
  {
    type: 'receive-supplement',
    receivedDate: '2026-03-20',
    materials: [
      ...received('2026-03-20', 'hardshipProof', 'relationshipProof'),
      { item: 'other', received: true, receivedDate: '2026-03-20', note: '出院记录复印件' },
    ],
  },
  jcg,
  '2026-03-20',
)
export const accepted = step(supplied, { type: 'accept', date: '2026-03-23' }, jcg, '2026-03-23')
const reviewing = step(accepted, { type: 'begin-review', date: '2026-03-24' }, jcg, '2026-03-24')
export const reviewed = step(
  reviewing,
  {
    type: 'record-review',
    verifications: [
      { kind: 'file-review', date: '2026-03-24', note: '查阅原案卷宗，被害人伤情与鉴定意见一致。' },
      { kind: 'interview', date: '2026-03-25', note: '询问申请人，了解家庭收支情况。' },
      {
        kind: 'delegated-investigation',
        date: '2026-03-25',
        unitName: '河南省固始县人民检察院',
        replyDate: '2026-04-02',
        note: '请核实申请人在户籍地的家庭成员、劳动能力、收入情况及是否享受低保等社会救助。',
      },
    ],
    compensationReceivedFen: 0,
    socialAssistanceReceivedFen: 0,
    exclusionChecks: (['X1', 'X2', 'X3', 'X4', 'X5', 'X6'] as const).map((code) => ({ code, hit: false })),
    duplicateCheckDone: true,
  },
  jcg,
  '2026-04-02',
)
/** Review still open: the delegated investigation is out (for the 委托调查函). */
export const inReview = reviewed
export const opinion = step(
  reviewed,
  {
    type: 'propose',
    decision: 'grant',
    amount: amount30k,
    categoryItemCode: '2021-7-1',
    text: '申请人之子李小明受犯罪侵害致重伤、七级伤残，加害人无赔偿能力，家庭生活面临急迫困难，建议给予救助金3万元。',
  },
  jcg,
  '2026-04-03',
)
const firstRound = step(opinion, { type: 'submit-opinion' }, jcg, '2026-04-03')
const returned = step(
  step(firstRound, { type: 'approve-step', decision: 'agree', opinion: '同意承办人意见。' }, bzr, '2026-04-03'),
  { type: 'approve-step', decision: 'return', opinion: '请补充核实申请人是否已获社会救助。' },
  jcz,
  '2026-04-06',
)
const reproposed = step(
  returned,
  {
    type: 'propose',
    decision: 'grant',
    amount: amount30k,
    categoryItemCode: '2021-7-1',
    text: '经补充核实，申请人未获低保等社会救助。申请人之子受犯罪侵害致重伤、七级伤残，加害人无赔偿能力，建议给予救助金3万元。',
  },
  jcg,
  '2026-04-07',
)
export const approval = step(reproposed, { type: 'submit-opinion' }, jcg, '2026-04-07')
const headAgreed = step(
  approval,
  { type: 'approve-step', decision: 'agree', opinion: '经审核，同意给予救助金3万元。' },
  bzr,
  '2026-04-07',
)
export const approved = step(
  headAgreed,
  { type: 'approve-step', decision: 'agree', opinion: '同意。' },
  jcz,
  '2026-04-08',
)
export const granted = step(
  approved,
  { type: 'decide-grant', documentNo: '朝检控救决〔2026〕12号', serviceDate: '2026-04-08', serviceMethod: 'in-person' },
  jcg,
  '2026-04-08',
)
const awaitingFunds = step(granted, { type: 'request-funds', requestDate: '2026-04-09' }, jcb, '2026-04-09')
const fundsIn = step(
  awaitingFunds,
  {
    type: 'funds-received',
    receivedDate: '2026-04-14',
    splits: [
      { source: 'county', amountFen: 2_000_000 },
      { source: 'city', amountFen: 1_000_000 },
    ],
  },
  jcb,
  '2026-04-14',
)
export const awaitingCollection = step(
  fundsIn,
  { type: 'notify-collection', date: '2026-04-15', method: 'written' },
  jcg,
  '2026-04-15',
)
export const paid = step(
  awaitingCollection,
  {
    type: 'pay',
    method: 'transfer',
    payeeName: '张秀兰',
    payeePersonId: applicant.id,
    account: applicant.bankAccount,
    custody: {
      custodian: '北京市朝阳区某某街道社会工作服务站（负责人：周某）',
      note: '每季度向申请人及本院书面报告一次支出情况。',
    },
    paidDate: '2026-04-16',
    receiptRef: '朝检控救领〔2026〕12号',
  },
  jcb,
  '2026-04-16',
)

// The refusal path after review and approval.
const refuseOpinion = step(
  reviewed,
  {
    type: 'propose',
    decision: 'refuse',
    refusalReasons: ['X5', 'compensated'],
    text: '申请人家庭生活困难系长期患病所致，与本案无关；且已通过附带民事诉讼获得赔偿。',
  },
  jcg,
  '2026-04-03',
)
const refuseApproved = step(
  step(
    step(refuseOpinion, { type: 'submit-opinion' }, jcg, '2026-04-03'),
    { type: 'approve-step', decision: 'agree', opinion: '同意不予救助。' },
    bzr,
    '2026-04-06',
  ),
  { type: 'approve-step', decision: 'agree', opinion: '同意。' },
  jcz,
  '2026-04-07',
)
export const refused = step(
  refuseApproved,
  {
    type: 'decide-refuse',
    documentNo: '朝检控救不〔2026〕3号',
    serviceDate: '2026-04-08',
    serviceMethod: 'post',
    explanation: { method: 'in-person', date: '2026-04-08', note: '当面向申请人解释说明' },
  },
  jcg,
  '2026-04-08',
)

// Clearly out of scope: refused at once without review.
export const outOfScope = step(
  applied,
  {
    type: 'refuse-out-of-scope',
    date: '2026-03-05',
    reasons: ['out-of-jurisdiction'],
    documentNo: '朝检控救不〔2026〕1号',
    explanation: { method: 'phone', date: '2026-03-05' },
  },
  jcz,
  '2026-03-05',
)

// 先行救助: approved at once by the chief; the decision's number comes with the paperwork. The case has no
// 救助情形 before the advance: the advance names it (and the basis of its amount).
const { categoryItemCode: _none, ...appliedUncategorised } = applied
const advanceRequested = step(
  appliedUncategorised,
  {
    type: 'start-advance',
    date: '2026-03-05',
    reason: '被害人伤情危重，急需手术，家庭无力支付医疗费用。',
    proposedFen: 1_000_000,
    categoryItemCode: '2021-7-1',
    factorsText: '手术押金缺口一万元，家庭无其他收入来源。',
  },
  jcg,
  '2026-03-05',
)
export const advanceGranted = step(
  advanceRequested,
  { type: 'approve-advance', decision: 'agree', opinion: '情况紧急，同意先行救助1万元。' },
  jcz,
  '2026-03-05',
)
export const advancePaperworkDone = step(
  advanceGranted,
  { type: 'complete-advance-paperwork', date: '2026-03-12', documentNo: '朝检控救决〔2026〕5号' },
  jcg,
  '2026-03-12',
)
// The usual order: the advance is paid at once, the paperwork follows.
const advanceFunded = step(
  step(
    advanceGranted,
    { type: 'funds-received', receivedDate: '2026-03-06', splits: [{ source: 'county', amountFen: 1_000_000 }] },
    jcb,
    '2026-03-06',
  ),
  { type: 'notify-collection', date: '2026-03-06', method: 'oral' },
  jcg,
  '2026-03-06',
)
export const advancePaid = step(
  advanceFunded,
  {
    type: 'pay',
    method: 'transfer',
    payeeName: '张秀兰',
    account: { bank: '中国农业银行北京朝阳支行', accountName: '张秀兰', accountNo: '6228480012345678' },
    paidDate: '2026-03-06',
  },
  jcb,
  '2026-03-06',
)
export const advancePaidPaperworkDone = step(
  advancePaid,
  { type: 'complete-advance-paperwork', date: '2026-03-13', documentNo: '朝检控救决〔2026〕6号' },
  jcg,
  '2026-03-13',
)

export const contact = { name: '李承办', phone: '010-65551234', address: '北京市朝阳区某某路1号' }

/** The document context for a case at some step (clue, persons, staff and contact included). */
export function ctxFor(record: Case | undefined, over: Partial<DocumentContext> = {}): DocumentContext {
  return {
    office,
    ...(record ? { case: record } : {}),
    clue,
    persons,
    users,
    contact,
    today: '2026-04-20',
    ...over,
  }
}

export const allFixtures: Record<string, Case> = {
  clueCase,
  informed,
  applied,
  needsSupplement,
  accepted,
  reviewed,
  opinion,
  approval,
  approved,
  granted,
  awaitingCollection,
  paid,
  refused,
  outOfScope,
  advanceGranted,
  advancePaperworkDone,
  advancePaid,
  advancePaidPaperworkDone,
}
