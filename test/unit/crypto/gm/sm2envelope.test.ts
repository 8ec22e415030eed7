import fc from 'fast-check'
import { sm2 as second } from 'sm-crypto'
import { describe, expect, it } from 'vitest'
import {
  generateSm2KeyPair,
  openSm4Key,
  SM2_ENVELOPE_BYTES,
  sealSm4Key,
  sm2Decrypt,
  sm2Encrypt,
} from '../../../../shared/crypto/gm'
import { codeOf } from '../../codeOf'
import { hex, unhex } from './tools'

/**
 * GB/T 32918.5-2017 (GM/T 0003.5-2012) Annex C: "encryption standard" encrypted on the recommended curve with the
 * example key pair, published as C1 ‖ C2 ‖ C3; rearranged here into the C1 ‖ C3 ‖ C2 order this module writes.
 */
const standard = {
  privateKey: unhex('3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8'),
  c1: unhex(
    '04 04EBFC718E8D1798620432268E77FEB6415E2EDE0E073C0F4F640ECD2E149A73 E858F9D81E5430A57B36DAAB8F950A3C64E6EE6A63094D99283AFF767E124DF0',
  ),
  c2: unhex('21886CA989CA9C7D58087307CA93092D651EFA'),
  c3: unhex('59983C18F809E262923C53AEC295D30383B54E39D609D160AFCB1908D0BD8766'),
}
const standardC1C3C2 = new Uint8Array([...standard.c1, ...standard.c3, ...standard.c2])

describe('SM2 envelope of an SM4 key (C1C3C2)', () => {
  it('decrypts the standard’s example ciphertext to "encryption standard"', () => {
    expect(new TextDecoder().decode(sm2Decrypt(standardC1C3C2, standard.privateKey))).toBe('encryption standard')
  })

  it('seals a 16-byte key into 113 bytes (04 ‖ x1 ‖ y1, C3, C2) that opens again; two seals differ', () => {
    const pair = generateSm2KeyPair()
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (key) => {
        const envelope = sealSm4Key(key, pair.publicKey)
        expect(envelope.length).toBe(SM2_ENVELOPE_BYTES)
        expect(envelope[0]).toBe(4)
        expect(hex(openSm4Key(envelope, pair.privateKey))).toBe(hex(key))
      }),
      { numRuns: 20 },
    )
    const key = new Uint8Array(16).fill(7)
    expect(hex(sealSm4Key(key, pair.publicKey))).not.toBe(hex(sealSm4Key(key, pair.publicKey)))
  })

  it('our envelope opens with sm-crypto@0.5.8 (mode 1 = C1C3C2, C1 without 04) and its envelope opens with ours', () => {
    const pair = generateSm2KeyPair()
    const key = unhex('00112233445566778899aabbccddeeff')
    const ours = sealSm4Key(key, pair.publicKey)
    expect(
      hex(new Uint8Array(second.doDecrypt(hex(ours.subarray(1)), hex(pair.privateKey), 1, { output: 'array' }))),
    ).toBe(hex(key))
    const theirs = unhex(`04${second.doEncrypt(Array.from(key), hex(pair.publicKey), 1)}`)
    expect(hex(openSm4Key(theirs, pair.privateKey))).toBe(hex(key))
    // The library's other order (mode 0, C1C2C3) does not open as C1C3C2.
    const otherOrder = unhex(`04${second.doEncrypt(Array.from(key), hex(pair.publicKey), 0)}`)
    expect(codeOf(() => openSm4Key(otherOrder, pair.privateKey))).toBe('crypto.gm-decrypt-failed')
  })

  it('refuses a changed byte anywhere, a wrong private key, a wrong length and C1 off the curve', () => {
    const pair = generateSm2KeyPair()
    const envelope = sealSm4Key(new Uint8Array(16).fill(0x5a), pair.publicKey)
    fc.assert(
      fc.property(fc.nat({ max: SM2_ENVELOPE_BYTES - 1 }), fc.integer({ min: 1, max: 255 }), (at, bit) => {
        const bad = envelope.slice()
        bad[at] ^= bit
        expect(codeOf(() => openSm4Key(bad, pair.privateKey))).toBe('crypto.gm-decrypt-failed')
      }),
      { numRuns: 60 },
    )
    expect(codeOf(() => openSm4Key(envelope, generateSm2KeyPair().privateKey))).toBe('crypto.gm-decrypt-failed')
    expect(codeOf(() => openSm4Key(envelope.subarray(0, 112), pair.privateKey))).toBe('crypto.gm-decrypt-failed')
    expect(codeOf(() => openSm4Key(standardC1C3C2, standard.privateKey))).toBe('crypto.gm-decrypt-failed') // 19-byte payload
    expect(codeOf(() => sealSm4Key(new Uint8Array(32), pair.publicKey))).toBe('crypto.gm-key-invalid')
    expect(codeOf(() => sm2Encrypt(new Uint8Array(16), pair.publicKey.subarray(1)))).toBe('crypto.gm-key-invalid')
  })
})
