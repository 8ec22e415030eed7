import { z } from 'zod'
import { unitLevels } from '../domain/officeSetup'
import { calendarDateSchema, textSchema } from '../domain/schemas/primitives'
import { officeKeyRecordSchema } from '../exchange/keyRecord'

/**
 * The update package (软件更新包, docs/packaging.md “软件更新包”): a signed `jiuzhu-bundle` of kind `update`
 * (docs/bundle-format.md §4.1), open (not encrypted) so that every level can pass it on unchanged. Its payload is
 * `update.ndjson` — one line, the update manifest below — and the installer cut into `attachments/INSTALLER-nnn`
 * pieces (a payload file may hold at most 80 MiB). A relaying office does not re-sign the package: it sends an
 * envelope of the same kind holding `updateRelay.ndjson` (the issuer's public key record it vouches for) and the
 * original package bytes as `attachments/PACKAGE-nnn`, so the issuer's signature still verifies two levels down.
 */
export const UPDATE_FORMAT = 'jiuzhu-update'
export const UPDATE_RELAY_FORMAT = 'jiuzhu-update-relay'
export const UPDATE_PRODUCT = 'jiuzhu-desk'
export const UPDATE_TABLE = 'update'
export const UPDATE_RELAY_TABLE = 'updateRelay'

const MiB = 1024 * 1024
/** One payload piece (the bundle format's cap on one payload file is 80 MiB). */
export const UPDATE_CHUNK_BYTES = 64 * MiB
/** Largest installer: its relay envelope (installer + a few KiB) stays inside the bundle's 208 MiB payload cap. */
export const UPDATE_MAX_INSTALLER_BYTES = 192 * MiB

export const updatePlatforms = ['win32', 'linux', 'darwin'] as const
export const updateArchs = ['x64', 'arm64', 'ia32'] as const
export type UpdatePlatform = (typeof updatePlatforms)[number]
export type UpdateArch = (typeof updateArchs)[number]
export const platformLabels: Record<UpdatePlatform, string> = { win32: 'Windows', linux: 'Linux', darwin: 'macOS' }
export const archLabels: Record<UpdateArch, string> = { x64: 'x86 64 位', arm64: 'ARM 64 位', ia32: 'x86 32 位' }

/** `Windows（x86 64 位）`: how a package's or this machine's system and architecture are named to the user. */
export function platformLabel(platform: string, arch: string): string {
  const p = platformLabels[platform as UpdatePlatform] ?? platform
  return `${p}（${archLabels[arch as UpdateArch] ?? arch}）`
}

/** `1.2.3`: the app's versions (package.json) are plain major.minor.patch. */
export const VERSION_PATTERN = /^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$/

/** Negative, zero or positive as version a is older, equal or newer than b. */
export function compareVersions(a: string, b: string): number {
  // a running build may carry a suffix (`0.2.0-test`): only major.minor.patch count
  const parts = (v: string) => (/^(\d+)\.(\d+)\.(\d+)/.exec(v) ?? [v, '0', '0', '0']).slice(1).map(Number)
  const pa = parts(a)
  const pb = parts(b)
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i]
  return 0
}

/** Installer file names: a plain name (no folders), the installer types electron-builder writes. */
export const INSTALLER_NAME_PATTERN = /^[\w.\-\u4e00-\u9fff]{1,100}\.(exe|msi|deb|rpm|AppImage|dmg|zip)$/

const version = z.string().regex(VERSION_PATTERN, '版本号应为“主版本.次版本.修订号”，如 0.2.0')
const sha256 = z.string().regex(/^[0-9a-f]{64}$/)
const unitCode = z.string().regex(/^\d{6}$/)
const chunkName = (prefix: string) => z.string().regex(new RegExp(`^attachments/${prefix}-\\d{3}$`))

export const updateManifestSchema = z.strictObject({
  format: z.literal(UPDATE_FORMAT),
  version: z.literal(1),
  product: z.literal(UPDATE_PRODUCT),
  appVersion: version,
  minVersionFrom: version,
  storeSchemaVersion: z.number().int().min(1).max(9999),
  platform: z.enum(updatePlatforms),
  arch: z.enum(updateArchs),
  fileName: z.string().regex(INSTALLER_NAME_PATTERN, '安装程序文件名不符合要求'),
  size: z.number().int().min(1).max(UPDATE_MAX_INSTALLER_BYTES),
  sha256,
  chunks: z.array(chunkName('INSTALLER')).min(1).max(8),
  notes: textSchema(4000, '更新说明'),
  issuer: z.strictObject({ unitCode, unitName: textSchema(60, '签发单位名称') }),
  issuedOn: calendarDateSchema,
})
export type UpdateManifest = z.infer<typeof updateManifestSchema>

export const updateRelaySchema = z.strictObject({
  format: z.literal(UPDATE_RELAY_FORMAT),
  version: z.literal(1),
  /** The public key record of the office that signed the package, as the relaying office trusts it. */
  issuer: z.strictObject({
    unitName: textSchema(60, '签发单位名称'),
    level: z.enum(unitLevels),
    record: officeKeyRecordSchema,
  }),
  packageSha256: sha256,
  packageSize: z
    .number()
    .int()
    .min(1)
    .max(UPDATE_MAX_INSTALLER_BYTES + MiB),
  chunks: z.array(chunkName('PACKAGE')).min(1).max(8),
  relayedOn: calendarDateSchema,
})
export type UpdateRelay = z.infer<typeof updateRelaySchema>

/** Piece names for `n` bytes cut into UPDATE_CHUNK_BYTES: `attachments/INSTALLER-001` … */
export function chunkNames(prefix: 'INSTALLER' | 'PACKAGE', size: number, chunkBytes = UPDATE_CHUNK_BYTES): string[] {
  const n = Math.max(1, Math.ceil(size / chunkBytes))
  return Array.from({ length: n }, (_, i) => `attachments/${prefix}-${String(i + 1).padStart(3, '0')}`)
}

/** Level order: a package may come only from an office of a higher level than the receiver's. */
export const levelRank: Record<(typeof unitLevels)[number], number> = { supreme: 4, province: 3, city: 2, basic: 1 }
