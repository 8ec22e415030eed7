import { formatYuanWithUnit } from '../../domain/money'
import { builtInRuleSets, type RuleSet } from '../../domain/rulesets'
import { type FundSource, fundSources, type PaymentMethod, paymentMethodLabels } from '../../domain/schemas'
import type { Period } from '../period'
import { forEachRecord, InputTally, type RecordSource, type Stamped } from '../source'
import type { CellValue, RowStyle, TableModelParsed } from '../tableModel'
import { ScopeIndex } from '../units'
import { buildProvenance, formFurniture, type ReportRunOptions, signaturesFor } from './common'

/*
 * 年度救助资金发放明细表 (issue 8 §2): every payment of the period (normally a year), for oversight and audit —
 * one row per paid case, grouped by paying office in directory order with a 小计 per office and the 合计, one money
 * column per fund source so the shares add up; then, apart and outside the 合计, the 小额应急性帮扶 payments and the
 * 发放总计, which equals the funds ledger's 救助金发放 of the period (docs/reports.md §4).
 */

export const PAYMENTS_REPORT_ID = 'payments'
/** 2: payee ID numbers from the case's persons, a column per fund source, full office names, the 小额 section. */
export const PAYMENTS_DEFINITION_VERSION = 2

export interface PaymentCase extends Stamped {
  smallEmergencyHelp: boolean
  caseNo?: string
  categoryItemCode?: string
  decisionDate?: string
  decision?: { outcome: 'granted' | 'refused'; grantedFen?: number; documentNo?: string; advance?: boolean }
  /** The case's applicant and victim: the payee's ID number is theirs when the payee is one of them by name. */
  applicantId?: string
  victimId?: string
  payment?: {
    paidDate: string
    amountFen: number
    method: PaymentMethod
    payeeName: string
    payeePersonId?: string
    delegatedUnit?: string
    custody?: { custodian: string }
    receiptRef?: string
  }
  funding?: { splits: readonly { source: FundSource; amountFen: number }[] }
  recoveries: readonly { recoveredFen?: number; recoveredDate?: string }[]
}

export interface PaymentPerson extends Stamped {
  name: string
  idNumber: string
}

export interface PaymentsInput {
  cases: RecordSource<PaymentCase>
  /** For the payee's ID number (`payment.payeePersonId`, else the case's applicant or victim of the payee's name). */
  persons?: RecordSource<PaymentPerson>
}

export interface PaymentsOptions extends ReportRunOptions {
  period: Period
  ruleSets?: readonly RuleSet[]
}

/** One payment as collected (before layout). */
export interface PaymentItem {
  office: string
  caseId: string
  caseNo: string
  payeeName: string
  payeePersonId?: string
  applicantId?: string
  victimId?: string
  /** The payee's ID number, filled in after the persons are read ('' when the payee is no person of the case). */
  payeeIdNumber: string
  category: string
  decisionDate: string
  documentNo: string
  paidDate: string
  method: PaymentMethod
  amountFen: number
  /** Share of each fund source (分), in `fundSources` order; all 0 when the case records no funding split. */
  shares: number[]
  advance: boolean
  recoveredFen: number
  note: string
  /** 小额应急性帮扶: listed apart, outside the 合计 and the statistics. */
  small: boolean
}

export interface PaymentsReport {
  table: TableModelParsed
  /** The statistics' payments (the 合计), in print order. */
  items: PaymentItem[]
  /** The 小额应急性帮扶 payments of the period, in print order (outside the 合计). */
  smallItems: PaymentItem[]
}

/** Short labels of the fund-source columns (资金来源（元） spans them). */
export const FUND_COLUMN_LABELS: Record<FundSource, string> = {
  central: '中央',
  province: '省级',
  city: '市级',
  county: '县级',
  donation: '社会捐助',
}

export const PAYMENT_COLUMNS = [
  '序号',
  '发放单位',
  '救助案件编号',
  '领款人姓名',
  '证件号码',
  '救助情形',
  '决定日期',
  '决定书文号',
  '发放日期',
  '发放方式',
  '发放金额（元）',
  ...fundSources.map((s) => `${FUND_COLUMN_LABELS[s]}（元）`),
  '先行救助',
  '已追回（元）',
  '备注',
] as const

