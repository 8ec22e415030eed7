import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, assert, beforeAll, describe, expect, it, vi } from 'vitest'
import { exportedFile } from '../../../electron/services/exportedFile'
import { createExportLinks } from '../../../electron/services/exportLinks'
import { dispatch } from '../../../shared/ipc/dispatch'
import { DEMO_FOOTNOTE, DEMO_WATERMARK, markDemoHtml } from '../../../shared/report/demoMark'
import { webServices } from '../../mocks/services'

let root: string
let exportDir: string
let backupDir: string
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'exported-'))
  exportDir = join(root, '导出')
  backupDir = join(root, '备份')
  await mkdir(exportDir)
  await mkdir(backupDir)
  await mkdir(join(root, '导出2'))
  await writeFile(join(exportDir, '决定书.pdf'), '%PDF-1.7 test')
  await writeFile(join(exportDir, '脚本.cmd'), 'echo')
  await mkdir(join(exportDir, '软件更新', '0.2.0'), { recursive: true })
  await writeFile(join(exportDir, '软件更新', '0.2.0', 'jiuzhu-desk-0.2.0-win-x64-setup.exe'), 'MZ installer')
  await writeFile(join(exportDir, '软件更新', '0.2.0', '脚本.cmd'), 'echo')
  await writeFile(join(root, '导出2', '别处.pdf'), '%PDF-1.7 elsewhere')
  await writeFile(join(root, '秘密.pdf'), '%PDF-1.7 secret')
  await symlink(join(root, '秘密.pdf'), join(exportDir, '链接.pdf'))
})
afterAll(() => rm(root, { recursive: true, force: true }))

describe('打开 / 打印 (files:open): only files this app wrote in its export folder', () => {
  const refusedPaths = () => [
    join(root, '秘密.pdf'), // beside the folder
    join(root, '导出2', '别处.pdf'), // a folder whose name starts like the export folder's
    join(exportDir, '..', '秘密.pdf'), // climbing out
    join(exportDir, '链接.pdf'), // a link inside pointing outside
    join(exportDir, '脚本.cmd'), // inside, but not a PDF or Excel file
    '导出/决定书.pdf', // not an absolute path
    exportDir, // the folder itself
    '/etc/passwd',
  ]

  it('refuses every path outside the export folder with a Chinese message, and opens nothing', async () => {
    const openPath = vi.fn(async () => '')
    const services = webServices(root, exportDir, backupDir, { mode: 'electron', openPath })
    for (const path of refusedPaths()) {
      const res = await dispatch(services, 'files:open', { path, purpose: 'open' })
      assert(!res.ok, path)
      expect(res.error.message).toMatch(/^拒绝打开“.*”：只能打开本软件在导出文件夹（.*）中生成的 PDF 或 Excel 文件。$/)
    }
    expect(openPath).not.toHaveBeenCalled()
  })

  it('opens a file inside with the system program (desktop), and says in Chinese when it is gone or cannot open', async () => {
    const openPath = vi.fn(async () => '')
    const services = webServices(root, exportDir, backupDir, { mode: 'electron', openPath })
    const res = await dispatch(services, 'files:open', { path: join(exportDir, '决定书.pdf'), purpose: 'print' })
    expect(res).toEqual({ ok: true, value: {} })
    expect(openPath).toHaveBeenCalledWith(
      join(await import('node:fs/promises').then((f) => f.realpath(exportDir)), '决定书.pdf'),
    )

    const gone = await dispatch(services, 'files:open', { path: join(exportDir, '已删除.pdf'), purpose: 'open' })
    expect(gone.ok || gone.error.message).toBe('找不到文件“已删除.pdf”：它可能已被移动、改名或删除。请重新生成或导出。')

    const failing = webServices(root, exportDir, backupDir, {
      mode: 'electron',
      openPath: async () => 'Failed to open',
    })
    const failed = await dispatch(failing, 'files:open', { path: join(exportDir, '决定书.pdf'), purpose: 'open' })
    expect(failed.ok || failed.error.message).toBe(
      '无法用系统程序打开“决定书.pdf”：系统中没有能打开此类文件的程序。请在导出文件夹中手动打开。',
    )
  })

  it('browser mode: hands out a short-lived link to that one file, and nothing for a refused path', async () => {
    let now = 1_000_000
    const links = createExportLinks(60_000, () => now)
    const services = webServices(root, exportDir, backupDir, { exportLinks: links })
    const res = await dispatch(services, 'files:open', { path: join(exportDir, '决定书.pdf'), purpose: 'open' })
    expect(res.ok).toBe(true)
    const url = res.ok ? ((res.value as { url: string }).url ?? '') : ''
    expect(url).toMatch(/^\/__export\/[A-Za-z0-9_-]{32}\/%E5%86%B3%E5%AE%9A%E4%B9%A6\.pdf$/)
    const ticket = url.split('/')[2]
    expect(await readFile(links.lookup(ticket) ?? '', 'utf8')).toBe('%PDF-1.7 test')
    expect(links.lookup('A'.repeat(32))).toBeUndefined()
    now += 60_000
    expect(links.lookup(ticket)).toBeUndefined()
    await expect(exportedFile(exportDir, join(root, '秘密.pdf'))).rejects.toMatchObject({ code: 'file.outside-export' })
  })
})

