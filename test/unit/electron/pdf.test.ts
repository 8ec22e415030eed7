import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { closePrintingWindow, electronPdf, PDF_PARTITION, serve } from '../../../electron/pdf'
import { chromiumArgs, chromiumPdf, UNPRIVILEGED } from '../../../electron/services/pdf/chromiumPdf'
import { sharedChromiumPrinter } from '../../../electron/services/pdf/chromiumPrinter'
import { fontAt, withDocumentFonts } from '../../../electron/services/pdf/fonts'
import {
  documentUrl,
  isFontRequest,
  mayServeDocument,
  PDF_CONTENT_SECURITY_POLICY,
  PDF_HOST,
} from '../../../electron/services/pdf/policy'
import { renderDocumentHtml } from '../../../shared/documents/layout'
import { CodedError } from '../../../shared/errors/coded'
import { dispatch } from '../../../shared/ipc/dispatch'
import { webServices } from '../../mocks/services'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pdf-'))
})
afterAll(async () => {
  await sharedChromiumPrinter().close() // the browser pdf:render used, as the server closes it when it stops
  await rm(dir, { recursive: true, force: true })
})

describe('documents: HTML layout and PDF through the main process', { timeout: 120_000 }, () => {
  it('escapes every value: a name cannot inject markup', () => {
    const html = renderDocumentHtml({
      unitName: '某院',
      title: '告知书',
      blocks: [{ kind: 'paragraph', text: '<script>alert(1)</script>张三' }],
    })
    expect(html).not.toContain('<script>alert')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;张三')
    expect(html).toContain("default-src 'none'")
  })

  it('prints an A4 PDF with Chinese text via headless Chromium', async () => {
    const services = webServices(dir, dir, dir)
    const html = renderDocumentHtml({
      unitName: '北京市朝阳区人民检察院',
      title: '国家司法救助决定书',
      docNo: '朝检控救〔2026〕1号',
      to: '张三：',
      blocks: [
        {
          kind: 'paragraph',
          text: '经审查，决定给予你国家司法救助金人民币壹万贰仟叁佰肆拾伍元陆角柒分（¥12,345.67）。',
        },
      ],
      sign: { unit: '北京市朝阳区人民检察院', date: '二〇二六年三月二日' },
    })
    const res = await dispatch(services, 'pdf:render', { fileName: '决定书', html })
    expect(res.ok).toBe(true)
    const pdf = await readFile(join(dir, '决定书.pdf'))
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const text = execFileSync('pdftotext', [join(dir, '决定书.pdf'), '-'])
      .toString()
      .replace(/\s+/g, '')
    expect(text).toContain('国家司法救助决定书')
    expect(text).toContain('壹万贰仟叁佰肆拾伍元陆角柒分（¥12,345.67）')
    expect(text).toContain('朝检控救〔2026〕1号')
  })

  it('refuses an over-long document or a path as the file name', async () => {
    const services = webServices(dir, dir, dir)
    expect((await dispatch(services, 'pdf:render', { fileName: '../x', html: '<p>x</p>' })).ok).toBe(false)
    expect((await dispatch(services, 'pdf:render', { fileName: 'x', html: 'x'.repeat(5_000_001) })).ok).toBe(false)
  })
})

/** Every process under `root` (by parent id) with its command line and /proc status. Linux only. */
function processTree(root: number): { pid: number; cmdline: string; status: string }[] {
  const all: { pid: number; ppid: number; cmdline: string; status: string }[] = []
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      const cmdline = readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ')
      all.push({ pid: Number(d), ppid, cmdline, status: readFileSync(`/proc/${d}/status`, 'utf8') })
    } catch {
      // the process ended while we looked
    }
  }
  const tree = new Set([root])
  for (let grew = true; grew; ) {
    grew = false
    for (const p of all)
      if (tree.has(p.ppid) && !tree.has(p.pid)) {
        tree.add(p.pid)
        grew = true
      }
  }
  return all.filter((p) => tree.has(p.pid))
}

const statusField = (status: string, key: string) => new RegExp(`^${key}:\\s*(.*)$`, 'm').exec(status)?.[1] ?? ''

