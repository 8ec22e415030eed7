import { createHash } from 'node:crypto'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { assert, describe, expect, it } from 'vitest'
import {
  generateOfficeKeys,
  publicKeyRecord,
  readSealedKeyRecord,
  sealPrivateKeys,
  signRotation,
  unsealPrivateKeys,
  verifyRotation,
} from '../../../electron/services/bundle/keys'
import { appError } from '../../../shared/errors'
import { FINGERPRINT_PATTERN, fingerprint, KEY_ID_PATTERN, keyIdOf } from '../../../shared/exchange/fingerprint'
import { dispatch } from '../../../shared/ipc/dispatch'
import { canonicalJson } from '../../../shared/util/canonicalJson'
import { webServices } from '../../mocks/services'
import { keys, legacySealed, refusal, seededRandom, units, withoutSm2 } from './helpers'

describe('office keys', () => {
  it('generates Ed25519 + X25519 pairs with raw 32-byte base64 public keys and a derived key id', () => {
    const k = generateOfficeKeys({ unitCode: '320102', createdAt: '2026-01-05T09:00:00.000Z' })
    expect(k.signingKey).toMatch(/^[A-Za-z0-9+/]{43}=$/)
    expect(k.encryptionKey).toMatch(/^[A-Za-z0-9+/]{43}=$/)
    expect(Buffer.from(k.signingPrivateKey, 'base64')).toHaveLength(32)
    expect(k.keyId).toMatch(KEY_ID_PATTERN)
    expect(k.keyId).toBe(keyIdOf(k))
    expect(k.createdAt).toBe('2026-01-05T09:00:00.000Z')
    const other = generateOfficeKeys({ unitCode: '320102' })
    expect(other.keyId).not.toBe(k.keyId)
  })

  it('is reproducible only with an injected random source', () => {
    const a = generateOfficeKeys({ unitCode: '320102', createdAt: '2026-01-05T09:00:00.000Z' }, seededRandom('x'))
    const b = generateOfficeKeys({ unitCode: '320102', createdAt: '2026-01-05T09:00:00.000Z' }, seededRandom('x'))
    expect(a).toEqual(b)
  })

  it('fingerprint: 4 groups of 5 Crockford characters, the key id, changes with either key', () => {
    const fp = fingerprint(keys.district)
    expect(fp).toMatch(FINGERPRINT_PATTERN)
    expect(fp.replaceAll('-', '')).toBe(keys.district.keyId)
    expect(fp).not.toMatch(/[ILOU]/)
    expect(fingerprint({ ...keys.district, encryptionKey: keys.city.encryptionKey })).not.toBe(fp)
    expect(fingerprint({ ...keys.district, signingKey: keys.city.signingKey })).not.toBe(fp)
  })

  it('fingerprint is the first 100 bits of sha256(ed25519 ‖ x25519) (independent re-computation)', async () => {
    const { createHash } = await import('node:crypto')
    const h = createHash('sha256')
      .update(
        Buffer.concat([Buffer.from(keys.city.signingKey, 'base64'), Buffer.from(keys.city.encryptionKey, 'base64')]),
      )
      .digest()
    const bits = [...h]
      .map((b) => b.toString(2).padStart(8, '0'))
      .join('')
      .slice(0, 100)
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
    const expected = bits
      .match(/.{5}/g)!
      .map((g) => alphabet[Number.parseInt(g, 2)])
      .join('')
    expect(keys.city.keyId).toBe(expected)
  })

  it('refuses a non-canonical key encoding in fingerprint/keyId', () => {
    // 'B' leaves non-zero padding bits in the last character: the same bytes would have two encodings
    const nonCanonical = `${keys.city.signingKey.slice(0, -2)}B=`
    expect(() => keyIdOf({ ...keys.city, signingKey: nonCanonical })).toThrow(TypeError)
    expect(() => keyIdOf({ ...keys.city, signingKey: 'abc' })).toThrow(TypeError)
  })
})

