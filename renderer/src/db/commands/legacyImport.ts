import { type Case, caseSchema } from '@shared/domain/schemas'
import { CodedError } from '@shared/errors/coded'
import { describeZodError } from '@shared/errors/zodProblems'
import {
  LEGACY_IMPORT_KEY,
  LEGACY_MAPPING_KEY,
  type LegacyCommitInput,
  type LegacyImportRecord,
  legacyCommitInputSchema,
  legacyWithdrawInputSchema,
} from '@shared/legacyImport/commitInput'
import { allLegacyFields } from '@shared/legacyImport/kinds'
import { historicalCaseRecords, type PersonDraft } from '@shared/legacyImport/records'
import { grantKey } from '@shared/legacyImport/rows'
import { z } from 'zod'
import type { StoredRecord } from '../database'
import { heldGrantsFor, listLegacyImports } from '../queries/legacyImport'
import type { CommandSpec } from './execute'
import { withdrawFollowUps } from './legacyFollowUps'
import { recordImport, refuseReimport } from './legacyImportRecord'
import { withdrawPayments } from './legacyPayments'

/**
 * 历史台账导入 in the record store (docs/legacy-import.md): the checked rows of one register file written as
 * historical cases in ONE command — one transaction, the cases and persons through the bulk path (one summarising
 * audit entry each) and the import record naming the file and its SHA-256 — and the withdrawal of an import as a
 * whole while nothing depends on it.
 */
export const commitLegacyImport: CommandSpec<LegacyCommitInput, LegacyImportRecord> = {
  name: 'legacy.import',
  input: legacyCommitInputSchema,
  tables: ['cases', 'persons', 'settings'],
  async run(ctx, input) {
    await refuseReimport(ctx, input.fileSha256)
    // what the preview called new must still be new: another window may have imported meanwhile
    const ids = input.rows.flatMap((r) => [r.applicant.idNumber, ...(r.victim ? [r.victim.idNumber] : [])])
    const held = await heldGrantsFor(ctx.read, ids)
    const keys = new Set<string>()
    for (const r of input.rows) {
      const key = grantKey(r.applicant.idNumber, r.underlyingCaseNo)
      if (held.has(key) || keys.has(key)) throw new CodedError('legacy.plan-changed')
      keys.add(key)
    }
    const heldPersons = new Map<string, string>()
    for (const p of (await ctx.read.persons
      .where('idNumber')
      .anyOf([...new Set(ids)])
      .toArray()) as StoredRecord[]) {
      if (p.ownerUnit === ctx.actor.unitCode && !p.voided && p.idType === 'resident-id') {
        heldPersons.set(String(p.idNumber), p.id)
      }
    }
    const importId = ctx.newId()
    const origin = { importId, fileName: input.fileName, fileSha256: input.fileSha256, sheet: input.sheet }
    const cases: Record<string, unknown>[] = []
    const persons: PersonDraft[] = []
    for (const facts of input.rows) {
      const built = historicalCaseRecords(
        facts,
        origin,
        { caseId: ctx.newId(), newPersonId: () => ctx.newId() },
        heldPersons,
        ctx.actor.userId,
      )
      for (const p of built.persons) heldPersons.set(p.idNumber, p.id)
      persons.push(...built.persons)
      cases.push(built.caseRecord)
    }
    const personCount = await ctx.bulkInsert('persons', persons as unknown as Record<string, unknown>[])
    const caseCount = await ctx.bulkInsert('cases', cases)
    // the records as stored are held to the case schema, as every replica of them will be
    const stored = (await ctx.read.cases.bulkGet(cases.map((c) => c.id as string))) as StoredRecord[]
    for (const row of stored) {
      const checked = caseSchema.safeParse(row)
      if (!checked.success) {
        throw new CodedError('command.invalid-input', { detail: describeZodError(checked.error, 3) })
      }
    }
    return recordImport(ctx, importId, input, {
      caseCount,
      personCount,
      caseIds: cases.map((c) => c.id as string),
    })
  },
}

/**
 * 撤销导入: every case of the import voided with the reason, audited — refused once anything depends on them: a
 * case changed since (a correction), or another case's approved exception to the one-time rule naming one of them.
 */
