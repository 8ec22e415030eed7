import { describe, expect, it } from 'vitest'
import { type Block, renderDocumentHtml } from '../../../shared/documents/layout'

const render = (...blocks: Block[]) =>
  renderDocumentHtml({ unitName: '某院', title: '某文书', blocks }).split('<body>')[1]!.replace('</body></html>', '')

describe('layout blocks added for the document templates', () => {
  it('paragraphs are indented two characters unless told otherwise, and can be aligned', () => {
    expect(render({ kind: 'paragraph', text: '正文' })).toContain('<p class="indent">正文</p>')
    expect(render({ kind: 'paragraph', text: '申请人：', indent: false })).toContain('<p>申请人：</p>')
    expect(render({ kind: 'paragraph', text: '落款', align: 'right' })).toContain('<p class="right">落款</p>')
    expect(render({ kind: 'paragraph', text: '居中', align: 'center' })).toContain('<p class="center">居中</p>')
  })

  it('fields: two label–value pairs a row, a wide row across the table, an odd last pair spanning', () => {
    const html = render({
      kind: 'fields',
      columns: 2,
      rows: [
        ['甲', '1'],
        ['乙', '2'],
        ['丙', '3', 'wide'],
        ['丁', '4'],
      ],
    })
    const rows = html.match(/<tr>.*?<\/tr>/g)!
    expect(rows).toEqual([
      '<tr><td class="label">甲</td><td>1</td><td class="label">乙</td><td>2</td></tr>',
      '<tr><td class="label">丙</td><td colspan="3">3</td></tr>',
      '<tr><td class="label">丁</td><td colspan="3">4</td></tr>',
    ])
    expect(html).toContain('<table class="form fields"><colgroup>')
  })

  it('fields with one column keep one pair a row', () => {
    const html = render({ kind: 'fields', rows: [['甲', '<b>1</b>']] })
    expect(html).toContain('<tr><td class="label">甲</td><td>&lt;b&gt;1&lt;/b&gt;</td></tr>')
  })

  it('opinion rows: signed rows show signer and date, unsigned ones a line to sign by hand; all escaped', () => {
    const html = render({
      kind: 'opinionRows',
      rows: [
        { label: '部门负责人审核意见', text: '同意<script>', signer: '赵<主任>', date: '2026年4月7日' },
        { label: '检察长审批意见', text: '' },
      ],
    })
    expect(html).toContain('同意&lt;script&gt;')
    expect(html).toContain('<div class="sig">赵&lt;主任&gt;　<span class="nowrap">2026年4月7日</span></div>')
    expect(html).toContain('<div class="sig">签名：　　　　　　　　年　　月　　日</div>')
    expect(html).not.toContain('<script>')
  })

  it('sign lines: label and a ruled blank, or the pre-filled value', () => {
    const html = render({ kind: 'signLines', items: [['领款人（签名并捺印）'], ['经办人', '孙"计财"']] })
    expect(html).toContain('<span class="item">领款人（签名并捺印）：<span class="blank"></span></span>')
    expect(html).toContain('<span class="blank">孙&quot;计财&quot;</span>')
  })

  it('user text keeps its line breaks and long words wrap instead of overflowing', () => {
    const html = renderDocumentHtml({ unitName: '某院', title: '某文书', blocks: [] })
    expect(html).toContain('white-space: pre-line')
    expect(html).toContain('overflow-wrap: anywhere')
    expect(html).not.toContain('word-break: break-all')
  })
})