/** Column index of 发放金额 and of the first fund-source column. */
export const PAYMENT_AMOUNT_COLUMN = 10
export const PAYMENT_FIRST_FUND_COLUMN = 11
const W = PAYMENT_COLUMNS.length
const RECOVERED_COLUMN = PAYMENT_FIRST_FUND_COLUMN + fundSources.length + 1
const SOURCE_INDEX = new Map<string, number>(fundSources.map((s, i) => [s, i]))

/** Reads cases (payments in the period), then persons (payees' ID numbers); lays out the detail. */
export async function buildPaymentsReport(input: PaymentsInput, options: PaymentsOptions): Promise<PaymentsReport> {
  const { period } = options
  const from = period.from
  const to = period.to
  const scope = new ScopeIndex(options.scope)
  const tally = new InputTally()
  const excluded = { smallEmergencyCases: 0, voided: 0, outOfScope: 0 }
  const labels = new Map<string, string>()
  for (const rs of options.ruleSets ?? builtInRuleSets) for (const c of rs.categories) labels.set(c.code, c.label)
  const items: PaymentItem[] = []
  const smallItems: PaymentItem[] = []
  const wanted = new Set<string>()

  await forEachRecord(input.cases, (c) => {
    const h = tally.begin(c)
    if (c.voided) excluded.voided++
    else if (!scope.inScope(c.ownerUnit)) excluded.outOfScope++
    else {
      const paid = h.d(c.payment?.paidDate)
      const isSmall = h.b01(c.smallEmergencyHelp)
      if (isSmall) excluded.smallEmergencyCases++
      if (paid !== undefined && paid >= from && paid <= to) {
        const p = c.payment!
        const amountFen = h.n(p.amountFen)
        let recoveredFen = 0
        for (const r of c.recoveries) {
          h.d(r.recoveredDate)
          recoveredFen += h.n(r.recoveredFen) ?? 0
        }
        const shares = new Array<number>(fundSources.length).fill(0)
        for (const s of c.funding?.splits ?? []) {
          const i = SOURCE_INDEX.get(h.s(s.source))
          const fen = h.n(s.amountFen)
          if (i !== undefined) shares[i] += fen
        }
        let note = ''
        const delegated = h.s(p.delegatedUnit)
        if (delegated) note = `委托 ${scope.fullNameOf(delegated)} 发放`
        const custodian = h.s(p.custody?.custodian)
        if (custodian) note = note ? `${note}；代管：${custodian}` : `代管：${custodian}`
        const receipt = h.s(p.receiptRef)
        if (receipt) note = note ? `${note}；凭证 ${receipt}` : `凭证 ${receipt}`
        const payeePersonId = h.s(p.payeePersonId)
        const applicantId = h.s(c.applicantId)
        const victimId = h.s(c.victimId)
        if (payeePersonId) wanted.add(payeePersonId)
        else {
          if (applicantId) wanted.add(applicantId)
          if (victimId) wanted.add(victimId)
        }
        const code = h.s(c.categoryItemCode)
        const item: PaymentItem = {
          office: c.ownerUnit,
          caseId: c.id,
          caseNo: h.s(c.caseNo) ?? '',
          payeeName: h.s(p.payeeName),
          ...(payeePersonId ? { payeePersonId } : {}),
          ...(applicantId ? { applicantId } : {}),
          ...(victimId ? { victimId } : {}),
          payeeIdNumber: '',
          category: code === undefined ? '' : (labels.get(code) ?? code),
          decisionDate: h.d(c.decisionDate) ?? '',
          documentNo: h.s(c.decision?.documentNo) ?? '',
          paidDate: paid,
          method: h.s(p.method),
          amountFen,
          shares,
          advance: h.b01(c.decision?.advance) === true,
          recoveredFen,
          note,
          small: isSmall,
        }
        if (isSmall) smallItems.push(item)
        else items.push(item)
      }
    }
    tally.end('cases', c.ownerUnit, c.rev)
  })

  const people = new Map<string, { name: string; idNumber: string }>()
  await forEachRecord(input.persons, (p) => {
    const h = tally.begin(p)
    // a person record voided after the payment still names the person who was paid
    if (wanted.has(p.id)) people.set(p.id, { name: h.s(p.name), idNumber: h.s(p.idNumber) })
    tally.end('persons', p.ownerUnit, p.rev)
  })
  // The payee's ID number: the person record the payment names; else the case's applicant, or its victim, whose name
  // is the payee's (the payment form records the payee by name). A payee who is neither (a custodian, an agent) has
  // no person record on the case, and the cell stays blank.
  let noId = 0
  for (const it of [...items, ...smallItems]) {
    const byName = (id: string | undefined) => {
      const person = id ? people.get(id) : undefined
      return person && person.name === it.payeeName ? person.idNumber : undefined
    }
    it.payeeIdNumber =
      (it.payeePersonId ? people.get(it.payeePersonId)?.idNumber : (byName(it.applicantId) ?? byName(it.victimId))) ??
      ''
    if (it.payeeIdNumber === '') noId++
  }

  // Group by paying office (directory order, then code), each office's payments by date, case number and id.
  const order = new Map<string, number>()
  const offices = new Set([...items, ...smallItems].map((it) => it.office))
  for (const r of scope.rollupRows(offices))
    if (r.unitCode !== undefined && !order.has(r.unitCode)) order.set(r.unitCode, order.size)
  const byPrintOrder = (a: PaymentItem, b: PaymentItem) =>
    (order.get(a.office) ?? 1e9) - (order.get(b.office) ?? 1e9) ||
    cmp(a.office, b.office) ||
    cmp(a.paidDate, b.paidDate) ||
    cmp(a.caseNo, b.caseNo) ||
    cmp(a.caseId, b.caseId)
  items.sort(byPrintOrder)
  smallItems.sort(byPrintOrder)

  const rows: CellValue[][] = []
  const rowStyles: Record<string, RowStyle> = {}
  const itemRow = (seq: number, it: PaymentItem): CellValue[] => [
    seq,
    scope.fullNameOf(it.office),
    it.caseNo,
    it.payeeName,
    it.payeeIdNumber,
    it.category,
    it.decisionDate,
    it.documentNo,
    it.paidDate,
    paymentMethodLabels[it.method] ?? it.method,
    it.amountFen,
    ...it.shares.map((fen) => (fen === 0 ? null : fen)),
    it.advance ? '是' : '',
    it.recoveredFen,
    it.note,
  ]
  const sumRow = (label: string, list: readonly PaymentItem[], style: RowStyle) => {
    const row: CellValue[] = new Array<CellValue>(W).fill(null)
    row[1] = label
    row[PAYMENT_AMOUNT_COLUMN] = list.reduce((s, it) => s + it.amountFen, 0)
    fundSources.forEach((_, i) => {
      row[PAYMENT_FIRST_FUND_COLUMN + i] = list.reduce((s, it) => s + it.shares[i], 0)
    })
    row[RECOVERED_COLUMN] = list.reduce((s, it) => s + it.recoveredFen, 0)
    rowStyles[String(rows.length)] = style
    rows.push(row)
  }

  const several = new Set(items.map((it) => it.office)).size > 1
  for (let i = 0; i < items.length; ) {
    const office = items[i].office
    let j = i
    while (j < items.length && items[j].office === office) {
      rows.push(itemRow(j + 1, items[j]))
      j++
    }
    if (several) sumRow(`${scope.fullNameOf(office)}小计（${j - i} 笔）`, items.slice(i, j), 'subtotal')
    i = j
  }
  sumRow(`合计（${items.length} 笔）`, items, 'total')
  const smallFen = smallItems.reduce((s, it) => s + it.amountFen, 0)
  if (smallItems.length > 0) {
    rowStyles[String(rows.length)] = 'section'
    rows.push([
      '附：小额应急性帮扶发放（不属于国家司法救助，不计入上列合计和统计表，列出以便与资金台账核对）',
      ...new Array<null>(W - 1).fill(null),
    ])
    smallItems.forEach((it, i) => {
      rows.push(itemRow(i + 1, it))
    })
    sumRow(`小额应急性帮扶小计（${smallItems.length} 笔）`, smallItems, 'subtotal')
    sumRow(`发放总计（${items.length + smallItems.length} 笔）`, [...items, ...smallItems], 'total')
  }

  const provenance = buildProvenance({
    reportId: PAYMENTS_REPORT_ID,
    title: '年度救助资金发放明细表',
    definitionVersion: PAYMENTS_DEFINITION_VERSION,
    parameters: { 统计期间: `${from}..${to}`, 填报单位代码: scope.root.code },
    tally,
    scope,
    excluded,
    run: options,
  })
  const unfunded = [...items, ...smallItems].filter((it) => it.shares.every((x) => x === 0)).length
  const footnotes = [
    smallItems.length > 0
      ? `注：小额应急性帮扶不属于国家司法救助，不计入“合计”和统计表；本期间共 ${smallItems.length} 笔（发放金额 ${formatYuanWithUnit(smallFen)}）另列于表末，与“合计”相加为“发放总计”，等于资金台账中本期的救助金发放。`
      : '注：小额应急性帮扶不属于国家司法救助，不计入本表统计；本期间无此类发放。“合计”等于资金台账中本期的救助金发放。',
    '注：按发放日期归入统计期间，每笔发放一行；各资金来源列为中央、省级、市级、县级财政资金和社会捐助分担的金额，一行之和等于发放金额；“已追回”为该案件截至生成时已追回的金额。',
    '注：领款人证件号码取自案件的人员记录（发放记录指定的领款人，否则为与领款人同名的申请人或被害人），为计财部门核对发放所用，全文列出，请按涉及个人信息的文件保管。',
    ...(noId > 0
      ? [`注：有 ${noId} 笔的领款人不是案件所列的当事人（如代管人、委托代理人），证件号码空白，以领取凭证为准。`]
      : []),
    ...(unfunded > 0 ? [`注：有 ${unfunded} 笔未登记资金来源（资金分担），各资金来源列为空。`] : []),
  ]
  const table: TableModelParsed = {
    title: period.spec.kind === 'year' ? `${period.spec.year}年度救助资金发放明细表` : '救助资金发放明细表',
    unitName: scope.root.name,
    periodLabel: period.label,
    sheetName: '发放明细',
    unitsNote: '计量单位：元',
    headerRows: [
      [
        { label: '序号', rowSpan: 2, colSpan: 1 },
        { label: '发放单位', rowSpan: 2, colSpan: 1 },
        { label: '救助案件编号', rowSpan: 2, colSpan: 1 },
        { label: '领款人', colSpan: 2, rowSpan: 1 },
        { label: '救助情形', rowSpan: 2, colSpan: 1 },
        { label: '救助决定', colSpan: 2, rowSpan: 1 },
        { label: '发放情况', colSpan: 3, rowSpan: 1 },
        { label: '资金来源（元）', colSpan: fundSources.length, rowSpan: 1 },
        { label: '先行救助', rowSpan: 2, colSpan: 1 },
        { label: '已追回（元）', rowSpan: 2, colSpan: 1 },
        { label: '备注', rowSpan: 2, colSpan: 1 },
      ],
      [
        { label: '姓名', rowSpan: 1, colSpan: 1 },
        { label: '证件号码', rowSpan: 1, colSpan: 1 },
        { label: '日期', rowSpan: 1, colSpan: 1 },
        { label: '文号', rowSpan: 1, colSpan: 1 },
        { label: '日期', rowSpan: 1, colSpan: 1 },
        { label: '方式', rowSpan: 1, colSpan: 1 },
        { label: '金额（元）', rowSpan: 1, colSpan: 1 },
        ...fundSources.map((s) => ({ label: FUND_COLUMN_LABELS[s], rowSpan: 1, colSpan: 1 })),
      ],
    ],
    columns: [
      // widths for A4 landscape at 9 pt (electron/services/excel/printLayout.ts): 序号 … 发放金额 fill the first
      // page column exactly, the 资金来源 group with 序号/发放单位/案件编号 repeated the second; long text wraps
      { key: 'seq', kind: 'integer', width: 6 },
      { key: 'office', kind: 'text', width: 12 },
      { key: 'caseNo', kind: 'text', width: 13 },
      { key: 'payee', kind: 'text', width: 8 },
      { key: 'idNumber', kind: 'text', width: 19 },
      { key: 'category', kind: 'text', width: 11 },
      { key: 'decisionDate', kind: 'date', width: 11 },
      { key: 'documentNo', kind: 'text', width: 12 },
      { key: 'paidDate', kind: 'date', width: 11 },
      { key: 'method', kind: 'text', width: 8 },
      { key: 'amount', kind: 'fen', width: 13 },
      ...fundSources.map((s) => ({ key: `fund-${s}`, kind: 'fen' as const, width: 12 })),
      { key: 'advance', kind: 'text', width: 6 },
      { key: 'recovered', kind: 'fen', width: 12 },
      { key: 'note', kind: 'text', width: 14 },
    ],
    rows,
    rowStyles,
    footnotes,
    signatureLine: true,
    signatures: signaturesFor(options),
    ...formFurniture(options, 'payments'),
    provenance: provenance.lines,
    provenanceTable: provenance.table,
    provenanceInfo: provenance.info,
    frozenColumns: 3,
  }
  return { table, items, smallItems }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
