import type { UnitLevel } from '../../../shared/domain/officeSetup'
import { unitLevelLabels } from '../../../shared/domain/officeSetup'
import { CodedError } from '../../../shared/errors/coded'
import { describeZodError } from '../../../shared/errors/zodProblems'
import { displayName } from '../../../shared/exchange/errors'
import { keyIdOf } from '../../../shared/exchange/fingerprint'
import { bundleKindLabels } from '../../../shared/exchange/manifest'
import {
  compareVersions,
  levelRank,
  platformLabel,
  UPDATE_PRODUCT,
  UPDATE_RELAY_TABLE,
  UPDATE_TABLE,
  type UpdateManifest,
  type UpdateRelay,
  updateManifestSchema,
  updateRelaySchema,
} from '../../../shared/update/updateManifest'
import { sha256Hex } from '../bundle/crypto'
import { inspectBundle, type OpenedBundle, openBundle, type TrustedSenderLookup } from '../bundle/open'

/** The office a package arrives at, whatever machine it runs on: who it is and whom it trusts. */
export interface UpdateOffice {
  unitCode: string
  level: UnitLevel
  /** Offices this office trusts (enrolled peers and the signed unit directory), as for every bundle. */
  trusted: TrustedSenderLookup
}

/** The receiving office and the app that runs there. */
export interface UpdateReceiver extends UpdateOffice {
  /** The running app (package.json version, through the IPC contract in the app). */
  runningVersion: string
  /** The number of the newest store migration the running app has applied. */
  storeSchemaVersion: number
  platform: string
  arch: string
}

export interface VerifiedUpdate {
  update: UpdateManifest
  installer: Uint8Array
  /** The package as the issuer signed it: what this office relays (unchanged) to its own subordinates. */
  packageBytes: Uint8Array
  packageHash: string
  /** The issuer's key record as trusted here: what a relay envelope vouches for. */
  issuer: UpdateRelay['issuer']
  /** The office that relayed it, when it did not come straight from the issuer. */
  relayedBy?: { unitCode: string; unitName: string }
}

const invalid = (detail: string) => new CodedError('update.invalid', { detail })

function onlyRecord(opened: OpenedBundle, table: string): unknown {
  const tables = Object.keys(opened.manifest.tables)
  if (tables.length !== 1 || tables[0] !== table) throw invalid(`数据表应只有 ${table}，实际为 ${tables.join('、')}`)
  const rows = opened.tables.get(table) ?? []
  if (rows.length !== 1) throw invalid(`${table} 应只有一条记录`)
  return rows[0]
}

function concatPieces(opened: OpenedBundle, names: readonly string[]): Uint8Array {
  const byName = new Map(opened.files.map((f) => [f.name, f.bytes]))
  const expected = new Set([...names, ...Object.keys(opened.manifest.tables).map((t) => `${t}.ndjson`)])
  for (const f of opened.files) if (!expected.has(f.name)) throw invalid(`含有多余的文件 ${displayName(f.name)}`)
  const parts = names.map((n) => {
    const b = byName.get(n)
    if (!b) throw invalid(`缺少文件 ${n}`)
    return b
  })
  return Buffer.concat(parts)
}

function fromAbove(unitCode: string, unitName: string, level: UnitLevel, me: UpdateOffice): void {
  if (unitCode === me.unitCode || levelRank[level] <= levelRank[me.level]) {
    throw new CodedError('update.not-from-above', {
      unit: `${displayName(unitName)}（${unitCode}，${unitLevelLabels[level]}）`,
    })
  }
}

/** The package is this product's and its installer is the one described. */
function checkInstaller(update: UpdateManifest, installer: Uint8Array): void {
  if (update.product !== UPDATE_PRODUCT) throw new CodedError('update.wrong-product', { product: update.product })
  if (installer.length !== update.size) {
    throw new CodedError('update.installer-mismatch', {
      detail: `大小 ${installer.length} 字节，说明中为 ${update.size}`,
    })
  }
  if (sha256Hex(installer) !== update.sha256)
    throw new CodedError('update.installer-mismatch', { detail: 'SHA-256 不符' })
}

/** Whether this machine may install it: its system and architecture, its version, its store. */
function checkMachine(update: UpdateManifest, me: UpdateReceiver): void {
  if (update.platform !== me.platform || update.arch !== me.arch) {
    throw new CodedError('update.wrong-platform', {
      packageFor: platformLabel(update.platform, update.arch),
      running: platformLabel(me.platform, me.arch),
    })
  }
  const order = compareVersions(update.appVersion, me.runningVersion)
  if (order < 0) throw new CodedError('update.downgrade', { version: update.appVersion, running: me.runningVersion })
  if (order === 0) throw new CodedError('update.same-version', { version: update.appVersion })
  if (compareVersions(me.runningVersion, update.minVersionFrom) < 0) {
    throw new CodedError('update.too-old', { running: me.runningVersion, minVersionFrom: update.minVersionFrom })
  }
  if (update.storeSchemaVersion < me.storeSchemaVersion) {
    throw new CodedError('update.store-newer', { running: me.storeSchemaVersion, version: update.storeSchemaVersion })
  }
}

