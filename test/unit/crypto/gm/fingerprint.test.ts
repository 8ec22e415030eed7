import { describe, expect, it } from 'vitest'
import { generateSm2KeyPair, sm2Fingerprint, sm2KeyIdOf, sm2PublicKeyOf } from '../../../../shared/crypto/gm'
import { CodedError } from '../../../../shared/errors/coded'
import { FINGERPRINT_PATTERN, KEY_ID_PATTERN } from '../../../../shared/exchange/fingerprint'
import { unhex } from './tools'

describe('the 国密 key id and fingerprint read aloud', () => {
  const signingKey = sm2PublicKeyOf(unhex('3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8'))
  const encryptionKey = sm2PublicKeyOf(unhex('00000000000000000000000000000000000000000000000000000000000000ff'))

  it('is the first 100 bits of SM3(signing key ‖ encryption key) in four groups of five, like the current suite’s', () => {
    const keys = { signingKey, encryptionKey }
    expect(sm2KeyIdOf(keys)).toMatch(KEY_ID_PATTERN)
    expect(sm2Fingerprint(keys)).toMatch(FINGERPRINT_PATTERN)
    // Computed outside this code: `openssl dgst -sm3` of the 130 bytes, first 100 bits in Crockford base32 by hand (Python).
    expect(sm2Fingerprint(keys)).toBe('21Z2Z-PW54V-MGCHF-HPS17')
  })

  it('changes when either key changes or the two are swapped', () => {
    const other = generateSm2KeyPair().publicKey
    const base = sm2KeyIdOf({ signingKey, encryptionKey })
    expect(sm2KeyIdOf({ signingKey: other, encryptionKey })).not.toBe(base)
    expect(sm2KeyIdOf({ signingKey, encryptionKey: other })).not.toBe(base)
    expect(sm2KeyIdOf({ signingKey: encryptionKey, encryptionKey: signingKey })).not.toBe(base)
  })

  it('refuses a key that is not a point on the SM2 curve', () => {
    const bad = signingKey.slice()
    bad[10] ^= 1
    expect(() => sm2KeyIdOf({ signingKey: bad, encryptionKey })).toThrow(CodedError)
  })
})