describe('PDF rendering: no scripts, no local files, no network, sandbox on ("守得住" #3)', {
  timeout: 120_000,
}, () => {
  let server: Server
  let port = 0
  const hits: string[] = []
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '')
      res.writeHead(200, { 'Content-Type': 'text/plain' })
      res.end('SERVER-SAW-YOU')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  /** Everything a page could use to read a local file, reach the network or run code; its own CSP allows all. */
  function hostileHtml(): string {
    const srv = `http://127.0.0.1:${port}`
    return `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src * 'unsafe-inline' 'unsafe-eval' file: data: blob:">
<meta http-equiv="refresh" content="0;url=${srv}/refresh">
<link rel="stylesheet" href="file:///etc/passwd"><link rel="stylesheet" href="${srv}/style.css">
<link rel="prefetch" href="${srv}/prefetch"><link rel="preload" as="image" href="${srv}/preload.png">
<link rel="icon" href="${srv}/favicon.ico">
<style>
@import url("${srv}/import.css");
@font-face { font-family: Evil; src: url("${srv}/font.woff2"), url("file:///usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"); }
@font-face { font-family: Evil2; src: url("file:///etc/passwd"); }
body { font-family: Evil, Evil2, "Noto Serif CJK SC", serif; background-image: url("${srv}/background.png"); }
</style></head><body>
<p>敌意页面正文</p>
<iframe src="file:///etc/passwd" width="600" height="400"></iframe>
<iframe src="${srv}/frame" width="300" height="100"></iframe>
<iframe srcdoc="&lt;script&gt;document.write('SRCDOC-SCRIPT-RAN')&lt;/script&gt;"></iframe>
<iframe src="data:text/html,&lt;script&gt;document.write('DATA-SCRIPT-RAN')&lt;/script&gt;"></iframe>
<object data="file:///etc/passwd" type="text/plain" width="600" height="200"></object>
<embed src="file:///etc/passwd" type="text/plain" width="600" height="200">
<img src="file:///etc/passwd"><img src="${srv}/img.png"><img srcset="${srv}/srcset.png 2x">
<video poster="${srv}/poster.png"></video><audio src="${srv}/audio.mp3" autoplay></audio>
<svg width="10" height="10"><image href="${srv}/svg.png" width="10" height="10"/></svg>
<input type="image" src="${srv}/input.png">
<a href="${srv}/link" ping="${srv}/ping">链接</a>
<div style="background:url('${srv}/inline.png')">内联样式</div>
<script>document.body.insertAdjacentHTML('beforeend', '<p>SCRIPT-RAN-' + location.href + '</p>')</script>
<script src="${srv}/script.js"></script>
<noscript><p>脚本已关闭</p></noscript>
</body></html>`
  }

  it('a hostile page prints without file contents or script output, and makes no request', async () => {
    const services = webServices(dir, dir, dir)
    hits.length = 0
    const res = await dispatch(services, 'pdf:render', { fileName: '敌意', html: hostileHtml() })
    expect(res.ok).toBe(true)
    const text = execFileSync('pdftotext', [join(dir, '敌意.pdf'), '-']).toString()
    expect(text).toContain('敌意页面正文')
    expect(text).toContain('脚本已关闭') // <noscript> shows: scripts are off
    const passwd = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!
    expect(text).not.toContain(passwd)
    expect(text).not.toContain('root:x:0:0')
    expect(text).not.toMatch(/SCRIPT-RAN|SRCDOC-SCRIPT|DATA-SCRIPT|SERVER-SAW-YOU/)
    expect(hits).toEqual([])
  })

  it('what the CSP does not cover (a refresh to another address) is refused by request interception', async () => {
    hits.length = 0
    const blocked: string[] = []
    const pdf = await chromiumPdf(hostileHtml(), { onBlocked: (url) => blocked.push(url) })
    expect(blocked).toContain(`http://127.0.0.1:${port}/refresh`)
    expect(blocked.some((url) => url.startsWith(`https://${PDF_HOST}/`))).toBe(false)
    expect(hits).toEqual([])
    const file = join(dir, 'refresh.pdf')
    await writeFile(file, pdf)
    // still the page that was given: the refused navigation left it in place
    expect(execFileSync('pdftotext', [file, '-']).toString()).toContain('敌意页面正文')
  })

  it.runIf(process.platform === 'linux')(
    'Chromium runs with its sandbox (seccomp, namespaces) and, as root, as nobody',
    async () => {
      let root = 0
      const seen = new Map<number, { cmdline: string; status: string }>()
      const look = setInterval(() => {
        // the last snapshot with a command line: a process that is exiting shows an empty one
        // (a renderer sampled in its first moments, before it applies its seccomp filter, shows Seccomp 0: on a loaded
        // machine that may be its only sample, so a renderer's sandboxed snapshot is what is asserted below)
        if (root)
          for (const p of processTree(root))
            if (p.cmdline.trim() && statusField(seen.get(p.pid)?.status ?? '', 'Seccomp') !== '2') seen.set(p.pid, p)
      }, 50)
      try {
        await chromiumPdf('<p>沙箱</p>', {
          onLaunch: (pid) => {
            root = pid
          },
        })
      } finally {
        clearInterval(look)
      }
      const procs = [...seen.values()]
      expect(procs.length).toBeGreaterThan(0)
      for (const p of procs) expect(p.cmdline).not.toContain('--no-sandbox')
      const renderers = procs
        .filter((p) => p.cmdline.includes('--type=renderer'))
        .filter((p) => statusField(p.status, 'Seccomp') === '2')
      expect(renderers.length).toBeGreaterThan(0)
      for (const r of renderers) {
        expect(statusField(r.status, 'Seccomp')).toBe('2') // seccomp-bpf filter on
        expect(statusField(r.status, 'NoNewPrivs')).toBe('1')
        expect(statusField(r.status, 'NSpid').split(/\s+/).length).toBeGreaterThan(1) // own PID namespace
      }
      // run as root (a container), printing drops to an unprivileged account; otherwise it runs as the user
      const uid = process.getuid?.() === 0 ? UNPRIVILEGED.uid : process.getuid?.()
      for (const p of procs) expect(statusField(p.status, 'Uid').split(/\s+/)[0]).toBe(String(uid))
    },
  )

  it('when Chromium cannot start its sandbox, printing fails with the reason; it never retries without it', async () => {
    const bin = join(dir, 'bin')
    await mkdir(bin, { recursive: true })
    await chmod(dir, 0o755) // readable by nobody when the test runs as root
    const fake = join(bin, 'chromium')
    await writeFile(
      fake,
      '#!/bin/sh\ncase "$*" in *--no-sandbox*) exit 3;; esac\n' +
        'echo "[1:1:ERROR:zygote_host_impl_linux.cc(127)] No usable sandbox!" >&2\nexit 1\n',
      { mode: 0o755 },
    )
    const before = process.env.CHROMIUM_PATH
    process.env.CHROMIUM_PATH = fake
    try {
      const err = await chromiumPdf('<p>x</p>').then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(err).toBeInstanceOf(CodedError)
      expect((err as CodedError).code).toBe('pdf.failed')
      expect(String((err as CodedError).params.detail)).toMatch(/退出码 1.*No usable sandbox/)
    } finally {
      if (before === undefined) delete process.env.CHROMIUM_PATH
      else process.env.CHROMIUM_PATH = before
    }
  })

  it('the command line: DevTools pipe, scripts off, no network names, never --no-sandbox, no page URL', () => {
    const args = chromiumArgs('/tmp/profile')
    expect(args).not.toContain('--no-sandbox')
    expect(args).toContain('--remote-debugging-pipe')
    expect(args).toContain('--blink-settings=scriptEnabled=false')
    expect(args).toContain('--host-resolver-rules=MAP * ~NOTFOUND')
    expect(args.some((a) => a.startsWith('--remote-debugging-port'))).toBe(false)
    expect(args.filter((a) => !a.startsWith('--'))).toEqual(['about:blank'])
  })

  it('the CSP the service sends', () => {
    expect(PDF_CONTENT_SECURITY_POLICY).toContain("default-src 'none'")
    expect(PDF_CONTENT_SECURITY_POLICY).toContain("script-src 'none'")
    expect(PDF_CONTENT_SECURITY_POLICY).toContain('img-src data:')
    // fonts: only the app's own files under /fonts/ on the document's never-resolving host
    expect(PDF_CONTENT_SECURITY_POLICY).toContain('font-src https://jiuzhu-pdf.invalid/fonts/;')
    expect(PDF_CONTENT_SECURITY_POLICY.replace('https://jiuzhu-pdf.invalid/fonts/', '')).not.toMatch(
      /file:|http:|https:|\*/,
    )
    const font = 'https://jiuzhu-pdf.invalid/fonts/noto-serif-sc-400.woff2'
    expect(isFontRequest({ url: font, resourceType: 'Font' })).toBe(true)
    expect(fontAt(font)?.length).toBeGreaterThan(1_000_000)
    expect(fontAt('https://jiuzhu-pdf.invalid/fonts/../../etc/passwd')).toBeUndefined()
    expect(fontAt('https://jiuzhu-pdf.invalid/fonts/x.woff2')).toBeUndefined()
    expect(fontAt('https://example.com/fonts/noto-serif-sc-400.woff2')).toBeUndefined()
    expect(isFontRequest({ url: font, resourceType: 'Image' })).toBe(false)
    const url = documentUrl()
    expect(url).toMatch(/^https:\/\/jiuzhu-pdf\.invalid\/[0-9a-f]{32}\.html$/)
    expect(mayServeDocument({ url, isMainFrameDocument: true }, url, false)).toBe(true)
    expect(mayServeDocument({ url, isMainFrameDocument: true }, url, true)).toBe(false) // only once
    expect(mayServeDocument({ url, isMainFrameDocument: false }, url, false)).toBe(false) // not in a frame
    expect(mayServeDocument({ url: `${url}?x`, isMainFrameDocument: true }, url, false)).toBe(false)
  })
})

