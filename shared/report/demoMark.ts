import type { TableModelParsed } from './tableModel'

/**
 * Exports made in the demo profile (演示环境) are marked so they cannot pass for an office's real material: the file
 * name starts with 【演示】 and every sheet and document carries the line below (docs/data-generator.md “演示导出”).
 * The main process applies these when a call says `demo: true`; the renderer says so for every export from the demo
 * profile (renderer/src/platform/api.ts), so no screen can forget it.
 */
export const DEMO_FILE_PREFIX = '【演示】'
export const DEMO_WATERMARK = '演示数据，不得作为正式材料'
/** The same words as the first note under the table (every note of a sheet starts with 注：). */
export const DEMO_FOOTNOTE = `注：${DEMO_WATERMARK}。`

export function demoFileName(fileName: string): string {
  return fileName.startsWith(DEMO_FILE_PREFIX) ? fileName : `${DEMO_FILE_PREFIX}${fileName}`
}

/** The watermark line under the title (line 3 of the sheet) and again first among the notes under the table. */
export function markDemoTable(table: TableModelParsed): TableModelParsed {
  return {
    ...table,
    unitsNote: table.unitsNote ? `${DEMO_WATERMARK}　${table.unitsNote}` : DEMO_WATERMARK,
    footnotes: [DEMO_FOOTNOTE, ...table.footnotes],
  }
}

/**
 * The watermark in the top margin (天头, 37 mm) of every printed page, as a page-margin box beside the page number's
 * (shared/documents/layout.ts): it never covers the 院名 or the text, as a fixed line at the top of the page did.
 */
const DEMO_PAGE_STYLE =
  '<style>@page { @top-center { content: "' +
  DEMO_WATERMARK +
  '"; color: #c00000; font-size: 11pt; font-weight: bold; letter-spacing: 2pt; vertical-align: bottom; padding-bottom: 10mm; } }</style>'

/** A document's HTML with the watermark line in the top margin of every printed page. */
export function markDemoHtml(html: string): string {
  const head = html.search(/<\/head>/i)
  if (head >= 0) return `${html.slice(0, head)}${DEMO_PAGE_STYLE}${html.slice(head)}`
  return `${DEMO_PAGE_STYLE}${html}`
}
