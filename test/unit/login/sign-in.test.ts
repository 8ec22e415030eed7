import 'fake-indexeddb/auto'
import { randomBytes, scryptSync } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, execute, findUserByUsername, setUserDisabled } from '../../../renderer/src/db'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import { SIGN_IN_REFUSED } from '../../../shared/domain/accountPolicy'
import { appError, fail, messageFor } from '../../../shared/errors'
import { createApi } from '../../../shared/ipc/api'
import { dispatch } from '../../../shared/ipc/dispatch'
import { webServices } from '../../mocks/services'
import { admin, freshDb, setUp, snapshot } from '../db/fixtures'

/**
 * Sign-in through the real code paths: renderer/src/features/login/signIn.ts, window.api built from the contract over
 * the real main-process services (scrypt, the rate limits), and the command layer on IndexedDB.
 */
type SignInModule = typeof import('../../../renderer/src/features/login/signIn')
let signIn: SignInModule['signIn']
let standInHash: SignInModule['standInHash']
let profileStore: typeof import('../../../renderer/src/app/store')['profileStore']
let db: JiuzhuDb
let dir: string

/** A hash as an earlier version stored it: scrypt N = 2^15, r = 8, p = 1. */
function legacyHash(password: string): string {
  const salt = randomBytes(16)
  const key = scryptSync(password, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 })
  return ['scrypt', 15, 8, 1, salt.toString('base64'), key.toString('base64')].join('$')
}

async function addUser(username: string, passwordHash: string): Promise<void> {
  const res = await execute(db, createUser, admin, {
    username,
    profile: { displayName: `${username}测试`, roles: ['finance'] },
    passwordHash,
  })
  if (!res.ok) throw new Error(res.error.message)
}

const user = async (username: string) => (await findUserByUsername(db, username))!
const auditCount = () => db.audit.count()
/** What the sign-in screen holds: the profile's store, not the database. */
const store = () => profileStore(db)
/** Every refusal, in the same words (SIGN_IN_REFUSED). */
const refused = fail(appError('auth.sign-in-refused'))

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sign-in-'))
  const services = webServices(dir, join(dir, 'e'), join(dir, 'b'))
  ;(globalThis as { window?: unknown }).window = {
    api: createApi((channel, args) => dispatch(services, channel, args)),
  }
  ;({ signIn, standInHash } = await import('../../../renderer/src/features/login/signIn'))
  ;({ profileStore } = await import('../../../renderer/src/app/store'))
  db = freshDb()
  await db.open()
  await setUp(db)
  await addUser('zhangsan', legacyHash('Chengban2026'))
  await addUser('lisi', legacyHash('Lisi2026abc'))
})
afterAll(async () => {
  db.close()
  await db.delete()
  delete (globalThis as { window?: unknown }).window
  await rm(dir, { recursive: true, force: true })
})

describe('sign-in', () => {
  it('a correct password for an earlier-parameter hash signs in, and the same command stores a current hash', async () => {
    const before = (await user('zhangsan')).passwordHash
    expect(before).toMatch(/^scrypt\$15\$8\$1\$/)
    const audit = await auditCount()
    const out = await signIn(store(), 'zhangsan', 'Chengban2026')
    expect(out.ok).toBe(true)
    const after = (await user('zhangsan')).passwordHash
    expect(after).toMatch(/^scrypt\$17\$8\$1\$/)
    // one command, one change, one audit entry: the sign-in with the new hash, the hash itself hidden
    const entries = await db.audit.where('seq').above(audit).toArray()
    expect(entries.map((e) => e.command)).toEqual(['user.recordLogin'])
    expect(entries[0].after).toMatchObject({ passwordHash: '〔已隐去〕' })
    expect(JSON.stringify(entries)).not.toContain('scrypt$')
    // the new hash is of the same password: the next sign-in verifies it and leaves it as it is
    expect((await signIn(store(), 'zhangsan', 'Chengban2026')).ok).toBe(true)
    expect((await user('zhangsan')).passwordHash).toBe(after)
  })

  it('an unknown login name and a wrong password get the same answer, naming no tries left', async () => {
    const audit = await auditCount()
    const unknown = await signIn(store(), 'nobody', 'Chengban2026')
    const wrong = await signIn(store(), 'lisi', 'Wrong2026x')
    expect(unknown).toEqual(refused)
    expect(wrong).toEqual(refused)
    expect(messageFor('auth.sign-in-refused')).toBe(SIGN_IN_REFUSED)
    expect(SIGN_IN_REFUSED).not.toMatch(/再输错/)
    // the failure on the real account is counted (one audit entry); the unknown name leaves no trace
    expect((await user('lisi')).failedLogins).toBe(1)
    expect(await auditCount()).toBe(audit + 1)
    // unknown names are checked against a stand-in hash of their own, with the current parameters
    expect(standInHash('nobody')).toMatch(/^scrypt\$17\$8\$1\$/)
    expect(standInHash('nobody')).not.toBe(standInHash('nobody2'))
  })

  it('the lockout still works, and a locked or disabled account is refused with the same words', async () => {
    for (let i = 2; i <= 5; i++) expect(await signIn(store(), 'lisi', `Wrong2026x${i}`)).toEqual(refused)
    const locked = await user('lisi')
    expect(locked.lockedUntil).toBeDefined()
    const audit = await auditCount()
    // even the right password: refused, not recorded, the lock not extended and the old hash not replaced
    expect(await signIn(store(), 'lisi', 'Lisi2026abc')).toEqual(refused)
    expect(await user('lisi')).toEqual(locked)
    expect(await auditCount()).toBe(audit)

    const disabled = await execute(db, setUserDisabled, admin, {
      id: (await user('zhangsan')).id,
      disabled: true,
      reason: '测试停用',
    })
    expect(disabled.ok).toBe(true)
    expect(await signIn(store(), 'zhangsan', 'Chengban2026')).toEqual(refused)
  })

  it('a stored hash naming hostile parameters (logN 20, r 32, p 16) is refused before deriving; nothing is written', async () => {
    const hostile = `scrypt$20$32$16$${randomBytes(16).toString('base64')}$${randomBytes(32).toString('base64')}`
    await addUser('wangwu', hostile)
    const before = await snapshot(db)
    const started = performance.now()
    const out = await signIn(store(), 'wangwu', 'Wangwu2026x')
    console.log(`sign-in with a hostile stored hash refused in ${(performance.now() - started).toFixed(1)} ms`)
    expect(out).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/密码记录不能使用.*未进行验证.*重置密码/) },
    })
    expect(await snapshot(db)).toEqual(before)
  })
})
