import { createHash } from 'node:crypto'
import { crc32, deflateRawSync } from 'node:zlib'
import fc from 'fast-check'
import { DEFLATE, encodeZip, type RawZipEntry, readZip, STORE } from '../../../../electron/services/bundle/container'
import {
  signWithContext as edSignWithContext,
  encryptPayload,
  privateKeyObject,
  rawPublicKey,
  sha256Hex,
  signManifest,
} from '../../../../electron/services/bundle/crypto'
import { encryptPayloadSm4, newGmPayloadKey, signManifestSm2 } from '../../../../electron/services/bundle/gmCrypto'
import type { OfficeKeys } from '../../../../electron/services/bundle/keys'
import type { OpenOptions } from '../../../../electron/services/bundle/open'
import {
  type BundleFile,
  type PackedBundle,
  packBundle,
  writeBundleContainer,
} from '../../../../electron/services/bundle/pack'
import { sm2Sign } from '../../../../shared/crypto/gm'
import { type BundleManifest, type BundleSuite, CURRENT_SUITE, GM_SUITE } from '../../../../shared/exchange/manifest'
import { tableNameOf } from '../../../../shared/exchange/names'
import { countNdjsonLines, toNdjson } from '../../../../shared/exchange/ndjson'
import { canonicalJson } from '../../../../shared/util/canonicalJson'
import { archiveInput, cityOpens, keys, openInput, sampleFiles, seededRandom, trustOf, units } from '../helpers'

/**
 * Building blocks of the hostile corpus (docs/security-reference.md §2.3 "Tamper matrix", §3.3 "Hostile corpus"): bad bundles derived
 * deterministically (fast-check with fixed seeds, seeded keys) from three good ones —
 *   E: an encrypted archive, district → city (opened by the city);
 *   O: an open transfer from the city (opened by the province);
 *   N: an open enrollment from an office nobody knows yet (opened with the enrollment allowance: the most exposed path).
 * Many cases are re-signed with the real sender key (and re-encrypted to the real receiver), so they get past the
 * outer checks and exercise the deep ones (schema, inner zip, hashes, NDJSON).
 */
export interface HostileCase {
  family: string
  label: string
  bytes: Uint8Array
  opts: OpenOptions
  /** Codes this case may be refused with; empty = any bundle.* code (random mutations). */
  expect: string[]
}

export type BaseName = 'E' | 'O' | 'N'
export interface Base {
  suite: BundleSuite
  packed: PackedBundle
  files: BundleFile[]
  opts: OpenOptions
  signer: OfficeKeys
  encrypted: boolean
}

// biome-ignore lint/suspicious/noExplicitAny: mutation code edits untyped JSON on purpose
export type Json = any

export const enc = (s: string) => new TextEncoder().encode(s)
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v))

const enrollmentFiles = (): BundleFile[] => [
  { name: 'units.ndjson', bytes: toNdjson([{ unitCode: units.otherDistrict.unitCode, phone: '025-00000000' }]) },
]

/**
 * What differs between the suites when the corpus signs, hashes and encrypts (docs/bundle-format.md §6, §6.3): every
 * case is built through these, so the same corpus runs in both suites.
 */
export interface SuiteOps {
  suite: BundleSuite
  /** The manifest's file hash field and its value. */
  hashField: 'sha256' | 'sm3'
  hashHex: (bytes: Uint8Array) => string
  /** `manifest.sig` by these keys over the context-prefixed manifest. */
  sign: (manifestBytes: Uint8Array, signer: OfficeKeys) => string
  /** A signature by these keys over `context ‖ bytes` (wrong contexts). */
  signWithContext: (context: string, bytes: Uint8Array, signer: OfficeKeys) => string
}

export function suiteOps(suite: BundleSuite): SuiteOps {
  if (suite === GM_SUITE) {
    const d = (k: OfficeKeys) => new Uint8Array(Buffer.from(k.sm2SigningPrivateKey ?? '', 'base64'))
    return {
      suite,
      hashField: 'sm3',
      // node:crypto's SM3 (OpenSSL): native speed for the 64 MiB bomb, and a second implementation of the hash
      hashHex: (bytes) => createHash('sm3').update(bytes).digest('hex'),
      sign: (mb, signer) => signManifestSm2(mb, signer.sm2SigningPrivateKey ?? ''),
      signWithContext: (context, bytes, signer) =>
        Buffer.from(sm2Sign(Buffer.concat([Buffer.from(context, 'utf8'), bytes]), d(signer))).toString('base64'),
    }
  }
  return {
    suite,
    hashField: 'sha256',
    hashHex: sha256Hex,
    sign: (mb, signer) => signManifest(mb, signer.signingPrivateKey),
    signWithContext: (context, bytes, signer) => edSignWithContext(context, bytes, signer.signingPrivateKey),
  }
}

