import { appError, fail, ok, type Result } from '@shared/errors'
import { nextStart } from '@shared/exchange/archiveParts'
import type { ArchivePartBudget } from '@shared/exchange/limits'
import type { Actor } from '../../commands/context'
import type { ExecuteOptions } from '../../commands/execute'
import type { JiuzhuDb, UnitRow } from '../../database'
import { type ArchiveContent, collectArchive } from '../reads'
import { EX, type PeerRow, type UpstreamRow } from '../store'
import { type ExchangeApi, type PackOutcome, packAndRecord } from './pack'

/**
 * 导出上报数据 (docs/exchange.md): the upward archive, split into parts within the part budget, each packed through
 * pack.ts's reserve → pack → record.
 */

/** What one part of an exported archive carried besides its records: scans, and scans without bytes. */
export interface ArchivePartOutcome extends PackOutcome {
  records: number
  scans: number
  scanBytes: number
  scansOmitted: ArchiveContent['scansOmitted']
}

/** 导出上报数据的结果: the parts written, in channel order (one unless the budget split the archive). */
export interface ArchiveExport {
  parts: ArchivePartOutcome[]
  records: number
  scans: number
  scanBytes: number
}

export type ArchiveExportOptions = ExecuteOptions & {
  /** Lowers the part budget (tests, benchmarks); the default is ARCHIVE_PART_BUDGET. */
  budget?: Partial<ArchivePartBudget>
}

/**
 * 导出上报数据: everything since what the parent acknowledged (or everything, for a full resend), to the parent.
 * Beyond one part's budget the export writes several parts at once (docs/exchange.md “分批上报”): consecutive
 * channel numbers, each chained to the previous bundle's hash, each starting every origin where the previous part
 * ended it, each a complete archive that imports on its own — in order.
 */
export async function exportArchive(
  db: JiuzhuDb,
  actor: Actor,
  api: ExchangeApi,
  own: UnitRow,
  passphrase: string,
  fullResend = false,
  options: ArchiveExportOptions = {},
): Promise<Result<ArchiveExport>> {
  if (own.level === 'supreme' || !own.parentCode) return fail(appError('exchange.no-parent'))
  const parent = (await db.exchange.get(EX.peer(own.parentCode))) as PeerRow | undefined
  if (parent?.relation !== 'parent') return fail(appError('exchange.parent-not-enrolled'))
  const upstream = (await db.exchange.get(EX.upstream)) as UpstreamRow | undefined
  const holds = upstream?.parentCode === parent.unitCode ? upstream.holds : {}
  const { budget, ...executeOptions } = options
  const parts: ArchivePartOutcome[] = []
  let after: Record<string, number> = fullResend ? {} : { ...holds }
  for (;;) {
    const content = await collectArchive(db, own, after, budget)
    const res = await packAndRecord(
      db,
      actor,
      api,
      own,
      {
        kind: 'archive',
        receiver: parent,
        passphrase,
        tables: content.tables,
        origins: content.origins,
        counts: content.counts,
        fullResend,
        scans: content.scans,
      },
      executeOptions,
    )
    if (!res.ok) return parts.length ? fail(partsIncomplete(parts, res.error.message)) : res
    parts.push({
      ...res.value,
      records: content.records,
      scans: content.scans.length,
      scanBytes: content.scanBytes,
      scansOmitted: content.scansOmitted,
    })
    if (!content.more) break
    after = nextStart(after, content)
  }
  return ok({
    parts,
    records: parts.reduce((s, p) => s + p.records, 0),
    scans: parts.reduce((s, p) => s + p.scans, 0),
    scanBytes: parts.reduce((s, p) => s + p.scanBytes, 0),
  })
}

function partsIncomplete(parts: ArchivePartOutcome[], detail: string) {
  const seqs = parts.map((p) => p.manifest.channelSeq)
  return appError('exchange.parts-incomplete', {
    written: parts.length,
    first: seqs[0],
    last: seqs[seqs.length - 1],
    files: parts.map((p) => p.fileName).join('、'),
    detail,
  })
}
