import { describe, expect, it } from 'vitest'
import { hashPassword, PASSWORD_PARAMS, verifyPassword } from '../../../electron/services/passwords'

describe('password hashing (scrypt)', () => {
  it('stores the documented parameters and a random salt', async () => {
    const a = await hashPassword('Mima2026abc')
    const b = await hashPassword('Mima2026abc')
    expect(a).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/)
    expect(a).not.toBe(b)
    expect(PASSWORD_PARAMS).toMatchObject({ logN: 15, r: 8, p: 1 })
  })

  it('verifies the right password and refuses a wrong one or a malformed hash', async () => {
    const h = await hashPassword('Mima2026abc')
    expect(await verifyPassword('Mima2026abc', h)).toEqual({ ok: true, needsRehash: false })
    expect((await verifyPassword('Mima2026abd', h)).ok).toBe(false)
    expect((await verifyPassword('Mima2026abc', 'plain')).ok).toBe(false)
    expect((await verifyPassword('Mima2026abc', 'scrypt$30$8$1$AAAA$BBBB')).ok).toBe(false)
  })

  it('asks for a rehash of older, weaker parameters', async () => {
    const h = await hashPassword('Mima2026abc')
    const parts = h.split('$')
    // re-derive the same password with logN 12 via the public API is not possible; fabricate a weaker stored form
    const { scryptSync } = await import('node:crypto')
    const salt = Buffer.from(parts[4], 'base64')
    const key = scryptSync('Mima2026abc', salt, 32, { N: 2 ** 12, r: 8, p: 1 })
    const weak = ['scrypt', 12, 8, 1, parts[4], key.toString('base64')].join('$')
    expect(await verifyPassword('Mima2026abc', weak)).toEqual({ ok: true, needsRehash: true })
  })
})
