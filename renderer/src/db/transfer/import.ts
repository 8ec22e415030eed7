import { normalisePersonId } from '@shared/domain/eligibility'
import { appError, fail, type Result } from '@shared/errors'
import { CodedError } from '@shared/errors/coded'
import { fingerprint as fingerprintOf } from '@shared/exchange/fingerprint'
import { transferIdNumbers, transferRecordSchema } from '@shared/exchange/transfer'
import { z } from 'zod'
import type { Actor } from '../commands/context'
import { type CommandSpec, type ExecuteOptions, execute } from '../commands/execute'
import type { JiuzhuDb, StoredRecord, UnitRow } from '../database'
import { storageErrorFrom } from '../errors'
import { openingKeys, type PeerRow, signerRevocation } from '../exchange'
import { heldTransfer, type OpenedTransfer, type TransferApi } from './reads'

/**
 * 导入移送材料 (docs/exchange.md §四): a package from another procuratorate opened in the main process and stored as a
 * read-only record of prior assistance that the one-time rule then sees for the same person.
 */

function fromApi<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  return run().catch((e) => fail(storageErrorFrom(e)))
}

/**
 * Opens a picked package in the main process: signature, sender against this office's directory (an unknown sender
 * is accepted as unverified, with its fingerprint), receiver, every file's hash, the record and its content. A
 * package this office produced itself is refused.
 */
export function openTransfer(
  db: JiuzhuDb,
  api: TransferApi,
  own: UnitRow,
  bytes: string,
  passphrase?: string,
): Promise<Result<OpenedTransfer>> {
  return fromApi(async () => {
    const peers = (await db.exchange.where('key').startsWith('peer:').toArray()) as unknown as PeerRow[]
    const res = await api.transferOpen({
      bytes,
      ...(await openingKeys(db)),
      ...(passphrase ? { passphrase } : {}),
      expectedReceiverUnit: own.code,
      trusted: peers.map((p) => p.record),
    })
    if (!res.ok) return res
    const s = res.value.manifest.sender
    if (s.unitCode === own.code) return fail(appError('transfer.own-package'))
    // 吊销密钥: a package signed with a key revoked here or in the parent's directory is refused, not "unverified".
    const revoked = await signerRevocation(db, s.unitCode, s.keyId)
    if (revoked) return fail(appError(revoked.code, revoked.params))
    return res
  })
}

const importInput = z
  .object({
    bundleId: z.string(),
    bundleHash: z.string().regex(/^[0-9a-f]{64}$/),
    senderTrusted: z.boolean(),
    senderFingerprint: z.string().max(40),
    senderSigningKey: z.string().max(100),
    senderEncryptionKey: z.string().max(100),
    record: transferRecordSchema,
  })
  .strict()
export type ImportTransferInput = z.infer<typeof importInput>

export function importInputOf(opened: OpenedTransfer): ImportTransferInput {
  return {
    bundleId: opened.manifest.bundleId,
    bundleHash: opened.bundleHash,
    senderTrusted: opened.senderTrusted,
    senderFingerprint: opened.senderFingerprint,
    senderSigningKey: opened.manifest.sender.signingKey,
    senderEncryptionKey: opened.manifest.sender.encryptionKey,
    record: opened.record,
  }
}

export type ImportTransferOutcome =
  | { status: 'imported'; row: StoredRecord }
  | { status: 'already-imported'; row: StoredRecord }

/**
 * 导入移送材料（既往救助）: the package's facts stored as a read-only record of prior assistance (audited, in one
 * transaction). The same package imported again changes nothing. The record says whether the sender's key was
 * verified against this office's directory and keeps the fingerprint for a later phone check.
 */
export const importPriorAssistance: CommandSpec<ImportTransferInput, ImportTransferOutcome> = {
  name: 'transfer.import',
  input: importInput,
  tables: ['priorAssistance'],
  async run(ctx, input) {
    const r = input.record
    if (r.sender.unitCode === ctx.actor.unitCode) throw new CodedError('transfer.own-package')
    // The fingerprint shown must be the one of the keys that signed.
    const fp = fingerprintOf({ signingKey: input.senderSigningKey, encryptionKey: input.senderEncryptionKey })
    if (fp !== input.senderFingerprint) throw new CodedError('transfer.plan-changed')
    const held = await heldTransfer(ctx.read, ctx.actor.unitCode, { bundleHash: input.bundleHash, record: r })
    if (held) return { status: 'already-imported', row: held }
    const row = await ctx.insert('priorAssistance', {
      transferId: r.transferId,
      bundleId: input.bundleId,
      bundleHash: input.bundleHash,
      sender: {
        unitCode: r.sender.unitCode,
        unitName: r.sender.unitName,
        fingerprint: input.senderFingerprint,
        trusted: input.senderTrusted,
      },
      personIdNumbers: transferIdNumbers(r).map(normalisePersonId),
      applicant: r.applicant,
      ...(r.victim ? { victim: r.victim } : {}),
      senderCaseId: r.caseId,
      caseNo: r.caseNo,
      ...(r.underlyingCase.caseNo ? { underlyingCaseNo: r.underlyingCase.caseNo } : {}),
      outcome: r.decision.outcome,
      decisionDate: r.decision.date,
      ...(r.decision.documentNo ? { documentNo: r.decision.documentNo } : {}),
      ...(r.decision.grantedFen !== undefined ? { grantedFen: r.decision.grantedFen } : {}),
      ...(r.payment ? { paidFen: r.payment.amountFen, paidDate: r.payment.paidDate } : {}),
      receiver: r.receiver,
      packageCreatedAt: r.createdAt,
      files: r.files.map(({ role, name, size, sha256 }) => ({ role, name, size, sha256 })),
    })
    return { status: 'imported', row }
  },
}

export function confirmTransferImport(
  db: JiuzhuDb,
  actor: Actor,
  opened: OpenedTransfer,
  options?: ExecuteOptions,
): Promise<Result<ImportTransferOutcome>> {
  return execute(db, importPriorAssistance, actor, importInputOf(opened), options)
}
