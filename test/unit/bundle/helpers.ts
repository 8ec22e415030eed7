import { createCipheriv, createHash, randomBytes, scryptSync } from 'node:crypto'
import { expect, vi } from 'vitest'
import { bundleCommand } from '../../../electron/cli/bundle'
import { readZip } from '../../../electron/services/bundle/container'
import { generateOfficeKeys, type OfficeKeys, publicKeyRecord } from '../../../electron/services/bundle/keys'
import type { TrustedSenderLookup } from '../../../electron/services/bundle/open'
import type { BundleFile, PackInput } from '../../../electron/services/bundle/pack'
import { exchangeMessages } from '../../../shared/errors/exchange'
import { bundleCodeOf } from '../../../shared/exchange/errors'
import { toNdjson } from '../../../shared/exchange/ndjson'
import { canonicalJson } from '../../../shared/util/canonicalJson'
import type { RandomBytes } from '../../../shared/util/recordId'

/** Deterministic bytes: sha256(seed ‖ counter) blocks. Tests only. */
export function seededRandom(seed: string): RandomBytes {
  let counter = 0
  return (n) => {
    const out = new Uint8Array(n)
    for (let i = 0; i < n; i += 32) {
      const block = createHash('sha256').update(`${seed}/${counter++}`).digest()
      out.set(block.subarray(0, Math.min(32, n - i)), i)
    }
    return out
  }
}

export const units = {
  district: { unitCode: '320102', unitName: '南京市玄武区人民检察院', level: 'basic' as const },
  otherDistrict: { unitCode: '320104', unitName: '南京市秦淮区人民检察院', level: 'basic' as const },
  city: { unitCode: '320100', unitName: '南京市人民检察院', level: 'city' as const },
  province: { unitCode: '320000', unitName: '江苏省人民检察院', level: 'province' as const },
}

const CREATED = '2026-03-02T08:30:00.000Z'

export function keysFor(unit: { unitCode: string }, seed = unit.unitCode): OfficeKeys {
  return generateOfficeKeys({ unitCode: unit.unitCode, createdAt: CREATED }, seededRandom(`keys/${seed}`))
}

export const keys = {
  district: keysFor(units.district),
  otherDistrict: keysFor(units.otherDistrict),
  city: keysFor(units.city),
  province: keysFor(units.province),
  attacker: keysFor(units.district, 'attacker'),
}

export const cases = [
  { id: '320102-01HQ3Z8V6X2N4R7T9W0Y1A2B3C', name: '张三', amountFen: 1_200_000, note: '因案致贫，申请救助' },
  { id: '320102-01HQ3Z8V6X2N4R7T9W0Y1A2B3D', name: '李四', amountFen: 850_000, note: '医疗费用负担过重' },
  { id: '320102-01HQ3Z8V6X2N4R7T9W0Y1A2B3E', name: '王五', amountFen: 300_000, note: '' },
]
export const ledgerEntries = [
  { id: '320102-01HQ3Z8V6X2N4R7T9W0Y1A2B3F', caseId: cases[0].id, amountFen: 1_200_000 },
  { id: '320102-01HQ3Z8V6X2N4R7T9W0Y1A2B3G', caseId: cases[1].id, amountFen: 850_000 },
]
export const ATTACHMENT_NAME = 'attachments/320102-01HQ3Z8V6X2N4R7T9W0Y1A2B3H'

export function attachmentBytes(): Uint8Array {
  const b = seededRandom('attachment')(2048)
  const out = new Uint8Array(3072)
  out.set(b, 0)
  out.set([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x0a, 0x0d], 2048) // binary tail with NUL, 0xFF, LF, CR
  return out
}

export function sampleFiles(): BundleFile[] {
  return [
    { name: 'ledgerEntries.ndjson', bytes: toNdjson(ledgerEntries) },
    { name: 'cases.ndjson', bytes: toNdjson(cases) },
    { name: ATTACHMENT_NAME, bytes: attachmentBytes() },
  ]
}

export function sampleTables(): PackInput['tables'] {
  return {
    cases: { count: cases.length, totals: { amountFen: 2_350_000 } },
    ledgerEntries: { count: ledgerEntries.length, totals: { amountFen: 2_050_000 } },
  }
}

/** A district → city archive bundle, encrypted; overrides replace top-level input fields. */
export function archiveInput(overrides: Partial<PackInput> = {}, seed = 'archive'): PackInput {
  return {
    kind: 'archive',
    sender: { keys: keys.district, ...units.district },
    receiver: { unitCode: units.city.unitCode, keys: keys.city },
    channelSeq: 7,
    prevBundleHash: 'a'.repeat(64),
    origins: [{ unitCode: units.district.unitCode, revFrom: 101, revTo: 245 }],
    tables: sampleTables(),
    auditHead: { seq: 245, hash: 'b'.repeat(64) },
    files: sampleFiles(),
    createdAt: CREATED,
    generator: 'jiuzhu-desk test',
    random: seededRandom(`pack/${seed}`),
    ...overrides,
  }
}

