import { crc32, deflateRawSync } from 'node:zlib'
import fc from 'fast-check'
import { DEFLATE, encodeZip, type RawZipEntry, readZip, STORE } from '../../../electron/services/bundle/container'
import {
  encryptPayload,
  privateKeyObject,
  rawPublicKey,
  sha256Hex,
  signManifest,
  signWithContext,
} from '../../../electron/services/bundle/crypto'
import type { OfficeKeys } from '../../../electron/services/bundle/keys'
import type { OpenOptions } from '../../../electron/services/bundle/open'
import { type BundleFile, type PackedBundle, packBundle, writeBundleContainer } from '../../../electron/services/bundle/pack'
import type { BundleManifest } from '../../../shared/exchange/manifest'
import { tableNameOf } from '../../../shared/exchange/names'
import { countNdjsonLines, toNdjson } from '../../../shared/exchange/ndjson'
import { canonicalJson } from '../../../shared/util/canonicalJson'
import { archiveInput, cityOpens, keys, openInput, sampleFiles, seededRandom, trustOf, units } from './helpers'

/**
 * The hostile corpus (security.md §2.3 "Tamper matrix", §3.3 "Hostile corpus"): bad bundles derived
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

type BaseName = 'E' | 'O' | 'N'
interface Base {
  packed: PackedBundle
  files: BundleFile[]
  opts: OpenOptions
  signer: OfficeKeys
  encrypted: boolean
}

const enc = (s: string) => new TextEncoder().encode(s)
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v))

const enrollmentFiles = (): BundleFile[] => [
  { name: 'units.ndjson', bytes: toNdjson([{ unitCode: units.otherDistrict.unitCode, phone: '025-00000000' }]) },
]

function makeBases(): Record<BaseName, Base> {
  return {
    E: {
      packed: packBundle(archiveInput({}, 'corpus-e')),
      files: sampleFiles(),
      opts: cityOpens(),
      signer: keys.district,
      encrypted: true,
    },
    O: {
      packed: packBundle(openInput({}, 'corpus-o')),
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
      packed: packBundle(
        openInput(
          {
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
  mutate?: (m: Record<string, any>) => void
  /** Change the manifest bytes after canonical encoding. */
  manifestBytes?: (bytes: Uint8Array) => Uint8Array
  /** Signature text instead of a valid signature by the real sender. */
  signature?: (manifestBytes: Uint8Array) => string
  /** Inner zip entries instead of the files (the manifest still describes `files`). */
  innerEntries?: RawZipEntry[]
  innerZip?: Uint8Array
  /** Payload entry bytes instead of the (encrypted) inner zip. */
  payload?: Uint8Array
  encryptTo?: string
  /** Outer entries instead of the canonical three. */
  outer?: (parts: { manifestBytes: Uint8Array; signature: string; payload: Uint8Array }) => RawZipEntry[]
}

let ephemeralCounter = 0

