import { canonicalJson } from '../util/canonicalJson'
import { sha256Hex } from '../util/hash'

/**
 * Where report definitions get their records: plain arrays (tests, the renderer after a Dexie `toArray`), any
 * iterable, or an async iterable of records or of chunks of records (Dexie paging in the renderer, NDJSON files in
 * the CLI). A function returning one of these is called once per report, so the same source can feed several
 * reports (each report reads each table once, in the order it needs).
 */
export type RecordStream<T> = Iterable<T> | AsyncIterable<T | readonly T[]>
export type RecordSource<T> = RecordStream<T> | (() => RecordStream<T>)

/** Calls `visit` for every record of the source, in source order. Arrays are walked without an iterator. */
export async function forEachRecord<T>(source: RecordSource<T> | undefined, visit: (record: T) => void): Promise<void> {
  if (source === undefined) return
  const stream = typeof source === 'function' ? source() : source
  if (Array.isArray(stream)) {
    const arr = stream as readonly T[]
    for (let i = 0; i < arr.length; i++) visit(arr[i])
    return
  }
  if (Symbol.asyncIterator in stream) {
    for await (const item of stream as AsyncIterable<T | readonly T[]>) {
      if (Array.isArray(item)) {
        const chunk = item as readonly T[]
        for (let i = 0; i < chunk.length; i++) visit(chunk[i])
      } else visit(item as T)
    }
    return
  }
  for (const r of stream as Iterable<T>) visit(r)
}

/** The record stamps every report reads (docs/architecture.md §3–4). */
export interface Stamped {
  id: string
  ownerUnit: string
  rev: number
  voided?: { at: string } | undefined
}

const M1 = 0x01000193

function fmix(h: number): number {
  let x = h ^ (h >>> 16)
  x = Math.imul(x, 0x85ebca6b)
  x ^= x >>> 13
  x = Math.imul(x, 0xc2b2ae35)
  return (x ^ (x >>> 16)) >>> 0
}

/**
 * A running hash (FNV-1a style, 32-bit state) of the fields a report reads from one record, with no allocation:
 * each accessor mixes the value in and returns it, so "the fields hashed" are exactly "the fields read". Calendar
 * dates are packed to one number (YYYYMMDD) before mixing, which keeps hashing to a fraction of the pass. Per record
 * the state is finalised two ways and added into the office's two table sums, which makes the input digest
 * independent of record order (Dexie key order and NDJSON file order give the same hash). Not a cryptographic hash
 * by itself: the report's input hash is SHA-256 over the canonical JSON of these per-office sums, counts and rev
 * ranges.
 */
export class FieldHasher {
  h = 0

  begin(): void {
    this.h = 0x811c9dc5
  }

  /** Mixes a string (or its absence) in and returns it. */
  s<V extends string | undefined>(v: V): V {
    let h = this.h
    if (v === undefined) h = Math.imul(h ^ 0x1f, M1)
    else {
      const str = v as string
      const n = str.length
      for (let i = 0; i < n; i++) h = Math.imul(h ^ str.charCodeAt(i), M1)
      h = Math.imul(h ^ (0x10000 | n), M1)
    }
    this.h = h
    return v
  }

  /** Mixes a 'YYYY-MM-DD' day (or its absence) in as one number and returns it; other text as a string. */
  d<V extends string | undefined>(v: V): V {
    if (v === undefined || (v as string).length !== 10) return this.s(v)
    const t = v as string
    const packed =
      (((t.charCodeAt(0) * 10 + t.charCodeAt(1)) * 10 + t.charCodeAt(2)) * 10 + t.charCodeAt(3)) * 10000 +
      (t.charCodeAt(5) * 10 + t.charCodeAt(6)) * 100 +
      t.charCodeAt(8) * 10 +
      t.charCodeAt(9) +
      t.charCodeAt(4) * 0x1000000 +
      t.charCodeAt(7) * 0x2000000
    this.h = Math.imul(Math.imul(this.h ^ (packed >>> 0), M1) ^ 0x20000, M1)
    return v
  }

  /**
   * Mixes a 'YYYY-MM-DD' day (or its absence) in and returns it as the number YYYYMMDD (0 when absent), so that a
   * report compares days as integers after one pass over the characters. Text of another shape is mixed in as a
   * string and returns -1 (never in a period).
   */
  day(v: string | undefined): number {
    if (v === undefined) {
      this.h = Math.imul(this.h ^ 0x1f, M1)
      return 0
    }
    if (v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) {
      this.s(v)
      return -1
    }
    const ymd =
      (v.charCodeAt(0) - 48) * 10_000_000 +
      (v.charCodeAt(1) - 48) * 1_000_000 +
      (v.charCodeAt(2) - 48) * 100_000 +
      (v.charCodeAt(3) - 48) * 10_000 +
      (v.charCodeAt(5) - 48) * 1000 +
      (v.charCodeAt(6) - 48) * 100 +
      (v.charCodeAt(8) - 48) * 10 +
      (v.charCodeAt(9) - 48)
    this.h = Math.imul(Math.imul(this.h ^ ymd, M1) ^ 0x20000, M1)
    return ymd
  }