export function makeBases(suite: BundleSuite = CURRENT_SUITE): Record<BaseName, Base> {
  return {
    E: {
      suite,
      packed: packBundle(archiveInput({ suite }, 'corpus-e')),
      files: sampleFiles(),
      opts: cityOpens(),
      signer: keys.district,
      encrypted: true,
    },
    O: {
      suite,
      packed: packBundle(openInput({ suite }, 'corpus-o')),
      files: sampleFiles(),
      opts: {
        receiverKeys: keys.province,
        expectedReceiverUnit: units.province.unitCode,
        trustedSenders: trustOf(keys.city),
      },
      signer: keys.city,
      encrypted: false,
    },
    N: {
      suite,
      packed: packBundle(
        openInput(
          {
            suite,
            kind: 'enrollment',
            sender: { keys: keys.otherDistrict, ...units.otherDistrict },
            files: enrollmentFiles(),
            tables: { units: { count: 1 } },
            origins: [],
          },
          'corpus-n',
        ),
      ),
      files: enrollmentFiles(),
      opts: cityOpens({ allowUnknownSenderForEnrollment: true }),
      signer: keys.otherDistrict,
      encrypted: false,
    },
  }
}

export function rawEntry(name: string, bytes: Uint8Array, method: number = STORE): RawZipEntry {
  return {
    name,
    method,
    data: method === DEFLATE ? deflateRawSync(bytes) : bytes,
    crc32: crc32(bytes),
    size: bytes.length,
  }
}

export interface CraftSpec {
  /** Plaintext files the manifest describes (default: the base's files). */
  files?: BundleFile[]
  /** Change the manifest object after hashes are filled in (the result is signed unless `signature` is given). */
  mutate?: (m: Json) => void
  /** Change the manifest bytes after canonical encoding. */
  manifestBytes?: (bytes: Uint8Array) => Uint8Array
  /** Signature text instead of a valid signature by the real sender. */
  signature?: (manifestBytes: Uint8Array) => string
  /** Inner zip entries instead of the files (the manifest still describes `files`). */
  innerEntries?: RawZipEntry[]
  innerZip?: Uint8Array
  /** Payload entry bytes instead of the (encrypted) inner zip. */
  payload?: Uint8Array
  /** The current suite's encryption key of the office to encrypt to (its SM2 key in the 国密 suite). */
  encryptTo?: string
  /** Outer entries instead of the canonical three. */
  outer?: (parts: { manifestBytes: Uint8Array; signature: string; payload: Uint8Array }) => RawZipEntry[]
}

let ephemeralCounter = 0

