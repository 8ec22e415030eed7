import { describe, expect, it } from 'vitest'
import { type DossierProgress, dossierItems, makeDossier } from '../../../shared/documents/dossier'
import { documentAvailability } from '../../../shared/documents/templates'
import { ctxFor, paid } from './fixtures'

describe('全部生成（卷宗）', () => {
  it('takes every document the case file offers as producible, in the order of the procedure, the 卷内文件目录 last', () => {
    const list = documentAvailability(ctxFor(paid))
    const items = dossierItems(list)
    const producible = list.filter((x) => x.producible.ok).map((x) => x.template.id)
    expect(items.map((x) => x.id).sort()).toEqual([...producible].sort())
    // a paid case: the index can be made, and several documents before it
    expect(items.length).toBeGreaterThan(4)
    expect(items.at(-1)).toEqual({ id: 'case-file-index', title: '卷内文件目录' })
    const rest = items.slice(0, -1).map((x) => x.id)
    expect(rest).toEqual(producible.filter((id) => id !== 'case-file-index'))
  })

  it('leaves out what cannot be made and moves the index last even when the list has it first', () => {
    const entry = (id: string, ok: boolean) => ({ template: { id, title: id.toUpperCase() }, producible: { ok } })
    expect(
      dossierItems([entry('case-file-index', true), entry('a', true), entry('b', false), entry('c', true)]).map(
        (x) => x.id,
      ),
    ).toEqual(['a', 'c', 'case-file-index'])
    expect(dossierItems([entry('a', false)])).toEqual([])
  })

  it('makes them one after another, tells the progress before each, and goes on past a failed one', async () => {
    const items = [
      { id: 'a', title: '甲' },
      { id: 'b', title: '乙' },
      { id: 'c', title: '丙' },
      { id: 'd', title: '丁' },
    ]
    const events: string[] = []
    const progress: DossierProgress[] = []
    const outcomes = await makeDossier(
      items,
      async (item) => {
        events.push(`start ${item.id}`)
        await new Promise((resolve) => setImmediate(resolve))
        events.push(`end ${item.id}`)
        if (item.id === 'b') return { ok: false, error: { message: '生成 PDF 失败：磁盘已满' } }
        if (item.id === 'c') throw new Error('boom')
        return { ok: true, value: `/导出/${item.title}.pdf` }
      },
      (p) => progress.push(p),
    )
    // never two at once: each ends before the next starts
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c', 'start d', 'end d'])
    expect(progress).toEqual([
      { index: 1, total: 4, title: '甲' },
      { index: 2, total: 4, title: '乙' },
      { index: 3, total: 4, title: '丙' },
      { index: 4, total: 4, title: '丁' },
    ])
    expect(outcomes).toEqual([
      { id: 'a', title: '甲', ok: true, path: '/导出/甲.pdf' },
      { id: 'b', title: '乙', ok: false, problem: '生成 PDF 失败：磁盘已满' },
      { id: 'c', title: '丙', ok: false, problem: '生成时出现意外错误，请单独生成这份文书重试' },
      { id: 'd', title: '丁', ok: true, path: '/导出/丁.pdf' },
    ])
  })
})
