import type { TableModelParsed } from '../../tableModel'
import { formFurniture, signaturesFor, smallEmergencyFootnote } from '../common'
import type { StatsAggregate } from './lines'

/* What every statistics sheet carries besides its figures: the form furniture, provenance and common footnotes. */

export function scopeNote(agg: StatsAggregate): string[] {
  const notes: string[] = []
  const codes = [...agg.offices.keys()].filter((c) => c !== agg.scope.root.code)
  if (codes.length > 0) {
    notes.push(`注：本表为${agg.scope.root.name}及所属下级院数据汇总（有数据的下级院 ${codes.length} 个）。`)
  }
  const unknown = codes.filter((c) => !agg.scope.known(c)).sort()
  if (unknown.length > 0 && agg.scope.hasDirectory) {
    const list = unknown.slice(0, 20).join('、') + (unknown.length > 20 ? ` 等 ${unknown.length} 个` : '')
    notes.push(`注：单位 ${list} 未在单位目录中，其数据已计入合计。`)
  }
  return notes
}

export function commonFootnotes(agg: StatsAggregate): string[] {
  return [smallEmergencyFootnote(agg.small.cases, agg.small.grantedFen), ...scopeNote(agg)]
}

export function baseModel(
  agg: StatsAggregate,
): Pick<
  TableModelParsed,
  | 'unitName'
  | 'periodLabel'
  | 'signatureLine'
  | 'signatures'
  | 'provenance'
  | 'provenanceTable'
  | 'provenanceInfo'
  | 'formCode'
  | 'formIssuer'
> {
  return {
    ...formFurniture(agg.options, 'stats'),
    unitName: agg.scope.root.name,
    periodLabel: agg.period.label,
    signatureLine: true,
    signatures: signaturesFor(agg.options),
    provenance: agg.provenance.lines,
    provenanceTable: agg.provenance.table,
    provenanceInfo: agg.provenance.info,
  }
}

/** The footnote and provenance line of the 上年同期 and 同比 columns (docs/reports.md §3a). */
export function priorNotes(prior: StatsAggregate, what: string): { footnote: string; provenance: string } {
  return {
    footnote: `注：上年同期为${prior.period.label}，按与本期相同的口径、由同样的记录统计；同比＝（本期－上年同期）÷上年同期×100%，保留一位小数，上年同期为 0 时记“—”。${what}`,
    provenance: `上年同期（${prior.period.label}）按同一报表定义由同样的记录统计，输入数据校验值（SHA-256）：${prior.provenance.info.inputHash}`,
  }
}
