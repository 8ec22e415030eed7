import type { CaseState } from '../../domain/schemas'
import { type DocumentSpec, renderDocumentHtml } from '../layout'
import { approvalForm } from './approvalForm'
import { caseFileIndexTemplate } from './caseFileIndex'
import { clueTransfer } from './clueTransfer'
import { collectionNotice } from './collectionNotice'
import { custodyAgreement } from './custodyAgreement'
import { grantDecision } from './grantDecision'
import { informNotice } from './informNotice'
import { investigationLetter } from './investigationLetter'
import { materialsReceipt } from './materialsReceipt'
import { paymentReceipt } from './paymentReceipt'
import { refusalDecision } from './refusalDecision'
import { refusalNotice } from './refusalNotice'
import { reviewReport } from './reviewReport'
import { supplementNotice } from './supplementNotice'
import type { DocumentContext, DocumentTemplate, DocumentTemplateId, Producible } from './types'

export * from './format'
export * from './types'

/**
 * The printable documents of a case (docs/domain-reference.md §7; issue #6 item 8), in the order of the procedure (docs/domain-reference.md §5).
 * Each is a pure function of a DocumentContext; `canProduce` says in Chinese what is missing.
 */
export const documentTemplates: readonly DocumentTemplate[] = [
  clueTransfer,
  informNotice,
  materialsReceipt,
  supplementNotice,
  investigationLetter,
  reviewReport,
  approvalForm,
  grantDecision,
  refusalDecision,
  refusalNotice,
  collectionNotice,
  paymentReceipt,
  custodyAgreement,
  caseFileIndexTemplate((id) => byId.get(id as DocumentTemplateId)?.title),
]

const byId = new Map(documentTemplates.map((t) => [t.id, t]))

export function documentTemplate(id: DocumentTemplateId): DocumentTemplate {
  const t = byId.get(id)
  if (!t) throw new RangeError(`没有这种文书模板：${id}`)
  return t
}

export function isDocumentTemplateId(value: unknown): value is DocumentTemplateId {
  return typeof value === 'string' && byId.has(value as DocumentTemplateId)
}

/** Templates whose step belongs to a case state (what the case screen offers for the current step). */
export function templatesForState(state: CaseState): DocumentTemplate[] {
  return documentTemplates.filter((t) => t.states.includes(state))
}

/** Every template with whether it can be produced from this context (the case file's list of documents). */
export function documentAvailability(ctx: DocumentContext): { template: DocumentTemplate; producible: Producible }[] {
  return documentTemplates.map((template) => ({ template, producible: template.canProduce(ctx) }))
}

/** Characters the PDF channel accepts in a file name (shared/ipc/contract.ts `safeFileNameSchema`). */
const UNSAFE_FILE_CHARS = /[^\p{Script=Han}A-Za-z0-9 _\-.（）()〔〕]/gu

/** “国家司法救助决定书-张三-朝检控救〔2026〕1号”, reduced to the characters a file name may hold, ≤ 100 chars. */
export function documentFileName(title: string, ...parts: (string | undefined)[]): string {
  const clean = (t: string) =>
    t
      .replace(UNSAFE_FILE_CHARS, '')
      .replace(/\.{2,}/g, '.')
      .replace(/^[.\s-]+/, '')
      .trim()
  const name = [title, ...parts]
    .map((p) => clean(p ?? ''))
    .filter(Boolean)
    .join('-')
    .slice(0, 100)
    .replace(/[.\s]+$/, '')
    .trim()
  return name || '文书'
}

export type ProducedDocument =
  | {
      ok: true
      id: DocumentTemplateId
      title: string
      docNo?: string
      spec: DocumentSpec
      html: string
      fileName: string
    }
  | { ok: false; id: DocumentTemplateId; title: string; missing: string[] }

/**
 * Produces one document: the model, its A4 HTML (every value escaped, strict CSP; layout.ts) and a file name for
 * `pdf:render`; or the Chinese list of what is missing.
 */
export function produceDocument(id: DocumentTemplateId, ctx: DocumentContext): ProducedDocument {
  const t = documentTemplate(id)
  const check = t.canProduce(ctx)
  if (!check.ok) return { ok: false, id, title: t.title, missing: check.missing }
  const spec = t.build(ctx)
  const party = ctx.persons?.find((p) => p.id === ctx.case?.applicantId)?.name ?? ctx.clue?.partyName
  return {
    ok: true,
    id,
    title: t.title,
    ...(spec.docNo ? { docNo: spec.docNo } : {}),
    spec,
    html: renderDocumentHtml(spec),
    fileName: documentFileName(t.title, party, spec.docNo ?? ctx.case?.caseNo),
  }
}
