import { formatYuan } from '../../domain/money'
import { builtInRuleSets, type RuleSet } from '../../domain/rulesets'
import { type FundSource, fundSourceLabels, type PaymentMethod, paymentMethodLabels } from '../../domain/schemas'
import type { Period } from '../period'
import { forEachRecord, InputTally, type RecordSource, type Stamped } from '../source'
import type { CellValue, RowStyle, TableModelParsed } from '../tableModel'
import { ScopeIndex } from '../units'
import { buildProvenance, type ReportRunOptions, signaturesFor, smallEmergencyFootnote } from './common'

/*
 * 年度救助资金发放明细表 (issue 8 §2): every payment of the period (normally a year), for oversight and audit —
 * one row per paid case, grouped by paying office in directory order with a 小计 per office and the 合计.
 */

export const PAYMENTS_REPORT_ID = 'payments'
export const PAYMENTS_DEFINITION_VERSION = 1

export interface PaymentCase extends Stamped {
  smallEmergencyHelp: boolean
  caseNo?: string
  categoryItemCode?: string
  decisionDate?: string
  decision?: { outcome: 'granted' | 'refused'; grantedFen?: number; documentNo?: string; advance?: boolean }
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
  idNumber: string
}

export interface PaymentsInput {
  cases: RecordSource<PaymentCase>
  /** For the payee's ID number (by `payment.payeePersonId`). */
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
  category: string
  decisionDate: string
  documentNo: string
  paidDate: string
  method: PaymentMethod
  amountFen: number
  funding: string
  advance: boolean
  recoveredFen: number
  note: string
}

export interface PaymentsReport {
  table: TableModelParsed
  items: PaymentItem[]
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
  '资金来源（元）',
  '先行救助',
  '已追回（元）',
  '备注',
] as const

