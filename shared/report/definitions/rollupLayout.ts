import type { CellValue, HeaderCell, RowStyle } from '../tableModel'
import type { RollupRow } from '../units'

/* The layout of a roll-up form (a row per office, 小计, levels, 合计) shared by the statistics and time limits. */

/** Two header rows from grouped columns: a group spans its leaves; an ungrouped column spans both rows. */
export function groupedHeader(first: string, columns: readonly { group?: string; label: string }[]): HeaderCell[][] {
  const top: HeaderCell[] = [{ label: first, rowSpan: 2, colSpan: 1 }]
  const bottom: HeaderCell[] = []
  for (let i = 0; i < columns.length; ) {
    const g = columns[i].group
    if (g === undefined) {
      top.push({ label: columns[i].label, rowSpan: 2, colSpan: 1 })
      i++
      continue
    }
    let j = i
    while (j < columns.length && columns[j].group === g) {
      bottom.push({ label: columns[j].label, rowSpan: 1, colSpan: 1 })
      j++
    }
    top.push({ label: g, colSpan: j - i, rowSpan: 1 })
    i = j
  }
  return [top, bottom]
}

/** Rows of a roll-up from per-row member lists; shared by the statistics and the time-limit roll-ups. */
export function layoutRollup(
  rollup: readonly RollupRow[],
  values: (members: readonly string[]) => CellValue[],
): { rows: CellValue[][]; rowStyles: Record<string, RowStyle> } {
  const rows: CellValue[][] = []
  const rowStyles: Record<string, RowStyle> = {}
  for (const r of rollup) {
    if (r.style) rowStyles[String(rows.length)] = r.style
    rows.push([r.label, ...values(r.members)])
  }
  return { rows, rowStyles }
}
