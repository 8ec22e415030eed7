/**
 * Exchange bundles between offices (docs/architecture.md §4; docs/bundle-format.md): office keys, packing, inspecting and
 * opening. Everything works in memory; only cliCommands.ts reads files.
 */

export { bundleErrorMessage, isBundleError } from '../../../shared/exchange/errors'
export { BUNDLE_LIMITS, type BundleLimits } from '../../../shared/exchange/limits'
export type { BundleKind, BundleManifest, ManifestFile, TableSummary } from '../../../shared/exchange/manifest'
export { parseNdjson, toNdjson } from '../../../shared/exchange/ndjson'
export { safeJsonParse } from '../../../shared/exchange/safeJson'
export {
  assertOfficeKeys,
  fingerprint,
  generateOfficeKeys,
  type KeyRotation,
  keyIdOf,
  type OfficeKeyRecord,
  type OfficeKeys,
  type OfficePublicKeys,
  publicKeyRecord,
  readSealedKeyRecord,
  sealPrivateKeys,
  signRotation,
  unsealPrivateKeys,
  verifyRotation,
} from './keys'
export {
  type InspectedBundle,
  inspectBundle,
  type OpenedBundle,
  type OpenOptions,
  openBundle,
  type TrustedSenderLookup,
} from './open'
export { type BundleFile, type PackedBundle, type PackInput, packBundle } from './pack'
