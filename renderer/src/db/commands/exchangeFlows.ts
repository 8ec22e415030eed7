import { appError, fail, ok, type Result } from '@shared/errors'
import { CodedError } from '@shared/errors/coded'
import { missingEarlierParts, nextStart } from '@shared/exchange/archiveParts'
import type { ArchivePartBudget } from '@shared/exchange/limits'
import type { DesktopApi } from '@shared/ipc/api'
import type { ArgsOf, ResultOf } from '@shared/ipc/contract'
import type { JiuzhuDb, UnitRow } from '../database'
import { storageErrorFrom } from '../errors'
import {
  type ArchiveContent,
  auditHead,
  collectArchive,
  enrollmentTables,
  getOfficeKey,
  openingKeys,
  signerRevocation,
} from '../queries/exchange'
import type { Actor } from './context'
import {
  abortExport,
  beginExport,
  enrollOffice,
  finishExport,
  type ImportOutcome,
  importCommand,
  type PreviewedImport,
  planDigest,
  replaceSealedKey,
  senderAuditRegression,
} from './exchange'
import {
  channelJumpError,
  type EnrollmentPlan,
  type ImportPlan,
  planEnrollment,
  planImport,
  type SchemaVerdicts,
} from './exchangePlan'
import {
  EX,
  type InChannelRow,
  type OpenedBundle,
  type OriginRow,
  type PeerRow,
  type ReceivedRow,
  revokedKeyError,
  type SentRow,
  type UpstreamRow,
} from './exchangeTypes'
import { type ExecuteOptions, execute } from './execute'

/**
 * The exchange procedures as the 数据交换 screen runs them (docs/exchange.md), over the IPC contract's exchange
 * methods (injected, so tests drive them against the real main-process services): reserve a channel number →
 * pack and write in the main process → record (or give the number back); pick a file → inspect → open →
 * plan (preview) → commit → acknowledge.
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

/** What one part of an exported archive carried besides its records: scans, and scans without bytes. */
export interface ArchivePartOutcome extends PackOutcome {
  records: number
  scans: number
  scanBytes: number
  scansOmitted: ArchiveContent['scansOmitted']
}

/** 导出上报数据的结果: the parts written, in channel order (one unless the budget split the archive). */
export interface ArchiveExport {
  parts: ArchivePartOutcome[]
  records: number
  scans: number
  scanBytes: number
}

export type ArchiveExportOptions = ExecuteOptions & {
  /** Lowers the part budget (tests, benchmarks); the default is ARCHIVE_PART_BUDGET. */
  budget?: Partial<ArchivePartBudget>
}

/**
 * 导出上报数据: everything since what the parent acknowledged (or everything, for a full resend), to the parent.
 * Beyond one part's budget the export writes several parts at once (docs/exchange.md “分批上报”): consecutive
 * channel numbers, each chained to the previous bundle's hash, each starting every origin where the previous part
 * ended it, each a complete archive that imports on its own — in order.
 */
export async function exportArchive(
  db: JiuzhuDb,
  actor: Actor,
  api: ExchangeApi,
  own: UnitRow,
  passphrase: string,
  fullResend = false,
  options: ArchiveExportOptions = {},
): Promise<Result<ArchiveExport>> {
  if (own.level === 'supreme' || !own.parentCode) return fail(appError('exchange.no-parent'))
  const parent = (await db.exchange.get(EX.peer(own.parentCode))) as PeerRow | undefined
  if (parent?.relation !== 'parent') return fail(appError('exchange.parent-not-enrolled'))
  const upstream = (await db.exchange.get(EX.upstream)) as UpstreamRow | undefined
  const holds = upstream?.parentCode === parent.unitCode ? upstream.holds : {}
  const { budget, ...executeOptions } = options
  const parts: ArchivePartOutcome[] = []
  let after: Record<string, number> = fullResend ? {} : { ...holds }
  for (;;) {
    const content = await collectArchive(db, own, after, budget)
    const res = await packAndRecord(
      db,
      actor,
      api,
      own,
      {
        kind: 'archive',
        receiver: parent,
        passphrase,
        tables: content.tables,
        origins: content.origins,
        counts: content.counts,
        fullResend,
        scans: content.scans,
      },
      executeOptions,
    )
    if (!res.ok) return parts.length ? fail(partsIncomplete(parts, res.error.message)) : res
    parts.push({
      ...res.value,
      records: content.records,
      scans: content.scans.length,
      scanBytes: content.scanBytes,
      scansOmitted: content.scansOmitted,
    })
    if (!content.more) break
    after = nextStart(after, content)
  }
  return ok({
    parts,
    records: parts.reduce((s, p) => s + p.records, 0),
    scans: parts.reduce((s, p) => s + p.scans, 0),
    scanBytes: parts.reduce((s, p) => s + p.scanBytes, 0),
  })
}

