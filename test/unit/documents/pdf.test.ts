import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { sharedChromiumPrinter } from '../../../electron/services/pdf/chromiumPrinter'
import { PAGE_GEOMETRY_MM, renderDocumentHtml } from '../../../shared/documents/layout'
import { produceDocument } from '../../../shared/documents/templates'
import { DEMO_WATERMARK, markDemoHtml } from '../../../shared/report/demoMark'
import { examples } from './cases'
import { hostileExamples } from './hostile'

/**
 * Every document printed to A4 PDF through the main process's headless-Chromium service, then checked with poppler:
 * the Chinese text survives (pdftotext), the page count is as expected (pdfinfo), every font is embedded and none is
 * a Type 3 font (pdffonts), and the page follows the official layout (A4, 版心 and margins, page number; pdftotext
 * -bbox). PNGs at 60 dpi are kept in test-results/documents/
 * for a human to look at.
 */

afterAll(() => sharedChromiumPrinter().close())

const OUT = join(import.meta.dirname, '../../../test-results/documents')
mkdirSync(OUT, { recursive: true })

const A4_WIDTH_PT = 595.3
const A4_HEIGHT_PT = 841.9
const MM = 72 / 25.4

function pdfToText(pdf: string): string {
  return execFileSync('pdftotext', ['-raw', pdf, '-']).toString()
}

function pageCount(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf]).toString()
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1])
}

/**
 * The fonts listed by pdffonts, with their type and whether each is embedded (the PDF must not depend on the reader's
 * fonts, and no font may be a Type 3 font, which Chromium makes of CFF-outline fonts). Columns are cut at the
 * positions of pdffonts' dashed header line, since names and types contain spaces.
 */
function fonts(pdf: string): { name: string; type: string; embedded: boolean }[] {
  const [, dashes, ...rows] = execFileSync('pdffonts', [pdf]).toString().trimEnd().split('\n')
  const cols: [number, number][] = [...dashes!.matchAll(/-+/g)].map((m) => [m.index!, m.index! + m[0].length])
  const cell = (row: string, i: number) => row.slice(cols[i]![0], cols[i]![1] + 1).trim()
  return rows.map((r) => ({ name: cell(r, 0), type: cell(r, 1), embedded: cell(r, 3) === 'yes' }))
}

function pageSize(pdf: string): { w: number; h: number } {
  const m = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(execFileSync('pdfinfo', [pdf]).toString())!
  return { w: Number(m[1]), h: Number(m[2]) }
}

/** Every word's box from pdftotext -bbox: [xMin, yMin, xMax, yMax, word]. */
function wordBoxes(pdf: string): { x0: number; y0: number; x1: number; y1: number; word: string }[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-']).toString()
  return [
    ...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
  ].map((m) => ({ x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), word: m[5]! }))
}

async function print(name: string, html: string): Promise<string> {
  const pdf = join(OUT, `${name}.pdf`)
  writeFileSync(pdf, await sharedChromiumPrinter().print(html))
  for (const f of readdirSync(OUT)) if (f.startsWith(`${name}-`) && f.endsWith('.png')) rmSync(join(OUT, f))
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(OUT, name)])
  return pdf
}

const G = PAGE_GEOMETRY_MM
/** The 版心's bottom edge; below it only the page number “— 1 —” may print. */
const TEXT_BOTTOM = (G.top + G.height) * MM

/**
 * The official layout measured on the PDF (GB/T 9704-2012): every word inside the 版心 (binding margin 28 mm on the
 * left, 26 mm on the right, 225 mm high; poppler's glyph boxes include the font's ascent and descent, so a few points
 * are allowed at the bottom), the first line at the 37 mm top margin, and under the 版心 only the page number, 7 mm
 * below it in “— N —”.
 */
function expectOfficialGeometry(pdf: string): void {
  const size = pageSize(pdf)
  expect(Math.abs(size.w - A4_WIDTH_PT)).toBeLessThan(1)
  expect(Math.abs(size.h - A4_HEIGHT_PT)).toBeLessThan(1)
  const boxes = wordBoxes(pdf)
  expect(boxes.length).toBeGreaterThan(0)
  const body = boxes.filter((b) => b.y0 < TEXT_BOTTOM)
  const folio = boxes.filter((b) => b.y0 >= TEXT_BOTTOM)
  for (const b of body) {
    expect(b.x0, b.word).toBeGreaterThanOrEqual(G.left * MM - 1)
    expect(b.x1, b.word).toBeLessThanOrEqual(A4_WIDTH_PT - G.right * MM + 1)
    expect(b.y1, b.word).toBeLessThanOrEqual(TEXT_BOTTOM + 5)
  }
  // left edge of the 版心 is used (a paragraph without indent or a table border starts there)
  expect(Math.min(...body.map((b) => b.x0))).toBeLessThan(G.left * MM + 3 * MM)
  // the first line sits at the top margin (poppler's boxes use the font's tall bounding box, so the middle of a
  // word is measured): the first line's middle lies below 37 mm and within the first two lines
  const top = Math.min(...body.map((b) => (b.y0 + b.y1) / 2))
  expect(top).toBeGreaterThanOrEqual(G.top * MM)
  expect(top).toBeLessThan((G.top + 15) * MM)
  expect(folio.length).toBeGreaterThan(0)
  for (const b of folio) {
    expect(b.word).toMatch(/^[—\d]+$/)
    expect((b.y0 + b.y1) / 2).toBeGreaterThan(TEXT_BOTTOM + 5 * MM)
    expect(b.y1).toBeLessThan(A4_HEIGHT_PT)
  }
}