describe('打开文件夹 (files:open, reveal): a document or table in 导出, or an installer handed over in 导出/软件更新', () => {
  const installer = () => join(exportDir, '软件更新', '0.2.0', 'jiuzhu-desk-0.2.0-win-x64-setup.exe')

  it('desktop: shows the installer or a PDF in the file manager, runs nothing; refuses anything else there or elsewhere', async () => {
    const openPath = vi.fn(async () => '')
    const showInFolder = vi.fn()
    const services = webServices(root, exportDir, backupDir, { mode: 'electron', openPath, showInFolder })
    const { realpath } = await import('node:fs/promises')
    const res = await dispatch(services, 'files:open', { path: installer(), purpose: 'reveal' })
    expect(res).toEqual({ ok: true, value: {} })
    expect(showInFolder).toHaveBeenLastCalledWith(await realpath(installer()))
    // 全部生成's 打开文件夹: a document the app wrote
    const pdf = await dispatch(services, 'files:open', { path: join(exportDir, '决定书.pdf'), purpose: 'reveal' })
    expect(pdf).toEqual({ ok: true, value: {} })
    expect(showInFolder).toHaveBeenLastCalledWith(await realpath(join(exportDir, '决定书.pdf')))
    for (const path of [
      join(exportDir, '脚本.cmd'), // in 导出, but not a file the app writes
      join(exportDir, '链接.pdf'), // a link inside pointing outside
      join(exportDir, '软件更新', '0.2.0', '脚本.cmd'), // in 软件更新, but not an installer's name
      join(exportDir, '软件更新', '..', '..', '秘密.pdf'),
    ]) {
      const refused = await dispatch(services, 'files:open', { path, purpose: 'reveal' })
      assert(!refused.ok, path)
      expect(refused.error.message).toMatch(/^拒绝打开“/)
    }
    // 打开 still refuses the installer: the app never runs it
    expect((await dispatch(services, 'files:open', { path: installer(), purpose: 'open' })).ok).toBe(false)
    expect(showInFolder).toHaveBeenCalledTimes(2)
    expect(openPath).not.toHaveBeenCalled()
  })

  it('browser mode: a link to download the installer', async () => {
    const links = createExportLinks()
    const services = webServices(root, exportDir, backupDir, { exportLinks: links })
    const res = await dispatch(services, 'files:open', { path: installer(), purpose: 'reveal' })
    const url = res.ok ? ((res.value as { url: string }).url ?? '') : ''
    expect(url).toMatch(/^\/__export\/[A-Za-z0-9_-]{32}\/jiuzhu-desk-0\.2\.0-win-x64-setup\.exe$/)
    expect(await readFile(links.lookup(url.split('/')[2]) ?? '', 'utf8')).toBe('MZ installer')
  })
})

describe('a file that cannot be written is named in Chinese', () => {
  it('a folder of the same name in the way: refused with what to do, and the folder left as it was', async () => {
    const services = webServices(root, exportDir, backupDir)
    await mkdir(join(exportDir, '挡路的表.xlsx'))
    await writeFile(join(exportDir, '挡路的表.xlsx', '里面.txt'), '原样')
    const table = {
      title: '表',
      headerRows: [[{ label: '列' }]],
      columns: [{ key: 'a', kind: 'text' as const }],
      rows: [['x']],
    }
    const res = await dispatch(services, 'excel:exportTable', { fileName: '挡路的表', table })
    assert(!res.ok)
    expect(res.error.message).toBe(
      '“挡路的表.xlsx”已被一个同名的文件夹占用，文件未能写入。请把这个文件夹移走或改名后重试。',
    )
    expect(await readdir(join(exportDir, '挡路的表.xlsx'))).toEqual(['里面.txt'])
    expect((await readdir(exportDir)).filter((n) => n.endsWith('.part'))).toEqual([])
  })
})

describe('演示环境 exports are marked as demo', () => {
  it('names the workbook 【演示】… and puts the watermark line on the sheet, read back from the real file', async () => {
    const services = webServices(root, exportDir, backupDir)
    const table = {
      title: '救助决定台账',
      headerRows: [[{ label: '案件编号' }]],
      columns: [{ key: 'no', kind: 'text' as const }],
      rows: [['京朝检救〔2026〕1号']],
    }
    const res = await dispatch(services, 'excel:exportTable', {
      fileName: '救助决定台账-20261207-141800',
      table,
      demo: true,
    })
    expect(res.ok).toBe(true)
    expect(await readdir(exportDir)).toContain('【演示】救助决定台账-20261207-141800.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(join(exportDir, '【演示】救助决定台账-20261207-141800.xlsx'))
    const texts = wb.worksheets[0]
      .getSheetValues()
      .flat()
      .filter((v) => typeof v === 'string')
    expect(texts.filter((t) => t === DEMO_WATERMARK)).toHaveLength(1) // under the title
    expect(texts.filter((t) => t === DEMO_FOOTNOTE)).toHaveLength(1) // and the first note
    const office = await dispatch(services, 'excel:exportTable', { fileName: '正式台账', table })
    expect(office.ok).toBe(true)
    const plain = new ExcelJS.Workbook()
    await plain.xlsx.readFile(join(exportDir, '正式台账.xlsx'))
    expect(plain.worksheets[0].getSheetValues().flat()).not.toContain(DEMO_WATERMARK)
  })

  it('puts the watermark in the page style of a document, before its own styles end', () => {
    const marked = markDemoHtml('<html><head><style>p{}</style></head><body class="a4"><p>正文</p></body></html>')
    expect(marked).toMatch(
      /<style>p\{\}<\/style><style>@page \{ @top-center \{ content: "演示数据，不得作为正式材料";[^<]*<\/style><\/head><body class="a4"><p>正文/,
    )
  })
})
