import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices } from '../../../electron/services'
import { renderDocumentHtml } from '../../../shared/documents/layout'
import { dispatch } from '../../../shared/ipc/dispatch'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pdf-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('documents: HTML layout and PDF through the main process', () => {
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
    const services = createServices({
      mode: 'web',
      appVersion: '1',
      productName: 'p',
      platform: 'linux',
      dataDir: dir,
      exportDir: dir,
      backupDir: dir,
    })
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
    const services = createServices({
      mode: 'web',
      appVersion: '1',
      productName: 'p',
      platform: 'linux',
      dataDir: dir,
      exportDir: dir,
      backupDir: dir,
    })
    expect((await dispatch(services, 'pdf:render', { fileName: '../x', html: '<p>x</p>' })).ok).toBe(false)
    expect((await dispatch(services, 'pdf:render', { fileName: 'x', html: 'x'.repeat(5_000_001) })).ok).toBe(false)
  })
})
