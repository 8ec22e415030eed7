import { type DepartmentNames, departmentName } from '../domain/departments'
import { builtInRuleSets } from '../domain/rulesets'
import type { Case, Clue, Donation, FollowUp, LedgerEntry } from '../domain/schemas'
import {
  caseSourceLabels,
  caseStateLabels,
  clueSourceLabels,
  clueStatusLabels,
  decisionOutcomeLabels,
  donorKindLabels,
  externalBodyLabels,
  followUpMethodLabels,
  fundSourceLabels,
  informMethodLabels,
  ledgerKindLabels,
  oversightBodyLabels,
  partyResponseLabels,
  paymentMethodLabels,
  priorityGroupLabels,
  recoveryTriggerLabels,
  refusalReasonLabels,
  relationLabels,
} from '../domain/schemas/labels'
import type { CellValue } from '../report/tableModel'
import { donationStateLabels, recoveryStateLabels } from './definitions'
import type { RegisterRow } from './types'

/**
 * How each register's rows are derived from records (pure). The query layer loads the records by index and hands
 * them here with a context of the related records it looked up (parties, offices, cases, users); nothing here
 * reads storage.
 */

export interface PartyInfo {
  name: string
  idNumber: string
  priorityFlags: readonly string[]
}

export interface RegisterContext {
  persons?: ReadonlyMap<string, PartyInfo>
  /** Unit code → display name (short name preferred). */
  units?: ReadonlyMap<string, string>
  /** Cases referred to by clues, ledger entries, donations and follow-ups. */
  cases?: ReadonlyMap<string, Case>
  users?: ReadonlyMap<string, string>
  /** Donation id → 分 disbursed from it so far (net of reversals). */
  donationUse?: ReadonlyMap<string, number>
  /** Donation id → donor name (ledger register). */
  donors?: ReadonlyMap<string, string>
  /** The office's own names of the 移送部门 rows (系统设置 → 移送部门名称). */
  departmentNames?: DepartmentNames
}

const label = (table: Readonly<Record<string, string>>, code: string | undefined): string =>
  code === undefined ? '' : (table[code] ?? code)

let categoryLabelMap: Map<string, string> | undefined
/** 救助情形 item code → its label in the built-in rule sets (e.g. '2021-serious-injury' → '…重伤…'). */
export function categoryLabel(code: string | undefined): string {
  if (!code) return ''
  if (!categoryLabelMap) {
    categoryLabelMap = new Map()
    for (const set of builtInRuleSets) for (const c of set.categories) categoryLabelMap.set(c.code, c.label)
  }
  return categoryLabelMap.get(code) ?? code
}

/** All 救助情形 items of the built-in rule sets, for the category filter. */
export function categoryOptions(): { code: string; label: string }[] {
  categoryLabel('x')
  return [...(categoryLabelMap ?? new Map<string, string>())].map(([code, l]) => ({ code, label: l }))
}

function unitName(ctx: RegisterContext, code: string): string {
  return ctx.units?.get(code) ?? code
}

function haystack(parts: readonly (string | undefined)[]): string {
  return parts
    .filter((p): p is string => !!p)
    .join('\u0001')
    .toUpperCase()
}

/** The parties of a case as register cells, their priority groups and search text. */
function caseParties(c: Case, ctx: RegisterContext) {
  const applicant = c.applicantId ? ctx.persons?.get(c.applicantId) : undefined
  const victim = c.victimId ? ctx.persons?.get(c.victimId) : undefined
  const groups = [...new Set([...(applicant?.priorityFlags ?? []), ...(victim?.priorityFlags ?? [])])]
  return {
    applicant,
    victim,
    groups,
    search: haystack([
      c.caseNo,
      applicant?.name,
      applicant?.idNumber,
      victim?.name,
      victim?.idNumber,
      ...c.personIdNumbers,
      c.underlyingCase?.caseNo,
      c.decision?.documentNo,
    ]),
  }
}

