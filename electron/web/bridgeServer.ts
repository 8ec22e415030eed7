import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { basename, extname } from 'node:path'
import { appError, fail } from '../../shared/errors'
import { dispatch, type Services } from '../../shared/ipc/dispatch'
import { encodeFramed } from '../../shared/ipc/framedJson'
import { EXPORT_LINK_PATH, type ExportLinks } from '../services/exportLinks'
import { securityHeaders, serveStatic } from '../window/protocol'

export const BRIDGE_PATH = '/__bridge/'
export const TOKEN_HEADER = 'x-bridge-token'
const MAX_BODY_BYTES = 256 * 1024 * 1024

export interface WebServer {
  /** The URL to open, with the per-run token in the fragment (never sent to the server by the browser). */
  url: string
  origin: string
  token: string
  close(): Promise<void>
}

function sameToken(given: string | string[] | undefined, token: Buffer): boolean {
  if (typeof given !== 'string') return false
  const g = Buffer.from(given)
  return g.length === token.length && timingSafeEqual(g, token)
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = Buffer.from(JSON.stringify(body))
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  })
  res.end(data)
}

/**
 * A contract call's result as framed lines (shared/ipc/framedJson.ts): a large result (a province's opened archive)
 * never becomes one string, and is written as the client reads it (back-pressure on every line).
 */
async function sendFramed(res: ServerResponse, body: unknown): Promise<void> {
  res.writeHead(200, {
    ...securityHeaders,
    'Content-Type': 'application/x-ndjson; charset=utf-8',
    'Cache-Control': 'no-store',
  })
  for (const line of encodeFramed(body)) {
    if (res.destroyed) return
    if (!res.write(`${line}\n`)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done)
          res.off('close', done)
          resolve()
        }
        res.on('drain', done)
        res.on('close', done)
      })
    }
  }
  res.end()
}

/** A channel path as it came, for the message: printable ASCII only, at most 80 characters. */
function displayChannel(path: string): string {
  return path
    .slice(BRIDGE_PATH.length)
    .replace(/[^\x21-\x7e]/g, '?')
    .slice(0, 80)
}

/**
 * 打开 / 打印 in browser mode: the file behind a link `files:open` issued (electron/services/exportLinks.ts). A PDF
 * is shown inline by the browser's viewer (which has 打印); an Excel file or a handed-over installer is a download.
 * No CSP header here: the response is a PDF, a spreadsheet or an installer, never HTML (nosniff keeps it so), and a CSP sandbox
 * would stop the browser's PDF viewer.
 */
async function sendExported(res: ServerResponse, links: ExportLinks | undefined, path: string): Promise<void> {
  const ticket = path.slice(EXPORT_LINK_PATH.length).split('/')[0]
  const file = links?.lookup(ticket)
  const body = file ? await readFile(file).catch(() => undefined) : undefined
  if (!file || !body) {
    res.writeHead(404, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
    res.end('链接已失效或文件已不在导出文件夹中。请回到软件中重新点击“打开”。')
    return
  }
  const ext = extname(file).toLowerCase()
  const pdf = ext === '.pdf'
  res.writeHead(200, {
    // an installer handed over (打开安装程序所在文件夹) is a download like an Excel file
    'Content-Type': pdf
      ? 'application/pdf'
      : ext === '.xlsx'
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : 'application/octet-stream',
    'Content-Disposition': `${pdf ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(basename(file))}`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  })
  res.end(body)
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) return null
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/**
 * Browser mode: serves the built renderer on 127.0.0.1 and binds the same main-process services as Electron's
 * IPC through a loopback bridge (POST /__bridge/<channel>). A call is refused unless it carries the per-run
 * secret token and comes from this server's own origin (Origin and Host headers checked, which also defeats DNS
 * rebinding); arguments are then validated by the same `dispatch` as in Electron. Results travel as framed JSON
 * lines, so one of any size never has to be a single string (docs/exchange.md “大的结果经浏览器模式的桥接返回”).
 */
export async function startWebServer(opts: {
  rendererDir: string
  services: Services
  port?: number
  /** The links `files:open` issues in browser mode (the same object given to the services). */
  exportLinks?: ExportLinks
}): Promise<WebServer> {
  const token = randomBytes(24).toString('base64url')
  const tokenBuf = Buffer.from(token)
  let origin = ''
  let host = ''
  const server = createServer(async (req, res) => {
    try {
      if (req.headers.host !== host) return sendJson(res, 421, fail(appError('ipc.unauthorized')))
      const path = (req.url ?? '/').split('?')[0]
      if (path.startsWith(BRIDGE_PATH)) {
        if (req.method !== 'POST' || req.headers.origin !== origin || !sameToken(req.headers[TOKEN_HEADER], tokenBuf)) {
          return sendJson(res, 403, fail(appError('ipc.unauthorized')))
        }
        const body = await readBody(req)
        if (!body) return sendJson(res, 413, fail(appError('ipc.invalid-args', { channel: path, detail: '请求过大' })))
        let args: unknown
        try {
          args = JSON.parse(body.toString('utf8') || '{}')
        } catch {
          return sendJson(res, 400, fail(appError('ipc.invalid-args', { channel: path, detail: '不是有效的 JSON' })))
        }
        let channel: string
        try {
          channel = decodeURIComponent(path.slice(BRIDGE_PATH.length))
        } catch {
          // “%E0%A4%A” and the like: not a channel name, and not a failure of this server either
          const detail = '调用名称中的百分号编码（%）不正确'
          return sendJson(res, 400, fail(appError('ipc.invalid-args', { channel: displayChannel(path), detail })))
        }
        return await sendFramed(res, await dispatch(opts.services, channel, args))
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, fail(appError('ipc.unauthorized')))
      if (path.startsWith(EXPORT_LINK_PATH)) return await sendExported(res, opts.exportLinks, path)
      const file = await serveStatic(opts.rendererDir, path)
      res.writeHead(file.status, { ...file.headers, 'Cache-Control': 'no-cache' })
      res.end(req.method === 'HEAD' ? undefined : file.body)
    } catch (e) {
      sendJson(res, 500, fail(appError('ipc.internal', { detail: e instanceof Error ? e.message : String(e) })))
    }
  })
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  host = `127.0.0.1:${port}`
  origin = `http://${host}`
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
