import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { sm2 as second, sm3 as secondSm3 } from 'sm-crypto'
import { describe, expect, it } from 'vitest'
import {
  checkSealedPassphrase,
  resealOfficeKeys,
  rotateSealedOfficeKeys,
} from '../../../electron/services/bundle/appExchange'
import {
  generateOfficeKeys,
  keyRecordProblem,
  publicKeyRecord,
  readSealCipher,
  readSealedKeyRecord,
  sealPrivateKeys,
  unsealPrivateKeys,
  verifyRotation,
} from '../../../electron/services/bundle/keys'
import { sm2Decrypt } from '../../../shared/crypto/gm'
import { KEY_ID_PATTERN } from '../../../shared/exchange/fingerprint'
import { sm2FingerprintOf } from '../../../shared/exchange/gmKeys'
import { officeKeyRecordSchema } from '../../../shared/exchange/keyRecord'
import { hex } from '../crypto/gm/tools'
import { keys, legacySealed, withoutSm2 } from './helpers'

const b64hex = (b64: string) => Buffer.from(b64, 'base64').toString('hex')
const PASS = '秦淮院密钥口令2026'

/** Key id per docs/bundle-format.md §2.3, recomputed with sm-crypto 0.5.8: SM3(sign ‖ enc), 100 bits, Crockford. */
function independentSm2KeyId(signingKey: string, encryptionKey: string): string {
  const digest = secondSm3([...Buffer.from(signingKey, 'base64'), ...Buffer.from(encryptionKey, 'base64')])
  const bits = [...Buffer.from(digest, 'hex')].map((b) => b.toString(2).padStart(8, '0')).join('')
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
  return bits
    .slice(0, 100)
    .match(/.{5}/g)!
    .map((g) => alphabet[Number.parseInt(g, 2)])
    .join('')
}

describe('office keys hold both suites (国密 pairs)', () => {
  it('generates an SM2 signing pair and a separate SM2 encryption pair with a derived 国密 key id', () => {
    const k = generateOfficeKeys({ unitCode: '320104' })
    expect(Buffer.from(k.sm2SigningKey!, 'base64')).toHaveLength(65)
    expect(Buffer.from(k.sm2EncryptionKey!, 'base64')).toHaveLength(65)
    expect(k.sm2SigningKey).not.toBe(k.sm2EncryptionKey)
    expect(k.sm2KeyId).toMatch(KEY_ID_PATTERN)
    expect(k.sm2KeyId).toBe(independentSm2KeyId(k.sm2SigningKey!, k.sm2EncryptionKey!))
    expect(sm2FingerprintOf(k)?.replaceAll('-', '')).toBe(k.sm2KeyId)
    // the private halves belong to the public ones, checked with the second implementation
    const message = [...Buffer.from('jiuzhu 国密')]
    const signature = second.doSignature(message, b64hex(k.sm2SigningPrivateKey!), {
      hash: true,
      publicKey: b64hex(k.sm2SigningKey!),
      userId: '1234567812345678',
    })
    expect(second.doVerifySignature(message, signature, b64hex(k.sm2SigningKey!), { hash: true })).toBe(true)
    const envelope = second.doEncrypt(message, b64hex(k.sm2EncryptionKey!), 1)
    const opened = sm2Decrypt(
      new Uint8Array(Buffer.from(`04${envelope}`, 'hex')),
      new Uint8Array(Buffer.from(k.sm2EncryptionPrivateKey!, 'base64')),
    )
    expect(hex(opened)).toBe(Buffer.from(message).toString('hex'))
  })

  it('a seeded source gives the same Ed25519/X25519 keys as before the SM2 pairs were added (the golden keys)', () => {
    const golden = JSON.parse(readFileSync(resolve(__dirname, 'fixtures/golden-v1-test-keys.json'), 'utf8'))
    expect(publicKeyRecord(withoutSm2(keys.city))).toEqual({
      unitCode: golden.city.unitCode,
      keyId: golden.city.keyId,
      createdAt: golden.city.createdAt,
      signingKey: golden.city.signingKey,
      encryptionKey: golden.city.encryptionKey,
    })
    expect(keys.city.sm2KeyId).not.toBe(keys.district.sm2KeyId)
  })

  it('records without the 国密 half still parse; a half-present, mismatched or off-curve half is refused', () => {
    const old = publicKeyRecord(withoutSm2(keys.city))
    expect(officeKeyRecordSchema.safeParse(old).success).toBe(true)
    expect(keyRecordProblem(old)).toBeNull()
    const full = publicKeyRecord(keys.city)
    expect(keyRecordProblem(full)).toBeNull()
    expect(keyRecordProblem({ ...old, sm2SigningKey: full.sm2SigningKey })).toBe('国密公钥与其编号必须同时给出')
    expect(keyRecordProblem({ ...full, sm2KeyId: keys.district.sm2KeyId })).toBe('国密密钥编号与其公钥不符')
    expect(keyRecordProblem({ ...full, sm2EncryptionKey: keys.district.sm2EncryptionKey })).toBe(
      '国密密钥编号与其公钥不符',
    )
    const offCurve = Buffer.from(full.sm2SigningKey!, 'base64')
    offCurve[64] ^= 1
    expect(keyRecordProblem({ ...full, sm2SigningKey: offCurve.toString('base64') })).toBe(
      '国密公钥不是 SM2 曲线上的点',
    )
  })
})