function caseHead(c: Case, ctx: RegisterContext) {
  const p = caseParties(c, ctx)
  return {
    parties: p,
    cells: {
      caseNo: c.caseNo ?? '',
      unit: unitName(ctx, c.ownerUnit),
      applicant: p.applicant?.name ?? '',
      applicantIdNo: p.applicant?.idNumber ?? '',
    } satisfies Record<string, CellValue>,
  }
}

function baseCaseRow(c: Case, ctx: RegisterContext, key: string, date: string, state: string) {
  const head = caseHead(c, ctx)
  return {
    key,
    caseId: c.id,
    ownerUnit: c.ownerUnit,
    date,
    state,
    ...(c.categoryItemCode ? { category: c.categoryItemCode } : {}),
    ...(c.originDepartment ? { origin: c.originDepartment } : {}),
    groups: head.parties.groups,
    search: head.parties.search,
    head,
  }
}

function groupsLabel(groups: readonly string[]): string {
  return groups.map((g) => label(priorityGroupLabels, g)).join('、')
}

/** 已发放金额 of a case: the payment's amount (one payment per case). */
export function paidFen(c: Case): number {
  return c.payment?.amountFen ?? 0
}

// ——— 线索移送台账 ———

export function clueRow(clue: Clue, ctx: RegisterContext): RegisterRow {
  const party = clue.partyPersonId ? ctx.persons?.get(clue.partyPersonId) : undefined
  const converted = clue.convertedCaseId ? ctx.cases?.get(clue.convertedCaseId) : undefined
  const referrer =
    clue.source === 'case-department'
      ? departmentName(clue.originDepartment, ctx.departmentNames)
      : clue.externalBodyName || label(externalBodyLabels, clue.externalBody) || label(clueSourceLabels, clue.source)
  return {
    key: clue.id,
    ...(clue.convertedCaseId ? { caseId: clue.convertedCaseId } : {}),
    ownerUnit: clue.ownerUnit,
    date: clue.referredOn,
    state: clue.status,
    ...(clue.originDepartment ? { origin: clue.originDepartment } : {}),
    groups: party?.priorityFlags ?? [],
    search: haystack([clue.partyName, party?.idNumber, clue.underlyingCaseNo, converted?.caseNo]),
    cells: {
      date: clue.referredOn,
      unit: unitName(ctx, clue.ownerUnit),
      party: clue.partyName,
      source: label(clueSourceLabels, clue.source),
      referrer,
      underlyingCaseNo: clue.underlyingCaseNo ?? '',
      informMethod: label(informMethodLabels, clue.informing?.method),
      informDate: clue.informing?.date ?? null,
      response: label(partyResponseLabels, clue.informing?.response),
      state: label(clueStatusLabels, clue.status),
      caseNo: converted?.caseNo ?? '',
      closedReason: clue.closedReason ?? '',
      livingConditions: clue.livingConditions ?? '',
    },
  }
}

// ——— 受理台账 ———

/** A case's row in 受理台账, or undefined when it was not applied for (no application date). */
export function applicationRow(c: Case, ctx: RegisterContext): RegisterRow | undefined {
  if (!c.applicationDate) return undefined
  const { head, ...row } = baseCaseRow(c, ctx, c.id, c.applicationDate, c.state)
  return {
    ...row,
    cells: {
      date: c.applicationDate,
      ...head.cells,
      victim: head.parties.victim?.name ?? '',
      relation: label(relationLabels, c.relation),
      source: label(caseSourceLabels, c.source),
      origin: departmentName(c.originDepartment, ctx.departmentNames),
      underlyingCaseNo: c.underlyingCase?.caseNo ?? '',
      charge: c.underlyingCase?.charge ?? '',
      acceptanceDate: c.acceptanceDate ?? null,
      category: categoryLabel(c.categoryItemCode),
      groups: groupsLabel(row.groups),
      state: label(caseStateLabels, c.state),
      grantedFen: c.decision?.grantedFen ?? 0,
      paidFen: paidFen(c),
      smallEmergency: c.smallEmergencyHelp ? '是' : '否',
    },
  }
}