  /** Mixes a finite number (or its absence) in and returns it. Integers up to 2^53 are mixed exactly. */
  n<V extends number | undefined>(v: V): V {
    let h = this.h
    if (v === undefined) h = Math.imul(h ^ 0x1d, M1)
    else {
      const x = v as number
      h = Math.imul(h ^ (x >>> 0), M1)
      h = Math.imul(h ^ ((x / 4294967296) | 0), M1)
      h = Math.imul(h ^ (x < 0 ? 0x30000 : 0x30001), M1)
    }
    this.h = h
    return v
  }

  /** Mixes a boolean (or its absence) in and returns it. */
  b01<V extends boolean | undefined>(v: V): V {
    this.h = Math.imul(this.h ^ (v === undefined ? 0x40000 : v ? 0x40001 : 0x40002), M1)
    return v
  }

  /** Mixes a list of strings in and returns it. */
  list<V extends readonly string[] | undefined>(v: V): V {
    if (v === undefined) this.h = Math.imul(this.h ^ 0x50000, M1)
    else {
      const arr = v as readonly string[]
      for (let i = 0; i < arr.length; i++) this.s(arr[i])
      this.h = Math.imul(this.h ^ (0x60000 | arr.length), M1)
    }
    return v
  }
}

interface TableTally {
  count: number
  minRev: number
  maxRev: number
  sumA: number
  sumB: number
}

/**
 * What went into a report, per origin office and table: record count, rev range and an order-independent content
 * digest (sum of per-record FieldHasher values). Every record read is tallied, including voided ones and those
 * filtered out later, so any change to any input changes the hash.
 */
export class InputTally {
  readonly offices = new Map<string, Map<string, TableTally>>()
  readonly hasher = new FieldHasher()
  private lastOffice = ''
  private lastTable = ''
  private last: TableTally | undefined

  /**
   * Starts a record: resets the hasher and mixes in its rev and void marker. Returns the hasher for the record's
   * fields. The owner is the tally's key and, since every write takes the next value of the owner's one change
   * counter (docs/architecture.md §4), (owner, rev) names one version of one record — so the id itself need not be hashed.
   */
  begin(r: Stamped): FieldHasher {
    const h = this.hasher
    h.begin()
    h.n(r.rev)
    if (r.voided !== undefined) h.s(r.voided.at)
    return h
  }

  /** Ends a record of `table` owned by `ownerUnit`: adds its digest and rev to the office's tally. */
  end(table: string, ownerUnit: string, rev: number): void {
    let t = this.last
    if (t === undefined || ownerUnit !== this.lastOffice || table !== this.lastTable) {
      let office = this.offices.get(ownerUnit)
      if (!office) {
        office = new Map()
        this.offices.set(ownerUnit, office)
      }
      t = office.get(table)
      if (!t) {
        t = { count: 0, minRev: rev, maxRev: rev, sumA: 0, sumB: 0 }
        office.set(table, t)
      }
      this.last = t
      this.lastOffice = ownerUnit
      this.lastTable = table
    }
    t.count++
    if (rev < t.minRev) t.minRev = rev
    if (rev > t.maxRev) t.maxRev = rev
    const h = this.hasher.h
    t.sumA = (t.sumA + fmix(h)) >>> 0
    t.sumB = (t.sumB + fmix(Math.imul(h ^ 0x9e3779b9, 0x5bd1e995))) >>> 0
  }

  /** The canonical summary that is hashed: offices sorted by code, tables by name, digests as hex. */
  summary(): {
    unitCode: string
    maxRev: number
    tables: Record<string, { count: number; minRev: number; maxRev: number; digest: string }>
  }[] {
    const hex = (n: number) => n.toString(16).padStart(8, '0')
    return [...this.offices.keys()].sort().map((unitCode) => {
      const office = this.offices.get(unitCode)!
      const tables: Record<string, { count: number; minRev: number; maxRev: number; digest: string }> = {}
      let maxRev = 0
      for (const name of [...office.keys()].sort()) {
        const t = office.get(name)!
        tables[name] = { count: t.count, minRev: t.minRev, maxRev: t.maxRev, digest: hex(t.sumA) + hex(t.sumB) }
        if (t.maxRev > maxRev) maxRev = t.maxRev
      }
      return { unitCode, maxRev, tables }
    })
  }
}

/** SHA-256 of the canonical JSON of what determines a report's figures (never the time or the user). */
export function inputHashOf(parts: {
  reportId: string
  definitionVersion: number
  parameters: Record<string, string | number | boolean>
  inputs: ReturnType<InputTally['summary']>
  extra?: unknown
}): string {
  return sha256Hex(canonicalJson(parts))
}
