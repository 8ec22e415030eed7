import { layoutHeader } from './headerLayout'

/**
 * How a sheet prints on A4 landscape so that its 10-pt text comes out at 9 pt or more (issue 16): fitted to the page
 * width when the whole table fits at 90 % or more, otherwise at a fixed scale broken into page columns — each page
 * repeats the leading (row-label) columns and a merged header group is never split between pages — printed across
 * then down, so the pages of the same rows follow each other.
 *
 * Widths are in Excel column units. A unit prints 7 pt wide in LibreOffice without the Calibri metric font (what
 * .ci/run installs; measured by test/unit/report/print.test.ts) and about 5.25 pt in Excel, so planning with 7 pt
 * keeps every page column within the paper in both (in Excel the pages are simply less full).
 */

/** Printable width of A4 landscape with 0.4-inch side margins (841.9 − 57.6 pt), in column units at 100 %. */
export const PAGE_UNITS = 112
/** Points per column unit at 100 % (LibreOffice; the wider of the two). */
export const POINTS_PER_UNIT = 7
/** The body font is 10 pt: 90 % prints it at 9 pt, the least that is legible on a signed form. */
export const MIN_SCALE = 90
const SCALES = [100, 95, MIN_SCALE]
/** Text columns wider than this are narrowed (their text wraps) when the table does not fit one page width. */
const MAX_TEXT_UNITS = 24

export interface PrintPlan {
  /** Column widths to use (text columns may be narrowed). */
  widths: number[]
  /** Fit to one page width (fitToWidth 1, fitToHeight 0): the scale this gives is ≥ MIN_SCALE. */
  fitToWidth: boolean
  /** Fixed scale (percent) when not fitted. */
  scale: number
  /** 0-based first column of each page column after the first (manual column breaks). */
  breaks: number[]
  /** Leading columns printed on every page column (row labels). */
  repeatColumns: number
  /** Columns on the first page: the title, the notes and the signature line are merged within them. */
  firstPageColumns: number
}

type Header = { label: string; colSpan?: number; rowSpan?: number }[][]

/** Groups of columns that must stay on one page: the spans of the top header row (a merged group heading). */
function atomicGroups(headerRows: Header, count: number, from: number): [number, number][] {
  const placed = layoutHeader(headerRows, count).filter((h) => h.row === 0)
  const groups: [number, number][] = []
  for (let c = from; c < count; ) {
    const span = placed.find((h) => h.col <= c && c < h.col + h.colSpan)
    const end = span ? span.col + span.colSpan : c + 1
    groups.push([c, end])
    c = end
  }
  return groups
}

/** Page columns at a scale: greedy by atomic group, splitting a group only when it alone exceeds a page. */
function pageBreaks(widths: readonly number[], groups: [number, number][], repeat: number, capacity: number): number[] {
  const sum = (from: number, to: number) => widths.slice(from, to).reduce((a, b) => a + b, 0)
  const repeatWidth = sum(0, repeat)
  const breaks: number[] = []
  let used = repeatWidth
  for (const [start, end] of groups) {
    const w = sum(start, end)
    if (used + w <= capacity) {
      used += w
      continue
    }
    if (used > repeatWidth) {
      breaks.push(start)
      used = repeatWidth
    }
    if (used + w <= capacity) {
      used += w
      continue
    }
    // the group alone is wider than a page: break inside it, column by column
    for (let c = start; c < end; c++) {
      if (used + widths[c] > capacity && used > repeatWidth) {
        breaks.push(c)
        used = repeatWidth
      }
      used += widths[c]
    }
  }
  return breaks
}

export interface PrintColumn {
  width: number
  /** A text column: may be narrowed, its text wraps. */
  text: boolean
}

const fits = (total: number) => total * MIN_SCALE <= PAGE_UNITS * 100

/**
 * Plans the printing of a table with these columns: see the module comment. `repeat` is the number of leading
 * row-label columns (the table's frozen columns), repeated on every page column.
 */
export function planPrint(columns: readonly PrintColumn[], headerRows: Header, repeat: number): PrintPlan {
  const count = columns.length
  const fitted = (widths: number[]): PrintPlan => ({
    widths,
    fitToWidth: true,
    scale: 100,
    breaks: [],
    repeatColumns: 0,
    firstPageColumns: count,
  })
  const widths = columns.map((c) => c.width)
  if (fits(widths.reduce((a, b) => a + b, 0))) return fitted(widths)
  const narrowed = columns.map((c) => (c.text ? Math.min(c.width, MAX_TEXT_UNITS) : c.width))
  if (fits(narrowed.reduce((a, b) => a + b, 0))) return fitted(narrowed)
  const rep = Math.min(repeat, count - 1)
  const groups = atomicGroups(headerRows, count, rep)
  let best = { scale: MIN_SCALE, breaks: pageBreaks(narrowed, groups, rep, Math.floor((PAGE_UNITS * 100) / MIN_SCALE)) }
  for (const scale of SCALES) {
    const breaks = pageBreaks(narrowed, groups, rep, Math.floor((PAGE_UNITS * 100) / scale))
    if (breaks.length <= best.breaks.length) {
      best = { scale, breaks }
      break
    }
  }
  return {
    widths: narrowed,
    fitToWidth: false,
    scale: best.scale,
    breaks: best.breaks,
    repeatColumns: rep,
    firstPageColumns: best.breaks[0] ?? count,
  }
}

/** The `<colBreaks>` element (OOXML: a break lies left of the 0-based column id). */
export function colBreaksXml(breaks: readonly number[]): string {
  if (breaks.length === 0) return ''
  const items = breaks.map((c) => `<brk id="${c}" max="1048575" man="1"/>`).join('')
  return `<colBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${items}</colBreaks>`
}
