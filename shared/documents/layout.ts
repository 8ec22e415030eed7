import { FANGSONG_STACK, HEITI_STACK, XIAOBIAOSONG_STACK } from './fonts'
import { escapeHtml } from './html'

/**
 * The A4 layout shared by every printed document (告知书, 决定书, 审批表 …): the issuing procuratorate's name, the
 * document title, its number (文号) on the right, then blocks, then the signature and seal area with the date.
 * Templates only choose blocks; they never write HTML themselves, so escaping and page layout live here once.
 */
export type Block =
  /** Body text, indented two characters unless `indent: false` or aligned. */
  | { kind: 'paragraph'; text: string; indent?: boolean; align?: 'left' | 'center' | 'right' }
  | { kind: 'heading'; text: string }
  /** Label–value rows in a bordered form table; with 2 columns a row marked 'wide' takes the whole width. */
  | { kind: 'fields'; rows: FieldRow[]; columns?: 1 | 2 }
  /** A bordered table; columns listed in `nowrap` never break (dates such as “2026年12月3日”). */
  | { kind: 'table'; head: string[]; rows: string[][]; widths?: string[]; nowrap?: number[] }
  | { kind: 'opinion'; label: string; text: string; signer?: string; date?: string }
  | { kind: 'spacer' }
  /** A bordered table of opinions, one row each: label cell, text, and a right-aligned signer and date line. */
  | { kind: 'opinionRows'; rows: OpinionRow[] }
  /** Lines to sign by hand: each label followed by a ruled blank (or its pre-filled value). */
  | { kind: 'signLines'; items: [label: string, value?: string][] }

export type FieldRow = [label: string, value: string, span?: 'wide']

export interface OpinionRow {
  label: string
  text: string
  signer?: string
  date?: string
}

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
  /**
   * 'official' (default): the 22 × 28 grid of 3号仿宋 for letters, notices and decisions. 'form': the same page and
   * 版心 with 4号 (14 pt) text, for forms that are mostly a table (审批表、移送表、清单、凭证、卷内目录), so that
   * a 领取凭证 fits one page with its signatures.
   */
  layout?: 'official' | 'form'
}

/**
 * The official layout (GB/T 9704-2012 党政机关公文格式 §5, which the 检察机关 文书格式样本 follow; docs/documents.md
 * “共同格式”): A4, 版心 156 × 225 mm with 天头 37 mm and 订口 (left) 28 mm, so right 26 mm and bottom 35 mm; body 3号
 * 仿宋 (16 pt) in 22 lines of 28 characters — line pitch 225 mm ÷ 22, character pitch 156 mm ÷ 28 (a 16 pt character
 * is 5.64 mm, so characters are set 0.07 mm closer); titles 2号小标宋 (22 pt); headings 3号黑体; page numbers 4号
 * (14 pt) “— 1 —” under the 版心. Forms and tables (审批表、清单、卷内目录 …) use the same 版心 with 小四 (12 pt) cells.
 */
export const PAGE_GEOMETRY_MM = { top: 37, left: 28, right: 26, bottom: 35, width: 156, height: 225 } as const
const G = PAGE_GEOMETRY_MM
/** 225 mm ÷ 22 lines */
export const LINE_PITCH_MM = G.height / 22
/** 156 mm ÷ 28 characters */
export const CHAR_PITCH_MM = G.width / 28

const CSS = `
@page { size: A4; margin: ${G.top}mm ${G.right}mm ${G.bottom}mm ${G.left}mm;
  @bottom-center { content: "— " counter(page) " —"; font-family: "宋体", "SimSun", ${FANGSONG_STACK}; font-size: 14pt; vertical-align: top; padding-top: 7mm; } }
* { box-sizing: border-box; }
body { overflow-wrap: anywhere; font-family: ${FANGSONG_STACK}; font-size: 16pt; line-height: ${LINE_PITCH_MM.toFixed(3)}mm; letter-spacing: calc(${CHAR_PITCH_MM.toFixed(3)}mm - 16pt); color: #000; margin: 0; }
.unit { text-align: center; font-size: 22pt; line-height: 1.5; letter-spacing: 0; margin: 0; font-family: ${XIAOBIAOSONG_STACK}; font-weight: bold; }
.title { text-align: center; font-size: 22pt; font-weight: bold; line-height: 1.5; letter-spacing: 2pt; margin: 0 0 ${LINE_PITCH_MM.toFixed(3)}mm; font-family: ${XIAOBIAOSONG_STACK}; }
.docno { text-align: right; margin: 0 0 ${LINE_PITCH_MM.toFixed(3)}mm; }
.to { margin: 0; }
p { margin: 0; text-align: justify; }
p, td, .opinion, .footer div { white-space: pre-line; }
p.indent { text-indent: 2em; }
h2 { font-size: 16pt; font-weight: normal; margin: 0; font-family: ${HEITI_STACK}; text-indent: 2em; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; font-size: 12pt; line-height: 1.5; letter-spacing: 0; page-break-inside: auto; }
table.form { table-layout: fixed; }
table.form + table.form { margin-top: calc(-2mm - 0.6pt); }
tr { page-break-inside: avoid; }
th, td { border: 0.6pt solid #000; padding: 1.5mm 2mm; vertical-align: top; }
th { font-weight: bold; background: #f2f2f2; }
td.label { width: 22%; font-weight: bold; background: #fafafa; }
td.nowrap, .nowrap { white-space: nowrap; overflow-wrap: normal; }
.opinion { border: 0.6pt solid #000; padding: 2mm 3mm; margin: 2mm 0; min-height: 28mm; page-break-inside: avoid; font-size: 14pt; line-height: 1.5; letter-spacing: 0; }
.opinion .label { font-weight: bold; }
.opinion .sig { text-align: right; margin-top: 4mm; }
.spacer { height: ${LINE_PITCH_MM.toFixed(3)}mm; }
.sign { margin-top: ${LINE_PITCH_MM.toFixed(3)}mm; text-align: right; page-break-inside: avoid; padding-right: 4em; }
.sign .stack { display: inline-block; text-align: center; max-width: 100%; }
.sign .seal { color: #888; font-size: 10pt; line-height: 1.2; }
.rows td.label { text-align: center; vertical-align: middle; }
.rows .cell { min-height: 22mm; display: flex; flex-direction: column; justify-content: space-between; }
.rows .sig { text-align: right; margin-top: 2mm; }
.signlines { margin-top: 5mm; font-size: 14pt; line-height: 2.2; letter-spacing: 0; page-break-inside: avoid; }
.signlines .item { display: inline-block; max-width: 100%; margin-right: 6mm; }
.signlines .blank { display: inline-block; min-width: 30mm; max-width: 100%; border-bottom: 0.6pt solid #000; text-align: center; line-height: 1.4; }
p.right { text-align: right; }
p.center { text-align: center; }
body.form { font-size: 14pt; line-height: 1.5; letter-spacing: 0; }
body.form .spacer { height: 4mm; }
body.form .title { margin-bottom: 4mm; }
body.form .docno { margin-bottom: 3mm; }
body.form .sign { margin-top: 4mm; }
.footer { margin-top: 5mm; border-top: 0.6pt solid #000; padding-top: 2mm; font-size: 12pt; line-height: 1.5; letter-spacing: 0; }
`