export function makeCrafter(bases: Record<BaseName, Base>) {
  return function craft(baseName: BaseName, spec: CraftSpec = {}): Uint8Array {
    const base = bases[baseName]
    const ops = suiteOps(base.suite)
    const files = [...(spec.files ?? base.files)].sort((a, b) => (a.name < b.name ? -1 : 1))
    const m = clone(base.packed.manifest) as Json
    m.files = files.map((f) => ({ name: f.name, size: f.bytes.length, [ops.hashField]: ops.hashHex(f.bytes) }))
    m.tables = Object.fromEntries(
      files.filter((f) => tableNameOf(f.name)).map((f) => [tableNameOf(f.name), { count: countNdjsonLines(f.bytes) }]),
    )
    const random = seededRandom(`eph/${ephemeralCounter++}`)
    const gm = base.suite === GM_SUITE
    const eph = base.encrypted && !gm ? privateKeyObject('x25519', random(32)) : null
    if (eph) m.cipher = { ...m.cipher, ephemeralPublicKey: rawPublicKey(eph) }
    // 国密: a fresh SM4 key sealed to the receiver's SM2 key (the office whose current-suite key `encryptTo` names)
    const to = Object.values(keys).find((k) => k.encryptionKey === (spec.encryptTo ?? keys.city.encryptionKey))
    const gmKey = base.encrypted && gm && to?.sm2EncryptionKey ? newGmPayloadKey(random, to.sm2EncryptionKey) : null
    if (gmKey) {
      m.cipher = { ...m.cipher, iv: gmKey.iv, envelopes: [{ sm2KeyId: keys.city.sm2KeyId, envelope: gmKey.envelope }] }
    }
    spec.mutate?.(m)
    let manifestBytes: Uint8Array = enc(canonicalJson(m))
    if (spec.manifestBytes) manifestBytes = spec.manifestBytes(manifestBytes)
    const signature = spec.signature ? spec.signature(manifestBytes) : ops.sign(manifestBytes, base.signer)
    const method = base.encrypted ? DEFLATE : STORE
    const innerZip =
      spec.innerZip ?? encodeZip(spec.innerEntries ?? files.map((f) => rawEntry(f.name, f.bytes, method)))
    let payload = spec.payload
    if (!payload && (eph || gmKey)) {
      try {
        payload = gmKey
          ? encryptPayloadSm4({ plaintext: innerZip, manifest: m, manifestBytes, key: gmKey.key })
          : encryptPayload({
              plaintext: innerZip,
              manifest: m as BundleManifest,
              manifestBytes,
              ephemeralPrivateKey: eph!,
              receiverEncryptionKey: spec.encryptTo ?? keys.city.encryptionKey,
            })
      } catch {
        payload = seededRandom('junk-payload')(innerZip.length + 16)
      }
    }
    payload ??= innerZip
    const parts = { manifestBytes, signature, payload }
    return spec.outer ? encodeZip(spec.outer(parts)) : writeBundleContainer({ ...parts, encrypted: base.encrypted })
  }
}

export function sample<T>(arb: fc.Arbitrary<T>, seed: number, numRuns: number): T[] {
  return fc.sample(arb, { seed, numRuns })
}

export function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice()
  out[bit >> 3] ^= 1 << (bit & 7)
  return out
}

/** The three outer entries of a base bundle as raw entries (to reorder, rename, duplicate …). */
export function outerEntries(base: Base): RawZipEntry[] {
  const bytes = base.packed.bytes
  return readZip(bytes, { layer: 'outer', maxEntries: 3, allowDeflate: false }).map((e) =>
    rawEntry(e.name, bytes.slice(e.dataOffset, e.dataOffset + e.compressedSize)),
  )
}

export type AddCase = (
  family: string,
  label: string,
  base: BaseName,
  bytes: Uint8Array,
  expect?: string[],
  opts?: OpenOptions,
) => void

/** What every family generator gets. */
export interface CorpusContext extends SuiteOps {
  bases: Record<BaseName, Base>
  craft: ReturnType<typeof makeCrafter>
  add: AddCase
  outerOf: (b: BaseName) => RawZipEntry[]
}

export function readPayload(bytes: Uint8Array): Uint8Array {
  const p = readZip(bytes, { layer: 'outer', maxEntries: 3, allowDeflate: false })[2]
  return bytes.slice(p.dataOffset, p.dataOffset + p.compressedSize)
}

export function fakeEndRecord(count: number): Uint8Array {
  const b = Buffer.alloc(22)
  b.writeUInt32LE(0x06054b50, 0)
  b.writeUInt16LE(count & 0xffff, 8)
  b.writeUInt16LE(count & 0xffff, 10)
  return b
}

/** Adds the group order L to S (the upper half of an Ed25519 signature): same signature, non-canonical S. */
export function malleate(sigB64: string): string {
  const sig = Buffer.from(sigB64, 'base64')
  const L = Buffer.from('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010', 'hex')
  let carry = 0
  for (let i = 0; i < 32; i++) {
    const v = sig[32 + i] + L[i] + carry
    sig[32 + i] = v & 0xff
    carry = v >> 8
  }
  return sig.toString('base64')
}

export function reorder(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reorder)
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, reorder(x)]),
    )
  }
  return v
}

export function get(o: Json, path: string): Json {
  return path.split('.').reduce((x, k) => x[k], o)
}

export function set(o: Json, path: string, v: unknown): void {
  const parts = path.split('.')
  const parent = parts.slice(0, -1).reduce((x, k) => x[k], o)
  parent[parts[parts.length - 1]] = v
}
