import { CodedError } from '@shared/errors/coded'
import { LEGACY_IMPORT_KEY, type LegacyCommitInput, type LegacyImportRecord } from '@shared/legacyImport/commitInput'
import { listLegacyImports } from '../queries/legacyImport'
import type { CommandContext } from './context'

// The import record shared by the three import commands (cases, payments, follow-ups), in its own file so that
// legacyImport.ts (which withdraws all three kinds) and legacyPayments/legacyFollowUps import it without a cycle.

/** The import itself (file, hash, who, when, what it wrote), kept in settings and audited with the command. */
export async function recordImport(
  ctx: CommandContext,
  importId: string,
  file: Pick<LegacyCommitInput, 'fileName' | 'fileSha256' | 'sheet' | 'registerType' | 'rejectedCount'>,
  wrote: Pick<LegacyImportRecord, 'caseCount' | 'personCount' | 'caseIds' | 'kind' | 'paymentRows' | 'followUpIds'>,
): Promise<LegacyImportRecord> {
  const record: LegacyImportRecord = {
    id: importId,
    ...(wrote.kind ? { kind: wrote.kind } : {}),
    fileName: file.fileName,
    fileSha256: file.fileSha256,
    sheet: file.sheet,
    registerType: file.registerType,
    at: ctx.now.instant,
    by: ctx.actor.userId,
    ...(ctx.actor.displayName ? { byName: ctx.actor.displayName } : {}),
    caseCount: wrote.caseCount,
    personCount: wrote.personCount,
    ...(wrote.paymentRows !== undefined ? { paymentRows: wrote.paymentRows } : {}),
    ...(wrote.followUpIds ? { followUpIds: wrote.followUpIds } : {}),
    rejectedCount: file.rejectedCount,
    caseIds: wrote.caseIds,
  }
  const key = `${LEGACY_IMPORT_KEY}${importId}`
  await ctx.put('settings', key, { key, value: record })
  return record
}

/** The same file (by SHA-256) is not imported twice while its earlier import stands. */
export async function refuseReimport(ctx: CommandContext, fileSha256: string): Promise<void> {
  const earlier = (await listLegacyImports(ctx.read)).find((r) => r.fileSha256 === fileSha256 && !r.withdrawn)
  if (earlier) throw new CodedError('legacy.already-imported', { hash: fileSha256.slice(0, 16), at: earlier.at })
}
