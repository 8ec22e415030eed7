import { z } from 'zod'
import { isValidResidentId } from '../domain/idcard'
import { formatYuanWithUnit, toChineseUppercase } from '../domain/money'
import { storedRecord } from '../domain/schemas/base'
import { idTypeLabels, idTypes } from '../domain/schemas/partyLabels'
import {
  calendarDateSchema,
  instantSchema,
  MAX_AMOUNT_FEN,
  recordIdSchema,
  textCharacterProblem,
} from '../domain/schemas/primitives'
import type { BundleManifest } from './manifest'

/**
 * 案件移送材料包 (issue #9 item 6; docs/architecture.md §4 "case transfer"; docs/domain-reference.md §10.1: the 决定书 travels with the case
 * file so that the same person is not assisted twice). One `transfer` bundle carries:
 *
 * - `transfer.ndjson`: ONE line, the {@link TransferRecord} — the decision and the case's key fields, machine-
 *   readable, and the list of the files below with their role, display name, type, size and sha256;
 * - `attachments/<file id>`: the files themselves — `index.html` (self-contained, no scripts, readable in any
 *   browser), `index.pdf` (the same page printed), the decision document as PDF, and the case's scanned materials.
 *
 * The bundle layer (docs/bundle-format.md) signs the manifest, which hashes every file; this module adds the rules
 * of the transfer itself: the strict schema, the agreement between the record and the manifest, caps, and content
 * checks (file types by their first bytes, the index naming the facts it is an index of).
 */

export const TRANSFER_FORMAT = 'jiuzhu-transfer'
export const TRANSFER_VERSION = 1
/** The one NDJSON table of a transfer bundle. */
export const TRANSFER_TABLE = 'transfer'

const MiB = 1024 * 1024
/**
 * Caps of a transfer package, well inside the bundle caps (docs/bundle-format.md §7) and the IPC contract's 150 MB:
 * a scan is capped like an attachment at the sender (20 MB), the whole package at 120 MB.
 */
export const TRANSFER_LIMITS = Object.freeze({
  maxFiles: 200,
  maxFileBytes: 20 * MiB,
  maxTotalBytes: 120 * MiB,
  maxHtmlBytes: 2 * MiB,
})

export const transferReceiverKindLabels = {
  court: '人民法院',
  police: '公安机关',
  procuratorate: '人民检察院',
  other: '其他单位',
} as const
export const transferReceiverKinds = Object.keys(
  transferReceiverKindLabels,
) as (keyof typeof transferReceiverKindLabels)[]
export type TransferReceiverKind = keyof typeof transferReceiverKindLabels

export const transferFileRoleLabels = {
  'index-html': '索引（网页，浏览器打开）',
  'index-pdf': '索引（PDF）',
  'decision-pdf': '救助决定书',
  scan: '材料扫描件',
} as const
export type TransferFileRole = keyof typeof transferFileRoleLabels
const fileRoles = Object.keys(transferFileRoleLabels) as TransferFileRole[]

export const transferMimes = ['text/html', 'application/pdf', 'image/jpeg', 'image/png', 'image/tiff'] as const
export type TransferMime = (typeof transferMimes)[number]

/** Display names are relative paths in the readable folder: `决定书.pdf`, `材料/01-申请书.png`; no traversal. */
const SAFE_NAME = /^[\p{Script=Han}A-Za-z0-9 _\-.（）()〔〕]{1,100}$/u
export function isSafeTransferPath(name: string): boolean {
  if (name.length > 120) return false
  const parts = name.split('/')
  if (parts.length > 2 || (parts.length === 2 && parts[0] !== '材料')) return false
  return parts.every((p) => SAFE_NAME.test(p) && !p.startsWith('.') && !p.includes('..'))
}

function hasControlChars(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x20 || c === 0x7f) return true
  }
  return false
}

const text = (max: number, what: string) =>
  z
    .string()
    .min(1, `${what}为空`)
    .max(max, `${what}超过 ${max} 个字`)
    .refine(
      (s) => s.trim() === s && !hasControlChars(s) && textCharacterProblem(s) === null,
      `${what}含有控制字符、改变文字显示方向的字符、无效字符或首尾空格`,
    )