/** Every font embedded, and each a TrueType (or Type 1/CID) font, none a Type 3 bitmap-like font. */
function expectEmbeddedOutlineFonts(pdf: string): void {
  const used = fonts(pdf)
  expect(used.length).toBeGreaterThan(0)
  for (const f of used) {
    expect(f.embedded, f.name).toBe(true)
    expect(f.type, f.name).not.toBe('Type 3')
  }
}

const squash = (s: string) => s.replace(/\s+/g, '')

describe('documents printed to PDF (headless Chromium) and read back with poppler', () => {
  it.each(examples.map((e) => [e.name, e] as const))(
    '%s',
    async (_name, example) => {
      const doc = produceDocument(example.id, example.ctx)
      if (!doc.ok) throw new Error(doc.missing.join('；'))
      const pdf = await print(example.name, doc.html)
      expect(pageCount(pdf)).toBe(example.pages)
      const text = squash(pdfToText(pdf))
      expect(text).toContain(squash(doc.title))
      for (const fact of example.facts) expect(text, fact).toContain(squash(fact))
      expectOfficialGeometry(pdf)
      expectEmbeddedOutlineFonts(pdf)
      expect(readdirSync(OUT).some((f) => f.startsWith(`${example.name}-`) && f.endsWith('.png'))).toBe(true)
    },
    180_000,
  )

  it.each(hostileExamples.map((e) => [e.name, e] as const))(
    'long and hostile input: %s',
    async (_name, example) => {
      const doc = produceDocument(example.id, example.ctx)
      if (!doc.ok) throw new Error(doc.missing.join('；'))
      const pdf = await print(example.name, doc.html)
      const text = squash(pdfToText(pdf))
      for (const fact of example.facts) expect(text, fact).toContain(squash(fact))
      expect(pageCount(pdf)).toBe(example.pages)
      expectOfficialGeometry(pdf)
      expectEmbeddedOutlineFonts(pdf)
    },
    180_000,
  )

  it('a demo document carries 演示数据，不得作为正式材料 in the top margin of every page, above the 院名, layout unchanged', async () => {
    const example = hostileExamples.find((e) => e.pages > 1)!
    const doc = produceDocument(example.id, example.ctx)
    if (!doc.ok) throw new Error(doc.missing.join('；'))
    const pdf = await print('demo-marked', markDemoHtml(doc.html))
    expect(pageCount(pdf)).toBe(example.pages)
    const pages = execFileSync('pdftotext', ['-bbox', pdf, '-']).toString().split('<page ').slice(1)
    expect(pages).toHaveLength(example.pages)
    for (const page of pages) {
      const words = [
        ...page.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g),
      ]
      const mark = words.filter((w) => squash(w[3]!).includes('演示数据'))
      expect(mark).toHaveLength(1)
      // in the 天头: wholly above the 版心's top edge, so it covers neither the 院名 nor the text
      expect(Number(mark[0]![2])).toBeLessThan(G.top * MM)
      const text = words.filter((w) => w !== mark[0] && Number(w[1]) < TEXT_BOTTOM)
      expect(Math.min(...text.map((w) => Number(w[1])))).toBeGreaterThan(Number(mark[0]![2]))
    }
    expect(squash(pdfToText(pdf))).toContain(squash(DEMO_WATERMARK))
  })

  it('body text runs 22 lines of 28 characters in the 版心 (3号 at the official line and character pitch)', async () => {
    const line = '国'.repeat(28)
    const html = renderDocumentHtml({
      unitName: '某人民检察院',
      title: '行数字数',
      blocks: [{ kind: 'paragraph', indent: false, text: Array.from({ length: 60 }, () => line).join('') }],
    })
    const pdf = await print('grid', html)
    expectEmbeddedOutlineFonts(pdf)
    const page2 = wordBoxes(pdf).filter((b) => b.word.startsWith('国'))
    // poppler numbers pages in -bbox output only through y; take the lines of page 2 from the full-page text
    const html2 = execFileSync('pdftotext', ['-bbox', '-f', '2', '-l', '2', pdf, '-']).toString()
    const lines = [
      ...html2.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(国+)<\/word>/g),
    ]
    expect(page2.length).toBeGreaterThan(22)
    expect(lines).toHaveLength(22)
    for (const m of lines) {
      expect(m[4]).toHaveLength(28)
      expect(Number(m[1])).toBeCloseTo(G.left * MM, 0)
      expect(Number(m[3])).toBeGreaterThan(A4_WIDTH_PT - G.right * MM - 2)
    }
    const pitch = (Number(lines[21]![2]) - Number(lines[0]![2])) / 21
    expect(pitch).toBeCloseTo((G.height / 22) * MM, 0)
  }, 180_000)
})