export function makeCrafter(bases: Record<BaseName, Base>) {
  return function craft(baseName: BaseName, spec: CraftSpec = {}): Uint8Array {
    const base = bases[baseName]
    const files = [...(spec.files ?? base.files)].sort((a, b) => (a.name < b.name ? -1 : 1))
    const m = clone(base.packed.manifest) as Record<string, any>
    m.files = files.map((f) => ({ name: f.name, size: f.bytes.length, sha256: sha256Hex(f.bytes) }))
    m.tables = Object.fromEntries(
      files.filter((f) => tableNameOf(f.name)).map((f) => [tableNameOf(f.name), { count: countNdjsonLines(f.bytes) }]),
    )
    const eph = base.encrypted ? privateKeyObject('x25519', seededRandom(`eph/${ephemeralCounter++}`)(32)) : null
    if (eph) m.cipher = { ...m.cipher, ephemeralPublicKey: rawPublicKey(eph) }
    spec.mutate?.(m)
    let manifestBytes: Uint8Array = enc(canonicalJson(m))
    if (spec.manifestBytes) manifestBytes = spec.manifestBytes(manifestBytes)
    const signature = spec.signature
      ? spec.signature(manifestBytes)
      : signManifest(manifestBytes, base.signer.signingPrivateKey)
    const method = base.encrypted ? DEFLATE : STORE
    const innerZip = spec.innerZip ?? encodeZip(spec.innerEntries ?? files.map((f) => rawEntry(f.name, f.bytes, method)))
    let payload = spec.payload
    if (!payload && eph) {
      try {
        payload = encryptPayload({
          plaintext: innerZip,
          manifest: m as BundleManifest,
          manifestBytes,
          ephemeralPrivateKey: eph,
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

function sample<T>(arb: fc.Arbitrary<T>, seed: number, numRuns: number): T[] {
  return fc.sample(arb, { seed, numRuns })
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice()
  out[bit >> 3] ^= 1 << (bit & 7)
  return out
}

/** Builds the whole corpus; deterministic for a given code base. */
export function buildHostileCorpus(): { cases: HostileCase[]; controls: { label: string; bytes: Uint8Array; opts: OpenOptions }[] } {
  const bases = makeBases()
  const craft = makeCrafter(bases)
  const cases: HostileCase[] = []
  const add = (family: string, label: string, base: BaseName, bytes: Uint8Array, expect: string[] = [], opts?: OpenOptions) =>
    cases.push({ family, label, bytes, opts: opts ?? bases[base].opts, expect })

  // ---- random tampering of whole files --------------------------------------------------------------------------
  const flips: [BaseName, number, number][] = [
    ['E', 500, 1],
    ['O', 250, 2],
    ['N', 150, 3],
  ]
  for (const [b, n, seed] of flips) {
    const bytes = bases[b].packed.bytes
    for (const bit of sample(fc.nat({ max: bytes.length * 8 - 1 }), seed, n)) {
      add('bit flip', `${b} bit ${bit}`, b, flipBit(bytes, bit))
    }
  }
  const cuts: [BaseName, number, number][] = [
    ['E', 150, 4],
    ['O', 75, 5],
    ['N', 25, 6],
  ]
  for (const [b, n, seed] of cuts) {
    const bytes = bases[b].packed.bytes
    for (const len of sample(fc.nat({ max: bytes.length - 1 }), seed, n)) {
      add('truncation', `${b} cut at ${len}`, b, bytes.slice(0, len))
    }
  }
  for (const [i, [b, junk]] of sample(
    fc.tuple(fc.constantFrom<BaseName>('E', 'O', 'N'), fc.uint8Array({ minLength: 1, maxLength: 64 })),
    7,
    20,
  ).entries()) {
    const bytes = bases[b].packed.bytes
    add('junk', `${b} appended ${junk.length} bytes`, b, Buffer.concat([bytes, junk]))
    if (i < 10) add('junk', `${b} prepended ${junk.length} bytes`, b, Buffer.concat([junk, bytes]))
  }
  for (const [b, at, len, other] of sample(
    fc.tuple(fc.constantFrom<BaseName>('E', 'O', 'N'), fc.nat(), fc.integer({ min: 1, max: 64 }), fc.nat()),
    8,
    40,
  )) {
    const src = bases[b].packed.bytes
    const out = src.slice()
    const p = at % (src.length - len)
    const q = other % (src.length - len)
    out.set(src.subarray(q, q + len), p)
    out.set(src.subarray(p, p + len), q)
    if (Buffer.compare(out, src) === 0) out.fill(0, p, p + len)
    add('chunk swap/zero', `${b} swap ${len} bytes ${p}↔${q}`, b, out)
  }

  // ---- outer container: order, duplicates, extra and missing entries, names, methods, sizes -------------------
  const outerOf = (b: BaseName) => {
    const bytes = bases[b].packed.bytes
    return readZip(bytes, { layer: 'outer', maxEntries: 3, allowDeflate: false }).map((e) => {
      const data = bytes.slice(e.dataOffset, e.dataOffset + e.compressedSize)
      return rawEntry(e.name, data)
    })
  }
  for (const b of ['E', 'O', 'N'] as BaseName[]) {
    const [m, s, p] = outerOf(b)
    const entryCases: [string, RawZipEntry[], string[]][] = [
      ['order sig,manifest,payload', [s, m, p], ['bundle.unexpected-entry']],
      ['order payload first', [p, m, s], ['bundle.unexpected-entry']],
      ['order manifest,payload,sig', [m, p, s], ['bundle.unexpected-entry']],
      ['order payload,sig,manifest', [p, s, m], ['bundle.unexpected-entry']],
      ['order sig,payload,manifest', [s, p, m], ['bundle.unexpected-entry']],
      ['manifest twice', [m, m, p], ['bundle.duplicate-entry']],
      ['signature twice', [m, s, s], ['bundle.duplicate-entry']],
      ['payload twice (4 entries)', [m, s, p, p], ['bundle.too-many-entries']],
      ['no signature', [m, p], ['bundle.unexpected-entry']],
      ['no manifest', [s, p], ['bundle.unexpected-entry']],
      ['no payload', [m, s], ['bundle.unexpected-entry']],
      ['empty archive', [], ['bundle.unexpected-entry']],
      ['extra.txt added', [m, s, p, rawEntry('extra.txt', enc('x'))], ['bundle.too-many-entries']],
      ['extra replaces payload', [m, s, rawEntry('readme.txt', enc('x'))], ['bundle.unexpected-entry']],
      [
        'other payload kind',
        [m, s, { ...p, name: b === 'E' ? 'payload.zip' : 'payload.bin' }],
        ['bundle.unexpected-entry'],
      ],
      ['manifest deflated', [rawEntry(m.name, m.data, DEFLATE), s, p], ['bundle.corrupt']],
      ['payload deflated', [m, s, rawEntry(p.name, p.data, DEFLATE)], ['bundle.corrupt']],
      [
        'outer deflate bomb as payload',
        [m, s, { name: p.name, method: DEFLATE, data: deflateRawSync(Buffer.alloc(8 << 20)), crc32: 0, size: 8 << 20 }],
        ['bundle.corrupt'],
      ],
      ['manifest size lie', [{ ...m, size: m.size + 1 }, s, p], ['bundle.corrupt']],
      ['payload crc lie', [m, s, { ...p, crc32: (p.crc32 + 1) >>> 0 }], ['bundle.corrupt']],
    ]
    for (const [label, entries, expect] of entryCases) add('outer entries', `${b} ${label}`, b, encodeZip(entries), expect)
    const badNames = [
      '../manifest.json',
      '/etc/passwd',
      'a\\b',
      '__proto__.ndjson',
      'C:\\x',
      'C:/Windows/win.ini',
      'manifest.json\u0000',
      'MANIFEST.JSON',
      'manifest.json ',
      'm\u0430nifest.json',
      './manifest.json',
      '..',
      'manifest.json/',
      '\\\\server\\share\\x',
    ]
    for (const [slot, entry] of [m, s, p].entries()) {
      for (const name of badNames) {
        const list = [m, s, p]
        list[slot] = { ...entry, name }
        add('outer entry names', `${b} slot ${slot} ${JSON.stringify(name)}`, b, encodeZip(list), [
          'bundle.bad-entry-name',
          'bundle.unexpected-entry',
          'bundle.duplicate-entry',
        ])
      }
    }
    add('oversized', `${b} manifest over 4 MiB`, b, encodeZip([rawEntry(m.name, new Uint8Array((4 << 20) + 1).fill(0x20)), s, p]), [
      'bundle.too-large',
    ])
    add('oversized', `${b} signature entry of 4 KiB`, b, encodeZip([m, rawEntry(s.name, new Uint8Array(4096).fill(0x41)), p]), [
      'bundle.too-large',
    ])
  }

  // ---- forged and malformed signatures ---------------------------------------------------------------------------
  const otherSig = (b: BaseName) => {
    const [, s] = outerOf(b === 'E' ? 'O' : 'E')
    return Buffer.from(s.data).toString('latin1')
  }
  for (const b of ['E', 'O', 'N'] as BaseName[]) {
    const sigCases: [string, (mb: Uint8Array) => string][] = [
      ['signed by the attacker key', (mb) => signManifest(mb, keys.attacker.signingPrivateKey)],
      ['signed by the receiver', (mb) => signManifest(mb, keys.city.signingPrivateKey)],
      ['signed by the province', (mb) => signManifest(mb, keys.province.signingPrivateKey)],
      ['signature without the context prefix', (mb) => signWithContext('', mb, bases[b].signer.signingPrivateKey)],
      ['signature in the rotation context', (mb) => signWithContext('jiuzhu-key-rotation-v1\0', mb, bases[b].signer.signingPrivateKey)],
      ['signature of another bundle', () => otherSig(b)],
      ['empty signature', () => ''],
      ['all-zero signature', () => Buffer.alloc(64).toString('base64')],
      ['63-byte signature', (mb) => Buffer.from(signManifest(mb, bases[b].signer.signingPrivateKey), 'base64').subarray(0, 63).toString('base64')],
      ['signature with trailing newline', (mb) => `${signManifest(mb, bases[b].signer.signingPrivateKey)}\n`],
      ['signature in hex', (mb) => Buffer.from(signManifest(mb, bases[b].signer.signingPrivateKey), 'base64').toString('hex')],
      ['non-canonical base64 padding', (mb) => signManifest(mb, bases[b].signer.signingPrivateKey).replace(/(.)==$/, (_, c) => `${c === 'A' ? 'B' : String.fromCharCode(c.charCodeAt(0) + 1)}==`)],
      ['signature with S + L (malleated)', (mb) => malleate(signManifest(mb, bases[b].signer.signingPrivateKey))],
    ]
    for (const [label, signature] of sigCases) add('forged signature', `${b} ${label}`, b, craft(b, { signature }), ['bundle.bad-signature'])
    for (const seed of sample(fc.uint8Array({ minLength: 64, maxLength: 64 }), 9, 10)) {
      add('forged signature', `${b} random signature`, b, craft(b, { signature: () => Buffer.from(seed).toString('base64') }), [
        'bundle.bad-signature',
      ])
    }
  }

  // ---- senders and receivers --------------------------------------------------------------------------------------
  for (let i = 0; i < 10; i++) {
    const fake = packBundle(archiveInput({ sender: { keys: keys.attacker, ...units.district } }, `fake-${i}`))
    add('unknown sender', `attacker keys under the district's code #${i}`, 'E', fake.bytes, ['bundle.unknown-sender'])
    const sibling = packBundle(archiveInput({ sender: { keys: keys.otherDistrict, ...units.otherDistrict } }, `sib-${i}`))
    add('unknown sender', `sibling office not in the directory #${i}`, 'E', sibling.bytes, ['bundle.unknown-sender'])
    add('unknown sender', `archive from unknown office with the enrollment allowance #${i}`, 'E', sibling.bytes, ['bundle.unknown-sender'], cityOpens({ allowUnknownSenderForEnrollment: true }))
    const enrol = bases.N.packed.bytes
    add('unknown sender', `enrollment without the allowance #${i}`, 'N', enrol, ['bundle.unknown-sender'], cityOpens())
    const lying = () => ({ keyId: keys.district.keyId, signingKey: keys.district.signingKey, encryptionKey: keys.province.encryptionKey })
    add('unknown sender', `directory disagrees with the manifest keys #${i}`, 'E', bases.E.packed.bytes, ['bundle.unknown-sender'], cityOpens({ trustedSenders: lying }))
  }
  for (let i = 0; i < 10; i++) {
    const toOther = packBundle(archiveInput({ receiver: { unitCode: units.otherDistrict.unitCode, keys: keys.otherDistrict } }, `other-${i}`))
    add('wrong receiver', `bundle for another district #${i}`, 'E', toOther.bytes, ['bundle.wrong-receiver'])
    const toProvince = packBundle(archiveInput({ receiver: { unitCode: units.province.unitCode, keys: keys.province } }, `prov-${i}`))
    add('wrong receiver', `bundle for the province #${i}`, 'E', toProvince.bytes, ['bundle.wrong-receiver'])
    add('wrong receiver', `city bundle opened by another district #${i}`, 'E', bases.E.packed.bytes, ['bundle.wrong-receiver'], {
      receiverKeys: keys.otherDistrict,
      expectedReceiverUnit: units.otherDistrict.unitCode,
      trustedSenders: trustOf(keys.district),
    })
    add('wrong receiver', `city bundle opened with a key the city no longer holds #${i}`, 'E', bases.E.packed.bytes, ['bundle.receiver-key-unknown'], cityOpens({ receiverKeys: keys.province }))
    // the manifest names the city, but the payload was encrypted to the province's key (signed by the real sender)
    add('wrong receiver', `encrypted to another office's key #${i}`, 'E', craft('E', { encryptTo: keys.province.encryptionKey }), ['bundle.decrypt-failed'])
  }

  // ---- decryption -------------------------------------------------------------------------------------------------
  const [, , eOuterPayload] = outerOf('E')
  const decryptCases: [string, CraftSpec][] = [
    ['payload of another bundle', { payload: readPayload(packBundle(archiveInput({}, 'splice')).bytes) }],
    ['payload shorter than the tag', { payload: new Uint8Array(15) }],
    ['empty payload', { payload: new Uint8Array(0) }],
    ['payload tag flipped', { payload: flipBit(eOuterPayload.data, eOuterPayload.data.length * 8 - 3) }],
    ['ephemeral key replaced by the all-zero point', { mutate: (m) => { m.cipher.ephemeralPublicKey = Buffer.alloc(32).toString('base64') } }],
    ['ephemeral key replaced by a low-order point', { mutate: (m) => { m.cipher.ephemeralPublicKey = Buffer.concat([Buffer.from([1]), Buffer.alloc(31)]).toString('base64') } }],
    ['IV changed after encryption', { manifestBytes: (mb) => enc(Buffer.from(mb).toString().replace(/"iv":"(.)/, (_, c) => `"iv":"${c === 'A' ? 'B' : 'A'}`)) }],
    ['bundle id changed (KDF info) after encryption', { manifestBytes: (mb) => enc(Buffer.from(mb).toString().replace(/"bundleId":"(.{25})(.)/, (_, a, c) => `"bundleId":"${a}${c === '0' ? '1' : '0'}`)) }],
    ['random bytes as payload', { payload: seededRandom('rand-payload')(4000) }],
  ]
  for (const [label, spec] of decryptCases) add('decryption', `E ${label}`, 'E', craft('E', spec), ['bundle.decrypt-failed'])

  // ---- manifest schema violations (signed by the real sender) ----------------------------------------------------
  const schemaCases: [string, (m: Record<string, any>) => void, string[]?][] = []
  const required = ['format', 'formatVersion', 'bundleId', 'kind', 'createdAt', 'sender', 'receiver', 'channelSeq', 'prevBundleHash', 'origins', 'tables', 'auditHead', 'files', 'cipher']
  for (const k of required) schemaCases.push([`missing ${k}`, (m) => delete m[k]])
  for (const [path, v] of [
    ['', 1], ['sender', 1], ['receiver', 1], ['auditHead', 1], ['origins.0', 1], ['files.0', 1], ['tables.cases', 1], ['cipher', 1],
  ] as [string, number][]) {
    schemaCases.push([`unknown field in ${path || 'root'}`, (m) => { (path ? get(m, path) : m).zzExtra = v }])
  }
  const wrong: [string, unknown][] = [
    ['bundleId', 'not-a-ulid'], ['bundleId', '01hq3z8v6x2n4r7t9w0y1a2b3c'], ['kind', 'backup'], ['kind', 'Archive'], ['createdAt', '2026-03-02 08:30:00'],
    ['createdAt', '2026-13-02T08:30:00Z'], ['channelSeq', 0], ['channelSeq', -1], ['channelSeq', 1.5], ['channelSeq', 2 ** 31], ['channelSeq', '7'],
    ['prevBundleHash', 'A'.repeat(64)], ['prevBundleHash', 'a'.repeat(63)], ['prevBundleHash', ''], ['origins', {}], ['tables', []], ['files', {}],
    ['auditHead.seq', -1], ['auditHead.hash', 'x'], ['sender.unitCode', '32010'], ['sender.unitCode', 320102], ['sender.unitName', ''],
    ['sender.unitName', '检'.repeat(61)], ['sender.level', 'county'], ['sender.signingKey', 'abc'], ['sender.keyId', 'ILOU0000000000000000'],
    ['receiver.unitCode', '3201000'], ['receiver.keyId', ''], ['cipher.iv', 'AAAA'], ['cipher.ephemeralPublicKey', 'x'.repeat(44)],
    ['tables.cases.count', -1], ['tables.cases.count', 1e10], ['tables.cases.totals', { amountFen: -5 }], ['files.0.size', -1],
    ['files.0.sha256', 'z'.repeat(64)], ['files.0.name', '../cases.ndjson'], ['files.0.name', '/etc/passwd'], ['files.0.name', 'a\\b.ndjson'],
    ['files.0.name', '__proto__.ndjson'], ['files.0.name', 'constructor.ndjson'], ['files.0.name', 'attachments/../../etc'], ['generator', ''],
    ['generator', 'x'.repeat(81)], ['format', 'jiuzhu-bundl'], ['formatVersion', '1'], ['formatVersion', 0], ['formatVersion', 1.5],
  ]
  for (const [path, v] of wrong) schemaCases.push([`${path} = ${JSON.stringify(v).slice(0, 30)}`, (m) => set(m, path, v)])
  schemaCases.push(
    ['formatVersion 2', (m) => { m.formatVersion = 2 }, ['bundle.unsupported-version']],
    ['formatVersion 999', (m) => { m.formatVersion = 999 }, ['bundle.unsupported-version']],
    ['cipher suite sm2-sm3-sm4 (reserved)', (m) => { m.cipher.suite = 'sm2-sm3-sm4' }, ['bundle.unsupported-suite']],
    ['cipher suite aes128', (m) => { m.cipher.suite = 'aes128-gcm' }, ['bundle.unsupported-suite']],
    ['signature alg sm2-sm3 (reserved)', (m) => { m.sender.signatureAlg = 'sm2-sm3' }, ['bundle.unsupported-suite']],
    ['signature alg rsa', (m) => { m.sender.signatureAlg = 'rsa' }, ['bundle.unsupported-suite']],
    ['archive sent unencrypted', (m) => { m.cipher = null; m.receiver = null }],
    ['receiver without cipher', (m) => { m.cipher = null }],
    ['cipher without receiver', (m) => { m.receiver = null }],
    ['sender equals receiver', (m) => { m.receiver.unitCode = m.sender.unitCode }],
    ['sender key id not derived from the keys', (m) => { m.sender.keyId = keys.city.keyId }],
    ['sender signing key of another office', (m) => { m.sender.signingKey = keys.attacker.signingKey }],
    ['files unsorted', (m) => { m.files.reverse() }],
    ['file listed twice', (m) => { m.files.push(m.files[0]) }],
    ['files differing only in case', (m) => { m.files.push({ ...m.files[1], name: 'Cases.ndjson' }) }],
    ['table summary without file', (m) => { m.tables.extra = { count: 0 } }],
    ['file without table summary', (m) => { delete m.tables.cases }],
    ['reserved table name', (m) => { m.tables.toString = { count: 0 } }],
    ['origins unsorted', (m) => { m.origins = [{ unitCode: '320104', revFrom: 1, revTo: 2 }, { unitCode: '320102', revFrom: 1, revTo: 2 }] }],
    ['origin revFrom > revTo', (m) => { m.origins[0].revFrom = 999 }],
    ['10 001 files', (m) => { m.files = Array.from({ length: 10_001 }, (_, i) => ({ name: `attachments/${String(i).padStart(10, '0')}`, size: 1, sha256: 'a'.repeat(64) })); m.tables = {} }],
    ['65 tables', (m) => { for (let i = 0; i < 65; i++) m.tables[`t${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`] = { count: 0 } }],
  )
  for (const [label, mutate, expect] of schemaCases) {
    add('manifest schema', `E ${label}`, 'E', craft('E', { mutate }), expect ?? ['bundle.manifest-invalid', 'bundle.unsupported-version', 'bundle.unsupported-suite'])
  }
  for (const [label, mutate] of [
    ['enrollment encrypted', (m: Record<string, any>) => { m.receiver = { unitCode: '320100', keyId: keys.city.keyId } }],
    ['enrollment with cipher only', (m: Record<string, any>) => { m.cipher = { suite: 'x25519-hkdf-sha256-aes256gcm', ephemeralPublicKey: keys.city.encryptionKey, iv: 'AAAAAAAAAAAAAAAA' } }],
    ['enrollment kind changed to archive', (m: Record<string, any>) => { m.kind = 'archive' }],
  ] as const) {
    add('manifest schema', `N ${label}`, 'N', craft('N', { mutate }), ['bundle.manifest-invalid', 'bundle.unexpected-entry'])
  }

  // ---- manifest bytes: not canonical, not JSON, pollution attempts ---------------------------------------------
  const text = (mb: Uint8Array) => Buffer.from(mb).toString('utf8')
  const byteCases: [string, (mb: Uint8Array) => Uint8Array, string[]][] = [
    ['pretty-printed', (mb) => enc(JSON.stringify(JSON.parse(text(mb)), null, 2)), ['bundle.manifest-invalid']],
    ['keys in insertion order', (mb) => enc(JSON.stringify(reorder(JSON.parse(text(mb))))), ['bundle.manifest-invalid']],
    ['duplicate key (second wins in JSON.parse)', (mb) => enc(text(mb).replace('"channelSeq":7', '"channelSeq":1,"channelSeq":7')), ['bundle.manifest-invalid']],
    ['escaped characters', (mb) => enc(text(mb).replace('"kind":"archive"', '"kind":"\\u0061rchive"')), ['bundle.manifest-invalid']],
    ['trailing newline', (mb) => enc(`${text(mb)}\n`), ['bundle.manifest-invalid']],
    ['BOM', (mb) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), mb]), ['bundle.bad-json']],
    ['invalid UTF-8', (mb) => Buffer.concat([mb.subarray(0, 10), Buffer.from([0xc3, 0x28]), mb.subarray(10)]), ['bundle.bad-json']],
    ['UTF-16', (mb) => Buffer.from(text(mb), 'utf16le'), ['bundle.bad-json']],
    ['not JSON', () => enc('manifest'), ['bundle.bad-json']],
    ['empty', () => new Uint8Array(0), ['bundle.bad-json']],
    ['JSON array', () => enc('[]'), ['bundle.manifest-invalid']],
    ['JSON null', () => enc('null'), ['bundle.manifest-invalid']],
    ['__proto__ at root', (mb) => enc(text(mb).replace('{', '{"__proto__":{"polluted":true},')), ['bundle.bad-json']],
    ['escaped __proto__', (mb) => enc(text(mb).replace('{', '{"\\u005f_proto__":{"polluted":true},')), ['bundle.bad-json']],
    ['constructor.prototype in sender', (mb) => enc(text(mb).replace('"sender":{', '"sender":{"constructor":{"prototype":{"polluted":true}},')), ['bundle.bad-json']],
    ['depth 100 in generator', (mb) => enc(text(mb).replace(/"generator":"[^"]*"/, `"generator":${'['.repeat(100)}${']'.repeat(100)}`)), ['bundle.bad-json']],
    ['number 1e999', (mb) => enc(text(mb).replace('"channelSeq":7', '"channelSeq":1e999')), ['bundle.bad-json']],
    ['string of 100 000 characters', (mb) => enc(text(mb).replace(/"generator":"[^"]*"/, `"generator":"${'x'.repeat(100_000)}"`)), ['bundle.bad-json']],
  ]
  for (const [label, manifestBytes, expect] of byteCases) add('manifest bytes', `E ${label}`, 'E', craft('E', { manifestBytes }), expect)

  // ---- payload files: extra, missing, names, hashes, sizes (signed and encrypted by the real sender) ------------
  const files = bases.E.files
  const ndjson = (name: string, rows: unknown[]) => ({ name, bytes: toNdjson(rows) })
  const extraFiles: BundleFile[] = [
    ndjson('extra.ndjson', [{ a: 1 }]),
    { name: 'attachments/ABCDEFGHIJK', bytes: enc('blob') },
    ndjson('casesCopy.ndjson', [{ a: 1 }]),
  ]
  for (const b of ['E', 'O', 'N'] as BaseName[]) {
    const baseFiles = bases[b].files
    const method = bases[b].encrypted ? DEFLATE : STORE
    const entriesOf = (list: BundleFile[]) => list.map((f) => rawEntry(f.name, f.bytes, method))
    for (const extra of extraFiles) {
      add('payload files', `${b} unlisted ${extra.name}`, b, craft(b, { innerEntries: entriesOf([...baseFiles, extra]) }), ['bundle.file-extra'])
    }
    add('payload files', `${b} listed file missing`, b, craft(b, { innerEntries: entriesOf(baseFiles.slice(1)) }), ['bundle.file-missing'])
    add('payload files', `${b} all files missing`, b, craft(b, { innerEntries: [] }), ['bundle.file-missing'])
    const badInner = [
      '../cases.ndjson',
      '/etc/passwd',
      'a\\b',
      '__proto__.ndjson',
      'constructor.ndjson',
      'toString.ndjson',
      'attachments/../../x',
      'cases.ndjson/',
      'Cases.ndjson',
      'attachments/lowercase123',
      'x.json',
      'cases.ndjson\u0000',
      'attachments\\320102-01HQ3Z8V',
      '\u202ecases.ndjson',
    ]
    for (const name of badInner) {
      add('payload entry names', `${b} zip entry ${JSON.stringify(name)}`, b, craft(b, { innerEntries: [...entriesOf(baseFiles), rawEntry(name, enc('{"a":1}\n'), method)] }), [
        'bundle.bad-entry-name',
        'bundle.duplicate-entry',
      ])
    }
    const first = baseFiles[0]
    add('payload files', `${b} content changed after hashing`, b, craft(b, { innerEntries: entriesOf([{ name: first.name, bytes: enc(`${Buffer.from(first.bytes).toString().replace('1', '2')}`) }, ...baseFiles.slice(1)]) }), ['bundle.file-hash-mismatch'])
    add('payload files', `${b} file one byte longer`, b, craft(b, { innerEntries: entriesOf([{ name: first.name, bytes: Buffer.concat([first.bytes, enc(' ')]) }, ...baseFiles.slice(1)]) }), ['bundle.file-size-mismatch'])
    add('payload files', `${b} duplicate zip entry`, b, craft(b, { innerEntries: entriesOf([...baseFiles, baseFiles[0]]) }), ['bundle.duplicate-entry'])
    add('payload files', `${b} inner zip garbage`, b, craft(b, { innerZip: seededRandom(`inner-${b}`)(300) }), ['bundle.corrupt'])
    add('payload files', `${b} inner zip truncated`, b, craft(b, { innerZip: encodeZip(entriesOf(baseFiles)).subarray(0, 100) }), ['bundle.corrupt'])
    add('payload files', `${b} inner entry with CRC lie`, b, craft(b, { innerEntries: entriesOf(baseFiles).map((e, i) => (i === 0 ? { ...e, crc32: (e.crc32 ^ 1) >>> 0 } : e)) }), ['bundle.corrupt'])
    add('payload files', `${b} inner zip claims 10 001 entries`, b, craft(b, { innerZip: fakeEndRecord(10_001) }), ['bundle.too-many-entries'])
    const tooMany = { name: 'cases.ndjson', bytes: toNdjson([{ a: 1 }, { a: 2 }, { a: 3 }]) }
    add('payload files', `${b} more records than the summary`, b, craft(b, { files: [tooMany], mutate: (m) => { m.tables = { cases: { count: 2 } } } }), ['bundle.count-mismatch'])
  }
  add('payload files', 'O deflated entry in an open payload', 'O', craft('O', { innerEntries: files.map((f) => rawEntry(f.name, f.bytes, DEFLATE)) }), ['bundle.corrupt'])

  // ---- NDJSON contents (hashes right, signed, encrypted): pollution and malformed records -----------------------
  const hostileLines = [
    '{"__proto__":{"polluted":true}}',
    '{"a":1,"__proto__":{"isAdmin":true}}',
    '{"\\u005f\\u005fproto\\u005f\\u005f":{"polluted":true}}',
    '{"x":{"constructor":{"prototype":{"polluted":true}}}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"a":[{"b":{"prototype":{"polluted":true}}}]}',
    '{"prototype":1}',
    `{"deep":${'['.repeat(60)}${']'.repeat(60)}}`,
    '{"a":1e999}',
    '{"a":NaN}',
    '{"a":1,}',
    '[1,2,3]',
    '"just a string"',
    '',
    `{"a":"${'x'.repeat(70_000)}"}`,
    `{${Array.from({ length: 1001 }, (_, i) => `"k${i}":1`).join(',')}}`,
  ]
  for (const b of ['E', 'O', 'N'] as BaseName[]) {
    const table = b === 'N' ? 'units' : 'cases'
    for (const [i, line] of hostileLines.entries()) {
      for (const position of ['first', 'last'] as const) {
        const good = '{"id":"ok","name":"正常记录"}'
        const lines = position === 'first' ? [line, good] : [good, line]
        const file = { name: `${table}.ndjson`, bytes: enc(`${lines.join('\n')}\n`) }
        const others = bases[b].files.filter((f) => f.name !== file.name)
        add('NDJSON records', `${b} line ${i} ${position}: ${line.slice(0, 40)}`, b, craft(b, { files: [file, ...others] }), ['bundle.bad-json'])
      }
    }
    for (const [label, bytes] of [
      ['BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), enc('{"a":1}\n')])],
      ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a])],
      ['overlong UTF-8 slash', Buffer.from([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d, 0x0a])],
      ['lone surrogate bytes', Buffer.from([0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d, 0x0a])],
      ['line over 1 MiB', enc(`{"a":"${'文'.repeat(40_000)}","b":"${'x'.repeat(1_050_000)}"}\n`)],
    ] as [string, Uint8Array][]) {
      const file = { name: `${table}.ndjson`, bytes }
      const others = bases[b].files.filter((f) => f.name !== file.name)
      add('NDJSON records', `${b} ${label}`, b, craft(b, { files: [file, ...others] }), ['bundle.bad-json'])
    }
  }

  // ---- oversized payloads and zip bombs (signed and encrypted by the real sender) -------------------------------
  const zeros = (n: number) => new Uint8Array(n)
  const bombStream = deflateRawSync(Buffer.alloc(64 << 20), { level: 9 })
  const bombHash = sha256Hex(Buffer.alloc(64 << 20))
  const bombFile = (size: number, hash = bombHash) => ({ name: 'attachments/BOMB000000001', size, sha256: hash })
  const withBomb = (decl: { manifestSize: number; zipSize: number; data: Uint8Array; hash?: string }): CraftSpec => ({
    mutate: (m) => {
      m.files = [...m.files, bombFile(decl.manifestSize, decl.hash)].sort((a, b) => (a.name < b.name ? -1 : 1))
    },
    innerEntries: [
      ...files.map((f) => rawEntry(f.name, f.bytes, DEFLATE)),
      { name: 'attachments/BOMB000000001', method: DEFLATE, data: decl.data, crc32: 0, size: decl.zipSize },
    ],
  })
  add('bombs', 'E 64 MiB of zeros in 64 KiB, declared truthfully (ratio ≈ 1000)', 'E', craft('E', withBomb({ manifestSize: 64 << 20, zipSize: 64 << 20, data: bombStream })), ['bundle.bomb'])
  add('bombs', 'E bomb declared as 1 000 bytes in manifest and zip', 'E', craft('E', withBomb({ manifestSize: 1000, zipSize: 1000, data: bombStream, hash: sha256Hex(zeros(1000)) })), ['bundle.corrupt'])
  add('bombs', 'E bomb: manifest says 64 MiB, zip says 1 000 bytes', 'E', craft('E', withBomb({ manifestSize: 64 << 20, zipSize: 1000, data: bombStream })), ['bundle.file-size-mismatch'])
  add('bombs', 'E manifest declares a 300 MiB file', 'E', craft('E', withBomb({ manifestSize: 300 << 20, zipSize: 300 << 20, data: bombStream })), ['bundle.too-large'])
  add('bombs', 'E manifest declares 5 × 250 MiB', 'E', craft('E', {
    mutate: (m) => {
      m.files = [...m.files, ...[1, 2, 3, 4, 5].map((i) => ({ name: `attachments/BIG00000000${i}`, size: 250 << 20, sha256: bombHash }))].sort((a, b) => (a.name < b.name ? -1 : 1))
    },
  }), ['bundle.too-large'])
  for (const [i, mib] of sample(fc.integer({ min: 2, max: 48 }), 10, 30).entries()) {
    const data = deflateRawSync(Buffer.alloc(mib << 20), { level: 9 })
    const bytes = craft('E', withBomb({ manifestSize: mib << 20, zipSize: mib << 20, data, hash: 'c'.repeat(64) }))
    add('bombs', `E ${mib} MiB of zeros compressed ${Math.round((mib << 20) / data.length)}:1 (#${i})`, 'E', bytes, ['bundle.bomb'])
  }
  // honest-looking but beyond lowered caps: an incompressible 2 MiB attachment against a 1 MiB per-file cap
  const big = seededRandom('big')(2 << 20)
  const bigBundle = craft('E', { files: [...files, { name: 'attachments/BIGRANDOM0001', bytes: big }] })
  add('oversized', 'E 2 MiB attachment with a 1 MiB per-file cap', 'E', bigBundle, ['bundle.too-large'], cityOpens({ limits: { maxFileBytes: 1 << 20 } }))
  add('oversized', 'E 2 MiB payload with a 1 MiB total cap', 'E', bigBundle, ['bundle.too-large'], cityOpens({ limits: { maxTotalBytes: 1 << 20 } }))
  add('oversized', 'E 2 MiB bundle with a 1 MiB file cap', 'E', bigBundle, ['bundle.too-large'], cityOpens({ limits: { maxBundleBytes: 1 << 20 } }))
  add('oversized', 'E 3 files with a 2-file cap', 'E', bases.E.packed.bytes, ['bundle.too-many-entries'], cityOpens({ limits: { maxPayloadFiles: 2 } }))
  add('oversized', 'E 3 records with a 2-line cap', 'E', bases.E.packed.bytes, ['bundle.too-large'], cityOpens({ limits: { maxNdjsonLines: 2 } }))

  const controls = [
    ...(['E', 'O', 'N'] as BaseName[]).map((b) => ({ label: `${b} packed`, bytes: bases[b].packed.bytes, opts: bases[b].opts })),
    ...(['E', 'O', 'N'] as BaseName[]).map((b) => ({ label: `${b} crafted without mutation`, bytes: craft(b), opts: bases[b].opts })),
  ]
  return { cases, controls }
}

function readPayload(bytes: Uint8Array): Uint8Array {
  const p = readZip(bytes, { layer: 'outer', maxEntries: 3, allowDeflate: false })[2]
  return bytes.slice(p.dataOffset, p.dataOffset + p.compressedSize)
}

function fakeEndRecord(count: number): Uint8Array {
  const b = Buffer.alloc(22)
  b.writeUInt32LE(0x06054b50, 0)
  b.writeUInt16LE(count & 0xffff, 8)
  b.writeUInt16LE(count & 0xffff, 10)
  return b
}

/** Adds the group order L to S (the upper half of an Ed25519 signature): same signature, non-canonical S. */
function malleate(sigB64: string): string {
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

function reorder(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reorder)
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reorder(x)]))
  }
  return v
}

function get(o: Record<string, any>, path: string): Record<string, any> {
  return path.split('.').reduce((x, k) => x[k], o)
}

function set(o: Record<string, any>, path: string, v: unknown): void {
  const parts = path.split('.')
  const parent = parts.slice(0, -1).reduce((x, k) => x[k], o)
  parent[parts[parts.length - 1]] = v
}
