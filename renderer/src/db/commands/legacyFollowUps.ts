import type { Case, FollowUp } from '@shared/domain/schemas'
import { CodedError } from '@shared/errors/coded'
import {
  type LegacyFollowUpInput,
  type LegacyImportRecord,
  legacyFollowUpInputSchema,
} from '@shared/legacyImport/commitInput'
import { followUpKey } from '@shared/legacyImport/followUps'
import { caseLabelOf } from '@shared/legacyImport/records'
import type { CommandContext } from './context'
import type { CommandSpec } from './execute'
import { recordImport, refuseReimport } from './legacyImportRecord'

/**
 * 导入回访台账 (docs/legacy-import.md §2b): the visits of one register file written as follow-up records (回访) of
 * the historical cases they name, in ONE command, each marked with the import. Checked again here whatever the
 * preview showed: the case is a historical import of this office, not voided, paid, the visit not before the
 * payment, and the same visit (case, date, method) not already held.
 */
export const commitLegacyFollowUps: CommandSpec<LegacyFollowUpInput, LegacyImportRecord> = {
  name: 'legacy.importFollowUps',
  input: legacyFollowUpInputSchema,
  tables: ['cases', 'followUps', 'settings'],
  async run(ctx, input) {
    await refuseReimport(ctx, input.fileSha256)
    const caseIds = [...new Set(input.followUps.map((f) => f.caseId))]
    const cases = new Map(
      ((await ctx.read.cases.bulkGet(caseIds)) as (Case | undefined)[]).flatMap((c) => (c ? [[c.id, c]] : [])),
    )
    const held = new Set(
      ((await ctx.read.followUps.where('caseId').anyOf(caseIds).toArray()) as unknown as FollowUp[])
        .filter((f) => !f.voided)
        .map(followUpKey),
    )
    const importId = ctx.newId()
    const records: Record<string, unknown>[] = []
    for (const f of input.followUps) {
      const refuse = (reason: string) => new CodedError('legacy.follow-up-case', { row: f.row, reason })
      const c = cases.get(f.caseId)
      if (!c || c.ownerUnit !== ctx.actor.unitCode) throw refuse('不是本院的案件')
      const label = caseLabelOf(c)
      if (c.voided) throw refuse(`案件 ${label} 已作废`)
      if (!c.legacyImport) throw refuse(`案件 ${label} 不是历史导入的案件`)
      if (!c.payment) throw refuse(`案件 ${label} 还没有发放记录`)
      if (f.date < c.payment.paidDate) throw refuse(`回访日期 ${f.date} 早于发放日期 ${c.payment.paidDate}`)
      const key = followUpKey(f)
      if (held.has(key)) throw refuse(`案件 ${label} 已有 ${f.date} 的同一方式回访`)
      held.add(key)
      records.push({
        id: ctx.newId(),
        caseId: f.caseId,
        date: f.date,
        method: f.method,
        byUserId: ctx.actor.userId,
        findings: f.findings,
        ...(f.furtherNeeds ? { furtherNeeds: f.furtherNeeds } : {}),
        legacyImport: { importId, fileName: input.fileName, fileSha256: input.fileSha256, row: f.row },
      })
    }
    await ctx.bulkInsert('followUps', records)
    return recordImport(ctx, importId, input, {
      kind: 'followUps',
      caseCount: caseIds.length,
      personCount: 0,
      caseIds,
      followUpIds: records.map((r) => r.id as string),
    })
  },
}

/** 撤销回访台账导入: its follow-up records voided with the reason, while none has changed since. */
export async function withdrawFollowUps(
  ctx: CommandContext,
  record: LegacyImportRecord,
  reason: string,
): Promise<string[]> {
  const ids = record.followUpIds ?? []
  const rows = (await ctx.read.followUps.bulkGet(ids)) as unknown as (FollowUp | undefined)[]
  const changed = rows.filter((f) => !f || f.updatedAt !== record.at).length
  if (changed > 0) return [`${changed} 条回访记录已被更正或作废`]
  for (const id of ids) await ctx.voidRecord('followUps', id, `撤销回访台账导入（${record.fileName}）：${reason}`)
  return []
}
