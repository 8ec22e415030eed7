/** Places header cells on a grid (HTML table rules) and returns each cell's position and merge range. */
export interface PlacedHeader {
  label: string
  row: number // 0-based within the header block
  col: number // 0-based
  rowSpan: number
  colSpan: number
}

export function layoutHeader(
  rows: { label: string; colSpan?: number; rowSpan?: number }[][],
  columnCount: number,
): PlacedHeader[] {
  const taken = rows.map(() => new Array<boolean>(columnCount).fill(false))
  const placed: PlacedHeader[] = []
  rows.forEach((cells, r) => {
    let c = 0
    for (const cell of cells) {
      while (c < columnCount && taken[r][c]) c++
      if (c >= columnCount) throw new Error(`表头第 ${r + 1} 行的单元格超出了列数 ${columnCount}`)
      const rowSpan = Math.min(cell.rowSpan ?? 1, rows.length - r)
      const colSpan = Math.min(cell.colSpan ?? 1, columnCount - c)
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) taken[r + dr][c + dc] = true
      placed.push({ label: cell.label, row: r, col: c, rowSpan, colSpan })
      c += colSpan
    }
  })
  return placed
}
