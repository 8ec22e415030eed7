import { sm2 as second, sm3 as secondSm3 } from 'sm-crypto'
import { describe, expect, it } from 'vitest'
import { signManifest } from '../../../electron/services/bundle/crypto'
import { publicKeyRecord } from '../../../electron/services/bundle/keys'
import { openBundle } from '../../../electron/services/bundle/open'
import { packBundle, writeBundleContainer } from '../../../electron/services/bundle/pack'
import { GM_SUITE, type GmManifest } from '../../../shared/exchange/manifest'
import { encodeManifest } from '../../../shared/exchange/manifestCodec'
import { canonicalJson } from '../../../shared/util/canonicalJson'
import {
  ATTACHMENT_NAME,
  archiveInput,
  attachmentBytes,
  cases,
  cityOpens,
  expectChineseMessage,
  keys,
  openInput,
  partsOf,
  refusal,
  trustOf,
  units,
  withoutSm2,
} from './helpers'

const sm3Of = (b: Uint8Array) => secondSm3(Array.from(b))
const b64hex = (b64: string) => Buffer.from(b64, 'base64').toString('hex')

describe('国密 suite sm2-sm3-sm4gcm: pack → open', () => {
  const packed = packBundle(archiveInput({ suite: GM_SUITE }, 'gm'))
  const m = packed.manifest as GmManifest

  it('an encrypted archive opens at the receiver with every file byte for byte; hashes are SM3', () => {
    const opened = openBundle(packed.bytes, cityOpens())
    expect(opened.senderTrusted).toBe(true)
    expect(opened.manifest).toEqual(m)
    expect(opened.tables.get('cases')).toEqual(cases)
    expect(Buffer.from(opened.files.find((f) => f.name === ATTACHMENT_NAME)!.bytes)).toEqual(
      Buffer.from(attachmentBytes()),
    )
    // SM3 everywhere a hash is named, checked with the second implementation (sm-crypto 0.5.8)
    expect(packed.bundleHash).toBe(sm3Of(packed.bytes))
    expect(opened.bundleHash).toBe(packed.bundleHash)
    expect(packed.manifestHash).toBe(sm3Of(partsOf(packed.bytes).manifestBytes))
    expect(m.files.find((f) => f.name === ATTACHMENT_NAME)?.sm3).toBe(sm3Of(attachmentBytes()))
    expect(opened.senderSm2Fingerprint?.replaceAll('-', '')).toBe(keys.district.sm2KeyId)
    expect(Buffer.from(packed.bytes).includes(Buffer.from('因案致贫'))).toBe(false)
  })

  it('the manifest names the suite, the sender’s SM2 keys, and one 113-byte envelope for the receiver’s SM2 key', () => {
    expect(m.suite).toBe(GM_SUITE)
    expect(m.sender).toMatchObject({ signatureAlg: 'sm2-sm3', sm2KeyId: keys.district.sm2KeyId })
    expect(m.receiver).toEqual({ unitCode: units.city.unitCode, keyId: keys.city.keyId, sm2KeyId: keys.city.sm2KeyId })
    expect(m.cipher?.envelopes).toHaveLength(1)
    expect(Buffer.from(m.cipher!.envelopes[0].envelope, 'base64')).toHaveLength(113)
    // the SM2 signature verifies with sm-crypto over "jiuzhu-bundle-manifest-v1\0" ‖ manifest bytes, default user id
    const { manifestBytes, signature } = partsOf(packed.bytes)
    const message = [...Buffer.from('jiuzhu-bundle-manifest-v1\0'), ...manifestBytes]
    const sigHex = b64hex(signature)
    expect(second.doVerifySignature(message, sigHex, b64hex(keys.district.sm2SigningKey!), { hash: true })).toBe(true)
    expect(second.doVerifySignature(message, sigHex, b64hex(keys.city.sm2SigningKey!), { hash: true })).toBe(false)
  })

  it('an open bundle (transfer to a court) is signed with SM2 and needs no keys to read', () => {
    const open = packBundle(openInput({ suite: GM_SUITE }, 'gm-open'))
    const opened = openBundle(open.bytes, {
      receiverKeys: [],
      expectedReceiverUnit: units.province.unitCode,
      trustedSenders: trustOf(keys.city),
    })
    expect(opened.manifest.cipher).toBeNull()
    expect(opened.tables.get('cases')).toEqual(cases)
  })
})

