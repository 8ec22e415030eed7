import { existsSync, readFileSync } from 'node:fs'
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
 * text uses them). The build copies exactly these files to out/main/fonts; the page may fetch only these paths.
 */

export interface FontFile {
  /** Served at https://PDF_HOST/fonts/<name> */
  name: string
  family: string
  weight: number
  unicodeRange?: string
}

/** Where a font file comes from in node_modules (at build time and in tests). */
export interface FontSource extends FontFile {
  file: string
}

/** The folder and manifest the build writes next to the main-process bundle (electron.vite.config.ts). */
export const BUILT_FONT_DIR = 'fonts'
export const BUILT_FONT_MANIFEST = 'fonts.json'

const MAIN: readonly { pkg: string; family: string; weight: number }[] = [
  { pkg: '@fontsource/noto-serif-sc', family: DOCUMENT_FONT_FAMILIES.serif, weight: 400 },
  { pkg: '@fontsource/noto-serif-sc', family: DOCUMENT_FONT_FAMILIES.serif, weight: 700 },
  { pkg: '@fontsource/noto-sans-sc', family: DOCUMENT_FONT_FAMILIES.sans, weight: 500 },
]

/**
 * The font files from the installed @fontsource packages (a dev dependency: the build copies these files into
 * out/main/fonts, so the packaged app carries only them). `from` is any file in the project.
 */
export function fontSources(from: string): FontSource[] {
  const req = createRequire(from)
  const packageDir = (pkg: string) => dirname(req.resolve(`${pkg}/package.json`))
  const out: FontSource[] = MAIN.map((m) => {
    const base = m.pkg.split('/')[1]!
    return {
      name: `${base}-${m.weight}.woff2`,
      file: join(packageDir(m.pkg), 'files', `${base}-chinese-simplified-${m.weight}-normal.woff2`),
      family: m.family,
      weight: m.weight,
    }
  })
  // rare characters of the serif body: the numbered subsets with their ranges, from the package's own CSS
  const serif = packageDir('@fontsource/noto-serif-sc')
  const css = readFileSync(join(serif, '400.css'), 'utf8')
  for (const m of css.matchAll(
    /url\(\.\/files\/(noto-serif-sc-(\d+)-400-normal\.woff2)\)[^;]*;\s*unicode-range:\s*([^;]+);/g,
  )) {
    out.push({
      name: `noto-serif-sc-ext-${m[2]}.woff2`,
      file: join(serif, 'files', m[1]!),
      family: DOCUMENT_FONT_FAMILIES.serifExtra,
      weight: 400,
      unicodeRange: m[3]!.trim(),
    })
  }
  return out
}

let table: Map<string, FontSource> | undefined

/**
 * Every font file the page may load, by its served name: from the built copy next to the bundle (the packaged app,
 * browser mode, the CLI), else from node_modules (unit tests run the sources).
 */
export function documentFonts(): ReadonlyMap<string, FontSource> {
  if (table) return table
  const here = typeof __dirname === 'string' ? __dirname : dirname(new URL(import.meta.url).pathname)
  const built = [join(here, BUILT_FONT_DIR), join(here, '..', BUILT_FONT_DIR)].find((d) =>
    existsSync(join(d, BUILT_FONT_MANIFEST)),
  )
  const list: FontSource[] = built
    ? (JSON.parse(readFileSync(join(built, BUILT_FONT_MANIFEST), 'utf8')) as FontFile[]).map((f) => ({
        ...f,
        file: join(built, f.name),
      }))
    : fontSources(join(here, 'fonts.ts'))
  table = new Map(list.map((f) => [f.name, f]))
  return table
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
  try {
    return f ? readFileSync(f.file) : undefined
  } catch {
    return undefined // an unreadable file is refused like any other request; the page falls back to local fonts
  }
}

const base64Cache = new Map<string, string>()

/**
 * `fontAt` as base64 (the form the DevTools protocol answers with), read and encoded once per process: a kept-alive
 * printer serves the same few font files to every document.
 */
export function fontBase64At(url: string): string | undefined {
  const hit = base64Cache.get(url)
  if (hit) return hit
  const bytes = fontAt(url)
  if (!bytes) return undefined
  const b64 = bytes.toString('base64')
  base64Cache.set(url, b64)
  return b64
}

/**
 * The shipped font files are the same for every document and hold nothing of any case: the printing page may keep
 * them (its memory cache), so the next document on the same page uses them without asking again. Documents
 * themselves are never kept (`Cache-Control: no-store`, ./policy.ts).
 */
export const FONT_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'font/woff2',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'public, max-age=31536000, immutable',
}
