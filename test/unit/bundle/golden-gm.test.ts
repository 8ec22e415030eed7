import { createCipheriv, createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { unzipSync } from 'fflate'
import { sm2 as second, sm3 as secondSm3 } from 'sm-crypto'
import { describe, expect, it } from 'vitest'
import { openBundle } from '../../../electron/services/bundle/open'
import { packBundle } from '../../../electron/services/bundle/pack'
import { GM_SUITE } from '../../../shared/exchange/manifest'
import { archiveInput, keys, openInput, trustOf } from './helpers'

/**
 * Golden 国密 bundles (docs/bundle-format.md §6.3): made once with test-only keys, they must open forever. The SM2
 * signature and envelope use a fresh k, so the writer cannot reproduce them byte for byte; they are regenerated
 * only with UPDATE_BUNDLE_GOLDEN_GM=1, and then as new files, never replacing old ones.
 */
const dir = resolve(import.meta.dirname, 'fixtures')
const files = {
  encrypted: resolve(dir, 'golden-v1-gm-archive.jzb'),
  open: resolve(dir, 'golden-v1-gm-transfer.jzb'),
  keys: resolve(dir, 'golden-v1-gm-test-keys.json'),
}

if (process.env.UPDATE_BUNDLE_GOLDEN_GM === '1') {
  writeFileSync(files.encrypted, packBundle(archiveInput({ suite: GM_SUITE }, 'golden-gm')).bytes)
  writeFileSync(files.open, packBundle(openInput({ suite: GM_SUITE }, 'golden-gm-open')).bytes)
  const {
    signingPrivateKey: _s,
    encryptionPrivateKey: _e,
    sm2SigningPrivateKey: _ss,
    sm2EncryptionPrivateKey: _se,
    ...district
  } = keys.district
  const testKeys = {
    note: 'TEST-ONLY keys for golden 国密 bundle files. Never use outside tests.',
    district,
    city: keys.city,
  }
  writeFileSync(files.keys, `${JSON.stringify(testKeys, null, 2)}\n`)
}

const golden = {
  encrypted: new Uint8Array(readFileSync(files.encrypted)),
  open: new Uint8Array(readFileSync(files.open)),
  keys: JSON.parse(readFileSync(files.keys, 'utf8')),
}

/** The vectors of docs/bundle-format.md §6.3 “Golden 国密 bundle”. */
const VECTORS = {
  bundleHash: '4841c9f0c71393c5a23103fc78ff972012255db2cff48abda57b555b42e07ad9',
  manifestHash: '6035baba1ff86a3f597ab7222c1dd8fc00c820f70abb6636febdebb0b5a15297',
  sm4Key: 'a83604cd39bf819a28803e83dde04b78',
  iv: 'fdb76954b84ccc80870d3afc',
  casesSm3: '646fed177e50241e0017f70e6278645ebab5bf77b1b0d1f2f58eefe8d9ba3235',
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')

/** GF(2^128) multiplication of NIST SP 800-38D §6.3 (bit 0 = most significant), for an independent GHASH. */
function gmul(x: bigint, y: bigint): bigint {
  const r = 0xe1n << 120n
  let z = 0n
  let v = y
  for (let i = 127n; i >= 0n; i--) {
    if ((x >> i) & 1n) z ^= v
    v = v & 1n ? (v >> 1n) ^ r : v >> 1n
  }
  return z
}

function ghash(h: Buffer, aad: Uint8Array, c: Uint8Array): Buffer {
  const pad = (b: Uint8Array) => Buffer.concat([b, Buffer.alloc((16 - (b.length % 16)) % 16)])
  const lengths = Buffer.alloc(16)
  lengths.writeBigUInt64BE(BigInt(aad.length * 8), 0)
  lengths.writeBigUInt64BE(BigInt(c.length * 8), 8)
  const data = Buffer.concat([pad(aad), pad(c), lengths])
  const hb = BigInt(`0x${h.toString('hex')}`)
  let y = 0n
  for (let i = 0; i < data.length; i += 16) y = gmul(y ^ BigInt(`0x${data.subarray(i, i + 16).toString('hex')}`), hb)
  return Buffer.from(y.toString(16).padStart(32, '0'), 'hex')
}

describe('golden 国密 bundles (sm2-sm3-sm4gcm), format version 1', () => {
  it('open with the current reader', () => {
    const opts = {
      receiverKeys: golden.keys.city,
      expectedReceiverUnit: '320100',
      trustedSenders: trustOf(golden.keys.district, golden.keys.city),
    }
    const a = openBundle(golden.encrypted, opts)
    expect(a.manifest).toMatchObject({ suite: GM_SUITE, kind: 'archive', formatVersion: 1 })
    expect(a.tables.get('cases')?.map((c) => c.name)).toEqual(['张三', '李四', '王五'])
    expect([a.bundleHash, a.manifestHash]).toEqual([VECTORS.bundleHash, VECTORS.manifestHash])
    const b = openBundle(golden.open, opts)
    expect(b.manifest).toMatchObject({ suite: GM_SUITE, kind: 'transfer', cipher: null })
    expect(b.tables.get('ledgerEntries')).toHaveLength(2)
  })

  it('an independent reader written from docs/bundle-format.md §6.3 (fflate, sm-crypto 0.5.8, node:crypto sm4) opens it', () => {
    const outer = unzipSync(golden.encrypted)
    expect(Object.keys(outer)).toEqual(['manifest.json', 'manifest.sig', 'payload.bin'])
    const manifestBytes = outer['manifest.json']
    const manifest = JSON.parse(Buffer.from(manifestBytes).toString('utf8'))
    expect(manifest.suite).toBe('sm2-sm3-sm4gcm')
    // SM2 signature (default user id) over "jiuzhu-bundle-manifest-v1\0" ‖ manifest bytes, raw r ‖ s in base64
    const message = [...Buffer.from('jiuzhu-bundle-manifest-v1\0'), ...manifestBytes]
    const sig = Buffer.from(Buffer.from(outer['manifest.sig']).toString('latin1'), 'base64').toString('hex')
    const signer = Buffer.from(golden.keys.district.sm2SigningKey, 'base64').toString('hex')
    expect(second.doVerifySignature(message, sig, signer, { hash: true, userId: '1234567812345678' })).toBe(true)
    // the envelope: SM2 decryption, C1C3C2 (sm-crypto's cipher mode 1 writes C1 without its 04 byte)
    const envelope = Buffer.from(manifest.cipher.envelopes[0].envelope, 'base64')
    expect(envelope).toHaveLength(113)
    expect(manifest.cipher.envelopes[0].sm2KeyId).toBe(golden.keys.city.sm2KeyId)
    const cityD = Buffer.from(golden.keys.city.sm2EncryptionPrivateKey, 'base64').toString('hex')
    const sm4Key = Buffer.from(second.doDecrypt(envelope.subarray(1).toString('hex'), cityD, 1, { output: 'array' }))
    expect(sm4Key.toString('hex')).toBe(VECTORS.sm4Key)
    expect(Buffer.from(manifest.cipher.iv, 'base64').toString('hex')).toBe(VECTORS.iv)
    // SM4-GCM: counter mode from IV ‖ 00000002, tag = SM4(J0) ⊕ GHASH(H = SM4(0¹²⁸), AAD = SM3(manifest), C)
    const iv = Buffer.from(manifest.cipher.iv, 'base64')
    const payload = outer['payload.bin']
    const body = payload.subarray(0, payload.length - 16)
    const ctr = createCipheriv('sm4-ctr', sm4Key, Buffer.concat([iv, Buffer.from('00000002', 'hex')]))
    const innerZip = Buffer.concat([ctr.update(body), ctr.final()])
    const aad = Buffer.from(secondSm3([...manifestBytes]), 'hex')
    const ecb = (block: Buffer) => createCipheriv('sm4-ecb', sm4Key, null).setAutoPadding(false).update(block)
    const h = ecb(Buffer.alloc(16))
    const j0 = ecb(Buffer.concat([iv, Buffer.from('00000001', 'hex')]))
    const tag = Buffer.from(ghash(h, aad, body).map((b, i) => b ^ j0[i]))
    expect(tag.toString('hex')).toBe(hex(payload.subarray(payload.length - 16)))
    const inner = unzipSync(innerZip)
    for (const f of manifest.files) {
      expect(inner[f.name].length).toBe(f.size)
      expect(secondSm3([...inner[f.name]])).toBe(f.sm3)
    }
    expect(Object.keys(inner).sort()).toEqual(manifest.files.map((f: { name: string }) => f.name))
    expect(manifest.files.find((f: { name: string }) => f.name === 'cases.ndjson').sm3).toBe(VECTORS.casesSm3)
    // bundleHash and manifestHash are SM3 (and not SHA-256)
    expect(secondSm3([...golden.encrypted])).toBe(VECTORS.bundleHash)
    expect(secondSm3([...manifestBytes])).toBe(VECTORS.manifestHash)
    expect(createHash('sha256').update(golden.encrypted).digest('hex')).not.toBe(VECTORS.bundleHash)
    const openOuter = unzipSync(golden.open)
    expect(Object.keys(openOuter)).toEqual(['manifest.json', 'manifest.sig', 'payload.zip'])
    expect(Object.keys(unzipSync(openOuter['payload.zip'])).length).toBe(3)
  })
})