/** A city → court transfer bundle, open (unencrypted). */
export function openInput(overrides: Partial<PackInput> = {}, seed = 'open'): PackInput {
  return archiveInput(
    { kind: 'transfer', sender: { keys: keys.city, ...units.city }, receiver: null, ...overrides },
    seed,
  )
}

/** Trust directory holding the given offices' public keys. */
export function trustOf(...offices: OfficeKeys[]): TrustedSenderLookup {
  return (unitCode, keyId) => {
    const k = offices.find((o) => o.unitCode === unitCode && o.keyId === keyId)
    return k ? publicKeyRecord(k) : undefined
  }
}

/** Options for the city opening a bundle from the district. */
export function cityOpens(
  extra: Partial<Parameters<typeof import('../../../electron/services/bundle/open').openBundle>[1]> = {},
) {
  return {
    receiverKeys: keys.city,
    expectedReceiverUnit: units.city.unitCode,
    trustedSenders: trustOf(keys.district, keys.city, keys.province),
    ...extra,
  }
}

/** Runs `fn` and returns the bundle code it throws, asserting a Chinese message; 'accepted' if it returns. */
export function refusal(fn: () => unknown): string {
  try {
    fn()
    return 'accepted'
  } catch (e) {
    const code = bundleCodeOf(e)
    if (!code) return `crash: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`
    return code
  }
}

export function expectChineseMessage(code: string, params: Record<string, string | number | undefined>): void {
  const fn = exchangeMessages[code as keyof typeof exchangeMessages]
  expect(fn).toBeTypeOf('function')
  const text = fn(params)
  expect(text).toMatch(/[\u4e00-\u9fff]/)
  expect(text).not.toMatch(/undefined|NaN|\[object/)
}

/** `npm run cli -- bundle <args…>` in-process: its exit code and everything it printed (stdout and stderr). */
export async function runBundleCli(...args: string[]): Promise<{ code: number; text: string }> {
  const out: string[] = []
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')))
  const err = vi.spyOn(console, 'error').mockImplementation((...a) => void out.push(a.join(' ')))
  try {
    const code = await bundleCommand(args)
    return { code, text: out.join('\n') }
  } finally {
    log.mockRestore()
    err.mockRestore()
  }
}

/** An office's keys as generated before the 国密 suite: the Ed25519/X25519 pairs only (docs/bundle-format.md §2.3). */
export function withoutSm2(k: OfficeKeys): OfficeKeys {
  const {
    sm2KeyId: _i,
    sm2SigningKey: _s,
    sm2EncryptionKey: _e,
    sm2SigningPrivateKey: _sp,
    sm2EncryptionPrivateKey: _ep,
    ...rest
  } = k
  return rest
}

/**
 * A key file as versions before the header checksum wrote it (version 1, scrypt N = 2^15, r = 8, p = 1), made here
 * independently of the sealing code: 64 scrypt bytes — the AES-256-GCM key and the 16-byte passphrase verifier —
 * and the canonical JSON of the header as the GCM additional data.
 */
export function legacySealed(k: OfficeKeys, passphrase: string): string {
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const derived = scryptSync(passphrase, salt, 64, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 })
  const header = {
    format: 'jiuzhu-office-keys',
    version: 1,
    ...publicKeyRecord(withoutSm2(k)),
    kdf: { alg: 'scrypt', logN: 15, r: 8, p: 1, salt: salt.toString('base64') },
    cipher: { alg: 'aes-256-gcm', iv: iv.toString('base64') },
    check: derived.subarray(32, 48).toString('base64'),
  }
  const cipher = createCipheriv('aes-256-gcm', derived.subarray(0, 32), iv)
  cipher.setAAD(Buffer.from(canonicalJson(header), 'utf8'))
  const secret = canonicalJson({ encryptionPrivateKey: k.encryptionPrivateKey, signingPrivateKey: k.signingPrivateKey })
  const body = Buffer.concat([cipher.update(Buffer.from(secret)), cipher.final(), cipher.getAuthTag()])
  return canonicalJson({ ...header, sealed: body.toString('base64') })
}

/** Splits a packed bundle into its parts (manifest bytes, signature text, payload). */
export function partsOf(bytes: Uint8Array) {
  const [m, s, p] = readZip(bytes, { layer: 'outer', maxEntries: 3, allowDeflate: false })
  const slice = (e: typeof m) => bytes.slice(e.dataOffset, e.dataOffset + e.compressedSize)
  return {
    manifestBytes: slice(m),
    signature: Buffer.from(slice(s)).toString('latin1'),
    payload: slice(p),
    payloadName: p.name,
  }
}
