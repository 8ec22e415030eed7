import { CodedError } from '../../shared/errors/coded'

/**
 * Rate limits for the password channels of the IPC contract and the browser-mode bridge (docs/security.md §3). One
 * throttle per set of services (`createServices`), so one per main process or `npm run web` server:
 *
 * - **one scrypt at a time**: verifications and new hashes run one after another (each needs 128 MiB), and a call that
 *   would wait behind `maxWaiting` others is refused at once;
 * - **token bucket**: at most `capacity` verifications in a burst, then one per `refillMs`; a call waits for its token;
 * - **growing delay per stored hash**: after `freeFailures` wrong passwords for the same hash within `windowMs`, each
 *   further failure is answered only after `baseDelayMs`, doubled each time up to `maxDelayMs`, and another try for
 *   that hash before the delay has passed is refused (`auth.rate-limited`). A correct password clears the count.
 *
 * The delay is keyed by the hash rather than kept for the whole process, because the caller supplies the hash: a
 * process-wide counter could be reset with a made-up hash whose password the caller knows. The sign-in screen gives an
 * unknown login name a stand-in hash of its own, so unknown names and real accounts are slowed down alike.
 * The account lockout (5 failures, 15 minutes) is separate and kept in the account record by the sign-in command.
 */
export interface PasswordThrottleOptions {
  capacity: number
  refillMs: number
  freeFailures: number
  baseDelayMs: number
  maxDelayMs: number
  windowMs: number
  maxWaiting: number
  maxTracked: number
  now: () => number
  sleep: (ms: number) => Promise<void>
}

export const PASSWORD_THROTTLE_DEFAULTS: PasswordThrottleOptions = {
  capacity: 20,
  refillMs: 1_000,
  freeFailures: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  windowMs: 15 * 60_000,
  maxWaiting: 4,
  maxTracked: 1_000,
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}

export interface PasswordThrottle {
  /** Runs `check` (a verification against `hash`) under the bucket, the queue and the per-hash delay. */
  verify<T extends { ok: boolean }>(hash: string, check: () => Promise<T>): Promise<T>
  /** Runs `work` (a new hash) in the same one-at-a-time queue, without taking a token. */
  serial<T>(work: () => Promise<T>): Promise<T>
}

interface Failures {
  count: number
  lastAt: number
  notBefore: number
}

export function createPasswordThrottle(options: Partial<PasswordThrottleOptions> = {}): PasswordThrottle {
  const o = { ...PASSWORD_THROTTLE_DEFAULTS, ...options }
  let tokens = o.capacity
  let refilledAt = o.now()
  let waiting = 0
  let tail: Promise<void> = Promise.resolve()
  const failures = new Map<string, Failures>()

  const refused = (ms: number) => new CodedError('auth.rate-limited', { seconds: Math.max(1, Math.ceil(ms / 1000)) })

  function refill(now: number): void {
    tokens = Math.min(o.capacity, tokens + (now - refilledAt) / o.refillMs)
    refilledAt = now
  }

  async function takeToken(): Promise<void> {
    refill(o.now())
    if (tokens < 1) {
      await o.sleep(Math.ceil((1 - tokens) * o.refillMs))
      refill(o.now())
    }
    tokens = Math.max(0, tokens - 1)
  }

  function currentFailures(hash: string, now: number): Failures | undefined {
    const f = failures.get(hash)
    if (f && now - f.lastAt > o.windowMs) {
      failures.delete(hash)
      return undefined
    }
    return f
  }

  function assertNotDelayed(hash: string): void {
    const now = o.now()
    const f = currentFailures(hash, now)
    if (f && f.notBefore > now) throw refused(f.notBefore - now)
  }

  /** Counts a failure for `hash` and returns how long its answer is held back. */
  function recordFailure(hash: string): number {
    const now = o.now()
    const count = (currentFailures(hash, now)?.count ?? 0) + 1
    const over = count - o.freeFailures
    const delay = over > 0 ? Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.min(over - 1, 30)) : 0
    failures.delete(hash)
    failures.set(hash, { count, lastAt: now, notBefore: now + delay })
    while (failures.size > o.maxTracked) failures.delete(failures.keys().next().value as string)
    return delay
  }

  async function inQueue<T>(work: () => Promise<T>): Promise<T> {
    if (waiting >= o.maxWaiting) throw refused(o.refillMs)
    waiting++
    const before = tail
    let release = () => {}
    tail = new Promise<void>((resolve) => {
      release = resolve
    })
    try {
      await before
      return await work()
    } finally {
      waiting--
      release()
    }
  }

  return {
    async verify(hash, check) {
      assertNotDelayed(hash)
      let delay = 0
      const result = await inQueue(async () => {
        await takeToken()
        assertNotDelayed(hash) // another try for the same hash may have failed while this one waited
        const r = await check()
        if (r.ok) failures.delete(hash)
        else delay = recordFailure(hash)
        return r
      })
      if (delay > 0) await o.sleep(delay)
      return result
    },
    serial: inQueue,
  }
}