const unitCode = z.string().regex(/^\d{6}$/, '单位代码必须是 6 位数字')
const fen = z.number().int().min(1).max(MAX_AMOUNT_FEN)
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, '校验值必须是 64 位小写十六进制')

export const transferPartySchema = z.strictObject({
  name: text(50, '姓名'),
  idType: z.enum(idTypes),
  idNumber: text(40, '证件号码'),
})
export type TransferParty = z.infer<typeof transferPartySchema>

export const transferFileSchema = z.strictObject({
  /** The payload entry is `attachments/<id>`. */
  id: recordIdSchema,
  role: z.enum(fileRoles),
  name: z.string().refine(isSafeTransferPath, '文件名不安全（只能是“名称”或“材料/名称”，不含路径符号）'),
  mime: z.enum(transferMimes),
  size: z.number().int().min(1).max(TRANSFER_LIMITS.maxFileBytes),
  sha256,
})
export type TransferFile = z.infer<typeof transferFileSchema>

export const transferReceiverSchema = z.strictObject({
  kind: z.enum(transferReceiverKinds),
  name: text(60, '接收单位名称'),
  unitCode: unitCode.optional(),
})
export type TransferReceiver = z.infer<typeof transferReceiverSchema>

/** The facts of the case, as the sender states them (everything but the files and the package's own identity). */
export const transferFactsSchema = z.strictObject({
  sender: z.strictObject({ unitCode, unitName: text(60, '移送单位名称') }),
  receiver: transferReceiverSchema,
  caseId: recordIdSchema,
  caseNo: text(60, '救助案件编号'),
  underlyingCase: z.strictObject({
    caseNo: text(80, '原案件编号').optional(),
    charge: text(60, '罪名或案由').optional(),
  }),
  applicant: transferPartySchema,
  victim: transferPartySchema.optional(),
  relation: text(20, '与被害人关系').optional(),
  applicationDate: calendarDateSchema.optional(),
  decision: z.strictObject({
    outcome: z.enum(['granted', 'refused']),
    date: calendarDateSchema,
    documentNo: text(60, '决定书文号').optional(),
    grantedFen: fen.optional(),
    grantedInWords: text(60, '大写金额').optional(),
    refusalReasons: z.array(text(200, '不予救助理由')).max(20).optional(),
  }),
  payment: z
    .strictObject({
      amountFen: fen,
      amountInWords: text(60, '大写金额'),
      paidDate: calendarDateSchema,
      method: text(30, '发放方式'),
    })
    .optional(),
})
export type TransferFacts = z.infer<typeof transferFactsSchema>

const recordShape = z.strictObject({
  format: z.literal(TRANSFER_FORMAT),
  version: z.literal(TRANSFER_VERSION),
  transferId: recordIdSchema,
  createdAt: instantSchema,
  ...transferFactsSchema.shape,
  files: z.array(transferFileSchema).min(2).max(TRANSFER_LIMITS.maxFiles),
})

/** Cross-field rules of the facts; each problem is one Chinese sentence. */
export function transferFactsProblems(r: TransferFacts): string[] {
  const out: string[] = []
  const d = r.decision
  if (d.outcome === 'granted') {
    if (d.grantedFen === undefined) out.push('决定救助却未载明救助金额')
    else if (d.grantedInWords !== toChineseUppercase(d.grantedFen)) out.push('救助金额的大写与数字不一致')
    if (d.refusalReasons?.length) out.push('决定救助不应有不予救助理由')
  } else {
    if (d.grantedFen !== undefined || d.grantedInWords !== undefined) out.push('决定不予救助不应有救助金额')
    if (!d.refusalReasons?.length) out.push('决定不予救助未列明理由')
    if (r.payment) out.push('决定不予救助不应有发放记录')
  }
  if (r.payment) {
    if (r.payment.amountInWords !== toChineseUppercase(r.payment.amountFen)) out.push('发放金额的大写与数字不一致')
    if (d.grantedFen !== undefined && r.payment.amountFen > d.grantedFen) out.push('发放金额超过决定金额')
    if (r.payment.paidDate < d.date) out.push('发放日期早于决定日期')
  }
  if (r.applicationDate && r.applicationDate > d.date) out.push('申请日期晚于决定日期')
  for (const [who, p] of [
    ['申请人', r.applicant],
    ['被害人', r.victim],
  ] as const) {
    if (p?.idType === 'resident-id' && !isValidResidentId(p.idNumber)) out.push(`${who}的居民身份证号码校验不通过`)
  }
  if (r.receiver.unitCode && r.receiver.unitCode === r.sender.unitCode) out.push('接收单位不能是移送单位本身')
  return out
}