function partsIncomplete(parts: ArchivePartOutcome[], detail: string) {
  const seqs = parts.map((p) => p.manifest.channelSeq)
  return appError('exchange.parts-incomplete', {
    written: parts.length,
    first: seqs[0],
    last: seqs[seqs.length - 1],
    files: parts.map((p) => p.fileName).join('、'),
    detail,
  })
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

export type Inspected = ResultOf<'exchange:inspect'>

/** Bytes of a picked file → base64 for the IPC contract. */
export function toBase64(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}

/**
 * First look at a picked file, without keys: what it is and from whom. Refuses at once what cannot be for this
 * office — addressed to another office, from an office not enrolled here, this office's own bundle.
 */
export async function inspectPicked(
  db: JiuzhuDb,
  api: ExchangeApi,
  own: UnitRow,
  bytes: string,
): Promise<Result<Inspected>> {
  const res = await api.exchangeInspect({ bytes })
  if (!res.ok) return res
  const { manifest, signatureValid } = res.value
  if (!signatureValid) return fail(appError('bundle.bad-signature'))
  // 软件更新包 is handed to IT, never imported into the store (docs/packaging.md “软件更新包”).
  if (manifest.kind === 'update') return fail(appError('update.not-a-data-bundle'))
  if (manifest.sender.unitCode === own.code) {
    return fail(appError(manifest.kind === 'enrollment' ? 'exchange.enroll-self' : 'exchange.self-sent'))
  }
  if (manifest.receiver && manifest.receiver.unitCode !== own.code) {
    return fail(appError('bundle.wrong-receiver', { receiver: manifest.receiver.unitCode, expected: own.code }))
  }
  if (manifest.kind !== 'enrollment') {
    const peer = (await db.exchange.get(EX.peer(manifest.sender.unitCode))) as PeerRow | undefined
    if (!peer) {
      return fail(
        appError('exchange.not-enrolled', { unitName: manifest.sender.unitName, unitCode: manifest.sender.unitCode }),
      )
    }
    // 吊销之后，以被吊销的密钥签名的数据包一律拒收 (docs/exchange.md “吊销密钥”).
    const revoked = await signerRevocation(db, manifest.sender.unitCode, manifest.sender.keyId)
    if (revoked) return fail(appError(revoked.code, revoked.params))
    // 密钥更换之后，以旧密钥签名的数据包一律拒收 (docs/exchange.md §一.10).
    const retired = peer.retired?.find((r) => r.keyId === manifest.sender.keyId)
    if (retired) {
      const seen = (await db.receivedBundles.get(manifest.bundleId)) as ReceivedRow | undefined
      if (seen?.hash === res.value.bundleHash)
        return fail(appError('exchange.already-imported', { at: seen.receivedAt }))
      return fail(
        appError('exchange.key-retired', {
          unitName: peer.unitName,
          unitCode: peer.unitCode,
          fingerprint: retired.fingerprint,
          at: retired.retiredAt.slice(0, 10),
        }),
      )
    }
  }
  const jump = await channelJump(db, manifest)
  if (jump) return fail(jump)
  const missing = await earlierPartsMissing(db, manifest)
  if (missing) return fail(missing)
  return res
}

/**
 * A channel number too far beyond the last one imported from this sender (docs/exchange.md “序号与版本号的跳跃上限”):
 * refused when the file is picked and before the preview, so the message is not the earlier-part one.
 */
async function channelJump(db: JiuzhuDb, manifest: OpenedBundle['manifest']) {
  if (manifest.kind === 'enrollment') return undefined
  const channel = (await db.exchange.get(EX.in(manifest.sender.unitCode))) as InChannelRow | undefined
  const peer = (await db.exchange.get(EX.peer(manifest.sender.unitCode))) as PeerRow | undefined
  const e = channelJumpError(manifest, channel?.lastReceivedSeq ?? 0, peer?.unitName ?? manifest.sender.unitName)
  return e ? appError(e.code, e.params) : undefined
}

/**
 * 分批上报 (docs/exchange.md): an archive that continues a part not imported yet — its channel number skips the
 * previous one and some origin's rev range starts beyond what this office holds — is refused before anything is
 * opened or written; the earlier part must be imported first.
 */
async function earlierPartsMissing(db: JiuzhuDb, manifest: OpenedBundle['manifest']) {
  const channel = (await db.exchange.get(EX.in(manifest.sender.unitCode))) as InChannelRow | undefined
  const held = new Map<string, number>()
  for (const o of manifest.origins) {
    const row = (await db.exchange.get(EX.origin(o.unitCode))) as OriginRow | undefined
    held.set(o.unitCode, row?.highWaterRev ?? 0)
  }
  const last = channel?.lastReceivedSeq ?? 0
  const missing = missingEarlierParts(manifest, last, (code) => held.get(code) ?? 0)
  if (!missing) return undefined
  const origin = manifest.origins.find((o) => o.revFrom > (held.get(o.unitCode) ?? 0) + 1)
  return appError('exchange.earlier-part-missing', {
    unitName: manifest.sender.unitName,
    seq: manifest.channelSeq,
    last,
    from: missing.from,
    to: missing.to,
    origin: origin?.unitCode ?? '',
    held: held.get(origin?.unitCode ?? '') ?? 0,
    revFrom: origin?.revFrom ?? 0,
  })
}

/** Opens a picked bundle in the main process: verified against the directory, decrypted with the office key. */
export async function openPicked(
  db: JiuzhuDb,
  api: ExchangeApi,
  own: UnitRow,
  bytes: string,
  passphrase?: string,
): Promise<Result<OpenedBundle>> {
  const peers = (await db.exchange.where('key').startsWith('peer:').toArray()) as unknown as PeerRow[]
  const opened = await api.exchangeOpen({
    bytes,
    ...(await openingKeys(db)),
    ...(passphrase ? { passphrase } : {}),
    expectedReceiverUnit: own.code,
    trusted: peers.map((p) => p.record),
    allowEnrollment: true,
  })
  if (!opened.ok || opened.value.manifest.kind !== 'key-rotation') return opened
  // The rotation announcement's own signature (by the old key) is checked in the main process before any preview.
  const peer = peers.find((p) => p.unitCode === opened.value.manifest.sender.unitCode)
  const rotation = opened.value.tables.rotation?.[0]
  if (!peer || !rotation || rotation.previousKeyId !== peer.record.keyId) return opened
  const verified = await api.exchangeVerifyRotation({ rotation, previous: peer.record })
  if (!verified.ok) return verified
  if (!verified.value.valid) {
    return fail(appError('exchange.rotation-invalid', { detail: '通知的签名不是由对方现登记的密钥作出的' }))
  }
  return opened
}

function guard<T>(run: () => Promise<T>): Promise<Result<T>> {
  return run().then(ok, (e) => fail(storageErrorFrom(e)))
}

/** The enrollment preview: the unit and its relation to this office (the fingerprint is asked next). */
export function previewEnrollment(db: JiuzhuDb, own: UnitRow, bundle: OpenedBundle): Promise<Result<EnrollmentPlan>> {
  return guard(() => db.transaction('r', ['units', 'exchange'], () => planEnrollment(db, own, bundle)))
}

export function confirmEnrollment(
  db: JiuzhuDb,
  actor: Actor,
  bundle: OpenedBundle,
  typedFingerprint: string,
  options?: ExecuteOptions,
) {
  return execute(db, enrollOffice, actor, { bundle, typedFingerprint }, options)
}

/**
 * Previews kept for their commit, by the opened bundle they planned (the object the screen holds between preview
 * and 导入): the commit writes the kept plan when the store has not changed since, instead of planning again.
 * Only previewImport puts plans here; a bundle object the screen drops takes its preview with it.
 */
const previews = new WeakMap<OpenedBundle, PreviewedImport>()

/** The import preview: by office and table, new / updated / unchanged / rejected with reasons; gaps and replays. */
export function previewImport(
  db: JiuzhuDb,
  own: UnitRow,
  bundle: OpenedBundle,
): Promise<Result<{ plan: ImportPlan; digest: string }>> {
  return guard(() =>
    db.transaction('r', db.tables, async () => {
      const jump = await channelJump(db, bundle.manifest)
      if (jump) throw new CodedError(jump.code, jump.params)
      const missing = await earlierPartsMissing(db, bundle.manifest)
      if (missing) throw new CodedError(missing.code, missing.params)
      const verdicts: SchemaVerdicts = new Map()
      const plan = await planImport(db, own, bundle, verdicts)
      // the sender's audit log going backwards refuses the whole bundle at commit; the preview says so first, with
      // the same rule and words (senderAuditRegression), before anyone confirms
      if (!plan.alreadyImportedAt) {
        const channel = (await db.exchange.get(EX.in(plan.sender.unitCode))) as InChannelRow | undefined
        const regression = senderAuditRegression(channel, plan.sender, plan.channelSeq, bundle.manifest.auditHead)
        if (regression) throw regression
      }
      const digest = planDigest(plan)
      previews.set(bundle, { plan, digest, ownCode: own.code, mark: await auditHead(db), verdicts })
      return { plan, digest }
    }),
  )
}

/**
 * 确认导入: commits what the preview with this digest showed — its kept plan if nothing was written since, else a
 * plan made again inside the transaction that must come out the same — or nothing (`exchange.plan-changed`).
 */
export async function confirmImport(
  db: JiuzhuDb,
  actor: Actor,
  bundle: OpenedBundle,
  previewDigest: string,
  options?: ExecuteOptions,
): Promise<Result<ImportOutcome>> {
  const previewed = previews.get(bundle)
  const res = await execute(db, importCommand(previewed), actor, { bundle, previewDigest }, options)
  if (res.ok) previews.delete(bundle)
  return res
}