describe('国密 suite: refusals (nothing is opened; the bundle layer writes nothing)', () => {
  const packed = packBundle(archiveInput({ suite: GM_SUITE }, 'gm-r'))
  const { manifestBytes, signature, payload } = partsOf(packed.bytes)
  const m = JSON.parse(Buffer.from(manifestBytes).toString('utf8'))

  it('switching the suite breaks the bundle: absent or current `suite` with SM2 parts is suite mixing', () => {
    const { suite: _s, ...noSuite } = m
    for (const changed of [noSuite, { ...m, suite: 'ed25519-x25519-aes256gcm' }]) {
      const bytes = writeBundleContainer({
        manifestBytes: new TextEncoder().encode(canonicalJson(changed)),
        signature,
        payload,
        encrypted: true,
      })
      expect(refusal(() => openBundle(bytes, cityOpens()))).toBe('bundle.suite-mixed')
    }
  })

  it('a downgrade to the current suite needs the sender’s Ed25519 signature: re-using the SM2 one fails', () => {
    const current = packBundle(archiveInput({}, 'gm-r'))
    const downgraded = writeBundleContainer({
      manifestBytes: encodeManifest(current.manifest),
      signature,
      payload: partsOf(current.bytes).payload,
      encrypted: true,
    })
    expect(refusal(() => openBundle(downgraded, cityOpens()))).toBe('bundle.bad-signature')
    // and an Ed25519 signature on the 国密 manifest does not verify either
    const edSigned = writeBundleContainer({
      manifestBytes,
      signature: signManifest(manifestBytes, keys.district.signingPrivateKey),
      payload,
      encrypted: true,
    })
    expect(refusal(() => openBundle(edSigned, cityOpens()))).toBe('bundle.bad-signature')
  })

  it('mixing parts of the two suites in one manifest is refused before anything else', () => {
    const mixes = [
      { ...m, sender: { ...m.sender, signatureAlg: 'ed25519' } },
      {
        ...m,
        cipher: { suite: 'x25519-hkdf-sha256-aes256gcm', ephemeralPublicKey: keys.city.encryptionKey, iv: m.cipher.iv },
      },
    ]
    for (const mix of mixes) {
      const bytes = writeBundleContainer({
        manifestBytes: new TextEncoder().encode(canonicalJson(mix)),
        signature,
        payload,
        encrypted: true,
      })
      expect(refusal(() => openBundle(bytes, cityOpens()))).toBe('bundle.suite-mixed')
    }
    expectChineseMessage('bundle.suite-mixed', { suite: GM_SUITE, parts: 'ed25519' })
  })

  it('a sender whose directory entry has no SM2 keys, or other ones, is refused', () => {
    const noSm2 = cityOpens({ trustedSenders: trustOf(withoutSm2(keys.district), keys.city) })
    expect(refusal(() => openBundle(packed.bytes, noSm2))).toBe('bundle.sender-no-sm2-key')
    expectChineseMessage('bundle.sender-no-sm2-key', { unitName: '南京市玄武区人民检察院', unitCode: '320102' })
    const otherSm2 = cityOpens({
      trustedSenders: (unitCode, keyId) =>
        unitCode === units.district.unitCode && keyId === keys.district.keyId
          ? { ...publicKeyRecord(keys.district), sm2SigningKey: keys.city.sm2SigningKey }
          : undefined,
    })
    expect(refusal(() => openBundle(packed.bytes, otherSm2))).toBe('bundle.unknown-sender')
  })

  it('a receiver key without the SM2 private key, a changed envelope or a moved payload does not open', () => {
    const noSm2 = cityOpens({ receiverKeys: withoutSm2(keys.city) })
    expect(refusal(() => openBundle(packed.bytes, noSm2))).toBe('bundle.receiver-key-unknown')
    // another bundle's payload under this manifest: the SM4 key and the AAD (SM3 of the manifest) differ
    const other = partsOf(packBundle(archiveInput({ suite: GM_SUITE }, 'gm-other')).bytes)
    const moved = writeBundleContainer({ manifestBytes, signature, payload: other.payload, encrypted: true })
    expect(refusal(() => openBundle(moved, cityOpens()))).toBe('bundle.decrypt-failed')
    const flipped = Uint8Array.from(payload)
    flipped[10] ^= 1
    const tampered = writeBundleContainer({ manifestBytes, signature, payload: flipped, encrypted: true })
    expect(refusal(() => openBundle(tampered, cityOpens()))).toBe('bundle.decrypt-failed')
  })

  it('the packer refuses a 国密 bundle to a receiver without SM2 keys, or from keys without them', () => {
    const toOld = archiveInput({
      suite: GM_SUITE,
      receiver: { unitCode: units.city.unitCode, keys: withoutSm2(keys.city) },
    })
    expect(refusal(() => packBundle(toOld))).toBe('bundle.receiver-no-sm2-key')
    expectChineseMessage('bundle.receiver-no-sm2-key', { unitCode: '320100' })
    const fromOld = archiveInput({ suite: GM_SUITE, sender: { keys: withoutSm2(keys.district), ...units.district } })
    expect(refusal(() => packBundle(fromOld))).toBe('bundle.pack-invalid')
  })
})
