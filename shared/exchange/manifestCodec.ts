import { describeZodError } from '../errors/zodProblems'
import { canonicalJson } from '../util/canonicalJson'
import { bundleError, displayName } from './errors'
import { BUNDLE_LIMITS, type BundleLimits } from './limits'
import {
  BUNDLE_FORMAT,
  type BundleManifest,
  bundleSuites,
  CURRENT_SUITE,
  ED25519_SIGNATURE,
  GM_SUITE,
  manifestSchemaFor,
  SM2_SIGNATURE,
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
  const suite = checkSuite(raw)
  const parsed = manifestSchemaFor(suite).safeParse(raw)
  if (!parsed.success) throw bundleError('bundle.manifest-invalid', { detail: describeZodError(parsed.error, 1) })
  if (canonicalJson(raw) !== text) {
    throw bundleError('bundle.manifest-invalid', { detail: '清单不是规范化 JSON（键须排序、无空白、无重复键）' })
  }
  return parsed.data as BundleManifest
}

/** What each suite signs with and encrypts with (docs/bundle-format.md §6). */
const SUITE_PARTS = {
  [CURRENT_SUITE]: { signatureAlg: ED25519_SIGNATURE, cipher: X25519_SUITE },
  [GM_SUITE]: { signatureAlg: SM2_SIGNATURE, cipher: GM_SUITE },
} as const

/**
 * The manifest's suite, before the schema: an unknown suite, signature algorithm or cipher is
 * `bundle.unsupported-suite`; parts of the two known suites mixed in one manifest (an SM2 suite with an Ed25519
 * sender or an X25519 cipher, or the reverse) is `bundle.suite-mixed` — one suite per bundle, named and signed.
 */
function checkSuite(raw: Record<string, unknown>): (typeof bundleSuites)[number] {
  const named = raw.suite
  if (named !== undefined && !bundleSuites.includes(named as never)) {
    throw bundleError('bundle.unsupported-suite', {
      suite: displayName(String(named)),
      supported: bundleSuites.join('、'),
    })
  }
  const alg = isObject(raw.sender) ? raw.sender.signatureAlg : undefined
  const knownAlgs: unknown[] = [ED25519_SIGNATURE, SM2_SIGNATURE]
  if (typeof alg === 'string' && !knownAlgs.includes(alg)) {
    throw bundleError('bundle.unsupported-suite', { suite: displayName(alg), supported: knownAlgs.join('、') })
  }
  const cipher = isObject(raw.cipher) ? raw.cipher.suite : undefined
  const knownCiphers: unknown[] = [X25519_SUITE, GM_SUITE]
  if (typeof cipher === 'string' && !knownCiphers.includes(cipher)) {
    throw bundleError('bundle.unsupported-suite', { suite: displayName(cipher), supported: knownCiphers.join('、') })
  }
  const suite = named === GM_SUITE ? GM_SUITE : CURRENT_SUITE
  const parts = SUITE_PARTS[suite]
  const mixed =
    (typeof alg === 'string' && alg !== parts.signatureAlg) || (typeof cipher === 'string' && cipher !== parts.cipher)
  if (mixed) {
    throw bundleError('bundle.suite-mixed', {
      suite,
      parts: [alg, cipher].filter((v) => typeof v === 'string').join('、'),
    })
  }
  return suite
}