/** A stand-in for Electron that behaves like the browser for one load: webRequest first, then the scheme handler. */
const fake = vi.hoisted(() => {
  type Handler = (req: { url: string }) => Response
  type BeforeRequest = (
    details: { url: string; resourceType: string },
    callback: (r: { cancel: boolean }) => void,
  ) => void
  const state = {
    partitions: [] as string[],
    handlers: new Map<string, Handler>(),
    filter: undefined as unknown,
    beforeRequest: undefined as BeforeRequest | undefined,
    permissionRequest: undefined as ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined,
    permissionCheck: undefined as (() => boolean) | undefined,
    windows: [] as FakeWindow[],
    /** Loads that fail (as a crashed or refused page would), counted down. */
    failLoads: 0,
  }
  /** What the browser would do with one request: undefined when cancelled, else the handler's response. */
  async function request(
    url: string,
    resourceType: string,
  ): Promise<{ status: number; headers: Headers; body: string } | undefined> {
    let cancel = true
    state.beforeRequest!({ url, resourceType }, (r) => {
      cancel = r.cancel
    })
    if (cancel) return undefined
    const handler = state.handlers.get(new URL(url).protocol.replace(':', ''))!
    const res = handler({ url })
    return { status: res.status, headers: res.headers, body: await res.text() }
  }
  class FakeWindow {
    options: { webPreferences: Record<string, unknown> }
    loadedUrl = ''
    served: { status: number; headers: Headers; body: string } | undefined
    destroyed = false
    printOptions: unknown
    listeners = new Map<string, () => void>()
    webContents = {
      printToPDF: async (o: unknown) => {
        this.printOptions = o
        return Buffer.from('%PDF-fake')
      },
      on: (event: string, fn: () => void) => this.listeners.set(event, fn),
    }
    constructor(options: { webPreferences: Record<string, unknown> }) {
      this.options = options
      state.windows.push(this)
    }
    async loadURL(url: string) {
      if (state.failLoads > 0) {
        state.failLoads--
        throw new Error('ERR_FAILED')
      }
      this.loadedUrl = url
      this.served = await request(url, 'mainFrame')
      if (this.served?.status !== 200) throw new Error('ERR_BLOCKED_BY_CLIENT')
    }
    destroy() {
      this.destroyed = true
    }
    isDestroyed() {
      return this.destroyed
    }
  }
  const ses = {
    protocol: { handle: (scheme: string, fn: Handler) => state.handlers.set(scheme, fn) },
    webRequest: {
      onBeforeRequest: (filter: unknown, fn: BeforeRequest) => {
        state.filter = filter
        state.beforeRequest = fn
      },
    },
    setPermissionRequestHandler: (fn: typeof state.permissionRequest) => {
      state.permissionRequest = fn
    },
    setPermissionCheckHandler: (fn: typeof state.permissionCheck) => {
      state.permissionCheck = fn
    },
  }
  return {
    state,
    request,
    ses,
    module: {
      BrowserWindow: FakeWindow,
      session: {
        fromPartition: (p: string) => {
          state.partitions.push(p)
          return ses
        },
      },
    },
  }
})
vi.mock('electron', () => fake.module)

