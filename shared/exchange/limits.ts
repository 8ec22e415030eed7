/**
 * Hard caps for reading an exchange bundle (docs/bundle-format.md §7; docs/security-reference.md §3.2 "Our choice").
 * Every cap is checked on real bytes, never only on sizes an archive declares: declared sizes may only lower the
 * ceiling, and decompression stops at min(declared size, cap). Readers may pass smaller caps (tests do); larger
 * caps are never needed for a conforming bundle because the packer refuses to produce one beyond these.
 */
const MiB = 1024 * 1024

export interface BundleLimits {
  /** Whole bundle file. */
  maxBundleBytes: number
  /** `manifest.json` entry. */
  maxManifestBytes: number
  /** `manifest.sig` entry (88 base64 characters expected). */
  maxSignatureBytes: number
  /** Payload files (entries of the inner zip). */
  maxPayloadFiles: number
  /** One payload file, uncompressed. */
  maxFileBytes: number
  /** All payload files together, uncompressed. */
  maxTotalBytes: number
  /** Largest uncompressed/compressed ratio of one entry, above `ratioFloorBytes`. */
  maxRatio: number
  /** Entries up to this uncompressed size are never called bombs, whatever their ratio. */
  ratioFloorBytes: number
  /** Records (lines) in one NDJSON file. */
  maxNdjsonLines: number
  /** Characters in one NDJSON line. */
  maxLineChars: number
  /** Nesting depth of any JSON value (manifest and records). */
  maxJsonDepth: number
  /** Characters in any JSON string or key. */
  maxJsonStringChars: number
  /** Keys in any JSON object. */
  maxJsonKeys: number
}

/**
 * Scans (材料扫描件) carried by one upward archive (docs/exchange.md §二 “扫描件随上报数据”): their bytes travel as
 * `attachments/<id>` payload files. One scan is at most `ARCHIVE_SCAN_MAX_BYTES` (the size attaching allows); all
 * scans of one archive at most `ARCHIVE_SCAN_BUDGET_BYTES`, so that the archive's request to the main process
 * (base64, with the records) stays below the IPC bridge's 256 MiB body cap and the picked file (base64) below the
 * contract's 200 MiB. An archive whose new scans exceed the budget is cut at a rev boundary per origin: it carries
 * the records up to the last scan that fits, the rest goes in the next part (`ARCHIVE_PART_BUDGET`).
 */
export const ARCHIVE_SCAN_MAX_BYTES = 20 * MiB
export const ARCHIVE_SCAN_BUDGET_BYTES = 96 * MiB

/** What one part of an upward archive may carry (docs/exchange.md “分批上报”, `shared/exchange/archiveParts.ts`). */
export interface ArchivePartBudget {
  /** NDJSON bytes of one table file, uncompressed. */
  fileBytes: number
  /** NDJSON bytes of all table files together, uncompressed. */
  totalBytes: number
  /** Scan bytes together. */
  scanBytes: number
}

/**
 * The default part budget: at most 64 MiB a table file and 96 MiB of NDJSON plus 96 MiB of scans a part (all
 * uncompressed). The format's read caps are derived from it (`BUNDLE_LIMITS` below), so raising it means raising
 * them too — which is why tests and benchmarks may only lower it. It also keeps one part's pack request
 * (records as JSON + scans as base64 ≈ 96 + 128 MiB) below the browser-mode bridge's 256 MiB request cap, and the
 * bundle file far below the contract's 200 MiB of base64. Beyond it the export writes several parts at once.
 */
export const ARCHIVE_PART_BUDGET: Readonly<ArchivePartBudget> = Object.freeze({
  fileBytes: 64 * MiB,
  totalBytes: 96 * MiB,
  scanBytes: ARCHIVE_SCAN_BUDGET_BYTES,
})

/**
 * What one reader must hold beyond a part's budget (docs/bundle-format.md §7 “Why these caps”). A part never exceeds
 * its budget except by what always goes in: the `units` rows every part carries and the first record of a part with
 * its scan (`fillArchivePart`) — a few MiB at the national level. 16 MiB covers that with room to spare; the same
 * margin covers the zip headers (≤ 10 000 entries) and the 4 MiB manifest around the payload of a bundle file.
 */