function fileProblems(files: readonly TransferFile[]): string[] {
  const out: string[] = []
  const count = (role: TransferFileRole) => files.filter((f) => f.role === role).length
  if (count('index-html') !== 1) out.push('必须有且只有一个网页索引（index.html）')
  if (count('index-pdf') > 1) out.push('PDF 索引不能多于一个')
  if (count('decision-pdf') !== 1) out.push('必须有且只有一份决定书 PDF')
  const expectMime: Partial<Record<TransferFileRole, TransferMime>> = {
    'index-html': 'text/html',
    'index-pdf': 'application/pdf',
    'decision-pdf': 'application/pdf',
  }
  for (const f of files) {
    const want = expectMime[f.role]
    if (want && f.mime !== want) out.push(`“${f.name}”的类型应为 ${want}`)
    if (f.role === 'scan' && f.mime === 'text/html') out.push(`扫描件“${f.name}”不能是网页`)
    if (f.role === 'index-html' && f.size > TRANSFER_LIMITS.maxHtmlBytes) out.push('网页索引过大')
  }
  if (new Set(files.map((f) => f.id)).size !== files.length) out.push('文件编号重复')
  if (new Set(files.map((f) => f.name.toLowerCase())).size !== files.length) out.push('文件名重复')
  const total = files.reduce((s, f) => s + f.size, 0)
  if (total > TRANSFER_LIMITS.maxTotalBytes) out.push(`文件合计超过 ${TRANSFER_LIMITS.maxTotalBytes / MiB} MB`)
  return out
}

export const transferRecordSchema = recordShape.superRefine((r, ctx) => {
  for (const message of [...transferFactsProblems(r), ...fileProblems(r.files)]) {
    ctx.addIssue({ code: 'custom', message })
  }
})
export type TransferRecord = z.infer<typeof transferRecordSchema>

export const attachmentEntry = (id: string) => `attachments/${id}`

/**
 * The record against the signed manifest: a transfer kind, exactly one table (`transfer`, one line), the sender
 * the record names is the one that signed, the receiver agrees when the bundle is encrypted, and the attachment
 * entries are exactly the record's files with the same sizes and hashes (sizes only in a 国密 manifest, whose
 * hashes are SM3: the caller compares the opened bytes with the record's SHA-256). Returns Chinese problems.
 */
export function transferManifestProblems(r: TransferRecord, m: BundleManifest): string[] {
  const out: string[] = []
  if (m.kind !== 'transfer') out.push('数据包类型不是案件移送材料')
  const tables = Object.keys(m.tables)
  if (tables.length !== 1 || tables[0] !== TRANSFER_TABLE || m.tables[TRANSFER_TABLE].count !== 1) {
    out.push('移送材料包必须只含一条移送记录（transfer.ndjson）')
  }
  if (m.sender.unitCode !== r.sender.unitCode) out.push('记录中的移送单位与签名单位不符')
  if (m.receiver && r.receiver.unitCode !== m.receiver.unitCode) out.push('记录中的接收单位与数据包的接收单位不符')
  const attachments = m.files.filter((f) => f.name.startsWith('attachments/'))
  const byName = new Map(attachments.map((f) => [f.name, f]))
  for (const f of r.files) {
    const e = byName.get(attachmentEntry(f.id))
    if (!e) out.push(`记录列出的文件“${f.name}”不在数据包中`)
    // a 国密 manifest lists SM3, not SHA-256: the bytes are then checked against the record's SHA-256 by the reader
    else if (e.size !== f.size || ('sha256' in e && e.sha256 !== f.sha256)) {
      out.push(`文件“${f.name}”的大小或校验值与记录不符`)
    }
  }
  if (attachments.length !== r.files.length) out.push('数据包中有记录未列出的文件')
  return out
}