// ——— 救助决定台账 ———

export function decisionRow(c: Case, ctx: RegisterContext): RegisterRow | undefined {
  if (!c.decision || !c.decisionDate) return undefined
  const d = c.decision
  const { head, ...row } = baseCaseRow(c, ctx, c.id, c.decisionDate, d.outcome)
  return {
    ...row,
    cells: {
      date: c.decisionDate,
      ...head.cells,
      outcome: label(decisionOutcomeLabels, d.outcome),
      documentNo: d.documentNo ?? '',
      grantedFen: d.grantedFen ?? 0,
      refusalReasons: (d.refusalReasons ?? []).map((r) => label(refusalReasonLabels, r)).join('；'),
      serviceDate: d.serviceDate ?? null,
      category: categoryLabel(c.categoryItemCode),
      origin: departmentName(c.originDepartment, ctx.departmentNames),
      groups: groupsLabel(row.groups),
      caseState: label(caseStateLabels, c.state),
    },
  }
}

// ——— 发放台账 ———

export function paymentRow(c: Case, ctx: RegisterContext): RegisterRow | undefined {
  const p = c.payment
  if (!p) return undefined
  const bySource: Record<string, number> = { central: 0, province: 0, city: 0, county: 0, donation: 0 }
  for (const s of c.funding?.splits ?? []) bySource[s.source] = (bySource[s.source] ?? 0) + s.amountFen
  const { head, ...row } = baseCaseRow(c, ctx, c.id, p.paidDate, c.state)
  return {
    ...row,
    sources: paymentSources(c),
    cells: {
      date: p.paidDate,
      ...head.cells,
      payee: p.payeeName,
      method: label(paymentMethodLabels, p.method),
      amountFen: p.amountFen,
      central: bySource.central,
      province: bySource.province,
      city: bySource.city,
      county: bySource.county,
      donation: bySource.donation,
      receivedDate: c.funding?.receivedDate ?? null,
      receiptRef: p.receiptRef ?? '',
      delegatedUnit: p.delegatedUnit ? unitName(ctx, p.delegatedUnit) : '',
      custody: p.custody?.custodian ?? '',
      category: categoryLabel(c.categoryItemCode),
      state: label(caseStateLabels, c.state),
    },
  }
}

/** The fund sources that paid a case (for the source filter on 发放台账: any of its shares). */
export function paymentSources(c: Case): string[] {
  return [...new Set((c.funding?.splits ?? []).map((s) => s.source))]
}

// ——— 资金台账 ———

/** +1 when the entry brings money in, −1 when it takes money out; reversals take the opposite of their target. */
export function ledgerDirection(kind: LedgerEntry['kind']): 1 | -1 | 0 {
  return kind === 'disbursement' ? -1 : kind === 'reversal' ? 0 : 1
}

/**
 * A ledger entry's row. A reversal is printed on the side opposite to the entry it reverses (收入 for a reversed
 * disbursement, 支出 for a reversed receipt); `target` is that entry when known. A reversal of an unknown entry is
 * printed as 支出 (the reconciliation panel lists it as breaking the balance).
 */
export function ledgerRow(e: LedgerEntry, ctx: RegisterContext, target?: LedgerEntry): RegisterRow {
  const c = e.caseId ? ctx.cases?.get(e.caseId) : undefined
  const dir = e.kind === 'reversal' ? (target ? -ledgerDirection(target.kind) : -1) : ledgerDirection(e.kind)
  const parties = c ? caseParties(c, ctx) : undefined
  const donor = e.donationId ? ctx.donors?.get(e.donationId) : undefined
  return {
    key: e.id,
    ...(e.caseId ? { caseId: e.caseId } : {}),
    ownerUnit: e.ownerUnit,
    date: e.date,
    state: e.kind,
    sources: [e.fundSource],
    ...(c?.categoryItemCode ? { category: c.categoryItemCode } : {}),
    ...(c?.originDepartment ? { origin: c.originDepartment } : {}),
    groups: parties?.groups ?? [],
    search: haystack([parties?.search, e.counterparty, donor, e.id, e.reversesId]),
    cells: {
      date: e.date,
      unit: unitName(ctx, e.ownerUnit),
      kind: label(ledgerKindLabels, e.kind),
      source: label(fundSourceLabels, e.fundSource),
      inFen: dir > 0 ? e.amountFen : 0,
      outFen: dir < 0 ? e.amountFen : 0,
      counterparty: e.counterparty,
      caseNo: c?.caseNo ?? '',
      donor: donor ?? '',
      reverses: e.reversesId ?? '',
      note: e.note ?? '',
      entryId: e.id,
    },
  }
}

