/**
 * Caps for reading an old register in the main process (docs/legacy-import.md §5), checked on real bytes: a
 * workbook's zip entries are inflated with the output capped in native code, never trusting declared sizes (as the
 * bundle reader does, shared/exchange/limits.ts). Ten years of an office's register is a few thousand rows; the
 * caps leave room for a province's 50,000 and refuse what no register is.
 */
const MiB = 1024 * 1024

export interface LegacyReadLimits {
  /** The picked file. */
  maxFileBytes: number
  /** Entries in an .xlsx (a zip). */
  maxZipEntries: number
  /** One entry, inflated. */
  maxEntryBytes: number
  /** All entries together, inflated. */
  maxTotalBytes: number
  /** Rows of one sheet (a CSV is one sheet). */
  maxRows: number
  /** Cells (rows × used columns) of one sheet. */
  maxCells: number
  /** Columns of one sheet. */
  maxColumns: number
}

export const LEGACY_READ_LIMITS: LegacyReadLimits = {
  maxFileBytes: 50 * MiB,
  maxZipEntries: 2_000,
  maxEntryBytes: 256 * MiB,
  maxTotalBytes: 400 * MiB,
  maxRows: 200_000,
  maxCells: 4_000_000,
  maxColumns: 200,
}

/** Bytes as a user reads them (“12.3 MB”). */
export function sizeText(bytes: number): string {
  return bytes >= MiB ? `${(bytes / MiB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`
}