describe('PDF in the desktop app (Electron printToPDF, checked against a stand-in for Electron)', () => {
  it('a hidden sandboxed window with JavaScript off, in an in-memory printing session', async () => {
    const pdf = await electronPdf('<p>文书</p>')
    expect(pdf.toString()).toBe('%PDF-fake')
    const win = fake.state.windows.at(-1)!
    expect(win.options).toMatchObject({ show: false })
    expect(win.options.webPreferences).toMatchObject({
      session: fake.ses,
      sandbox: true,
      javascript: false,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      plugins: false,
    })
    expect(fake.state.partitions).toEqual([PDF_PARTITION])
    expect(PDF_PARTITION.startsWith('persist:')).toBe(false)
    expect(win.printOptions).toMatchObject({ pageSize: 'A4', preferCSSPageSize: true })
  })

  it('one window is kept for the next documents; a crashed or failing one is replaced; closed with the app', async () => {
    closePrintingWindow()
    const before = fake.state.windows.length
    await Promise.all([electronPdf('<p>一</p>'), electronPdf('<p>二</p>'), electronPdf('<p>三</p>')])
    expect(fake.state.windows.length).toBe(before + 1)
    const kept = fake.state.windows.at(-1)!
    expect(kept.destroyed).toBe(false)
    // its renderer crashes: the next document gets a new window
    kept.listeners.get('render-process-gone')!()
    expect(kept.destroyed).toBe(true)
    await electronPdf('<p>四</p>')
    expect(fake.state.windows.length).toBe(before + 2)
    // a load that fails: the window is dropped and the document printed once more in a new one
    fake.state.failLoads = 1
    expect((await electronPdf('<p>五</p>')).toString()).toBe('%PDF-fake')
    expect(fake.state.windows.length).toBe(before + 3)
    expect(fake.state.windows.at(-2)!.destroyed).toBe(true)
    // failing twice: the error reaches the caller
    fake.state.failLoads = 2
    await expect(electronPdf('<p>六</p>')).rejects.toThrow('ERR_FAILED')
    closePrintingWindow() // the main window closed
    expect(fake.state.windows.every((w) => w.destroyed)).toBe(true)
  })

  it('the document comes from memory at a one-time https address, with the service CSP, once', async () => {
    const html = '<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src *"><p>文书</p>'
    await electronPdf(html)
    const win = fake.state.windows.at(-1)!
    expect(win.loadedUrl).toMatch(new RegExp(`^https://${PDF_HOST.replace('.', '\\.')}/[0-9a-f]{32}\\.html$`))
    expect(win.served?.status).toBe(200)
    expect(win.served?.body).toBe(withDocumentFonts(html)) // the page, with the app's own @font-face rules added
    expect(win.served?.headers.get('content-security-policy')).toBe(PDF_CONTENT_SECURITY_POLICY)
    // served once: the same address again, in a frame or after the window has gone, gets nothing
    expect(await fake.request(win.loadedUrl, 'mainFrame')).toBeUndefined()
    expect(await fake.request(win.loadedUrl, 'subFrame')).toBeUndefined()
    expect(serve(win.loadedUrl).status).toBe(403)
  })

  it('every other request is refused, whatever the scheme; no permission is granted', async () => {
    await electronPdf('<p>文书</p>')
    expect(fake.state.filter).toEqual({ urls: ['<all_urls>'] })
    for (const [url, type] of [
      ['file:///etc/passwd', 'subFrame'],
      ['file:///etc/passwd', 'mainFrame'],
      ['http://127.0.0.1:8080/x.png', 'image'],
      ['https://example.org/x.css', 'stylesheet'],
      ['ws://127.0.0.1:8080/', 'webSocket'],
    ] as const)
      expect(await fake.request(url, type), url).toBeUndefined()
    // the scheme handlers, on their own, refuse too
    for (const scheme of ['file', 'http', 'https']) {
      const res = fake.state.handlers.get(scheme)!({ url: `${scheme}://x/etc/passwd` })
      expect(res.status).toBe(403)
    }
    let granted: boolean | undefined
    fake.state.permissionRequest!({}, 'media', (ok) => {
      granted = ok
    })
    expect(granted).toBe(false)
    expect(fake.state.permissionCheck!()).toBe(false)
  })
})