describe('sealing private keys', () => {
  it('round-trips with the right passphrase and exposes only the public record without it', async () => {
    const sealed = await sealPrivateKeys(keys.district, '玄武院密钥口令2026')
    expect(sealed).not.toContain(keys.district.signingPrivateKey)
    expect(sealed).not.toContain(keys.district.encryptionPrivateKey)
    expect(readSealedKeyRecord(sealed)).toEqual(publicKeyRecord(keys.district))
    expect(await unsealPrivateKeys(sealed, '玄武院密钥口令2026')).toEqual(keys.district)
  })

  it('tells a wrong passphrase from a damaged file', async () => {
    const sealed = await sealPrivateKeys(keys.city, 'correct horse battery')
    await expect(unsealPrivateKeys(sealed, 'correct horse batterY')).rejects.toMatchObject({
      code: 'bundle.keys-wrong-passphrase',
    })
    const obj = JSON.parse(sealed)
    const body = Buffer.from(obj.sealed, 'base64')
    body[3] ^= 1
    await expect(
      unsealPrivateKeys(JSON.stringify({ ...obj, sealed: body.toString('base64') }), 'correct horse battery'),
    ).rejects.toMatchObject({ code: 'bundle.keys-damaged' })
    // the public header is authenticated too: swapping in another office's public key is detected
    const swapped = JSON.stringify({ ...obj, createdAt: '2027-01-01T00:00:00.000Z' })
    await expect(unsealPrivateKeys(swapped, 'correct horse battery')).rejects.toMatchObject({
      code: 'bundle.keys-damaged',
    })
    await expect(unsealPrivateKeys('{"format":"x"}', 'whatever1')).rejects.toMatchObject({
      code: 'bundle.keys-damaged',
    })
    await expect(unsealPrivateKeys('not json', 'whatever1')).rejects.toMatchObject({ code: 'bundle.keys-damaged' })
    await expect(
      unsealPrivateKeys(JSON.stringify({ ...obj, kdf: { ...obj.kdf, logN: 30 } }), 'correct horse battery'),
    ).rejects.toMatchObject({ code: 'bundle.keys-damaged' })
  })

  it('a key file naming scrypt parameters not on the closed list (logN 20, r 32, p 16) is refused before deriving', async () => {
    const sealed = await sealPrivateKeys(keys.city, 'correct horse battery')
    const obj = JSON.parse(sealed)
    expect(obj.kdf).toMatchObject({ logN: 17, r: 8, p: 1 })
    // crafted as an attacker would: the header's damage checksum recomputed, so only the parameter list stops it
    const hostile = recrafted(obj, { kdf: { ...obj.kdf, logN: 20, r: 32, p: 16 } })
    const started = performance.now()
    const refused = await unsealPrivateKeys(hostile, 'correct horse battery').catch((e) => e)
    console.log(`hostile key file (logN 20, r 32, p 16) refused in ${(performance.now() - started).toFixed(1)} ms`)
    expect(refused).toMatchObject({ code: 'bundle.keys-damaged' })
    expect(refused.params.detail).toMatch(/logN=20、r=32、p=16 不是本软件使用的参数.*未尝试解开/)
    expect(() => readSealedKeyRecord(hostile)).toThrow()
    for (const kdf of [
      { logN: 18, r: 8, p: 1 }, // stronger, but never written for key files
      { logN: 14, r: 8, p: 1 },
      { logN: '15', r: 8, p: 1 },
    ]) {
      const refusedToo = await unsealPrivateKeys(recrafted(obj, { kdf: { ...obj.kdf, ...kdf } }), 'x'.repeat(9)).catch(
        (e) => e,
      )
      expect(refusedToo, JSON.stringify(kdf)).toMatchObject({ code: 'bundle.keys-damaged' })
      expect(refusedToo.params.detail).toMatch(/不是本软件使用的参数/)
    }

    // through the services (Electron IPC and the browser-mode bridge call these): refused, no bundle written
    const dir = await mkdtemp(join(tmpdir(), 'keys-hostile-'))
    const services = webServices(dir, join(dir, 'x'), join(dir, 'b'))
    const packed = await dispatch(services, 'exchange:pack', {
      sealed: hostile,
      passphrase: 'correct horse battery',
      kind: 'enrollment',
      sender: { unitCode: keys.city.unitCode, unitName: '南京市人民检察院', level: 'city' },
      receiver: null,
      channelSeq: 1,
      prevBundleHash: null,
      origins: [],
      auditHead: { seq: 0, hash: '0'.repeat(64) },
      tables: {},
    })
    expect(packed).toMatchObject({ ok: false, error: { code: 'bundle.keys-damaged' } })
    assert(!packed.ok, 'expected packed to be refused')
    expect(packed.error.message).toMatch(/不是本软件使用的参数/)
    expect(await readdir(dir)).toEqual([])
    await rm(dir, { recursive: true, force: true })
  })

  it('a damaged salt, parameter set or verifier reads as a damaged file (with what to do), not as a wrong passphrase', async () => {
    const sealed = await sealPrivateKeys(keys.city, 'correct horse battery')
    const obj = JSON.parse(sealed)
    const salt: string = obj.kdf.salt
    const other = (v: string) => `${v[0] === 'A' ? 'B' : 'A'}${v.slice(1)}`
    const damaged: [string, string][] = [
      ['character outside the alphabet', sealed.replace(salt, `${salt.slice(0, 3)}*${salt.slice(4)}`)],
      ['padding bits set', sealed.replace(salt, `${salt.slice(0, 21)}${salt[21] === 'B' ? 'C' : 'B'}==`)],
      ['another valid salt', sealed.replace(salt, other(salt))],
      ['another accepted parameter set', sealed.replace('"logN":17', '"logN":15')],
      ['another valid verifier', sealed.replace(obj.check, other(obj.check))],
    ]
    for (const [label, file] of damaged) {
      expect(file, label).not.toBe(sealed)
      const refused = await unsealPrivateKeys(file, 'correct horse battery').catch((e) => e)
      expect(refused, label).toMatchObject({ code: 'bundle.keys-damaged' })
      const message = appError(refused.code, refused.params).message
      expect(message, label).toMatch(/^本院密钥文件已损坏或被改动（.+），无法使用。请从保险柜中的密钥备份恢复/)
    }
    expect(
      appError('bundle.keys-damaged', (await unsealPrivateKeys(damaged[2][1], 'x'.repeat(9)).catch((e) => e)).params)
        .message,
    ).toContain('文件头校验值不符')
    // a key file written before the checksum (version 1, N = 2^15): another valid salt still reads as a wrong
    // passphrase (docs/security.md §1) — the checksum is what tells the two apart
    const legacy = JSON.parse(legacySealed(keys.city, 'correct horse battery'))
    const legacyOther = JSON.stringify({ ...legacy, kdf: { ...legacy.kdf, salt: other(legacy.kdf.salt) } })
    await expect(unsealPrivateKeys(legacyOther, 'correct horse battery')).rejects.toMatchObject({
      code: 'bundle.keys-wrong-passphrase',
    })
  })

  it('a key file of an earlier version (no header checksum) opens, and comes back re-sealed in the current format on unlock', async () => {
    const legacy = legacySealed(keys.city, 'correct horse battery')
    expect(JSON.parse(legacy)).toMatchObject({ version: 1, kdf: { logN: 15 } })
    expect(await unsealPrivateKeys(legacy, 'correct horse battery')).toEqual(withoutSm2(keys.city))
    const dir = await mkdtemp(join(tmpdir(), 'keys-upgrade-'))
    const services = webServices(dir, join(dir, 'x'), join(dir, 'b'))
    const checked = await dispatch(services, 'exchange:checkPassphrase', {
      sealed: legacy,
      passphrase: 'correct horse battery',
    })
    if (!checked.ok) throw new Error(checked.error.message)
    const { keyId, resealed } = checked.value as { keyId: string; resealed?: string }
    expect(keyId).toBe(keys.city.keyId)
    expect(JSON.parse(resealed ?? '{}')).toMatchObject({ version: 3, kdf: { logN: 17, r: 8, p: 1 } })
    expect(JSON.parse(resealed ?? '{}').headerSum).toMatch(/^[A-Za-z0-9+/]{43}=$/)
    // the re-sealed file opens with the same passphrase, and a current file is not re-sealed again
    const again = await dispatch(services, 'exchange:checkPassphrase', {
      sealed: resealed!,
      passphrase: 'correct horse battery',
    })
    expect(again).toEqual({ ok: true, value: { keyId: keys.city.keyId } })
    await rm(dir, { recursive: true, force: true })
  })

  it('refuses a short passphrase and keys whose private half does not match', async () => {
    await expect(sealPrivateKeys(keys.city, 'short')).rejects.toMatchObject({
      code: 'bundle.keys-passphrase-too-short',
    })
    await expect(
      sealPrivateKeys({ ...keys.city, signingPrivateKey: keys.district.signingPrivateKey }, 'long enough pass'),
    ).rejects.toMatchObject({ code: 'bundle.keys-invalid' })
  })
})