/** Does the file start the way its type says? (A PDF that is not a PDF, an image that is HTML …) */
export function magicMatches(mime: TransferMime, bytes: Uint8Array): boolean {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b)
  switch (mime) {
    case 'application/pdf':
      return starts(0x25, 0x50, 0x44, 0x46, 0x2d)
    case 'image/png':
      return starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)
    case 'image/jpeg':
      return starts(0xff, 0xd8, 0xff)
    case 'image/tiff':
      return starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)
    case 'text/html':
      return starts(0x3c, 0x21, 0x64, 0x6f, 0x63, 0x74, 0x79, 0x70, 0x65) // "<!doctype"
  }
}

/** The facts an index page must show, in the form it shows them. */
export function indexFacts(r: TransferFacts): string[] {
  const facts = [r.applicant.name, r.applicant.idNumber, r.caseNo, r.decision.date]
  if (r.decision.grantedFen !== undefined) {
    facts.push(formatYuanWithUnit(r.decision.grantedFen), toChineseUppercase(r.decision.grantedFen))
  }
  if (r.payment) facts.push(r.payment.paidDate)
  return facts.map(escapeHtml)
}

/**
 * Content checks of the files (after the bundle layer checked their hashes): each starts like its type; the index
 * page is UTF-8, has no script, no external reference, and names the person, ID number, case, decision date and
 * amount of the record. Returns `[file name, Chinese problem]` pairs.
 */
