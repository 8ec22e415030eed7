import { GENESIS_HASH } from '../../../shared/audit/chain'
import type { UnitLevel } from '../../../shared/domain/officeSetup'
import { CodedError } from '../../../shared/errors/coded'
import { describeZodError } from '../../../shared/errors/zodProblems'
import type { OfficeKeyRecord } from '../../../shared/exchange/keyRecord'
import { toNdjson } from '../../../shared/exchange/ndjson'
import {
  chunkNames,
  UPDATE_FORMAT,
  UPDATE_MAX_INSTALLER_BYTES,
  UPDATE_PRODUCT,
  UPDATE_RELAY_FORMAT,
  UPDATE_RELAY_TABLE,
  UPDATE_TABLE,
  type UpdateManifest,
  type UpdateRelay,
  updateManifestSchema,
  updateRelaySchema,
} from '../../../shared/update/updateManifest'
import { sha256Hex } from '../bundle/crypto'
import type { OfficeKeys } from '../bundle/keys'
import { type BundleFile, type PackedBundle, packBundle } from '../bundle/pack'

export interface UpdateSender {
  keys: OfficeKeys
  unitCode: string
  unitName: string
  level: UnitLevel
}

/** What the issuing office's administrator fills in; the size, hash and pieces come from the installer itself. */
export type UpdateDescription = Pick<
  UpdateManifest,
  'appVersion' | 'minVersionFrom' | 'storeSchemaVersion' | 'platform' | 'arch' | 'fileName' | 'notes' | 'issuedOn'
>

/** The bytes cut into payload pieces under the given names. */
export function piecesOf(bytes: Uint8Array, names: readonly string[]): BundleFile[] {
  const size = Math.ceil(bytes.length / names.length)
  return names.map((name, i) => ({ name, bytes: bytes.subarray(i * size, Math.min(bytes.length, (i + 1) * size)) }))
}

function openBundleFor(sender: UpdateSender, table: string, record: object, pieces: BundleFile[], createdAt?: string) {
  return packBundle({
    kind: 'update',
    sender,
    receiver: null,
    // Update packages are outside the data channels: no sequence, no audit head of records (docs/packaging.md).
    channelSeq: 1,
    prevBundleHash: null,
    origins: [],
    tables: { [table]: { count: 1 } },
    auditHead: { seq: 0, hash: GENESIS_HASH },
    files: [{ name: `${table}.ndjson`, bytes: toNdjson([record]) }, ...pieces],
    ...(createdAt ? { createdAt } : {}),
    generator: `${UPDATE_PRODUCT} 软件更新包`,
  })
}

/**
 * 制作软件更新包 (the issuing office): the installer and its description, signed with the office's key like any
 * bundle (docs/bundle-format.md §6.1). Refuses (`update.invalid`) what a receiver would refuse.
 */
export function createUpdatePackage(input: {
  installer: Uint8Array
  description: UpdateDescription
  sender: UpdateSender
  createdAt?: string
}): PackedBundle & { update: UpdateManifest } {
  const { installer, description, sender } = input
  if (installer.length === 0 || installer.length > UPDATE_MAX_INSTALLER_BYTES) {
    throw new CodedError('update.invalid', {
      detail: `安装程序大小应在 1 字节到 ${UPDATE_MAX_INSTALLER_BYTES / 1024 / 1024} MiB 之间`,
    })
  }
  const chunks = chunkNames('INSTALLER', installer.length)
  const candidate = {
    format: UPDATE_FORMAT,
    version: 1,
    product: UPDATE_PRODUCT,
    ...description,
    size: installer.length,
    sha256: sha256Hex(installer),
    chunks,
    issuer: { unitCode: sender.unitCode, unitName: sender.unitName },
  }
  const parsed = updateManifestSchema.safeParse(candidate)
  if (!parsed.success) throw new CodedError('update.invalid', { detail: describeZodError(parsed.error, 2) })
  const packed = openBundleFor(sender, UPDATE_TABLE, parsed.data, piecesOf(installer, chunks), input.createdAt)
  return { ...packed, update: parsed.data }
}

/**
 * 转发给下级院: the original package, unchanged, inside an envelope signed by this office that vouches for the
 * issuer's public key (which this office trusts: enrolled, from its directory, or vouched by its own upper office).
 * The receiver checks the envelope against this office's key and the package against the issuer's.
 */
export function relayUpdatePackage(input: {
  packageBytes: Uint8Array
  issuer: UpdateRelay['issuer']
  relayer: UpdateSender
  relayedOn: string
  createdAt?: string
}): PackedBundle {
  const chunks = chunkNames('PACKAGE', input.packageBytes.length)
  const record = {
    format: UPDATE_RELAY_FORMAT,
    version: 1,
    issuer: input.issuer,
    packageSha256: sha256Hex(input.packageBytes),
    packageSize: input.packageBytes.length,
    chunks,
    relayedOn: input.relayedOn,
  }
  const parsed = updateRelaySchema.safeParse(record)
  if (!parsed.success) throw new CodedError('update.invalid', { detail: describeZodError(parsed.error, 2) })
  return openBundleFor(
    input.relayer,
    UPDATE_RELAY_TABLE,
    parsed.data,
    piecesOf(input.packageBytes, chunks),
    input.createdAt,
  )
}

export type { OfficeKeyRecord }
