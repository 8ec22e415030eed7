import { z } from 'zod'
import { TABLE_NAME_PATTERN } from './names'

/** At most this many records per table in one bundle (as BUNDLE_LIMITS caps the lines of one payload file). */
export const MAX_TABLE_RECORDS = 1_000_000

const isPlainObject = z.core.util.isPlainObject

/**
 * A bundle's records per table as they cross the IPC contract and enter the import commands: table names are plain
 * identifiers, each table an array of at most MAX_TABLE_RECORDS plain objects. Shape only, and no copy: the records
 * keep their identity instead of being rebuilt key by key (which cost a copy of every record of a province, twice),
 * because what their fields may hold is decided where they are used — every record of an import against its
 * table's strict schema by the import plan (renderer/src/db/exchange/import/plan.ts), records of tables the
 * receiver does not take refused there; the records of a bundle being packed are written as NDJSON as they are.
 */
export const bundleTablesSchema = z.record(
  z.string().regex(TABLE_NAME_PATTERN),
  z.custom<Record<string, unknown>[]>(
    (v) => Array.isArray(v) && v.length <= MAX_TABLE_RECORDS && v.every(isPlainObject),
    { message: `每个数据表应为记录（对象）的列表，且不超过 ${MAX_TABLE_RECORDS} 条` },
  ),
)
