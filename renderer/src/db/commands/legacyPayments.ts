import { formatYuanWithUnit } from '@shared/domain/money'
import { type Case, caseSchema, type Payment } from '@shared/domain/schemas'
import { CodedError } from '@shared/errors/coded'
import { describeZodError } from '@shared/errors/zodProblems'
import {
  type LegacyImportRecord,
  type LegacyPaymentInput,
  legacyPaymentInputSchema,
} from '@shared/legacyImport/commitInput'
import type { LegacyPaymentFacts } from '@shared/legacyImport/payments'
import { caseLabelOf } from '@shared/legacyImport/records'
import type { CommandContext } from './context'
import type { CommandSpec } from './execute'
import { recordImport, refuseReimport } from './legacyImportRecord'

/**
 * 导入发放台账 (docs/legacy-import.md §2a): the payment rows of one register file written onto the historical cases
 * they name, in ONE command. The money rule is enforced here, in the transaction, whatever the preview showed: the
 * rows of a case together may not exceed its decided amount (nor fall short of it: a case keeps one payment record,
 * equal to the grant), the case must be a historical import of this office, granted, not voided and not yet paid.
 * Each case's new record is checked against the case schema before it is written.
 */
export const commitLegacyPayments: CommandSpec<LegacyPaymentInput, LegacyImportRecord> = {
  name: 'legacy.importPayments',
  input: legacyPaymentInputSchema,
  tables: ['cases', 'persons', 'settings'],
  async run(ctx, input) {
    await refuseReimport(ctx, input.fileSha256)
    const byCase = new Map<string, LegacyPaymentFacts[]>()
    for (const p of input.payments) byCase.set(p.caseId, [...(byCase.get(p.caseId) ?? []), p])
    const importId = ctx.newId()
    const built: Case[] = []
    for (const [caseId, rows] of byCase) built.push(await paidCase(ctx, caseId, rows, { ...input, importId }))
    for (const next of built) await ctx.update<Case>('cases', next.id, () => next)
    return recordImport(ctx, importId, input, {
      kind: 'payments',
      caseCount: built.length,
      personCount: 0,
      paymentRows: input.payments.length,
      caseIds: built.map((c) => c.id),
    })
  },
}

/** The case with its payment from the register's rows, or the coded refusal of the whole import. */
async function paidCase(
  ctx: CommandContext,
  caseId: string,
  rows: LegacyPaymentFacts[],
  file: { importId: string; fileName: string; fileSha256: string },
): Promise<Case> {
  const row = rows[0].row
  const refuse = (reason: string) => new CodedError('legacy.payment-case', { row, reason })
  const c = (await ctx.read.cases.get(caseId)) as Case | undefined
  if (!c || c.ownerUnit !== ctx.actor.unitCode) throw refuse('不是本院的案件')
  const label = caseLabelOf(c)
  if (c.voided) throw refuse(`案件 ${label} 已作废`)
  if (!c.legacyImport) throw refuse(`案件 ${label} 不是历史导入的案件`)
  if (c.decision?.outcome !== 'granted' || c.decision.grantedFen === undefined)
    throw refuse(`案件 ${label} 没有救助决定`)
  if (c.payment) throw refuse(`案件 ${label} 已有发放记录`)
  const granted = c.decision.grantedFen
  const sum = rows.reduce((s, r) => s + r.amountFen, 0)
  const amounts = {
    caseNo: label,
    rows: rows.map((r) => r.row).join('、'),
    sum: formatYuanWithUnit(sum),
    granted: formatYuanWithUnit(granted),
  }
  if (sum > granted) throw new CodedError('legacy.payment-over-decided', amounts)
  if (sum < granted) throw new CodedError('legacy.row.under-decided', amounts)
  const dates = rows.map((r) => r.paidDate).sort()
  const last = rows.find((r) => r.paidDate === dates.at(-1)) as LegacyPaymentFacts
  const applicant = c.applicantId ? await ctx.read.persons.get(c.applicantId) : undefined
  const applicantName = applicant ? String(applicant.name) : undefined
  const payeeName = last.payeeName ?? applicantName ?? '（台账未载明）'
  const payment: Payment = {
    method: last.method,
    amountFen: sum,
    payeeName,
    ...(c.applicantId && payeeName === applicantName ? { payeePersonId: c.applicantId } : {}),
    ...(last.account ? { account: { ...last.account, accountName: payeeName } } : {}),
    paidDate: dates.at(-1) as string,
    paidBy: ctx.actor.userId,
    receiptRef: (rows.length > 1
      ? `历史台账导入（分 ${rows.length} 次发放：${dates.join('、')}）`
      : '历史台账导入'
    ).slice(0, 100),
  }
  const next: Case = {
    ...c,
    state: 'paid',
    payment,
    legacyImport: {
      ...c.legacyImport,
      payment: {
        importId: file.importId,
        fileName: file.fileName,
        fileSha256: file.fileSha256,
        rows: rows.map((r) => r.row),
      },
    },
  }
  const checked = caseSchema.safeParse(next)
  if (!checked.success) throw refuse(describeZodError(checked.error, 3))
  return next
}

/** 撤销发放台账导入: each case back to 已决定救助 without the payment, while nothing has changed it since. */
export async function withdrawPayments(ctx: CommandContext, record: LegacyImportRecord): Promise<string[]> {
  const cases = (await ctx.read.cases.bulkGet(record.caseIds)) as (Case | undefined)[]
  const changed = cases.filter(
    (c) => !c || c.updatedAt !== record.at || c.legacyImport?.payment?.importId !== record.id,
  )
  if (changed.length > 0) return [`${changed.length} 件已被更正或作废`]
  for (const c of cases as Case[]) {
    await ctx.update<Case>('cases', c.id, (cur) => {
      const { payment: _p, ...rest } = cur
      const { payment: _m, ...mark } = cur.legacyImport as NonNullable<Case['legacyImport']>
      return { ...rest, state: 'granted', legacyImport: mark } as Case
    })
  }
  return []
}