/** Reads cases (payments in the period), then persons (payees' ID numbers); lays out the detail. */
export async function buildPaymentsReport(input: PaymentsInput, options: PaymentsOptions): Promise<PaymentsReport> {
  const { period } = options
  const from = period.from
  const to = period.to
  const scope = new ScopeIndex(options.scope)
  const tally = new InputTally()
  const excluded = { smallEmergencyCases: 0, voided: 0, outOfScope: 0 }
  const small = { cases: 0, fen: 0 }
  const labels = new Map<string, string>()
  for (const rs of options.ruleSets ?? builtInRuleSets) for (const c of rs.categories) labels.set(c.code, c.label)
  const items: PaymentItem[] = []
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
        if (isSmall) {
          small.cases++
          small.fen += amountFen
        } else {
          let recoveredFen = 0
          for (const r of c.recoveries) {
            h.d(r.recoveredDate)
            recoveredFen += h.n(r.recoveredFen) ?? 0
          }
          const splits = c.funding?.splits ?? []
          let funding = ''
          for (const s of splits) {
            const part = `${fundSourceLabels[h.s(s.source)] ?? s.source} ${formatYuan(h.n(s.amountFen))}`
            funding = funding ? `${funding}；${part}` : part
          }
          let note = ''
          const delegated = h.s(p.delegatedUnit)
          if (delegated) note = `委托 ${scope.fullNameOf(delegated)} 发放`
          const custodian = h.s(p.custody?.custodian)
          if (custodian) note = note ? `${note}；代管：${custodian}` : `代管：${custodian}`
          const receipt = h.s(p.receiptRef)
          if (receipt) note = note ? `${note}；凭证 ${receipt}` : `凭证 ${receipt}`
          const payeePersonId = h.s(p.payeePersonId)
          if (payeePersonId) wanted.add(payeePersonId)
          const code = h.s(c.categoryItemCode)
          items.push({
            office: c.ownerUnit,
            caseId: c.id,
            caseNo: h.s(c.caseNo) ?? '',
            payeeName: h.s(p.payeeName),
            payeePersonId,
            category: code === undefined ? '' : (labels.get(code) ?? code),
            decisionDate: h.d(c.decisionDate) ?? '',
            documentNo: h.s(c.decision?.documentNo) ?? '',
            paidDate: paid,
            method: h.s(p.method),
            amountFen,
            funding,
            advance: h.b01(c.decision?.advance) === true,
            recoveredFen,
            note,
          })
        }
      }
    }
    tally.end('cases', c.ownerUnit, c.rev)
  })

  const idNumbers = new Map<string, string>()
  await forEachRecord(input.persons, (p) => {
    const h = tally.begin(p)
    if (wanted.has(p.id)) idNumbers.set(p.id, h.s(p.idNumber))
    tally.end('persons', p.ownerUnit, p.rev)
  })

  // Group by paying office (directory order, then code), each office's payments by date, case number and id.
  const byOffice = new Map<string, PaymentItem[]>()
  for (const it of items) {
    const list = byOffice.get(it.office)
    if (list) list.push(it)
    else byOffice.set(it.office, [it])
  }
  const order = new Map<string, number>()
  for (const r of scope.rollupRows(new Set(byOffice.keys())))
    if (r.unitCode !== undefined && !order.has(r.unitCode)) order.set(r.unitCode, order.size)
  const offices = [...byOffice.keys()].sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || cmp(a, b))

  const rows: CellValue[][] = []
  const rowStyles: Record<string, RowStyle> = {}
  const sorted: PaymentItem[] = []
  let seq = 0
  let totalFen = 0
  let totalRecovered = 0
  for (const office of offices) {
    const list = byOffice.get(office)!
    list.sort((a, b) => cmp(a.paidDate, b.paidDate) || cmp(a.caseNo, b.caseNo) || cmp(a.caseId, b.caseId))
    const name = scope.nameOf(office)
    let fen = 0
    let recovered = 0
    for (const it of list) {
      sorted.push(it)
      seq++
      fen += it.amountFen
      recovered += it.recoveredFen
      const idNumber = it.payeePersonId ? idNumbers.get(it.payeePersonId) : undefined
      rows.push([
        seq,
        name,
        it.caseNo,
        it.payeeName,
        idNumber ?? '',
        it.category,
        it.decisionDate,
        it.documentNo,
        it.paidDate,
        paymentMethodLabels[it.method] ?? it.method,
        it.amountFen,
        it.funding,
        it.advance ? '是' : '',
        it.recoveredFen,
        it.note,
      ])
    }
    if (offices.length > 1) {
      rowStyles[String(rows.length)] = 'subtotal'
      rows.push([null, `${name}小计（${list.length} 笔）`, ...blank(8), fen, null, null, recovered, null])
    }
    totalFen += fen
    totalRecovered += recovered
  }
  rowStyles[String(rows.length)] = 'total'
  rows.push([null, `合计（${items.length} 笔）`, ...blank(8), totalFen, null, null, totalRecovered, null])

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
  const footnotes = [
    smallEmergencyFootnote(small.cases, small.fen, '发放金额'),
    '注：按发放日期归入统计期间，每笔发放一行；资金来源列出各级财政和社会捐助分担的金额；“已追回”为该案件截至生成时已追回的金额。',
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
        { label: '资金来源（元）', rowSpan: 2, colSpan: 1 },
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
      ],
    ],
    columns: [
      { key: 'seq', kind: 'integer', width: 7 },
      { key: 'office', kind: 'text', width: 22 },
      { key: 'caseNo', kind: 'text', width: 24 },
      { key: 'payee', kind: 'text', width: 10 },
      { key: 'idNumber', kind: 'text', width: 21 },
      { key: 'category', kind: 'text', width: 22 },
      { key: 'decisionDate', kind: 'date', width: 11 },
      { key: 'documentNo', kind: 'text', width: 24 },
      { key: 'paidDate', kind: 'date', width: 11 },
      { key: 'method', kind: 'text', width: 16 },
      { key: 'amount', kind: 'fen', width: 14 },
      { key: 'funding', kind: 'text', width: 30 },
      { key: 'advance', kind: 'text', width: 9 },
      { key: 'recovered', kind: 'fen', width: 12 },
      { key: 'note', kind: 'text', width: 30 },
    ],
    rows,
    rowStyles,
    footnotes,
    signatureLine: true,
    signatures: signaturesFor(options),
    provenance: provenance.lines,
    provenanceTable: provenance.table,
    provenanceInfo: provenance.info,
    frozenColumns: 3,
  }
  return { table, items: sorted }
}

function blank(n: number): null[] {
  return new Array<null>(n).fill(null)
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