export const withdrawLegacyImport: CommandSpec<z.infer<typeof legacyWithdrawInputSchema>, LegacyImportRecord> = {
  name: 'legacy.withdraw',
  input: legacyWithdrawInputSchema,
  tables: ['cases', 'followUps', 'settings'],
  async run(ctx, { importId, reason }) {
    const key = `${LEGACY_IMPORT_KEY}${importId}`
    const record = (await ctx.read.settings.get(key))?.value as LegacyImportRecord | undefined
    if (!record) throw new CodedError('legacy.not-found')
    if (record.withdrawn) throw new CodedError('legacy.already-withdrawn', { at: record.withdrawn.at })
    const next: LegacyImportRecord = { ...record, withdrawn: { at: ctx.now.instant, by: ctx.actor.userId, reason } }
    if (record.kind === 'payments' || record.kind === 'followUps') {
      const problems =
        record.kind === 'payments' ? await withdrawPayments(ctx, record) : await withdrawFollowUps(ctx, record, reason)
      if (problems.length > 0) throw new CodedError('legacy.has-dependents', { detail: problems.join('；') })
      await ctx.put('settings', key, { key, value: next })
      return next
    }
    const ids = new Set(record.caseIds)
    // the payments and visits imported onto these cases: a standing import depends on them; a withdrawn payment
    // import changed them and back
    const onThem = (await listLegacyImports(ctx.read)).filter(
      (r) => r.kind !== undefined && r.kind !== 'cases' && r.caseIds.some((id) => ids.has(id)),
    )
    const payments = onThem.filter((r) => r.kind === 'payments')
    const standing = onThem.filter((r) => !r.withdrawn)
    const ownChanges = new Set([record.at, ...payments.flatMap((r) => [r.at, r.withdrawn?.at ?? r.at])])
    const own = (await ctx.read.cases.bulkGet(record.caseIds)) as (Case | undefined)[]
    const changed = own.filter((c) => c && !ownChanges.has(c.updatedAt)).length
    const referring = (
      await ctx.read.cases.filter((c) => !ids.has(c.id) && !!(c as unknown as Case).repeatGrant).toArray()
    )
      .map((c) => c as unknown as Case)
      .filter((c) => c.repeatGrant?.priorCaseIds.some((id) => ids.has(id)))
    if (changed > 0 || referring.length > 0 || standing.length > 0) {
      const detail = [
        changed > 0 ? `${changed} 件已被更正或作废` : '',
        standing.length > 0
          ? `发放台账“${standing.map((r) => r.fileName).join('、')}”的导入登记了其中案件的发放，请先撤销该导入`
          : '',
        referring.length > 0
          ? `${referring.map((c) => c.caseNo ?? c.id).join('、')} 的再次救助决定引用了其中的案件`
          : '',
      ]
        .filter(Boolean)
        .join('；')
      throw new CodedError('legacy.has-dependents', { detail })
    }
    for (const id of record.caseIds)
      await ctx.voidRecord('cases', id, `撤销历史台账导入（${record.fileName}）：${reason}`)
    await ctx.put('settings', key, { key, value: next })
    return next
  },
}

const mappingInput = z
  .object({
    registerType: z.string().trim().min(1).max(40),
    mapping: z.partialRecord(z.enum(allLegacyFields as [string, ...string[]]), z.string().max(200)),
  })
  .strict()

/** 保存列对应关系: the mapping (by header text) saved for a register type, offered again for next year's file. */
export const saveLegacyMapping: CommandSpec<z.infer<typeof mappingInput>, void> = {
  name: 'legacy.saveMapping',
  input: mappingInput,
  tables: ['settings'],
  async run(ctx, { registerType, mapping }) {
    const key = `${LEGACY_MAPPING_KEY}${registerType}`
    await ctx.put('settings', key, { key, value: mapping })
  },
}

/** The refusal of a workflow action on a historical case (cases.ts `loadCase`). */
export function legacyReadOnly(row: Case): CodedError {
  const mark = row.legacyImport
  return new CodedError('legacy.read-only', {
    caseNo: row.caseNo ?? mark?.caseNoInFile ?? `（${mark?.fileName} 第 ${mark?.row} 行）`,
    file: mark?.fileName ?? '',
  })
}
