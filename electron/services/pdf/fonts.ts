import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { DOCUMENT_FONT_FAMILIES } from '../../../shared/documents/fonts'
import { FONT_PATH, PDF_HOST } from './policy'

/**
 * The fonts the app ships for printed documents, served to the PDF page from memory (docs/documents.md “字体”).
 *
 * Chromium embeds TrueType-outline (glyf) fonts in a PDF as TrueType, but turns CFF-outline fonts — the Noto CJK
 * fonts Debian installs — into Type 3 fonts, which some readers and printers render poorly. The app therefore
 * ships OFL TrueType fonts from npm (@fontsource/noto-serif-sc, @fontsource/noto-sans-sc): for each family one file
 * of the simplified-Chinese range (GB 2312 and the common characters, about 1.5 MB each), and for the serif body
 * the package's numbered subsets, with their unicode-range, for the rare characters of a name (loaded only when the
 * text uses them). Files are read from the installed package and never copied; the page may fetch only these paths.
 */

interface FontFile {
  /** Served at https://PDF_HOST/fonts/<name> */
  name: string
  /** Path inside node_modules */
  file: string
  family: string
  weight: number
  unicodeRange?: string
}

const req = createRequire(typeof __filename === 'string' ? __filename : import.meta.url)

function packageDir(pkg: string): string {
  return dirname(req.resolve(`${pkg}/package.json`))
}

const MAIN: readonly { pkg: string; family: string; weight: number }[] = [
  { pkg: '@fontsource/noto-serif-sc', family: DOCUMENT_FONT_FAMILIES.serif, weight: 400 },
  { pkg: '@fontsource/noto-serif-sc', family: DOCUMENT_FONT_FAMILIES.serif, weight: 700 },
  { pkg: '@fontsource/noto-sans-sc', family: DOCUMENT_FONT_FAMILIES.sans, weight: 500 },
]

let table: Map<string, FontFile> | undefined

/** Every font file the page may load, by its served name. Read from the packages' file lists once per process. */
export function documentFonts(): ReadonlyMap<string, FontFile> {
  if (table) return table
  const t = new Map<string, FontFile>()
  for (const m of MAIN) {
    const base = m.pkg.split('/')[1]!
    const name = `${base}-${m.weight}.woff2`
    t.set(name, {
      name,
      file: join(packageDir(m.pkg), 'files', `${base}-chinese-simplified-${m.weight}-normal.woff2`),
      family: m.family,
      weight: m.weight,
    })
  }
  // rare characters of the serif body: the numbered subsets with their ranges, from the package's own CSS
  const serif = packageDir('@fontsource/noto-serif-sc')
  const css = readFileSync(join(serif, '400.css'), 'utf8')
  for (const m of css.matchAll(
    /url\(\.\/files\/(noto-serif-sc-(\d+)-400-normal\.woff2)\)[^;]*;\s*unicode-range:\s*([^;]+);/g,
  )) {
    const name = `noto-serif-sc-ext-${m[2]}.woff2`
    t.set(name, {
      name,
      file: join(serif, 'files', m[1]!),
      family: DOCUMENT_FONT_FAMILIES.serifExtra,
      weight: 400,
      unicodeRange: m[3]!.trim(),
    })
  }
  table = t
  return t
}

/** The @font-face rules for the shipped fonts, with addresses on the document's own host. */
export function fontFaceCss(): string {
  return [...documentFonts().values()]
    .map(
      (f) =>
        `@font-face{font-family:"${f.family}";font-weight:${f.weight};font-style:normal;src:url("${FONT_PATH}${f.name}") format("woff2")${
          f.unicodeRange ? `;unicode-range:${f.unicodeRange}` : ''
        }}`,
    )
    .join('\n')
}

/**
 * The document with the shipped fonts declared (before its own styles) and the main files preloaded: a preload is
 * fetched while the page is parsed, so the load event waits for it and the PDF is never printed in a fallback font.
 */
export function withDocumentFonts(html: string): string {
  const preload = [...documentFonts().values()]
    .filter((f) => !f.unicodeRange)
    .map((f) => `<link rel="preload" as="font" type="font/woff2" crossorigin href="${FONT_PATH}${f.name}">`)
    .join('')
  const style = `${preload}<style>${fontFaceCss()}</style>`
  const i = html.search(/<style[\s>]|<\/head>/i)
  return i < 0 ? style + html : html.slice(0, i) + style + html.slice(i)
}

/** The bytes of a shipped font when `url` is exactly one of the served font addresses; otherwise undefined. */
export function fontAt(url: string): Buffer | undefined {
  const prefix = `https://${PDF_HOST}${FONT_PATH}`
  if (!url.startsWith(prefix)) return undefined
  const f = documentFonts().get(url.slice(prefix.length))
  return f ? readFileSync(f.file) : undefined
}

export const FONT_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'font/woff2',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
}
