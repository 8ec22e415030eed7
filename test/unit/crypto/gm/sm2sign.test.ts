import fc from 'fast-check'
import { sm2 as second } from 'sm-crypto'
import { describe, expect, it } from 'vitest'
import {
  generateSm2KeyPair,
  isSm2PublicKey,
  SM2_DEFAULT_USER_ID,
  sm2PublicKeyOf,
  sm2Sign,
  sm2Verify,
  sm2ZValue,
} from '../../../../shared/crypto/gm'
import { SM2_ORDER } from '../../../../shared/crypto/gm/sm2key'
import { codeOf } from '../../codeOf'
import { hex, opensslSm2Sign, opensslSm2Verify, opensslSpkiOf, sm2Spki, unhex } from './tools'

const ascii = (s: string) => new TextEncoder().encode(s)

/**
 * GB/T 32918.5-2017 (GM/T 0003.5-2012) Annex A: the signature example on the recommended curve with the default
 * user id. (Part 2's own Annex A example is on a different, test-only Fp-256 curve and user id ALICE123@YAHOO.COM;
 * this module implements the recommended curve only, as every conforming product does.)
 */
const standard = {
  privateKey: unhex('3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8'),
  publicKey: unhex(
    '04 09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020 CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13',
  ),
  message: ascii('message digest'),
  z: 'b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3',
  signature: unhex(
    'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3 B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA',
  ),
}

const toBytes32 = (n: bigint) => unhex(n.toString(16).padStart(64, '0'))

describe('SM2 signatures with the default user id', () => {
  it('reproduces the standard example: public key from d, Z_A, and the signature verifies (ours and openssl)', () => {
    expect(SM2_DEFAULT_USER_ID).toBe('1234567812345678')
    expect(hex(sm2PublicKeyOf(standard.privateKey))).toBe(hex(standard.publicKey))
    expect(hex(sm2ZValue(standard.publicKey))).toBe(standard.z)
    expect(sm2Verify(standard.message, standard.signature, standard.publicKey)).toBe(true)
    expect(opensslSm2Verify(standard.publicKey, standard.message, standard.signature)).toBe(true)
    expect(sm2Verify(ascii('message digesT'), standard.signature, standard.publicKey)).toBe(false)
  })

  it('our signature verifies with `openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:1234567812345678`, and openssl’s with ours', () => {
    const pair = generateSm2KeyPair()
    expect(hex(opensslSpkiOf(pair.privateKey, pair.publicKey))).toBe(hex(sm2Spki(pair.publicKey)))
    const message = ascii(`{"bundleId":"…","suite":"sm2-sm3-sm4gcm","国密":true}`)
    const ours = sm2Sign(message, pair.privateKey)
    expect(opensslSm2Verify(pair.publicKey, message, ours)).toBe(true)
    expect(opensslSm2Verify(pair.publicKey, ascii('another message'), ours)).toBe(false)
    const theirs = opensslSm2Sign(pair.privateKey, pair.publicKey, message)
    expect(sm2Verify(message, theirs, pair.publicKey)).toBe(true)
    expect(sm2Verify(message, theirs, generateSm2KeyPair().publicKey)).toBe(false)
  })

  it('interoperates with sm-crypto@0.5.8 both ways on arbitrary messages', () => {
    const pair = generateSm2KeyPair()
    const pub = hex(pair.publicKey)
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (message) => {
        const ours = sm2Sign(message, pair.privateKey)
        expect(second.doVerifySignature(Array.from(message), hex(ours), pub, { hash: true, der: false })).toBe(true)
        const theirs = second.doSignature(Array.from(message), hex(pair.privateKey), {
          hash: true,
          der: false,
          publicKey: pub,
        })
        expect(sm2Verify(message, unhex(theirs), pair.publicKey)).toBe(true)
      }),
      { numRuns: 20 },
    )
  })

  it('refuses a changed message, signature, or key, and never throws on malformed input', () => {
    const { message, signature, publicKey } = standard
    fc.assert(
      fc.property(fc.nat({ max: 63 }), fc.integer({ min: 1, max: 255 }), (at, bit) => {
        const bad = signature.slice()
        bad[at] ^= bit
        expect(sm2Verify(message, bad, publicKey)).toBe(false)
      }),
      { numRuns: 30 },
    )
    const offCurve = publicKey.slice()
    offCurve[64] ^= 1
    expect(isSm2PublicKey(offCurve)).toBe(false)
    expect(sm2Verify(message, signature, offCurve)).toBe(false)
    expect(sm2Verify(message, signature.subarray(0, 63), publicKey)).toBe(false)
    expect(sm2Verify(message, new Uint8Array(64), publicKey)).toBe(false)
    expect(sm2Verify(message, signature, publicKey.subarray(1))).toBe(false)
    expect(sm2Verify(message, signature, new Uint8Array(65))).toBe(false)
  })

  it('refuses r or s outside [1, n − 1] (GB/T 32918.2 §7.1 B1–B2), checked before any curve arithmetic', () => {
    // The library's curve arithmetic refuses these scalars as well; this pins the behaviour whatever it does.
    const r = BigInt(`0x${hex(standard.signature.subarray(0, 32))}`)
    const s = BigInt(`0x${hex(standard.signature.subarray(32))}`)
    const signature = (rr: bigint, ss: bigint) => new Uint8Array([...toBytes32(rr), ...toBytes32(ss)])
    for (const [rr, ss] of [
      [r, 0n],
      [r, SM2_ORDER],
      [r, 2n ** 256n - 1n],
      [0n, s],
      [SM2_ORDER, s],
      [2n ** 256n - 1n, s],
    ] as const) {
      expect(sm2Verify(standard.message, signature(rr, ss), standard.publicKey), `${rr} ${ss}`).toBe(false)
    }
  })

  it('signs only with a private key in [1, n − 2]', () => {
    const code = (key: Uint8Array) => codeOf(() => sm2Sign(standard.message, key))
    expect(code(new Uint8Array(32))).toBe('crypto.gm-key-invalid')
    expect(code(toBytes32(SM2_ORDER - 1n))).toBe('crypto.gm-key-invalid')
    expect(code(standard.privateKey.subarray(1))).toBe('crypto.gm-key-invalid')
    expect(
      sm2Verify(
        standard.message,
        sm2Sign(standard.message, toBytes32(SM2_ORDER - 2n)),
        sm2PublicKeyOf(toBytes32(SM2_ORDER - 2n)),
      ),
    ).toBe(true)
  })

  it('makes fresh key pairs whose public key is [d]G and two signatures of one message differ (random k)', () => {
    const a = generateSm2KeyPair()
    const b = generateSm2KeyPair()
    expect(hex(a.privateKey)).not.toBe(hex(b.privateKey))
    expect(a.privateKey.length).toBe(32)
    expect(hex(sm2PublicKeyOf(a.privateKey))).toBe(hex(a.publicKey))
    const m = ascii('same message')
    expect(hex(sm2Sign(m, a.privateKey))).not.toBe(hex(sm2Sign(m, a.privateKey)))
  })
})
