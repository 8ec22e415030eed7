import { randomBytes } from 'node:crypto'

/** Where the app's own font files are served on the document's host (./fonts.ts). */
export const FONT_PATH = '/fonts/'

/**
 * How a document's HTML is turned into a PDF without letting that HTML do anything but lay out text
 * (docs/security.md “文书打印成 PDF”). Both renderers — headless Chromium (browser mode, tests) and Electron's
 * printToPDF (desktop app) — use these rules:
 *
 * - the page is answered from memory at a random https address on a reserved name that never resolves
 *   (`.invalid`, RFC 2606); it is never written to disk and never loaded from `file://`;
 * - that one address is answered once, and the app's own font files (./fonts.ts) under /fonts/ on the same host;
 *   every other request (images, style sheets, other fonts, frames, navigations, any scheme) is refused before it
 *   reaches the network or the file system;
 * - the response carries the service's own CSP, which the browser enforces in addition to anything the HTML
 *   says, so the HTML cannot loosen it;
 * - JavaScript is switched off in the renderer, and the renderer runs in Chromium's sandbox.
 */

/** The host of the in-memory document; `.invalid` is reserved and never resolves. */
export const PDF_HOST = 'jiuzhu-pdf.invalid'

/**
 * The CSP the service sends with every document. The documents use only inline styles, the fonts installed on the
 * computer (font-family names such as "FangSong"; local fonts are not subject to font-src) and the app's own font
 * files, which the service serves from memory on the document's host (./fonts.ts); `data:` images are allowed for
 * images embedded in the HTML itself.
 * base-uri and form-action do not fall back to default-src and are listed separately.
 */
export const PDF_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  `font-src https://${PDF_HOST}${FONT_PATH}`,
  "connect-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "child-src 'none'",
  "worker-src 'none'",
  "media-src 'none'",
  "manifest-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** The headers of the one response the renderer is given. */
export const PDF_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': PDF_CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-DNS-Prefetch-Control': 'off',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
}

/** A fresh, unguessable address for one document. */
export function documentUrl(): string {
  return `https://${PDF_HOST}/${randomBytes(16).toString('hex')}.html`
}

/**
 * Whether a request may be answered with the document: only the exact address, only as the top-level document
 * and only once (`alreadyServed`); an iframe, a redirect or a refresh to the same address is refused too.
 */
export function mayServeDocument(
  req: { url: string; isMainFrameDocument: boolean },
  docUrl: string,
  alreadyServed: boolean,
): boolean {
  return !alreadyServed && req.isMainFrameDocument && req.url === docUrl
}

/** Whether a request is for a font under /fonts/ on the document's host (the file must also be one of ours). */
export function isFontRequest(req: { url: string; resourceType: string }): boolean {
  return req.resourceType.toLowerCase() === 'font' && req.url.startsWith(`https://${PDF_HOST}${FONT_PATH}`)
}