function readPackage(bytes: Uint8Array, trusted: TrustedSenderLookup, me: UpdateOffice) {
  const opened = openBundle(bytes, { receiverKeys: [], expectedReceiverUnit: me.unitCode, trustedSenders: trusted })
  if (opened.manifest.kind !== 'update') {
    throw new CodedError('update.wrong-kind', { kind: bundleKindLabels[opened.manifest.kind] })
  }
  return opened
}

/**
 * 导入软件更新包: verifies a package (or a relay envelope around one) as the receiving office, in memory, and
 * returns the installer — or throws a coded refusal, having written nothing. Order: everything `openUpdatePackage`
 * checks; then platform and architecture; version newer than the running one, running version not below the
 * minimum, store schema not older.
 */
export function verifyUpdatePackage(bytes: Uint8Array, me: UpdateReceiver): VerifiedUpdate {
  const verified = openUpdatePackage(bytes, me)
  checkMachine(verified.update, me)
  return verified
}

/**
 * The package as an office checks it before relaying it (转发给下级院): container, manifest and signature as for any
 * bundle (`bundle.*`); kind; the signer is a trusted office of a higher level (for an envelope: the relaying office,
 * which vouches for the issuer's key, and then the issuer's signature on the original package); the update manifest
 * (strict); product; installer size and SHA-256. Not this machine's system, architecture or version: a 市级院 on
 * Windows relays the UOS arm64 package its 基层院 need, and still relays after it has installed the version itself.
 */
export function openUpdatePackage(bytes: Uint8Array, me: UpdateOffice): VerifiedUpdate {
  const kind = inspectBundle(bytes).manifest.kind
  if (kind !== 'update') throw new CodedError('update.wrong-kind', { kind: bundleKindLabels[kind] })
  const outer = readPackage(bytes, me.trusted, me)
  const { sender } = outer.manifest
  fromAbove(sender.unitCode, sender.unitName, sender.level, me)
  if (!(UPDATE_RELAY_TABLE in outer.manifest.tables)) {
    const { update, installer } = readUpdate(outer)
    checkInstaller(update, installer)
    // openBundle has checked that these keys are the ones this office trusts for the sender.
    const { unitCode, keyId, signingKey, encryptionKey } = sender
    return {
      update,
      installer,
      packageBytes: bytes,
      packageHash: outer.bundleHash,
      issuer: {
        unitName: sender.unitName,
        level: sender.level,
        record: { unitCode, keyId, createdAt: outer.manifest.createdAt, signingKey, encryptionKey },
      },
    }
  }
  const parsedRelay = updateRelaySchema.safeParse(onlyRecord(outer, UPDATE_RELAY_TABLE))
  if (!parsedRelay.success) throw invalid(describeZodError(parsedRelay.error, 2))
  const relay = parsedRelay.data
  const packageBytes = concatPieces(outer, relay.chunks)
  if (packageBytes.length !== relay.packageSize || sha256Hex(packageBytes) !== relay.packageSha256) {
    throw invalid('转发的更新包与转发说明不符')
  }
  const issuerRecord = relay.issuer.record
  if (keyIdOf(issuerRecord) !== issuerRecord.keyId) throw invalid('签发单位的密钥编号与其公钥不符')
  fromAbove(issuerRecord.unitCode, relay.issuer.unitName, relay.issuer.level, me)
  // The issuer's key as the relaying office vouches for it; an office this office knows itself must match its keys.
  const vouched: TrustedSenderLookup = (unitCode, keyId) =>
    me.trusted(unitCode, keyId) ??
    (unitCode === issuerRecord.unitCode && keyId === issuerRecord.keyId ? issuerRecord : undefined)
  const inner = readPackage(packageBytes, vouched, me)
  if (inner.manifest.sender.unitCode !== issuerRecord.unitCode) throw invalid('更新包的签发单位与转发说明不符')
  if (UPDATE_RELAY_TABLE in inner.manifest.tables) throw invalid('转发件中又套有转发件')
  const { update, installer } = readUpdate(inner)
  checkInstaller(update, installer)
  return {
    update,
    installer,
    packageBytes,
    packageHash: inner.bundleHash,
    issuer: relay.issuer,
    relayedBy: { unitCode: sender.unitCode, unitName: sender.unitName },
  }
}

function readUpdate(opened: OpenedBundle): { update: UpdateManifest; installer: Uint8Array } {
  const parsed = updateManifestSchema.safeParse(onlyRecord(opened, UPDATE_TABLE))
  if (!parsed.success) throw invalid(describeZodError(parsed.error, 2))
  const update = parsed.data
  if (update.issuer.unitCode !== opened.manifest.sender.unitCode) throw invalid('更新说明中的签发单位与签名单位不符')
  return { update, installer: concatPieces(opened, update.chunks) }
}
