import { appError, fail, ok, type Result } from '@shared/errors'
import type { DesktopApi } from '@shared/ipc/api'
import type { ArgsOf, ResultOf } from '@shared/ipc/contract'
import type { Actor } from '../../commands/context'
import { type ExecuteOptions, execute } from '../../commands/execute'
import type { JiuzhuDb, UnitRow } from '../../database'
import { replaceSealedKey } from '../keys/office'
import { auditHead, enrollmentTables, getOfficeKey } from '../reads'
import { EX, type PeerRow, type ReceivedRow, revokedKeyError, type SentRow } from '../store'
import { abortExport, beginExport, finishExport } from './channel'

/**
 * The export procedures as the 数据交换 screen runs them (docs/exchange.md), over the IPC contract's exchange methods
 * (injected, so tests drive them against the real main-process services): reserve → pack in the main process →
 * record; the enrolment bundle and the acknowledgement of an import.
 */

export type ExchangeApi = Pick<
  DesktopApi,
  | 'exchangePack'
  | 'exchangeInspect'
  | 'exchangeOpen'
  | 'exchangeCreateKeys'
  | 'exchangeChangePassphrase'
  | 'exchangeCheckPassphrase'
  | 'exchangeRotateKeys'
  | 'exchangeVerifyRotation'
  | 'exchangeExportTrust'
>

export type PackOutcome = ResultOf<'exchange:pack'> & { sent: SentRow; skipped?: number }

export async function packAndRecord(
  db: JiuzhuDb,
  actor: Actor,
  api: ExchangeApi,
  own: UnitRow,
  req: {
    kind: ArgsOf<'exchange:pack'>['kind']
    /** Sign with this sealed key instead of the current one (a key-rotation bundle is signed by the old key). */
    signWith?: string
    receiver: PeerRow | null
    passphrase: string
    tables: Record<string, Record<string, unknown>[]>
    origins: ArgsOf<'exchange:pack'>['origins']
    counts: Record<string, number>
    fullResend?: boolean
    /** Archive only: the attachments' bytes (docs/exchange.md “扫描件随上报数据”). */
    scans?: ArgsOf<'exchange:pack'>['scans']
  },
  options: ExecuteOptions = {},
): Promise<Result<PackOutcome>> {
  const key = await getOfficeKey(db)
  if (!key) return fail(appError('exchange.no-office-key'))
  if (!req.passphrase) return fail(appError('exchange.passphrase-required'))
  // Nothing is encrypted to a key revoked here: the office must enrol again with a new one first.
  const revoked = req.receiver && revokedKeyError('exchange.peer-key-revoked', req.receiver, req.receiver.record.keyId)
  if (revoked) return fail(appError(revoked.code, revoked.params))
  const sealed = req.signWith ?? key.sealed
  // A wrong passphrase is refused before a channel number is reserved: nothing at all is written.
  const unlocked = await api.exchangeCheckPassphrase({ sealed, passphrase: req.passphrase })
  if (!unlocked.ok) return unlocked
  // a key file not in the current format (parameters, header checksum) comes back re-sealed: stored in its place
  if (unlocked.value.resealed && sealed === key.sealed) {
    const upgraded = await execute(db, replaceSealedKey, actor, { sealed: unlocked.value.resealed }, options)
    if (!upgraded.ok) return upgraded
  }
  const receiver = req.receiver?.unitCode ?? null
  const begun = await execute(db, beginExport, actor, { receiver }, options)
  if (!begun.ok) return begun
  const { channelSeq, prevBundleHash, skipped } = begun.value
  const packed = await api.exchangePack({
    sealed,
    passphrase: req.passphrase,
    kind: req.kind,
    sender: { unitCode: own.code, unitName: own.name, level: own.level },
    receiver: req.receiver ? { unitCode: req.receiver.unitCode, keys: req.receiver.record } : null,
    channelSeq,
    prevBundleHash,
    origins: req.origins,
    auditHead: await auditHead(db),
    tables: req.tables,
    ...(req.scans?.length ? { scans: req.scans } : {}),
  })
  if (!packed.ok) {
    await execute(db, abortExport, actor, { receiver, channelSeq }, options)
    return packed
  }
  const m = packed.value.manifest
  const finished = await execute(
    db,
    finishExport,
    actor,
    {
      receiver,
      kind: req.kind,
      channelSeq,
      bundleId: m.bundleId,
      bundleHash: packed.value.bundleHash,
      fileName: packed.value.fileName,
      createdAt: m.createdAt,
      origins: req.origins,
      counts: req.counts,
      ...(req.fullResend ? { fullResend: true } : {}),
    },
    options,
  )
  if (!finished.ok) return finished
  return ok({ ...packed.value, sent: finished.value, ...(skipped ? { skipped } : {}) })
}

/** 导出入网登记包: this office's unit and public key, signed, open (any office can read it). */
export function exportEnrollment(
  db: JiuzhuDb,
  actor: Actor,
  api: ExchangeApi,
  own: UnitRow,
  passphrase: string,
  options?: ExecuteOptions,
): Promise<Result<PackOutcome>> {
  return enrollmentTables(db, own).then((tables) =>
    packAndRecord(
      db,
      actor,
      api,
      own,
      { kind: 'enrollment', receiver: null, passphrase, tables, origins: [], counts: { units: 1 } },
      options,
    ),
  )
}

/** 生成回执: the acknowledgement of an imported archive, to its sender (also to produce a lost one again). */
export async function exportAck(
  db: JiuzhuDb,
  actor: Actor,
  api: ExchangeApi,
  own: UnitRow,
  passphrase: string,
  receivedBundleId: string,
  options?: ExecuteOptions,
): Promise<Result<PackOutcome>> {
  const received = (await db.receivedBundles.get(receivedBundleId)) as ReceivedRow | undefined
  if (!received?.receipt) return fail(appError('exchange.receipt-invalid', { detail: '找不到该数据包的导入记录' }))
  const peer = (await db.exchange.get(EX.peer(received.sender))) as PeerRow | undefined
  if (!peer)
    return fail(appError('exchange.not-enrolled', { unitName: received.senderName, unitCode: received.sender }))
  const origins = received.receipt.holds
    .map((h) => ({ unitCode: h.unitCode, revFrom: 0, revTo: h.highWaterRev }))
    .sort((a, b) => a.unitCode.localeCompare(b.unitCode))
  return packAndRecord(
    db,
    actor,
    api,
    own,
    {
      kind: 'ack',
      receiver: peer,
      passphrase,
      tables: { receipt: [received.receipt] },
      origins,
      counts: { receipt: 1 },
    },
    options,
  )
}

// ---- import --------------------------------------------------------------------------------------------------
