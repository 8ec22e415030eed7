import { ARCHIVE_PART_BUDGET, type ArchivePartBudget } from './limits'

/**
 * 分批上报 (docs/exchange.md “大数据量分批上报”, bundle-format.md §14.2): an upward archive larger than one part's
 * budget travels as several consecutive archives. Each part carries, per origin office, a contiguous rev range that
 * starts where the previous part of that origin ended, so the receiver's per-origin holdings advance part by part
 * and nothing is lost or sent twice. Records are taken per origin in rev order; the first record (or scan) that
 * would overflow the budget ends the part there, and every later record of that origin and every later origin waits
 * for the next part. The first record of a part always goes in, so each part makes progress.
 */

/** One record offered to a part: its table, the record as it will be written, the bytes of its scan (0 if none). */
export interface PartRow {
  table: string
  record: Record<string, unknown>
  /** The attachment's bytes that travel with it (its size when the office holds it intact), else 0. */
  scanBytes: number
}

export interface ArchivePart {
  /** Records per table (tables without records are absent). */
  tables: Record<string, Record<string, unknown>[]>
  /** Per origin carried: `revFrom` = where it started, `revTo` = the last rev it covers (inclusive). */
  origins: { unitCode: string; revFrom: number; revTo: number }[]
  records: number
  /** NDJSON bytes of the records (uncompressed), and of the scans they take along. */
  ndjsonBytes: number
  scanBytes: number
  /** True when the budget ended the part and records remain for the next one. */
  more: boolean
}

/** UTF-8 byte length of a string without encoding it (lone surrogates count as U+FFFD, 3 bytes, as TextEncoder). */
export function utf8Length(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4
        i++
      } else n += 3
    } else n += 3
  }
  return n
}

/** The NDJSON line of a record as the packer writes it (`toNdjson`): JSON text and LF. */
export function ndjsonLineBytes(record: unknown): number {
  return utf8Length(JSON.stringify(record)) + 1
}

/** A budget with the caller's overrides (tests and benchmarks lower it; it is never needed higher). */
export function partBudget(overrides: Partial<ArchivePartBudget> = {}): ArchivePartBudget {
  return { ...ARCHIVE_PART_BUDGET, ...overrides }
}

/**
 * Reads one origin's records with rev above `afterRev`, in batches ascending by rev (each record has its own rev
 * within its origin, so the order is total). The reader may stop being consumed at any point.
 */
export type OriginReader = (unitCode: string, afterRev: number) => AsyncIterable<PartRow[]>

/**
 * Fills one part: origins in the order given, each from `after[unitCode] + 1`, until the budget says stop.
 * `fixed` are rows that every part carries whatever the budget (the unit rows); they count towards it.
 */
export async function fillArchivePart(
  originCodes: readonly string[],
  after: Readonly<Record<string, number>>,
  read: OriginReader,
  budget: ArchivePartBudget,
  fixed: Record<string, Record<string, unknown>[]> = {},
): Promise<ArchivePart> {
  const tables: Record<string, Record<string, unknown>[]> = {}
  const fileBytes = new Map<string, number>()
  let ndjsonBytes = 0
  let scanBytes = 0
  let records = 0
  for (const [table, rows] of Object.entries(fixed)) {
    tables[table] = rows
    const bytes = rows.reduce((s, r) => s + ndjsonLineBytes(r), 0)
    fileBytes.set(table, bytes)
    ndjsonBytes += bytes
  }
  const origins: ArchivePart['origins'] = []
  for (const unitCode of originCodes) {
    const from = after[unitCode] ?? 0
    let last = 0
    let cutAt: number | undefined
    for await (const batch of read(unitCode, from)) {
      for (const row of batch) {
        const rev = row.record.rev as number
        const line = ndjsonLineBytes(row.record)
        const file = (fileBytes.get(row.table) ?? 0) + line
        const fits =
          (records === 0 && scanBytes === 0) ||
          (file <= budget.fileBytes &&
            ndjsonBytes + line <= budget.totalBytes &&
            scanBytes + row.scanBytes <= budget.scanBytes)
        if (!fits) {
          cutAt = rev
          break
        }
        const list = tables[row.table] ?? []
        list.push(row.record)
        tables[row.table] = list
        fileBytes.set(row.table, file)
        ndjsonBytes += line
        scanBytes += row.scanBytes
        records++
        if (rev > last) last = rev
      }
      if (cutAt !== undefined) break
    }
    const revTo = cutAt !== undefined ? cutAt - 1 : last
    if (revTo > from) origins.push({ unitCode, revFrom: from + 1, revTo })
    if (cutAt !== undefined) return { tables, origins, records, ndjsonBytes, scanBytes, more: true }
  }
  return { tables, origins, records, ndjsonBytes, scanBytes, more: false }
}

