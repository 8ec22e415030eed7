import { dataTables } from '@shared/generate'
import { z } from 'zod'
import type { TableName } from '../database'
import type { CommandSpec } from './execute'

/** Tables a generated data set may fill (the demo profile, benchmarks). */
const loadableTables = [...dataTables, 'documents'] as const

const input = z
  .object({
    table: z.enum(loadableTables),
    records: z.array(z.record(z.string(), z.unknown())).min(1).max(200_000),
  })
  .strict()

/**
 * 载入演示或生成数据: writes many owned records of one table through the bulk path (one transaction, one rev per
 * record, one summarising audit entry). Record content is validated by the generator that made it; this command
 * only loads.
 */
export const bulkLoad: CommandSpec<z.infer<typeof input>, number> = {
  name: 'data.loadGenerated',
  input,
  tables: [...loadableTables] as TableName[],
  run: (ctx, { table, records }) => ctx.bulkInsert(table, records),
}