describe('sealed key files, version 3', () => {
  it('carry the SM2 private keys, sealed with AES-256-GCM by default or SM4-GCM for 国密, and open again', async () => {
    for (const cipher of ['aes-256-gcm', 'sm4-gcm'] as const) {
      const sealed = await sealPrivateKeys(keys.otherDistrict, PASS, { cipher })
      const obj = JSON.parse(sealed)
      expect(obj).toMatchObject({ version: 3, cipher: { alg: cipher }, kdf: { alg: 'scrypt', logN: 17, r: 8, p: 1 } })
      expect(obj.sm2KeyId).toBe(keys.otherDistrict.sm2KeyId)
      expect(sealed).not.toContain(keys.otherDistrict.sm2SigningPrivateKey)
      expect(sealed).not.toContain(keys.otherDistrict.sm2EncryptionPrivateKey)
      expect(readSealCipher(sealed)).toBe(cipher)
      expect(readSealedKeyRecord(sealed)).toEqual(publicKeyRecord(keys.otherDistrict))
      expect(await unsealPrivateKeys(sealed, PASS)).toEqual(keys.otherDistrict)
      await expect(unsealPrivateKeys(sealed, `${PASS}x`)).rejects.toMatchObject({
        code: 'bundle.keys-wrong-passphrase',
      })
      // one flipped byte of the ciphertext is damage, not a wrong passphrase
      const body = Buffer.from(obj.sealed, 'base64')
      body[3] ^= 1
      const flipped = JSON.stringify({ ...obj, sealed: body.toString('base64') })
      await expect(unsealPrivateKeys(flipped, PASS)).rejects.toMatchObject({ code: 'bundle.keys-damaged' })
      // the SM2 public key is in the authenticated header: swapping it in is damage
      const swapped = JSON.stringify({ ...obj, sm2SigningKey: keys.city.sm2SigningKey })
      await expect(unsealPrivateKeys(swapped, PASS)).rejects.toMatchObject({ code: 'bundle.keys-damaged' })
    }
  })

  it('an SM4-GCM file re-sealed under a new passphrase stays SM4-GCM; a version-1 file opens and comes back as version 3', async () => {
    const sm4 = await sealPrivateKeys(keys.otherDistrict, PASS, { cipher: 'sm4-gcm' })
    const renewed = await resealOfficeKeys(sm4, PASS, '新的密钥口令2027')
    expect(JSON.parse(renewed).cipher.alg).toBe('sm4-gcm')
    expect(await unsealPrivateKeys(renewed, '新的密钥口令2027')).toEqual(keys.otherDistrict)
    const legacy = legacySealed(keys.otherDistrict, PASS)
    const checked = await checkSealedPassphrase(legacy, PASS)
    expect(JSON.parse(checked.resealed ?? '{}')).toMatchObject({ version: 3, cipher: { alg: 'aes-256-gcm' } })
    // an office keyed before 国密 keeps its keys unchanged on re-sealing: no silent key change
    expect(await unsealPrivateKeys(checked.resealed!, PASS)).toEqual(withoutSm2(keys.otherDistrict))
  })

  it('a version-2 file naming SM4-GCM or carrying SM2 keys was not written by this software: damaged', async () => {
    const obj = JSON.parse(await sealPrivateKeys(keys.otherDistrict, PASS, { cipher: 'sm4-gcm' }))
    const { createHash } = await import('node:crypto')
    const { canonicalJson } = await import('../../../shared/util/canonicalJson')
    const { headerSum: _h, sealed, ...fields } = { ...obj, version: 2 }
    const headerSum = createHash('sha256').update(canonicalJson(fields), 'utf8').digest('base64')
    await expect(unsealPrivateKeys(JSON.stringify({ ...fields, headerSum, sealed }), PASS)).rejects.toMatchObject({
      code: 'bundle.keys-damaged',
    })
  })
})

describe('existing offices get SM2 keys at their next rotation', () => {
  it('rotating a pre-国密 key makes a record with both pairs, announced by the old Ed25519 key', async () => {
    const old = withoutSm2(keys.otherDistrict)
    const sealed = await sealPrivateKeys(old, PASS)
    const rotated = await rotateSealedOfficeKeys(sealed, PASS)
    expect(rotated.record.sm2KeyId).toMatch(KEY_ID_PATTERN)
    expect(rotated.record.previousKeyId).toBe(old.keyId)
    expect(verifyRotation(rotated.rotation, old)).toBe(true)
    // a rotation whose new 国密 key id does not derive from its keys is refused even with a valid-looking shape
    const forged = { ...rotated.rotation, next: { ...rotated.rotation.next, sm2KeyId: keys.city.sm2KeyId } }
    expect(verifyRotation(forged, old)).toBe(false)
  })
})