describe('key rotation', () => {
  const next = generateOfficeKeys(
    { unitCode: units.district.unitCode, createdAt: '2027-01-01T00:00:00.000Z', previousKeyId: keys.district.keyId },
    seededRandom('rotation'),
  )

  it('a new key signed by the previous one verifies against the previous public key only', () => {
    const rotation = signRotation(keys.district, next)
    expect(rotation.next).toEqual(publicKeyRecord(next))
    expect(JSON.stringify(rotation)).not.toContain(next.signingPrivateKey)
    expect(verifyRotation(rotation, keys.district)).toBe(true)
    expect(verifyRotation(rotation, { ...publicKeyRecord(keys.district) })).toBe(true)
    expect(verifyRotation(rotation, keys.city)).toBe(false)
    expect(verifyRotation(rotation, keys.attacker)).toBe(false)
  })

  it('refuses tampered, re-targeted or self-signed rotations', () => {
    const rotation = signRotation(keys.district, next)
    expect(
      verifyRotation(
        { ...rotation, next: { ...rotation.next, encryptionKey: keys.attacker.encryptionKey } },
        keys.district,
      ),
    ).toBe(false)
    expect(verifyRotation({ ...rotation, unitCode: '320104' }, keys.district)).toBe(false)
    expect(verifyRotation({ ...rotation, extra: 1 }, keys.district)).toBe(false)
    expect(
      verifyRotation(
        { ...rotation, signature: rotation.signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) },
        keys.district,
      ),
    ).toBe(false)
    expect(verifyRotation(null, keys.district)).toBe(false)
    // an attacker announcing its own key "signed" by itself is not chained to the old key
    const fake = generateOfficeKeys(
      { unitCode: units.district.unitCode, previousKeyId: keys.attacker.keyId },
      seededRandom('fake'),
    )
    expect(verifyRotation(signRotation(keys.attacker, fake), keys.district)).toBe(false)
    expect(refusal(() => signRotation(keys.district, { ...next, previousKeyId: undefined }))).toBe(
      'bundle.keys-invalid',
    )
    expect(refusal(() => signRotation(keys.district, { ...next, unitCode: '320104' }))).toBe('bundle.keys-invalid')
  })

  it('property: any single-character change to the signed record breaks verification', () => {
    const rotation = signRotation(keys.district, next)
    const text = JSON.stringify(rotation.next)
    fc.assert(
      fc.property(fc.nat({ max: text.length - 1 }), fc.constantFrom('A', '0', 'z'), (i, ch) => {
        const changed = text.slice(0, i) + ch + text.slice(i + 1)
        if (changed === text) return true
        let nextRecord: unknown
        try {
          nextRecord = JSON.parse(changed)
        } catch {
          return true
        }
        return verifyRotation({ ...rotation, next: nextRecord }, keys.district) === false
      }),
      { seed: 20260302, numRuns: 200 },
    )
  })
})

/** A version-2 key file with `patch` applied and its damage checksum recomputed (as a hostile file would be made). */
function recrafted(obj: Record<string, unknown>, patch: Record<string, unknown>): string {
  const { headerSum: _old, sealed, ...fields } = { ...obj, ...patch }
  const headerSum = createHash('sha256').update(canonicalJson(fields), 'utf8').digest('base64')
  return JSON.stringify({ ...fields, headerSum, sealed })
}
