import { describe, expect, it } from 'vitest'
import { createPasswordThrottle, PASSWORD_THROTTLE_DEFAULTS } from '../../../electron/services/passwordThrottle'

/** A throttle on a fake clock: sleeping advances the clock at once and is logged. */
function fakeThrottle(options: Partial<typeof PASSWORD_THROTTLE_DEFAULTS> = {}) {
  const clock = { t: 1_000_000 }
  const slept: number[] = []
  const throttle = createPasswordThrottle({
    now: () => clock.t,
    sleep: async (ms) => {
      slept.push(ms)
      clock.t += ms
    },
    ...options,
  })
  return { throttle, clock, slept }
}

const wrong = async () => ({ ok: false })
const right = async () => ({ ok: true })

describe('rate limits on password verification', () => {
  it('after two free failures for a hash, each failure is answered later: 0.5 s, 1 s, 2 s … up to 8 s', async () => {
    const { throttle, slept } = fakeThrottle()
    for (let i = 0; i < 8; i++) await throttle.verify('hash-a', wrong)
    expect(slept).toEqual([500, 1000, 2000, 4000, 8000, 8000])
  })

  it('a try for the same hash before its delay has passed is refused; other hashes are not held back', async () => {
    const { throttle, clock } = fakeThrottle({ sleep: async () => {} })
    for (let i = 0; i < 3; i++) await throttle.verify('hash-a', wrong)
    await expect(throttle.verify('hash-a', right)).rejects.toMatchObject({
      code: 'auth.rate-limited',
      params: { seconds: 1 },
    })
    expect(await throttle.verify('hash-b', wrong)).toEqual({ ok: false })
    clock.t += 500
    expect(await throttle.verify('hash-a', right)).toEqual({ ok: true })
  })

  it('a correct password clears the count for its hash; failures older than the window are forgotten', async () => {
    const { throttle, clock, slept } = fakeThrottle()
    for (let i = 0; i < 3; i++) await throttle.verify('hash-a', wrong)
    expect(slept).toEqual([500])
    await throttle.verify('hash-a', right)
    for (let i = 0; i < 2; i++) await throttle.verify('hash-a', wrong)
    expect(slept).toEqual([500])
    clock.t += PASSWORD_THROTTLE_DEFAULTS.windowMs + 1
    await throttle.verify('hash-a', wrong)
    expect(slept).toEqual([500])
  })

  it('a burst beyond the bucket waits for tokens: one per second after the first 20', async () => {
    const { throttle, slept } = fakeThrottle()
    for (let i = 0; i < 23; i++) await throttle.verify(`hash-${i}`, right)
    expect(slept).toEqual([1000, 1000, 1000])
  })

  it('checks run one at a time, and a call behind too many others is refused at once', async () => {
    const { throttle } = fakeThrottle()
    let running = 0
    let most = 0
    const release: (() => void)[] = []
    const slow = () =>
      new Promise<{ ok: boolean }>((resolve) => {
        running++
        most = Math.max(most, running)
        release.push(() => {
          running--
          resolve({ ok: true })
        })
      })
    const calls = [0, 1, 2, 3].map((i) => throttle.verify(`h${i}`, slow))
    await expect(throttle.verify('h4', slow)).rejects.toMatchObject({ code: 'auth.rate-limited' })
    await expect(throttle.serial(async () => 'hash')).rejects.toMatchObject({ code: 'auth.rate-limited' })
    for (let i = 0; i < 4; i++) {
      while (release.length === 0) await new Promise((r) => setTimeout(r, 1))
      release.shift()!()
    }
    expect(await Promise.all(calls)).toHaveLength(4)
    expect(most).toBe(1)
    expect(await throttle.serial(async () => 'hash')).toBe('hash')
  })
})
