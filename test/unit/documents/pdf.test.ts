import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chromiumPdf } from '../../../electron/services/pdf/chromiumPdf'
import { produceDocument } from '../../../shared/documents/templates'
import { examples } from './cases'
import { hostileExamples } from './hostile'

/**
 * Every document printed to A4 PDF through the main process's headless-Chromium service, then checked with poppler:
 * the Chinese text survives (pdftotext), the page count is as expected (pdfinfo), every font is embedded (pdffonts),
 * and no word lies outside the printable area (pdftotext -bbox). PNGs at 60 dpi are kept in test-results/documents/
 * for a human to look at.
 */

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

/** The fonts listed by pdffonts, each with whether it is embedded (the PDF must not depend on the reader's fonts). */
function fonts(pdf: string): { name: string; embedded: boolean }[] {
  const lines = execFileSync('pdffonts', [pdf]).toString().trim().split('\n').slice(2)
  return lines.map((l) => {
    const cols = l.trim().split(/\s+/)
    return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' }
  })
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
  writeFileSync(pdf, await chromiumPdf(html))
  for (const f of readdirSync(OUT)) if (f.startsWith(`${name}-`) && f.endsWith('.png')) rmSync(join(OUT, f))
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(OUT, name)])
  return pdf
}

/**
 * Nothing outside the printable area (margins 25 mm left, 22 mm right and bottom; poppler's glyph boxes include the
 * font's ascent and descent, so the top is not checked and the bottom gets a few points).
 */
function expectInsideMargins(pdf: string): void {
  const boxes = wordBoxes(pdf)
  expect(boxes.length).toBeGreaterThan(0)
  for (const b of boxes) {
    expect(b.x0, b.word).toBeGreaterThanOrEqual(25 * MM - 1)
    expect(b.x1, b.word).toBeLessThanOrEqual(A4_WIDTH_PT - 22 * MM + 1)
    expect(b.y1, b.word).toBeLessThanOrEqual(A4_HEIGHT_PT - 22 * MM + 5)
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
      expectInsideMargins(pdf)
      const used = fonts(pdf)
      expect(used.length).toBeGreaterThan(0)
      for (const f of used) expect(f.embedded, f.name).toBe(true)
      expect(readdirSync(OUT).some((f) => f.startsWith(`${example.name}-`) && f.endsWith('.png'))).toBe(true)
    },
    60_000,
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
      expectInsideMargins(pdf)
    },
    60_000,
  )
})
