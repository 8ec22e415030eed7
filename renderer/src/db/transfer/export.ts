import { produceDocument } from '@shared/documents/templates'
import { toChineseUppercase } from '@shared/domain/money'
import {
  type Case,
  type Clue,
  type Person,
  paymentMethodLabels,
  refusalReasonLabels,
  relationLabels,
} from '@shared/domain/schemas'
import { appError, fail, ok, type Result } from '@shared/errors'
import { CodedError } from '@shared/errors/coded'
import { describeZodError } from '@shared/errors/zodProblems'
import {
  type TransferFacts,
  type TransferReceiver,
  transferFactsProblems,
  transferReceiverSchema,
  transferRowShape,
} from '@shared/exchange/transfer'
import { encodeBase64 } from '@shared/util/base64'
import { chinaDateOf } from '@shared/util/clock'
import { z } from 'zod'
import { caseRules } from '../commands/caseRules'
import type { Actor } from '../commands/context'
import { type CommandSpec, type ExecuteOptions, execute } from '../commands/execute'
import type { JiuzhuDb, StoredRecord, UnitRow } from '../database'
import { storageErrorFrom } from '../errors'
import { auditHead, getOfficeKey } from '../exchange'
import { getCaseFile } from '../queries/cases'
import { enrolledReceiver, mayTransfer, TRANSFER_COUNTER, type TransferApi, type TransferPacked } from './reads'

/**
 * 生成移送材料包 (docs/exchange.md §四): facts, decision document and scans read from the store → `transfer:pack` in
 * the main process → the package recorded with the case.
 */

export const recordTransferInput = z.strictObject(transferRowShape)

/** 生成移送材料包 (after the main process wrote it): the package recorded with the case, audited. */
export const recordTransfer: CommandSpec<z.infer<typeof recordTransferInput>, StoredRecord> = {
  name: 'transfer.export',
  input: recordTransferInput,
  tables: ['cases', 'transfers'],
  async run(ctx, input) {
    const c = await ctx.get<StoredRecord>('cases', input.caseId)
    if (!c) throw new CodedError('command.not-found', { table: 'cases', id: input.caseId })
    if (c.ownerUnit !== ctx.actor.unitCode) throw new CodedError('transfer.not-owned', { owner: c.ownerUnit })
    await ctx.raiseCounter(TRANSFER_COUNTER, input.channelSeq)
    return ctx.insert('transfers', { ...input })
  },
}

/** The facts a package states, from the case file; a Chinese refusal when the case cannot be transferred. */
export function transferFactsOf(
  own: Pick<UnitRow, 'code' | 'name'>,
  record: Case,
  applicant: Person | undefined,
  victim: Person | undefined,
  receiver: TransferReceiver,
): TransferFacts {
  if (record.ownerUnit !== own.code) throw new CodedError('transfer.not-owned', { owner: record.ownerUnit })
  const d = record.decision
  if (!mayTransfer(record) || !d || !record.decisionDate) {
    throw new CodedError('transfer.no-decision', { caseNo: record.caseNo, state: record.state })
  }
  if (!applicant) throw new CodedError('transfer.missing-party')
  const party = (p: Person) => ({ name: p.name, idType: p.idType, idNumber: p.idNumber })
  const granted = d.outcome === 'granted' && d.grantedFen !== undefined
  const facts: TransferFacts = {
    sender: { unitCode: own.code, unitName: own.name },
    receiver,
    caseId: record.id,
    caseNo: record.caseNo ?? record.id,
    underlyingCase: {
      ...(record.underlyingCase?.caseNo ? { caseNo: record.underlyingCase.caseNo } : {}),
      ...(record.underlyingCase?.charge ? { charge: record.underlyingCase.charge } : {}),
    },
    applicant: party(applicant),
    ...(victim && victim.id !== applicant.id ? { victim: party(victim) } : {}),
    ...(record.relation ? { relation: relationLabels[record.relation] } : {}),
    ...(record.applicationDate ? { applicationDate: record.applicationDate } : {}),
    decision: {
      outcome: d.outcome,
      date: record.decisionDate,
      ...(d.documentNo ? { documentNo: d.documentNo } : {}),
      ...(granted ? { grantedFen: d.grantedFen, grantedInWords: toChineseUppercase(d.grantedFen as number) } : {}),
      ...(d.outcome === 'refused'
        ? { refusalReasons: (d.refusalReasons ?? []).map((r) => refusalReasonLabels[r]) }
        : {}),
    },
    ...(record.payment
      ? {
          payment: {
            amountFen: record.payment.amountFen,
            amountInWords: toChineseUppercase(record.payment.amountFen),
            paidDate: record.payment.paidDate,
            method: paymentMethodLabels[record.payment.method],
          },
        }
      : {}),
  }
  const problems = transferFactsProblems(facts)
  if (problems.length) throw new CodedError('transfer.receiver-invalid', { detail: problems.join('；') })
  return facts
}