/**
 * Splits an upward archive into parts in one go: part k+1 starts each origin where part k ended it. `read` as for
 * {@link fillArchivePart}; stops after the part that leaves nothing behind (at least one part, possibly empty).
 */
export async function splitArchive(
  originCodes: readonly string[],
  after: Readonly<Record<string, number>>,
  read: OriginReader,
  budget: ArchivePartBudget,
  fixed: Record<string, Record<string, unknown>[]> = {},
): Promise<ArchivePart[]> {
  const parts: ArchivePart[] = []
  let from = { ...after }
  for (;;) {
    const part = await fillArchivePart(originCodes, from, read, budget, fixed)
    parts.push(part)
    if (!part.more) return parts
    from = nextStart(from, part)
  }
}

/** Where the next part starts each origin: after the end of this part's range, or where this part started. */
export function nextStart(
  after: Readonly<Record<string, number>>,
  part: Pick<ArchivePart, 'origins'>,
): Record<string, number> {
  const next = { ...after }
  for (const o of part.origins) next[o.unitCode] = o.revTo
  return next
}

/** An in-memory {@link OriginReader} over records already grouped by table (the benchmark's generated province). */
export function memoryReader(
  tables: Readonly<Record<string, readonly Record<string, unknown>[]>>,
  scanBytesOf: (table: string, record: Record<string, unknown>) => number = () => 0,
): OriginReader {
  const byOrigin = new Map<string, PartRow[]>()
  for (const [table, rows] of Object.entries(tables)) {
    for (const record of rows) {
      const owner = record.ownerUnit as string
      const list = byOrigin.get(owner) ?? []
      list.push({ table, record, scanBytes: scanBytesOf(table, record) })
      byOrigin.set(owner, list)
    }
  }
  for (const list of byOrigin.values()) list.sort((a, b) => (a.record.rev as number) - (b.record.rev as number))
  return async function* (unitCode, afterRev) {
    const list = byOrigin.get(unitCode) ?? []
    let lo = 0
    let hi = list.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((list[mid].record.rev as number) <= afterRev) lo = mid + 1
      else hi = mid
    }
    yield list.slice(lo)
  }
}

/**
 * A receiver's check before anything is written (docs/exchange.md “分批上报”): an archive whose channel number
 * skips the previous one (a missing bundle) AND whose rev range of some origin starts beyond what this office holds
 * continues a part that was not imported. Importing it first would leave a rev gap; the earlier part could then no
 * longer be imported (its number would be “older”). So it is refused until the missing numbers are imported.
 * Returns the missing channel numbers, or undefined when the archive may be imported.
 */
export function missingEarlierParts(
  manifest: { kind: string; channelSeq: number; origins: readonly { unitCode: string; revFrom: number }[] },
  lastReceivedSeq: number,
  held: (unitCode: string) => number,
): { from: number; to: number } | undefined {
  if (manifest.kind !== 'archive' || manifest.channelSeq <= lastReceivedSeq + 1) return undefined
  const startsBeyond = manifest.origins.some((o) => o.revFrom > held(o.unitCode) + 1)
  return startsBeyond ? { from: lastReceivedSeq + 1, to: manifest.channelSeq - 1 } : undefined
}
