/**
 * Seeded pseudo-random numbers for the synthetic data generator. Never `Math.random`: the same seed and labels give
 * the same stream on every machine (plain 32-bit integer arithmetic, no floating-point transcendental functions in
 * the state update). sfc32 (Chris Doty-Humphrey's Small Fast Counter, PractRand-clean at 32 bits) seeded through
 * cyrb128 of a text key, so that every office and every purpose gets an independent stream derived by name.
 */

/** cyrb128: four 32-bit words from a string (a fast non-cryptographic hash, used only to seed streams). */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703
  let h2 = 3144134277
  let h3 = 1013904242
  let h4 = 2773480762
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i)
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
  h1 ^= h2 ^ h3 ^ h4
  h2 ^= h1
  h3 ^= h1
  h4 ^= h1
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0]
}

export interface Weighted<T> {
  value: T
  weight: number
}

/** A seeded random stream with the helpers the generator needs. */
export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(key: string) {
    ;[this.a, this.b, this.c, this.d] = cyrb128(key)
    for (let i = 0; i < 12; i++) this.u32()
  }

  /** An independent stream for a sub-purpose, derived from this stream's next output and a label. */
  fork(label: string): Rng {
    return new Rng(`${this.u32()}/${label}`)
  }

  /** Next unsigned 32-bit integer (sfc32). */
  u32(): number {
    this.a >>>= 0
    this.b >>>= 0
    this.c >>>= 0
    this.d >>>= 0
    let t = (this.a + this.b) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.d = (this.d + 1) | 0
    t = (t + this.d) | 0
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list')
    return items[Math.floor(this.next() * items.length)]!
  }

  /** One value by weight (weights need not sum to 1; zero weights are never picked). */
  weighted<T>(items: readonly Weighted<T>[] | readonly (readonly [T, number])[]): T {
    const list = items.map((x) => (Array.isArray(x) ? { value: x[0], weight: x[1] } : (x as Weighted<T>)))
    let total = 0
    for (const x of list) total += x.weight
    let r = this.next() * total
    for (const x of list) {
      if (x.weight <= 0) continue
      r -= x.weight
      if (r < 0) return x.value
    }
    const last = [...list].reverse().find((x) => x.weight > 0)
    if (!last) throw new RangeError('weighted pick with no positive weight')
    return last.value
  }

  /**
   * Approximately standard normal: Irwin–Hall sum of 12 uniforms − 6 (only + − × ÷, so bit-identical in every JS
   * engine, unlike Math.log/cos whose last bit may differ). Tails are cut at ±6, which suits amounts and delays.
   */
  normal(): number {
    let s = 0
    for (let i = 0; i < 12; i++) s += this.next()
    return s - 6
  }

  /** Log-normal with the given median and log-sd (see `exp`). */
  logNormal(median: number, sigma: number): number {
    return median * exp(sigma * this.normal())
  }

  /** n distinct items, in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items]
    const out: T[] = []
    for (let i = 0; i < n && copy.length > 0; i++) out.push(copy.splice(this.int(0, copy.length - 1), 1)[0]!)
    return out
  }

  /** n random bytes (for record-id ULIDs). */
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n)
    for (let i = 0; i < n; i += 4) {
      const x = this.u32()
      for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (x >>> (8 * j)) & 0xff
    }
    return out
  }
}

const LN2 = Math.LN2

/**
 * e^x from basic arithmetic only (range reduction to |r| ≤ ln2/2, then a Taylor series), so generated data do not
 * depend on an engine's Math.exp. Accurate to ~1e-15 relative for |x| < 700.
 */
export function exp(x: number): number {
  const k = Math.round(x / LN2)
  const r = x - k * LN2
  let term = 1
  let sum = 1
  for (let n = 1; n < 20; n++) {
    term = (term * r) / n
    sum += term
  }
  let scale = 1
  const base = k < 0 ? 0.5 : 2
  for (let i = 0; i < Math.abs(k); i++) scale *= base
  return sum * scale
}
