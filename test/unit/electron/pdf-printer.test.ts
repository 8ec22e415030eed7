import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createChromiumPrinter } from '../../../electron/services/pdf/chromiumPrinter'
import { launchChromium, removeLeftoverProfiles } from '../../../electron/services/pdf/chromiumProcess'
import { interceptRequests } from '../../../electron/services/pdf/interception'
import { openPrintingPage, printDocument } from '../../../electron/services/pdf/printDocument'
import { renderDocumentHtml } from '../../../shared/documents/layout'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pdf-printer-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A one-page document whose title says which one it is. */
const documentNo = (n: number) =>
  renderDocumentHtml({
    unitName: '北京市朝阳区人民检察院',
    title: `国家司法救助决定书第${n}号样张`,
    blocks: [{ kind: 'paragraph', text: `经审查，决定给予你国家司法救助金人民币${n}万元整。` }],
    sign: { unit: '北京市朝阳区人民检察院', date: '二〇二六年三月二日' },
  })

/** The PDF's text (pdftotext), whitespace removed; also proves the file is a PDF a reader opens. */
async function textOf(pdf: Buffer, name: string): Promise<string> {
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
  const file = join(dir, `${name}.pdf`)
  await writeFile(file, pdf)
  return execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, '')
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
/** The --user-data-dir of a running Chromium (its throw-away profile). */
const profileOf = (pid: number) =>
  /--user-data-dir=(\S+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '))?.[1] ?? ''

describe('one kept-alive Chromium prints every document', { timeout: 180_000 }, () => {
  it('one browser process serves several documents, asked for at once, each with its own text', async () => {
    const launched: number[] = []
    const printer = createChromiumPrinter({ onLaunch: (pid) => launched.push(pid) })
    try {
      const pdfs = await Promise.all([1, 2, 3].map((n) => printer.print(documentNo(n))))
      const later = await printer.print(documentNo(4))
      expect(launched).toHaveLength(1)
      expect(alive(launched[0]!)).toBe(true)
      const texts = await Promise.all([...pdfs, later].map((pdf, i) => textOf(pdf, `kept-${i + 1}`)))
      texts.forEach((text, i) => {
        expect(text).toContain(`国家司法救助决定书第${i + 1}号样张`)
        expect(text).toContain(`人民币${i + 1}万元整`)
        for (const other of [1, 2, 3, 4].filter((n) => n !== i + 1)) expect(text).not.toContain(`第${other}号样张`)
      })
      // the page as a reader shows it: one A4 page rendered to an image
      execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', join(dir, 'kept-4.pdf'), join(dir, 'kept-4')])
      expect(readFileSync(join(dir, 'kept-4.png')).subarray(1, 4).toString()).toBe('PNG')
    } finally {
      const profile = launched[0] ? profileOf(launched[0]) : ''
      await printer.close()
      // closed with the printer: the process gone and its temporary profile removed
      expect(launched.every((pid) => !alive(pid))).toBe(true)
      expect(profile).toMatch(/jiuzhu-pdf-/)
      expect(existsSync(profile)).toBe(false)
    }
  })

  it('one printing page in a context of its own, blank between documents; the fonts sent to it once', async () => {
    const chromium = await launchChromium()
    try {
      const cdp = chromium.cdp
      const requests = await interceptRequests(cdp)
      type Info = { type: string; targetId: string; browserContextId: string; url: string }
      const pages = async () =>
        ((await cdp.send('Target.getTargets')).targetInfos as Info[]).filter((t) => t.type === 'page')
      const before = await pages()
      const fontRequests: string[] = []
      cdp.on((m) => {
        if (m.method === 'Fetch.requestPaused' && m.params.resourceType === 'Font')
          fontRequests.push(m.params.request.url)
      })
      const page = await openPrintingPage(cdp)
      expect(page.browserContextId).not.toBe(before[0]?.browserContextId)
      const left = async () => ({
        url: (await pages()).find((t) => t.targetId === page.targetId)?.url,
        history: ((await cdp.send('Page.getNavigationHistory', {}, page.sessionId)).entries as { url: string }[]).map(
          (e) => e.url,
        ),
        text: (
          await cdp.send(
            'Runtime.evaluate',
            { expression: 'document.documentElement.outerHTML', returnByValue: true },
            page.sessionId,
          )
        ).result.value as string,
        cookies: (await cdp.send('Storage.getCookies', { browserContextId: page.browserContextId })).cookies,
      })
      const perDocument: number[] = []
      for (const n of [1, 2, 3]) {
        const fontsBefore = fontRequests.length
        // a document that tries to leave something behind: a cookie by meta tag (scripts are off)
        const html = documentNo(n).replace('<head>', `<head><meta http-equiv="set-cookie" content="n=${n}">`)
        expect(await textOf(await printDocument(cdp, requests, page, html), `page-${n}`)).toContain(`第${n}号样张`)
        perDocument.push(fontRequests.length - fontsBefore)
        // nothing of it is left for the next one: the page is blank, with no history and no cookie
        expect(await left()).toEqual({
          url: 'about:blank',
          history: ['about:blank'],
          text: '<html><head></head><body></body></html>',
          cookies: [],
        })
        // the same page and context for every document; nothing else opened
        expect((await cdp.send('Target.getBrowserContexts')).browserContextIds).toEqual([page.browserContextId])
        expect((await pages()).map((t) => t.targetId).sort()).toEqual(
          [...before.map((t) => t.targetId), page.targetId].sort(),
        )
      }
      // the first document's fonts were asked for; the later ones found them in the page's memory
      expect(perDocument[0]).toBeGreaterThan(0)
      expect(perDocument.slice(1)).toEqual([0, 0])
    } finally {
      await chromium.close()
    }
  })

  it('with no fixed wait, a rare character prints in its shipped subset font, on the first document of a printer', async () => {
    const printer = createChromiumPrinter()
    try {
      // 叴 is not in the main GB 2312 font file: its subset file is asked for only when layout meets it
      const html = renderDocumentHtml({
        unitName: '北京市朝阳区人民检察院',
        title: '国家司法救助决定书',
        blocks: [{ kind: 'paragraph', text: '申请人王叴，经审查，决定给予国家司法救助。' }],
      })
      const pdf = await printer.print(html)
      expect(await textOf(pdf, 'rare')).toContain('申请人王叴')
      // printed in the shipped TrueType faces: a fallback to the system's CFF font would be a Type 3 font
      const fonts = execFileSync('pdffonts', [join(dir, 'rare.pdf')]).toString()
      expect(fonts).not.toContain('Type 3')
      expect(fonts.split('\n').filter((l) => /TrueType/.test(l)).length).toBeGreaterThanOrEqual(2)
    } finally {
      await printer.close()
    }
  })

  it('a document cannot reach the one before it: its address is served once, to its own page only', async () => {
    const printer = createChromiumPrinter()
    const blocked: string[] = []
    try {
      // the first page asks for other addresses on the document host, in a frame and by a refresh: refused, and
      // once it is printed, its page is gone — nothing of it is still asking while the next one prints
      const first = `<p>第一份</p><iframe src="https://jiuzhu-pdf.invalid/"></iframe>
        <meta http-equiv="refresh" content="0;url=https://jiuzhu-pdf.invalid/x.html">`
      expect(await textOf(await printer.print(first, { onBlocked: (u) => blocked.push(u) }), 'first')).toContain(
        '第一份',
      )
      const secondBlocked: string[] = []
      const second = await printer.print('<p>第二份</p>', { onBlocked: (u) => secondBlocked.push(u) })
      const text = await textOf(second, 'second')
      expect(text).toContain('第二份')
      expect(text).not.toContain('第一份')
      expect(blocked).toContain('https://jiuzhu-pdf.invalid/x.html')
      // the first page is gone: nothing of it asks for anything while the second prints
      expect(secondBlocked).toEqual([])
    } finally {
      await printer.close()
    }
  })
})

describe('a browser that dies or hangs is replaced, and the document still prints', { timeout: 240_000 }, () => {
  it('killed between documents: the next document starts a new browser', async () => {
    const launched: number[] = []
    const printer = createChromiumPrinter({ onLaunch: (pid) => launched.push(pid) })
    try {
      expect(await textOf(await printer.print(documentNo(1)), 'before-kill')).toContain('第1号样张')
      process.kill(launched[0]!, 'SIGKILL')
      expect(await textOf(await printer.print(documentNo(2)), 'after-kill')).toContain('第2号样张')
      expect(launched).toHaveLength(2)
      expect(launched[1]).not.toBe(launched[0])
    } finally {
      await printer.close()
    }
  })

  it('killed while printing: the same document is printed again on a new browser', async () => {
    const launched: number[] = []
    const printer = createChromiumPrinter({ onLaunch: (pid) => launched.push(pid) })
    try {
      // the page asks to go elsewhere (refused); when the first browser asks, it is killed there and then
      const html = '<meta http-equiv="refresh" content="0;url=https://example.invalid/"><p>中途崩溃</p>'
      const pdf = await printer.print(html, {
        onBlocked: () => {
          if (launched.length === 1) process.kill(launched[0]!, 'SIGKILL')
        },
      })
      expect(await textOf(pdf, 'mid-kill')).toContain('中途崩溃')
      expect(launched).toHaveLength(2)
      expect(alive(launched[0]!)).toBe(false)
    } finally {
      await printer.close()
    }
  })

  it('hung while printing: after the timeout it is killed and the document printed on a new browser', async () => {
    const launched: number[] = []
    const printer = createChromiumPrinter({ timeoutMs: 30_000, onLaunch: (pid) => launched.push(pid) })
    try {
      const html = '<meta http-equiv="refresh" content="0;url=https://example.invalid/"><p>浏览器卡住</p>'
      const pdf = await printer.print(html, {
        onBlocked: () => {
          if (launched.length === 1) process.kill(launched[0]!, 'SIGSTOP') // frozen, as a hung browser
        },
      })
      expect(await textOf(pdf, 'hung')).toContain('浏览器卡住')
      expect(launched).toHaveLength(2)
      expect(alive(launched[0]!)).toBe(false)
    } finally {
      await printer.close()
    }
  })
})

describe('profile folders of browsers whose process is gone', () => {
  it("are removed when the next browser starts; a running process's folder and other folders are kept", async () => {
    const tmp = join(dir, 'tmp')
    const gone = spawn('true')
    const deadPid = await new Promise<number>((resolve) => gone.on('exit', () => resolve(gone.pid!)))
    for (const name of [`jiuzhu-pdf-${deadPid}-abc`, `jiuzhu-pdf-${process.pid}-def`, 'jiuzhu-pdf-ghi', 'other'])
      await mkdir(join(tmp, name, 'profile'), { recursive: true })
    await removeLeftoverProfiles(tmp)
    expect((await readdir(tmp)).sort()).toEqual([`jiuzhu-pdf-${process.pid}-def`, 'jiuzhu-pdf-ghi', 'other'])
  })
})
