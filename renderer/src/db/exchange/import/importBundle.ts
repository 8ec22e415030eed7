import { appError, fail, ok, type Result } from '@shared/errors'
import { CodedError } from '@shared/errors/coded'
import { missingEarlierParts } from '@shared/exchange/archiveParts'
import type { ResultOf } from '@shared/ipc/contract'
import type { Actor } from '../../commands/context'
import { type ExecuteOptions, execute } from '../../commands/execute'
import type { JiuzhuDb, UnitRow } from '../../database'
import { storageErrorFrom } from '../../errors'
import type { ExchangeApi } from '../export/pack'
import { enrollOffice } from '../keys/office'
import { auditHead, openingKeys, signerRevocation } from '../reads'
import { EX, type InChannelRow, type OpenedBundle, type OriginRow, type PeerRow, type ReceivedRow } from '../store'
import { type ImportOutcome, importCommand, type PreviewedImport, planDigest, senderAuditRegression } from './commit'
import { type EnrollmentPlan, type ImportPlan, planEnrollment, planImport, type SchemaVerdicts } from './plan'
import { channelJumpError } from './planChecks'

/**
 * One import, start to finish (docs/architecture.md §4 "Import"): pick a file → inspect (main process) → open
 * (verify, decrypt) → plan (preview, import/plan.ts) → confirm (commit, import/commit.ts, one transaction) →
 * acknowledge (export/pack.ts). Start reading here.
 */

export type Inspected = ResultOf<'exchange:inspect'>

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
