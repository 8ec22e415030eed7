import { produceDocument } from '@shared/documents/templates'
import { normalisePersonId, type PriorGrant, personIdKeys } from '@shared/domain/eligibility'
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
import { fingerprint as fingerprintOf } from '@shared/exchange/fingerprint'
import {
  type TransferFacts,
  type TransferReceiver,
  transferFactsProblems,
  transferIdNumbers,
  transferReceiverSchema,
  transferRecordSchema,
  transferRowShape,
} from '@shared/exchange/transfer'
import type { DesktopApi } from '@shared/ipc/api'
import type { ResultOf } from '@shared/ipc/contract'
import { encodeBase64 } from '@shared/util/base64'
import { chinaDateOf } from '@shared/util/clock'
import { z } from 'zod'
import type { JiuzhuDb, StoredRecord, UnitRow } from '../database'
import { storageErrorFrom } from '../errors'
import { auditHead, EX, getOfficeKey, openingKeys, type PeerRow, signerRevocation } from '../exchange'
import { getCaseFile } from '../queries/cases'
import type { ReadDb } from '../readOnly'
import { caseRules } from './caseRules'
import type { Actor } from './context'
import { type CommandSpec, type ExecuteOptions, execute } from './execute'

/**
 * 案件移送材料包 in the record store (docs/exchange.md §四): producing one from a decided case (facts, decision
 * document and scans from the store → `transfer:pack` in the main process → the package recorded with the case),
 * and importing one from another procuratorate as a read-only record of prior assistance that the one-time rule
 * (shared/domain/eligibility.ts `oneTimeCheck`) then sees for the same person.
 */
export type TransferApi = Pick<DesktopApi, 'transferPack' | 'transferOpen'>
export type OpenedTransfer = ResultOf<'transfer:open'>
export type TransferPacked = ResultOf<'transfer:pack'>

/** States in which a decision exists (granted, refused, and everything after a grant). */
const decided = new Set<Case['state']>([
  'granted',
  'refused',
  'awaiting-funds',
  'awaiting-collection',
  'paid',
  'follow-up',
  'archived',
  'recovery',
])

export function mayTransfer(c: Case): boolean {
  // A case withdrawn after its decision (and perhaps archived since) is not sent on as a decided case.
  return decided.has(c.state) && !!c.decision && !!c.decisionDate && !c.withdrawal && !c.voided
}

const TRANSFER_COUNTER = 'transferSeq'

// ---- producing -----------------------------------------------------------------------------------------------

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

/** The receiver, if it is an office enrolled here with a key (then the package is encrypted to it). */
export async function enrolledReceiver(db: JiuzhuDb, unitCode: string | undefined): Promise<PeerRow | undefined> {
  if (!unitCode) return undefined
  return (await db.exchange.get(EX.peer(unitCode))) as PeerRow | undefined
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

/** The packages produced from one case, newest first. */
export async function listCaseTransfers(db: JiuzhuDb, caseId: string): Promise<StoredRecord[]> {
  const rows = await db.transfers.where('caseId').equals(caseId).toArray()
  return rows.filter((r) => !r.voided).sort((a, b) => b.createdAt.localeCompare(a.createdAt))
}

// ---- importing -----------------------------------------------------------------------------------------------

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

/**
 * A package this office already imported (same file, or the same package carried as another file), or undefined.
 * Only this office's own rows count: subordinates' rows arrive with their archives (migration 0005) and may name the
 * same package.
 */
export async function heldTransfer(
  db: ReadDb,
  ownCode: string,
  opened: Pick<OpenedTransfer, 'bundleHash' | 'record'>,
): Promise<StoredRecord | undefined> {
  const own = (r: StoredRecord) => r.ownerUnit === ownCode
  return (
    (await db.priorAssistance.where('bundleHash').equals(opened.bundleHash).filter(own).first()) ??
    (await db.priorAssistance.where('transferId').equals(opened.record.transferId).filter(own).first())
  )
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

// ---- the one-time rule ---------------------------------------------------------------------------------------

/** Imported prior assistance naming any of these ID numbers. */
export async function priorAssistanceFor(db: ReadDb, idNumbers: readonly string[]): Promise<StoredRecord[]> {
  if (idNumbers.length === 0) return []
  const rows = await db.priorAssistance
    .where('personIdNumbers')
    .anyOf([...new Set(idNumbers.flatMap(personIdKeys))])
    .distinct()
    .toArray()
  return rows.filter((r) => !r.voided)
}

/**
 * Every grant the one-time rule must see for a case's persons: decided cases of this office and other offices'
 * replicas naming the same ID numbers, and imported transfer packages (`via: 'transfer'`).
 */
export async function priorGrantsFor(db: ReadDb, record: Case): Promise<PriorGrant[]> {
  const ids = [...new Set(record.personIdNumbers.flatMap(personIdKeys))]
  const out: PriorGrant[] = []
  const cases = ids.length
    ? ((await db.cases.where('personIdNumbers').anyOf(ids).distinct().toArray()) as unknown as Case[])
    : []
  // Every decided grant counts — an advance (先行救助) and 小额应急性帮扶 included — unless voided or withdrawn
  // before payment (then no money was given on it).
  const counted = (c: Case) =>
    !c.voided && c.decision?.outcome === 'granted' && !!c.decisionDate && !(c.withdrawal && !c.payment)
  const heldGrants = new Set(cases.filter(counted).map((c) => c.id))
  const seenTransfers = new Set<string>()
  for (const row of await priorAssistanceFor(db, ids)) {
    // The same package imported by two offices (rows relayed upward), or a package whose granted case is held here
    // as a replica (reported below), is one grant, not two.
    if (seenTransfers.has(String(row.transferId)) || heldGrants.has(String(row.senderCaseId))) continue
    seenTransfers.add(String(row.transferId))
    const applicant = row.applicant as { idNumber: string }
    const victim = row.victim as { idNumber: string } | undefined
    for (const idNumber of [applicant.idNumber, victim?.idNumber].filter((x): x is string => !!x)) {
      out.push({
        personIdNumber: idNumber,
        underlyingCaseNo: String(row.underlyingCaseNo ?? ''),
        unitCode: String((row.sender as { unitCode: string }).unitCode),
        unitName: String((row.sender as { unitName: string }).unitName),
        caseId: String(row.senderCaseId),
        decidedOn: String(row.decisionDate),
        via: 'transfer',
        outcome: row.outcome as 'granted' | 'refused',
        ...(typeof row.grantedFen === 'number' ? { amountFen: row.grantedFen } : {}),
        ...(row.documentNo ? { documentNo: String(row.documentNo) } : {}),
        ...(row.paidDate ? { paidOn: String(row.paidDate) } : {}),
      })
    }
  }
  if (cases.length > 0) {
    const units = new Map((await db.units.toArray()).map((u) => [u.code, u.name]))
    for (const c of cases) {
      if (c.id === record.id || !counted(c)) continue
      for (const idNumber of c.personIdNumbers) {
        out.push({
          personIdNumber: idNumber,
          underlyingCaseNo: c.underlyingCase?.caseNo ?? '',
          unitCode: c.ownerUnit,
          ...(units.get(c.ownerUnit) ? { unitName: units.get(c.ownerUnit) } : {}),
          caseId: c.id,
          decidedOn: c.decisionDate as string,
        })
      }
    }
  }
  return out
}
