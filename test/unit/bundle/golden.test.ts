import {
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  hkdfSync,
  verify,
} from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { openBundle } from '../../../electron/services/bundle/open'
import { packBundle } from '../../../electron/services/bundle/pack'
import { archiveInput, keys, openInput, trustOf } from './helpers'

/**
 * Golden files (docs/security-reference.md §2.3 "Golden files"; the ODK/Enketo lesson): bundles of every released format version,
 * made with test-only keys, must open forever. Regenerate ONLY when introducing a new format version, with
 * UPDATE_BUNDLE_GOLDEN=1 — and then add new files rather than replacing the old ones.
 */
const dir = resolve(import.meta.dirname, 'fixtures')
const files = {
  encrypted: resolve(dir, 'golden-v1-archive.jzb'),
  open: resolve(dir, 'golden-v1-transfer.jzb'),
  keys: resolve(dir, 'golden-v1-test-keys.json'),
}

if (process.env.UPDATE_BUNDLE_GOLDEN === '1') {
  writeFileSync(files.encrypted, packBundle(archiveInput({}, 'golden')).bytes)
  writeFileSync(files.open, packBundle(openInput({}, 'golden-open')).bytes)
  const testKeys = {
    note: 'TEST-ONLY keys for golden bundle files. Never use outside tests.',
    district: {
      unitCode: keys.district.unitCode,
      keyId: keys.district.keyId,
      signingKey: keys.district.signingKey,
      encryptionKey: keys.district.encryptionKey,
    },
    city: keys.city,
  }
  writeFileSync(files.keys, `${JSON.stringify(testKeys, null, 2)}\n`)
}

const golden = {
  encrypted: new Uint8Array(readFileSync(files.encrypted)),
  open: new Uint8Array(readFileSync(files.open)),
  keys: JSON.parse(readFileSync(files.keys, 'utf8')),
}

describe('golden bundles, format version 1', () => {
  it('open with the current reader', () => {
    const opts = {
      receiverKeys: golden.keys.city,
      expectedReceiverUnit: '320100',
      trustedSenders: trustOf(golden.keys.district, golden.keys.city),
    }
    const a = openBundle(golden.encrypted, opts)
    expect(a.manifest.formatVersion).toBe(1)
    expect(a.manifest.kind).toBe('archive')
    expect(a.tables.get('cases')?.map((c) => c.name)).toEqual(['张三', '李四', '王五'])
    expect(a.files.map((f) => f.name)).toEqual([
      'attachments/320102-01HQ3Z8V6X2N4R7T9W0Y1A2B3H',
      'cases.ndjson',
      'ledgerEntries.ndjson',
    ])
    const b = openBundle(golden.open, opts)
    expect(b.manifest.kind).toBe('transfer')
    expect(b.tables.get('ledgerEntries')).toHaveLength(2)
  })

  it('the current writer reproduces them byte for byte (format drift detector)', () => {
    expect(Buffer.from(packBundle(archiveInput({}, 'golden')).bytes)).toEqual(Buffer.from(golden.encrypted))
    expect(Buffer.from(packBundle(openInput({}, 'golden-open')).bytes)).toEqual(Buffer.from(golden.open))
  })

  it('an independent reader written from docs/bundle-format.md (fflate + node:crypto) opens them', () => {
    const outer = unzipSync(golden.encrypted)
    expect(Object.keys(outer)).toEqual(['manifest.json', 'manifest.sig', 'payload.bin'])
    const manifestBytes = outer['manifest.json']
    const manifest = JSON.parse(Buffer.from(manifestBytes).toString('utf8'))
    // §6.1 signature: Ed25519 over "jiuzhu-bundle-manifest-v1\0" ‖ manifest bytes, key from SPKI prefix + raw key
    const spki = (prefix: string, b64: string) =>
      createPublicKey({
        key: Buffer.concat([Buffer.from(prefix, 'hex'), Buffer.from(b64, 'base64')]),
        format: 'der',
        type: 'spki',
      })
    const message = Buffer.concat([Buffer.from('jiuzhu-bundle-manifest-v1\0'), manifestBytes])
    const sig = Buffer.from(Buffer.from(outer['manifest.sig']).toString('latin1'), 'base64')
    expect(verify(null, message, spki('302a300506032b6570032100', golden.keys.district.signingKey), sig)).toBe(true)
    // §6.2 key agreement, KDF, AEAD
    const priv = createPrivateKey({
      key: Buffer.concat([
        Buffer.from('302e020100300506032b656e04220420', 'hex'),
        Buffer.from(golden.keys.city.encryptionPrivateKey, 'base64'),
      ]),
      format: 'der',
      type: 'pkcs8',
    })
    const shared = diffieHellman({
      privateKey: priv,
      publicKey: spki('302a300506032b656e032100', manifest.cipher.ephemeralPublicKey),
    })
    const salt = Buffer.concat([
      Buffer.from(manifest.cipher.ephemeralPublicKey, 'base64'),
      Buffer.from(golden.keys.city.encryptionKey, 'base64'),
    ])
    const info =
      `{"bundleId":"${manifest.bundleId}","format":"jiuzhu-bundle","formatVersion":1,` +
      `"receiver":{"keyId":"${manifest.receiver.keyId}","unitCode":"${manifest.receiver.unitCode}"},` +
      `"sender":{"keyId":"${manifest.sender.keyId}","unitCode":"${manifest.sender.unitCode}"},` +
      `"suite":"x25519-hkdf-sha256-aes256gcm"}`
    const key = Buffer.from(hkdfSync('sha256', shared, salt, Buffer.from(info), 32))
    const payload = outer['payload.bin']
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(manifest.cipher.iv, 'base64'))
    decipher.setAAD(createHash('sha256').update(manifestBytes).digest())
    decipher.setAuthTag(payload.subarray(payload.length - 16))
    const inner = unzipSync(
      Buffer.concat([decipher.update(payload.subarray(0, payload.length - 16)), decipher.final()]),
    )
    for (const f of manifest.files) {
      expect(inner[f.name].length).toBe(f.size)
      expect(createHash('sha256').update(inner[f.name]).digest('hex')).toBe(f.sha256)
    }
    expect(Object.keys(inner).sort()).toEqual(manifest.files.map((f: { name: string }) => f.name))
    const openOuter = unzipSync(golden.open)
    expect(Object.keys(openOuter)).toEqual(['manifest.json', 'manifest.sig', 'payload.zip'])
    expect(Object.keys(unzipSync(openOuter['payload.zip'])).length).toBe(3)
  })
})
