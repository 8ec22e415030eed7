/**
 * Global record ids any office can mint offline: `<6-digit unit code>-<ULID>` (docs/architecture.md §3). The ULID's time
 * part keeps ids roughly in creation order; its 80 random bits come from the caller's random source.
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

export type RandomBytes = (n: number) => Uint8Array

export const webRandomBytes: RandomBytes = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n))

export function ulid(nowMs: number, random: RandomBytes = webRandomBytes): string {
  let time = ''
  let t = Math.floor(nowMs)
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time
    t = Math.floor(t / 32)
  }
  const bytes = random(16)
  let rand = ''
  for (let i = 0; i < 16; i++) rand += CROCKFORD[bytes[i] % 32]
  return time + rand
}

export function newRecordId(unitCode: string, nowMs: number, random?: RandomBytes): string {
  return `${unitCode}-${ulid(nowMs, random)}`
}

export const RECORD_ID_PATTERN = /^\d{6}-[0-9A-HJKMNP-TV-Z]{26}$/
