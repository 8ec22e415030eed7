import { escapeHtml } from './html'

/**
 * The A4 layout shared by every printed document (告知书, 决定书, 审批表 …): the issuing procuratorate's name, the
 * document title, its number (文号) on the right, then blocks, then the signature and seal area with the date.
 * Templates only choose blocks; they never write HTML themselves, so escaping and page layout live here once.
 */
export type Block =
  | { kind: 'paragraph'; text: string; indent?: boolean }
  | { kind: 'heading'; text: string }
  | { kind: 'fields'; rows: [label: string, value: string][]; columns?: 1 | 2 }
  | { kind: 'table'; head: string[]; rows: string[][]; widths?: string[] }
  | { kind: 'opinion'; label: string; text: string; signer?: string; date?: string }
  | { kind: 'spacer' }

export interface DocumentSpec {
  unitName: string
  title: string
  docNo?: string
  /** Addressee line, e.g. "张三：" */
  to?: string
  blocks: Block[]
  /** Signature area: issuing unit (with 印章 placeholder) and date in capitals or digits. */
  sign?: { unit: string; date: string; sealNote?: string }
  /** Lines under a rule at the foot, e.g. "本通知书一式两份 …". */
  footer?: string[]
}

const CSS = `
@page { size: A4; margin: 25mm 22mm 22mm 25mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif; font-size: 15pt; line-height: 1.75; color: #000; margin: 0; }
.unit { text-align: center; font-size: 20pt; letter-spacing: 2pt; margin: 0; }
.title { text-align: center; font-size: 22pt; font-weight: bold; letter-spacing: 4pt; margin: 4mm 0 2mm; font-family: "Noto Sans CJK SC", "SimHei", sans-serif; }
.docno { text-align: right; font-size: 14pt; margin: 0 0 6mm; }
.to { margin: 0; }
p { margin: 0; text-align: justify; }
p.indent { text-indent: 2em; }
h2 { font-size: 15pt; font-weight: bold; margin: 3mm 0 1mm; font-family: "Noto Sans CJK SC", "SimHei", sans-serif; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; font-size: 12pt; line-height: 1.5; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border: 0.6pt solid #000; padding: 1.5mm 2mm; vertical-align: top; word-break: break-all; }
th { font-weight: bold; background: #f2f2f2; }
td.label { width: 22%; font-weight: bold; background: #fafafa; }
.opinion { border: 0.6pt solid #000; padding: 2mm 3mm; margin: 2mm 0; min-height: 28mm; page-break-inside: avoid; font-size: 13pt; }
.opinion .label { font-weight: bold; }
.opinion .sig { text-align: right; margin-top: 4mm; }
.spacer { height: 6mm; }
.sign { margin-top: 14mm; text-align: right; page-break-inside: avoid; }
.sign .seal { color: #888; font-size: 11pt; }
.footer { margin-top: 10mm; border-top: 0.6pt solid #000; padding-top: 2mm; font-size: 11pt; line-height: 1.5; }
`

function block(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p${b.indent === false ? '' : ' class="indent"'}>${escapeHtml(b.text)}</p>`
    case 'heading':
      return `<h2>${escapeHtml(b.text)}</h2>`
    case 'fields': {
      const cols = b.columns ?? 1
      const rows: string[] = []
      for (let i = 0; i < b.rows.length; i += cols) {
        const cells = b.rows.slice(i, i + cols)
        rows.push(
          `<tr>${cells.map(([l, v], j) => `<td class="label">${escapeHtml(l)}</td><td${cols === 2 && cells.length === 1 && j === 0 ? ' colspan="3"' : ''}>${escapeHtml(v)}</td>`).join('')}</tr>`,
        )
      }
      return `<table>${rows.join('')}</table>`
    }
    case 'table': {
      const cols = b.widths
        ? `<colgroup>${b.widths.map((w) => `<col style="width:${escapeHtml(w)}">`).join('')}</colgroup>`
        : ''
      return `<table>${cols}<thead><tr>${b.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`
    }
    case 'opinion':
      return `<div class="opinion"><div><span class="label">${escapeHtml(b.label)}：</span>${escapeHtml(b.text)}</div>${
        b.signer || b.date ? `<div class="sig">${escapeHtml(b.signer ?? '')}　${escapeHtml(b.date ?? '')}</div>` : ''
      }</div>`
    case 'spacer':
      return '<div class="spacer"></div>'
  }
}

export function renderDocumentHtml(doc: DocumentSpec): string {
  const parts = [
    `<p class="unit">${escapeHtml(doc.unitName)}</p>`,
    `<p class="title">${escapeHtml(doc.title)}</p>`,
    doc.docNo ? `<p class="docno">${escapeHtml(doc.docNo)}</p>` : '<div class="spacer"></div>',
    doc.to ? `<p class="to">${escapeHtml(doc.to)}</p>` : '',
    ...doc.blocks.map(block),
    doc.sign
      ? `<div class="sign"><div>${escapeHtml(doc.sign.unit)}</div><div class="seal">${escapeHtml(doc.sign.sealNote ?? '（院印）')}</div><div>${escapeHtml(doc.sign.date)}</div></div>`
      : '',
    doc.footer?.length
      ? `<div class="footer">${doc.footer.map((f) => `<div>${escapeHtml(f)}</div>`).join('')}</div>`
      : '',
  ]
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${escapeHtml(doc.title)}</title><style>${CSS}</style></head><body>${parts.join('\n')}</body></html>`
}
