import { createCipheriv } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  GCM_IV_BYTES,
  GCM_TAG_BYTES,
  SM4_KEY_BYTES,
  sm4EncryptBlock,
  sm4GcmDecrypt,
  sm4GcmEncrypt,
} from '../../../../shared/crypto/gm'
import { codeOf } from '../../codeOf'
import { hex, unhex } from './tools'

const KEY = unhex('0123456789abcdeffedcba9876543210')

describe('SM4 block cipher (GB/T 32907-2016)', () => {
  it('encrypts the standard’s example A.1: key = plaintext = 0123456789abcdeffedcba9876543210', () => {
    expect(hex(sm4EncryptBlock(KEY, KEY))).toBe('681edf34d206965e86b3e94f536e4246')
  })

  it('gives example A.2 after 1,000,000 encryptions of the same block under the same key', () => {
    let block = KEY
    for (let i = 0; i < 1_000_000; i++) block = sm4EncryptBlock(KEY, block)
    expect(hex(block)).toBe('595298c7c6fd271f0402f804c33d3f66')
  })

  it('equals node:crypto "sm4-ecb" (OpenSSL) on arbitrary keys and blocks', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        (key, block) => {
          const cipher = createCipheriv('sm4-ecb', key, null).setAutoPadding(false)
          const openssl = Buffer.concat([cipher.update(block), cipher.final()])
          expect(hex(sm4EncryptBlock(key, block))).toBe(openssl.toString('hex'))
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('SM4-GCM', () => {
  // RFC 8998 Appendix A.1 (SM4-GCM for TLS 1.3).
  const rfc = {
    key: KEY,
    iv: unhex('00001234567800000000ABCD'),
    aad: unhex('FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2'),
    plaintext: unhex(
      'AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA',
    ),
    ciphertext:
      '17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d',
    tag: '83de3541e4c2b58177e065a9bf7b62ec',
  }

  it('gives RFC 8998 A.1’s ciphertext and tag, and opens them', () => {
    const sealed = sm4GcmEncrypt(rfc)
    expect(hex(sealed)).toBe(rfc.ciphertext + rfc.tag)
    expect(hex(sm4GcmDecrypt({ ...rfc, sealed }))).toBe(hex(rfc.plaintext))
  })

  it('encrypts as SM4-CTR from counter IV ‖ 00000002 (SP 800-38D §7.1), cross-checked with node:crypto "sm4-ctr"', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 12, maxLength: 12 }),
        fc.uint8Array({ maxLength: 200 }),
        (key, iv, plaintext) => {
          const sealed = sm4GcmEncrypt({ key, iv, aad: new Uint8Array(0), plaintext })
          const counter = Buffer.concat([iv, Buffer.of(0, 0, 0, 2)])
          const ctr = createCipheriv('sm4-ctr', key, counter)
          const expected = Buffer.concat([ctr.update(plaintext), ctr.final()])
          expect(hex(sealed.subarray(0, plaintext.length))).toBe(expected.toString('hex'))
          expect(sealed.length).toBe(plaintext.length + GCM_TAG_BYTES)
        },
      ),
      { numRuns: 100 },
    )
  })

  it('round-trips any plaintext and AAD', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 12, maxLength: 12 }),
        fc.uint8Array({ maxLength: 100 }),
        fc.uint8Array({ maxLength: 600 }),
        (key, iv, aad, plaintext) => {
          const sealed = sm4GcmEncrypt({ key, iv, aad, plaintext })
          expect(hex(sm4GcmDecrypt({ key, iv, aad, sealed }))).toBe(hex(plaintext))
        },
      ),
      { numRuns: 100 },
    )
  })

  it('refuses a changed tag, ciphertext, AAD, IV or key, a cut-off tag and an empty input — nothing is returned', () => {
    const sealed = sm4GcmEncrypt(rfc)
    const flip = (bytes: Uint8Array, at: number) => {
      const copy = bytes.slice()
      copy[at] ^= 1
      return copy
    }
    const attempts = [
      { ...rfc, sealed: flip(sealed, sealed.length - 1) }, // tag
      { ...rfc, sealed: flip(sealed, 0) }, // first ciphertext byte
      { ...rfc, sealed: flip(sealed, rfc.plaintext.length - 1) }, // last ciphertext byte
      { ...rfc, sealed, aad: flip(rfc.aad, 3) },
      { ...rfc, sealed, aad: rfc.aad.subarray(1) },
      { ...rfc, sealed, aad: new Uint8Array(0) },
      { ...rfc, sealed, iv: flip(rfc.iv, 11) },
      { ...rfc, sealed, key: flip(rfc.key, 0) },
      { ...rfc, sealed: sealed.subarray(0, sealed.length - 1) },
      { ...rfc, sealed: sealed.subarray(0, rfc.plaintext.length) }, // tag removed entirely
      { ...rfc, sealed: new Uint8Array(0) },
    ]
    for (const attempt of attempts) expect(codeOf(() => sm4GcmDecrypt(attempt))).toBe('crypto.gm-decrypt-failed')
    fc.assert(
      fc.property(fc.nat({ max: sealed.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, bit) => {
        const bad = sealed.slice()
        bad[at] ^= bit
        expect(codeOf(() => sm4GcmDecrypt({ ...rfc, sealed: bad }))).toBe('crypto.gm-decrypt-failed')
      }),
      { numRuns: 100 },
    )
  })

  it('refuses a key or IV of the wrong size before encrypting, with a Chinese reason', () => {
    const short = { ...rfc, key: new Uint8Array(SM4_KEY_BYTES - 1) }
    const longIv = { ...rfc, iv: new Uint8Array(GCM_IV_BYTES + 4) }
    expect(codeOf(() => sm4GcmEncrypt(short))).toBe('crypto.gm-key-invalid')
    expect(codeOf(() => sm4GcmEncrypt(longIv))).toBe('crypto.gm-key-invalid')
    expect(codeOf(() => sm4GcmDecrypt({ ...longIv, sealed: new Uint8Array(32) }))).toBe('crypto.gm-key-invalid')
    expect(codeOf(() => sm4EncryptBlock(KEY, new Uint8Array(15)))).toBe('crypto.gm-key-invalid')
  })
})