/** A date or other short run kept on one line. */
function nowrap(text: string | undefined): string {
  return text ? `<span class="nowrap">${escapeHtml(text)}</span>` : ''
}

function block(b: Block): string {
  switch (b.kind) {
    case 'paragraph': {
      const classes = [b.indent === false || b.align ? '' : 'indent', b.align && b.align !== 'left' ? b.align : '']
      const cls = classes.filter(Boolean).join(' ')
      return `<p${cls ? ` class="${cls}"` : ''}>${escapeHtml(b.text)}</p>`
    }
    case 'heading':
      return `<h2>${escapeHtml(b.text)}</h2>`
    case 'fields': {
      const cols = b.columns ?? 1
      const rows: string[] = []
      const cell = ([l, v]: FieldRow, span = '') =>
        `<td class="label">${escapeHtml(l)}</td><td${span}>${escapeHtml(v)}</td>`
      let pending: FieldRow[] = []
      const flush = () => {
        if (pending.length) {
          rows.push(
            `<tr>${pending.map((r, j) => cell(r, cols === 2 && pending.length === 1 && j === 0 ? ' colspan="3"' : '')).join('')}</tr>`,
          )
        }
        pending = []
      }
      for (const row of b.rows) {
        if (cols === 2 && row[2] === 'wide') {
          flush()
          pending = [row]
          flush()
          continue
        }
        pending.push(row)
        if (pending.length === cols) flush()
      }
      flush()
      const widths = cols === 2 ? ['18%', '32%', '18%', '32%'] : ['24%', '76%']
      return `<table class="form fields"><colgroup>${widths.map((w) => `<col style="width:${w}">`).join('')}</colgroup>${rows.join('')}</table>`
    }
    case 'table': {
      const cols = b.widths
        ? `<colgroup>${b.widths.map((w) => `<col style="width:${escapeHtml(w)}">`).join('')}</colgroup>`
        : ''
      return `<table>${cols}<thead><tr>${b.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map(
          (r) =>
            `<tr>${r.map((c, i) => `<td${b.nowrap?.includes(i) ? ' class="nowrap"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`,
        )
        .join('')}</tbody></table>`
    }
    case 'opinion':
      return `<div class="opinion"><div><span class="label">${escapeHtml(b.label)}：</span>${escapeHtml(b.text)}</div>${
        b.signer || b.date ? `<div class="sig">${escapeHtml(b.signer ?? '')}　${nowrap(b.date)}</div>` : ''
      }</div>`
    case 'spacer':
      return '<div class="spacer"></div>'
    case 'opinionRows':
      return `<table class="form rows"><colgroup><col style="width:18%"><col style="width:82%"></colgroup>${b.rows
        .map(
          (r) =>
            `<tr><td class="label">${escapeHtml(r.label)}</td><td class="text"><div class="cell"><div>${escapeHtml(r.text)}</div><div class="sig">${
              r.signer || r.date
                ? `${escapeHtml(r.signer ?? '')}　${nowrap(r.date)}`
                : '签名：　　　　　　　　年　　月　　日'
            }</div></div></td></tr>`,
        )
        .join('')}</table>`
    case 'signLines':
      return `<div class="signlines">${b.items
        .map(
          ([l, v]) => `<span class="item">${escapeHtml(l)}：<span class="blank">${escapeHtml(v ?? '')}</span></span>`,
        )
        .join('')}</div>`
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
      ? `<div class="sign"><div class="stack"><div>${escapeHtml(doc.sign.unit)}</div><div class="seal">${escapeHtml(doc.sign.sealNote ?? '（院印）')}</div><div>${nowrap(doc.sign.date)}</div></div></div>`
      : '',
    doc.footer?.length
      ? `<div class="footer">${doc.footer.map((f) => `<div>${escapeHtml(f)}</div>`).join('')}</div>`
      : '',
  ]
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src 'self'"><title>${escapeHtml(doc.title)}</title><style>${CSS}</style></head><body${doc.layout === 'form' ? ' class="form"' : ''}>${parts.join('\n')}</body></html>`
}
