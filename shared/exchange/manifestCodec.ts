import { describeZodError } from '../errors/zodProblems'
import { canonicalJson } from '../util/canonicalJson'
import { bundleError, displayName } from './errors'
import { BUNDLE_LIMITS, type BundleLimits } from './limits'
import {
  BUNDLE_FORMAT,
  type BundleManifest,
  ED25519_SIGNATURE,
  manifestSchema,
  SUPPORTED_FORMAT_VERSIONS,
  X25519_SUITE,
} from './manifest'
import { MANIFEST_ENTRY } from './names'
import { decodeUtf8Strict, safeJsonParse } from './safeJson'

const encoder = new TextEncoder()

/** The signed bytes of a manifest: canonical JSON (RFC 8785 subset, shared/util/canonicalJson) in UTF-8. */
export function encodeManifest(manifest: BundleManifest): Uint8Array {
  return encoder.encode(canonicalJson(manifest))
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

/**
 * Decodes and validates manifest bytes (docs/bundle-format.md §4): strict UTF-8, safe JSON, then, in this order,
 * format name, format version (`bundle.unsupported-version`), algorithms (`bundle.unsupported-suite`), the strict
 * schema with its cross-field rules, and finally that the bytes are exactly the canonical encoding (so there is
 * one byte sequence per manifest and no duplicate keys or whitespace can hide in signed bytes).
 */
export function decodeManifest(bytes: Uint8Array, limits: Pick<BundleLimits, 'maxManifestBytes'> = BUNDLE_LIMITS) {
  if (bytes.length > limits.maxManifestBytes) {
    throw bundleError('bundle.too-large', { what: MANIFEST_ENTRY, size: bytes.length, limit: limits.maxManifestBytes })
  }
  const text = decodeUtf8Strict(bytes, MANIFEST_ENTRY)
  const raw = safeJsonParse(text, { file: MANIFEST_ENTRY })
  if (!isObject(raw) || raw.format !== BUNDLE_FORMAT) {
    throw bundleError('bundle.manifest-invalid', { detail: '不是司法救助数据包的清单（format 字段不符）' })
  }
  if (!SUPPORTED_FORMAT_VERSIONS.includes(raw.formatVersion as number)) {
    if (typeof raw.formatVersion === 'number' && Number.isSafeInteger(raw.formatVersion) && raw.formatVersion > 0) {
      throw bundleError('bundle.unsupported-version', {
        version: raw.formatVersion,
        supported: SUPPORTED_FORMAT_VERSIONS.join('、'),
      })
    }
    throw bundleError('bundle.manifest-invalid', { detail: '字段 formatVersion：格式不对' })
  }
  const alg = isObject(raw.sender) ? raw.sender.signatureAlg : undefined
  if (typeof alg === 'string' && alg !== ED25519_SIGNATURE) {
    throw bundleError('bundle.unsupported-suite', { suite: displayName(alg), supported: ED25519_SIGNATURE })
  }
  const suite = isObject(raw.cipher) ? raw.cipher.suite : undefined
  if (typeof suite === 'string' && suite !== X25519_SUITE) {
    throw bundleError('bundle.unsupported-suite', { suite: displayName(suite), supported: X25519_SUITE })
  }
  const parsed = manifestSchema.safeParse(raw)
  if (!parsed.success) throw bundleError('bundle.manifest-invalid', { detail: describeZodError(parsed.error, 1) })
  if (canonicalJson(raw) !== text) {
    throw bundleError('bundle.manifest-invalid', { detail: '清单不是规范化 JSON（键须排序、无空白、无重复键）' })
  }
  return parsed.data
}