export const READ_MARGIN_BYTES = 16 * MiB

/**
 * The caps follow from the largest thing a conforming writer produces — one part of an upward archive
 * (`ARCHIVE_PART_BUDGET`: ≤ 64 MiB a table file, ≤ 96 MiB of NDJSON, ≤ 96 MiB of scans) — plus
 * `READ_MARGIN_BYTES`: one payload file ≤ 80 MiB, all payload files ≤ 208 MiB uncompressed, the bundle file
 * ≤ 224 MiB. The other kinds are far smaller (a transfer package ≤ 120 MiB, `TRANSFER_LIMITS`). A bundle declaring
 * more is refused from its manifest, before anything is decrypted or inflated (`bundle.too-large`); until
 * 2026-12 the caps were 256 MiB a file and 1 GiB in total, which let a 14 MB bundle inflate to 1 GiB and take
 * about 3 GB of memory to open (docs/reliability.md “数据包的内存放大”).
 */
export const BUNDLE_LIMITS: Readonly<BundleLimits> = Object.freeze({
  maxBundleBytes: ARCHIVE_PART_BUDGET.totalBytes + ARCHIVE_PART_BUDGET.scanBytes + 2 * READ_MARGIN_BYTES,
  maxManifestBytes: 4 * MiB,
  maxSignatureBytes: 128,
  maxPayloadFiles: 10_000,
  maxFileBytes: ARCHIVE_PART_BUDGET.fileBytes + READ_MARGIN_BYTES,
  maxTotalBytes: ARCHIVE_PART_BUDGET.totalBytes + ARCHIVE_PART_BUDGET.scanBytes + READ_MARGIN_BYTES,
  maxRatio: 200,
  ratioFloorBytes: 1 * MiB,
  maxNdjsonLines: 1_000_000,
  maxLineChars: 1 * MiB,
  maxJsonDepth: 32,
  maxJsonStringChars: 64 * 1024,
  maxJsonKeys: 1_000,
})

/** Manifest field caps that the schema (and the JSON Schema file) enforce. */
export const MANIFEST_CAPS = Object.freeze({
  maxOrigins: 10_000,
  maxTables: 64,
  maxUnitNameChars: 60,
  maxGeneratorChars: 80,
  maxCount: 1_000_000_000,
  maxChannelSeq: 2_147_483_647,
})

/** The caps in force: the defaults, lowered (never raised) by the caller's overrides. */
export function resolveLimits(overrides: Partial<BundleLimits> = {}): BundleLimits {
  const out = { ...BUNDLE_LIMITS }
  for (const key of Object.keys(out) as (keyof BundleLimits)[]) {
    const v = overrides[key]
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[key] = Math.min(out[key], v)
  }
  return out
}

/**
 * How far one imported bundle may move what the receiver keeps of its sender (docs/exchange.md “序号与版本号的跳跃
 * 上限”). A bundle outside these bounds is refused whole (`exchange.channel-jump`, `exchange.rev-jump`):
 *
 * - `channelSkip`: channel numbers one bundle may skip. A writer adds 1 per bundle (each part of a split export is
 *   one), so a skip is bundles that never arrived; 10 000 is years of daily exports. Without a bound one bundle with
 *   `channelSeq` 2^31−1 would make every later bundle on the channel “older” and close it for good.
 * - `revsPerRecord`, `revMargin`: an origin's `revTo` may exceed the receiver's held mark by at most
 *   `revsPerRecord` × (valid records of that origin in the bundle) + `revMargin`. Revs are sparse — a record carries
 *   only its latest rev, and supervision notes or flags take revs without going up — so the count alone is too
 *   tight (a first upload after years of work has several revs per record); the margin covers a part cut before a
 *   run of superseded revs. Without a bound one bundle could set the mark to 2^53−1: every acknowledgement would
 *   then tell the origin that everything is held, and its later records would never be sent.
 */
export const IMPORT_JUMP_LIMITS = Object.freeze({
  channelSkip: 10_000,
  revsPerRecord: 100,
  revMargin: 100_000,
})