// ——— 捐助台账 ———

export function donationRow(d: Donation, ctx: RegisterContext): RegisterRow {
  const used = ctx.donationUse?.get(d.id) ?? 0
  const recipients = d.recipientCaseIds.map((id) => ctx.cases?.get(id))
  const names = recipients.map((c, i) => {
    const applicant = c?.applicantId ? ctx.persons?.get(c.applicantId) : undefined
    return applicant?.name ?? c?.caseNo ?? d.recipientCaseIds[i]
  })
  const state = d.donorNotifiedOn ? 'notified' : 'pending'
  return {
    key: d.id,
    ownerUnit: d.ownerUnit,
    date: d.receivedOn,
    state,
    groups: [],
    search: haystack([d.donor.name, ...names, ...recipients.map((c) => c?.caseNo)]),
    cells: {
      date: d.receivedOn,
      unit: unitName(ctx, d.ownerUnit),
      donor: d.donor.name,
      donorKind: label(donorKindLabels, d.donor.kind),
      amountFen: d.amountFen,
      restrictions: d.restrictions ?? '',
      recipients: names.join('、'),
      usedFen: used,
      remainingFen: d.amountFen - used,
      notifiedOn: d.donorNotifiedOn ?? null,
      state: label(donationStateLabels, state),
    },
  }
}

// ——— 追回台账 ———

export function recoveryRows(c: Case, ctx: RegisterContext): RegisterRow[] {
  return c.recoveries.map((r, i) => {
    const state = r.closedDate ? 'closed' : 'open'
    const { head, ...row } = baseCaseRow(c, ctx, `${c.id}#${i}`, r.startedDate, state)
    return {
      ...row,
      cells: {
        date: r.startedDate,
        ...head.cells,
        trigger: label(recoveryTriggerLabels, r.trigger),
        amountFen: r.amountFen,
        recoveredFen: r.recoveredFen ?? 0,
        recoveredDate: r.recoveredDate ?? null,
        referral: label(oversightBodyLabels, r.referral?.body),
        closedDate: r.closedDate ?? null,
        state: label(recoveryStateLabels, state),
      },
    }
  })
}

// ——— 回访台账 ———

export function followUpRow(f: FollowUp, ctx: RegisterContext): RegisterRow {
  const c = ctx.cases?.get(f.caseId)
  const parties = c ? caseParties(c, ctx) : undefined
  return {
    key: f.id,
    caseId: f.caseId,
    ownerUnit: f.ownerUnit,
    date: f.date,
    state: f.method,
    ...(c?.categoryItemCode ? { category: c.categoryItemCode } : {}),
    ...(c?.originDepartment ? { origin: c.originDepartment } : {}),
    groups: parties?.groups ?? [],
    search: haystack([parties?.search]),
    cells: {
      date: f.date,
      caseNo: c?.caseNo ?? '',
      unit: unitName(ctx, f.ownerUnit),
      applicant: parties?.applicant?.name ?? '',
      applicantIdNo: parties?.applicant?.idNumber ?? '',
      method: label(followUpMethodLabels, f.method),
      by: ctx.users?.get(f.byUserId) ?? '',
      findings: f.findings,
      furtherNeeds: f.furtherNeeds ?? '',
    },
  }
}