export function transferContentProblems(r: TransferRecord, bytesOf: (id: string) => Uint8Array): [string, string][] {
  const out: [string, string][] = []
  for (const f of r.files) {
    const bytes = bytesOf(f.id)
    if (!magicMatches(f.mime, bytes)) {
      out.push([f.name, `内容不是声明的 ${f.mime} 格式`])
      continue
    }
    if (f.role !== 'index-html') continue
    let html: string
    try {
      html = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      out.push([f.name, '不是有效的 UTF-8 文本'])
      continue
    }
    if (/<\s*(script|iframe|object|embed|link|base|meta\s+http-equiv\s*=\s*["']?refresh)/i.test(html)) {
      out.push([f.name, '含有脚本、嵌入或外部引用'])
    } else if (
      /\son[a-z]+\s*=/i.test(html) ||
      /(src|href)\s*=\s*["']?\s*(https?:|\/\/|javascript:|data:)/i.test(html)
    ) {
      out.push([f.name, '含有事件处理或外部链接'])
    }
    const missing = indexFacts(r).filter((fact) => !html.includes(fact))
    if (missing.length) out.push([f.name, `索引页未载明记录中的：${missing.join('、')}`])
  }
  return out
}

function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

const INDEX_CSS = `
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "SimHei", sans-serif; font-size: 11pt; line-height: 1.6; color: #111; margin: 24px auto; max-width: 860px; padding: 0 16px; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 4px; letter-spacing: 2pt; }
.sub { text-align: center; color: #444; margin: 0 0 16px; }
h2 { font-size: 12.5pt; margin: 18px 0 6px; border-left: 4px solid #a61b1b; padding-left: 8px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0; }
th, td { border: 1px solid #888; padding: 5px 8px; vertical-align: top; text-align: left; }
th { background: #f3f3f3; width: 22%; font-weight: bold; }
table.files th { width: auto; }
td.hash { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8.5pt; word-break: break-all; }
.money { font-weight: bold; }
.note { font-size: 9.5pt; color: #333; border-top: 1px solid #888; margin-top: 16px; padding-top: 8px; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
`

const relLink = (name: string) =>
  name
    .split('/')
    .map((p) => encodeURIComponent(p))
    .join('/')

/**
 * The index page, readable without the app (a browser, or printed to index.pdf): self-contained, no scripts, no
 * external references, its own CSP. Lists the person, ID number, case, decision, amount in figures and in words,
 * payment date, and the files of the package (links relative to the readable folder) with their sha256.
 * `files` are the package's other files (the index cannot list its own hash).
 */
export function renderTransferIndexHtml(
  r: TransferFacts & { transferId: string; createdAt: string },
  files: readonly Pick<TransferFile, 'role' | 'name' | 'mime' | 'size' | 'sha256'>[],
): string {
  const e = escapeHtml
  const row = (label: string, value: string) => `<tr><th>${e(label)}</th><td>${value}</td></tr>`
  const party = (p: TransferParty) => `${e(p.name)}（${e(idTypeLabels[p.idType])} ${e(p.idNumber)}）`
  const d = r.decision
  const decisionRows = [
    row('决定', e(d.outcome === 'granted' ? '决定给予国家司法救助' : '决定不予救助')),
    row('决定日期', e(d.date)),
    row('决定书文号', e(d.documentNo ?? '（未载明）')),
  ]
  if (d.grantedFen !== undefined) {
    decisionRows.push(
      row(
        '救助金额',
        `<span class="money">${e(formatYuanWithUnit(d.grantedFen))}</span>（大写：<span class="money">${e(toChineseUppercase(d.grantedFen))}</span>）`,
      ),
    )
  }
  if (d.refusalReasons?.length) decisionRows.push(row('不予救助理由', d.refusalReasons.map(e).join('；')))
  const paymentRows = r.payment
    ? [
        row(
          '发放金额',
          `<span class="money">${e(formatYuanWithUnit(r.payment.amountFen))}</span>（大写：${e(r.payment.amountInWords)}）`,
        ),
        row('发放日期', e(r.payment.paidDate)),
        row('发放方式', e(r.payment.method)),
      ]
    : [row('发放情况', d.outcome === 'granted' ? '移送时尚未发放' : '—')]
  const fileRows = files
    .map(
      (f, i) =>
        `<tr><td>${i + 1}</td><td><a href="${e(relLink(f.name))}">${e(f.name)}</a></td><td>${e(transferFileRoleLabels[f.role])}</td><td>${f.size.toLocaleString('en-US')}</td><td class="hash">${e(f.sha256)}</td></tr>`,
    )
    .join('\n')
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`案件移送材料索引 ${r.caseNo} ${r.applicant.name}`)}</title>
<style>${INDEX_CSS}</style>
</head>
<body>
<h1>国家司法救助案件移送材料索引</h1>
<p class="sub">${e(r.sender.unitName)} → ${e(r.receiver.name)}（${e(transferReceiverKindLabels[r.receiver.kind])}）</p>
<h2>救助对象</h2>
<table>
${row('申请人（救助对象）', party(r.applicant))}
${r.victim ? row('被害人', party(r.victim)) : ''}
${r.relation ? row('与被害人关系', e(r.relation)) : ''}
</table>
<h2>案件</h2>
<table>
${row('救助案件编号', e(r.caseNo))}
${row('原案件编号', e(r.underlyingCase.caseNo ?? '（未载明）'))}
${r.underlyingCase.charge ? row('罪名或案由', e(r.underlyingCase.charge)) : ''}
${r.applicationDate ? row('申请日期', e(r.applicationDate)) : ''}
${row('作出决定的检察院', `${e(r.sender.unitName)}（单位代码 ${e(r.sender.unitCode)}）`)}
</table>
<h2>救助决定</h2>
<table>
${decisionRows.join('\n')}
</table>
<h2>救助金发放</h2>
<table>
${paymentRows.join('\n')}
</table>
<h2>所附文件</h2>
<table class="files">
<tr><th>序号</th><th>文件</th><th>内容</th><th>字节数</th><th>SHA-256 校验值</th></tr>
${fileRows}
</table>
<div class="note">
<p>本索引由${e(r.sender.unitName)}于 ${e(r.createdAt.slice(0, 10))} 随案移送（移送编号 ${e(r.transferId)}）。依照国家司法救助“一次性救助”原则，同一案件的同一救助对象只救助一次；接收单位在办理该当事人的救助申请时，请核对本材料。</p>
<p>核对文件是否完整：各文件的 SHA-256 校验值应与上表一致（Windows 可在命令提示符中运行 <code>certutil -hashfile 文件名 SHA256</code>）。本材料包的电子签名可在司法救助工作台中核验。</p>
</div>
</body>
</html>
`
}

/** A scan's display name in the readable folder: `材料/03-申请书.png`, reduced to safe characters. */
export function scanDisplayName(index: number, name: string, mime: TransferMime): string {
  const ext = {
    'application/pdf': '.pdf',
    'image/jpeg': '.jpg',
    'image/png': '.png',
    'image/tiff': '.tif',
    'text/html': '.html',
  }[mime]
  const stem = name
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .replace(/[^\p{Script=Han}A-Za-z0-9 _\-（）()〔〕]/gu, '')
    .trim()
    .slice(0, 60)
  return `材料/${String(index + 1).padStart(2, '0')}-${stem || '扫描件'}${ext}`
}

/** The person ID numbers a prior-assistance record is found by (applicant, and the victim when named). */
export function transferIdNumbers(r: Pick<TransferFacts, 'applicant' | 'victim'>): string[] {
  return [...new Set([r.applicant.idNumber, r.victim?.idNumber].filter((x): x is string => !!x))]
}

// ---- the stored rows, as they travel upward in an archive ------------------------------------------------------

const bundleIdSchema = z.string().regex(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/, '数据包编号格式不正确')
const fileSummarySchema = transferFileSchema.pick({ role: true, name: true, size: true, sha256: true })

/** What 生成移送材料包 records with the case (`transfers` table): the package, where it was written, to whom. */
export const transferRowShape = {
  caseId: recordIdSchema,
  transferId: recordIdSchema,
  bundleId: bundleIdSchema,
  bundleHash: sha256,
  fileName: z.string().min(1).max(200),
  path: z.string().max(1000),
  readableDir: z.string().max(1000).nullable(),
  receiver: transferReceiverSchema,
  encrypted: z.boolean(),
  channelSeq: z.number().int().min(1),
  packageCreatedAt: instantSchema,
  files: z.array(fileSummarySchema).max(TRANSFER_LIMITS.maxFiles),
}

/**
 * A `transfers` row as a replicated record (docs/exchange.md §四): owned by the office that produced the package,
 * it goes up with the archive so the higher office sees which cases were transferred and where.
 */
export const transferRowSchema = storedRecord(transferRowShape)

/**
 * A `priorAssistance` row (导入的既往救助) as a replicated record: owned by the office that imported the package,
 * it goes up with the archive so the higher office's one-time rule and cross-office duplicate check see the
 * assistance another procuratorate granted (docs/exchange.md §四).
 */
export const priorAssistanceRowSchema = storedRecord({
  transferId: recordIdSchema,
  bundleId: bundleIdSchema,
  bundleHash: sha256,
  sender: z.strictObject({
    unitCode,
    unitName: text(60, '移送单位名称'),
    fingerprint: z.string().min(1).max(40),
    trusted: z.boolean(),
  }),
  personIdNumbers: z.array(text(40, '证件号码')).min(1).max(2),
  applicant: transferPartySchema,
  victim: transferPartySchema.optional(),
  senderCaseId: recordIdSchema,
  caseNo: text(60, '救助案件编号'),
  underlyingCaseNo: text(80, '原案件编号').optional(),
  outcome: z.enum(['granted', 'refused']),
  decisionDate: calendarDateSchema,
  documentNo: text(60, '决定书文号').optional(),
  grantedFen: fen.optional(),
  paidFen: fen.optional(),
  paidDate: calendarDateSchema.optional(),
  receiver: transferReceiverSchema,
  packageCreatedAt: instantSchema,
  files: z.array(fileSummarySchema).max(TRANSFER_LIMITS.maxFiles),
})
export type PriorAssistanceRow = z.infer<typeof priorAssistanceRowSchema>

/**
 * An imported record of prior assistance as a case of the sending office, for the cross-office duplicate check
 * (`findCrossOfficeDuplicates`, shared/exchange/downward.ts): the sender's case id, office, decision and payment.
 */
export function priorAssistanceAsCase(row: PriorAssistanceRow) {
  return {
    id: row.senderCaseId,
    ownerUnit: row.sender.unitCode,
    caseNo: row.caseNo,
    state: row.outcome === 'refused' ? 'refused' : row.paidDate ? 'paid' : 'granted',
    personIdNumbers: row.personIdNumbers,
    underlyingCase: row.underlyingCaseNo ? { caseNo: row.underlyingCaseNo } : {},
    decision: row.grantedFen !== undefined ? { grantedFen: row.grantedFen } : {},
    decisionDate: row.decisionDate,
    ...(row.voided ? { voided: row.voided } : {}),
  }
}