export interface TransferRequest {
  caseId: string
  receiver: TransferReceiver
  passphrase: string
}

/**
 * 生成移送材料包: facts, decision document (the same template as 文书, the same rules in force) and scans read from
 * the store; packed, signed (and encrypted to an enrolled receiver) and written by the main process; then recorded
 * with the case. Nothing is recorded when the main process refuses.
 */
export async function exportTransfer(
  db: JiuzhuDb,
  actor: Actor,
  api: TransferApi,
  own: UnitRow,
  req: TransferRequest,
  options: ExecuteOptions = {},
): Promise<Result<TransferPacked & { row: StoredRecord }>> {
  let args: Parameters<TransferApi['transferPack']>[0]
  try {
    const receiver = transferReceiverSchema.safeParse(req.receiver)
    if (!receiver.success) {
      return fail(appError('transfer.receiver-invalid', { detail: describeZodError(receiver.error, 1) }))
    }
    const file = await getCaseFile(db, req.caseId)
    if (!file) return fail(appError('command.not-found', { table: 'cases', id: req.caseId }))
    const facts = transferFactsOf(own, file.record, file.applicant, file.victim, receiver.data)
    const key = await getOfficeKey(db)
    if (!key) return fail(appError('exchange.no-office-key'))
    if (!req.passphrase) return fail(appError('exchange.passphrase-required'))
    const today = chinaDateOf(Date.now())
    const rules = await caseRules(db, file.record, own.code, today)
    const [clue, users, units] = await Promise.all([
      file.record.clueId ? db.clues.get(file.record.clueId) : undefined,
      db.users.toArray(),
      db.units.toArray(),
    ])
    const doc = produceDocument(file.record.decision?.outcome === 'granted' ? 'grant-decision' : 'refusal-decision', {
      office: { code: own.code, name: own.name, shortName: own.shortName },
      case: file.record,
      clue: clue as Clue | undefined,
      persons: [file.applicant, file.victim].filter((p): p is Person => p !== undefined),
      users: users.map((u) => ({ id: u.id, displayName: u.displayName })),
      units: units.map((u) => ({ code: u.code, name: u.name })),
      ...(rules.rules ? { rules: rules.rules } : {}),
      contact: { name: actor.displayName },
      today,
    })
    if (!doc.ok) {
      return fail(appError('transfer.receiver-invalid', { detail: `决定书缺少${doc.missing.join('、')}，无法制作` }))
    }
    const attachments = (await db.attachments.where('caseId').equals(file.record.id).toArray()).filter((a) => !a.voided)
    attachments.sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    const scans = []
    for (const a of attachments) {
      const blob = await db.attachmentBlobs.get(a.id)
      if (!blob) return fail(appError('transfer.scan-changed', { name: String(a.name) }))
      scans.push({
        name: String(a.name),
        mime: String(a.mime),
        sha256: String(a.sha256),
        bytes: encodeBase64(new Uint8Array(await blob.blob.arrayBuffer())),
      })
    }
    const peer = await enrolledReceiver(db, facts.receiver.unitCode)
    args = {
      sealed: key.sealed,
      passphrase: req.passphrase,
      sender: { unitCode: own.code, unitName: own.name, level: own.level },
      receiverKeys: peer ? peer.record : null,
      channelSeq: ((await db.counters.get(TRANSFER_COUNTER))?.value ?? 0) + 1,
      auditHead: await auditHead(db),
      facts,
      decisionHtml: doc.html,
      scans,
    }
  } catch (e) {
    return fail(storageErrorFrom(e))
  }
  const packed = await api.transferPack(args)
  if (!packed.ok) return packed
  const v = packed.value
  const row = await execute(
    db,
    recordTransfer,
    actor,
    {
      caseId: req.caseId,
      transferId: v.transferId,
      bundleId: v.manifest.bundleId,
      bundleHash: v.bundleHash,
      fileName: v.fileName,
      path: v.path,
      readableDir: v.readableDir,
      receiver: args.facts.receiver,
      encrypted: v.manifest.cipher !== null,
      channelSeq: args.channelSeq,
      packageCreatedAt: v.manifest.createdAt,
      files: v.files,
    },
    options,
  )
  if (!row.ok) return row
  return ok({ ...v, row: row.value })
}
