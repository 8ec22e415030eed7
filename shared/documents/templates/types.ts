import type { DepartmentNames } from '../../domain/departments'
import type { EffectiveRules } from '../../domain/rulesets'
import type { Case, CaseState, Clue, Material, Person, Unit, User } from '../../domain/schemas'
import type { ActionType } from '../../domain/workflow/actions'
import type { DocumentSpec } from '../layout'

/**
 * Everything a document template may read. Templates are pure functions of this context: the same context gives
 * the same document, so a reprint matches the original (the record's own dates are used wherever it has them).
 */
export interface DocumentContext {
  /** The issuing procuratorate (this office): its full name heads every document and signs it. */
  office: Pick<Unit, 'code' | 'name' | 'shortName'> & Partial<Pick<Unit, 'regionCode'>>
  /** The assistance case. Absent only for a clue that has not become a case (线索移送表, 告知书). */
  case?: Case
  /** The clue the case came from, or the clue alone. */
  clue?: Clue
  /** The persons of the case and clue (applicant, victim, payee); found by the ids on the case and clue. */
  persons?: readonly Person[]
  /** Staff of the office, for the names under opinions and signatures (承办检察官, 审批人 …). */
  users?: readonly Pick<User, 'id' | 'displayName'>[]
  /** Other procuratorates known to the office (unit directory), for the names of delegated or original units. */
  units?: readonly (Pick<Unit, 'code' | 'name'> & Partial<Pick<Unit, 'regionCode'>>)[]
  /**
   * The rules in force for the case (`rulesInForce(…).rules`, with local measures). Default: the built-in rule set
   * in force on the case's governing date, without local measures.
   */
  rules?: EffectiveRules
  /**
   * The number (文号) given to this document when the record does not hold one. Decisions and refusal notices always
   * use the number on the decision record; other documents fall back to the case number.
   */
  docNo?: string
  /**
   * Where and whom the party contacts: the 控申 department's contact person, and the office's phone, address and
   * postcode (setting `officeProfile`); `payingBank` is the bank the office transfers 救助金 from (领取通知书).
   */
  contact?: { name?: string; phone?: string; address?: string; postcode?: string; payingBank?: string }
  /** 委托调查函: which verification of the review it is for (index into `case.review.verifications`). */
  verificationIndex?: number
  /** 收取申请材料清单: the received material records (title, pages); default the case's checklist entries. */
  materials?: readonly Material[]
  /** 卷内文件目录: the documents produced for the case (every print) and the scans kept with it. */
  caseFile?: {
    documents: readonly { templateId: string; number?: string; generatedAt: string }[]
    attachments: readonly { name: string; createdAt: string; createdBy?: string }[]
  }
  /** The office's own names of the 移送部门 (系统设置 → 移送部门名称); default the current generic names. */
  departmentNames?: DepartmentNames
  /** Today in China time ('YYYY-MM-DD'), for documents whose date the record does not hold yet. */
  today: string
}

export type DocumentTemplateId =
  | 'inform-notice'
  | 'materials-receipt'
  | 'supplement-notice'
  | 'review-report'
  | 'approval-form'
  | 'grant-decision'
  | 'refusal-decision'
  | 'refusal-notice'
  | 'collection-notice'
  | 'payment-receipt'
  | 'investigation-letter'
  | 'clue-transfer'
  | 'custody-agreement'
  | 'case-file-index'

/** Whether a document can be produced now; when not, each missing piece of data in Chinese. */
export type Producible = { ok: true } | { ok: false; missing: string[] }

export interface DocumentTemplate {
  id: DocumentTemplateId
  /** The document's title as printed. */
  title: string
  /** Case states in which the step that issues the document is done (where the UI offers it). */
  states: readonly CaseState[]
  /** Workflow actions that issue it (empty for the clue form, which belongs to the clue commands). */
  steps: readonly ActionType[]
  /** When it is produced, in one sentence (for the UI and docs/documents.md). */
  when: string
  /** Says what data is missing, in Chinese; `{ ok: true }` when the document can be produced. */
  canProduce(ctx: DocumentContext): Producible
  /** The document model; throws a DocumentDataError listing what is missing when `canProduce` refuses. */
  build(ctx: DocumentContext): DocumentSpec
}

export class DocumentDataError extends Error {
  constructor(
    readonly templateId: DocumentTemplateId,
    readonly missing: string[],
  ) {
    super(`无法制作文书：缺少${missing.join('；')}`)
    this.name = 'DocumentDataError'
  }
}

/**
 * Collects what a template needs: `need(value, what)` records `what` (Chinese) when the value is missing and
 * returns the value typed as present. The data is only used when nothing was missing.
 */
export class Needs {
  readonly missing: string[] = []
  need<T>(value: T | undefined | null | false | '', what: string): T {
    if (value === undefined || value === null || value === false || value === '') this.missing.push(what)
    return value as T
  }
  fail(what: string): void {
    this.missing.push(what)
  }
}

export type Gathered<D> = { ok: true; data: D } | { ok: false; missing: string[] }

interface TemplateDefinition<D> {
  id: DocumentTemplateId
  title: string
  states: readonly CaseState[]
  steps: readonly ActionType[]
  when: string
  /** Reads what the document needs from the context, recording every missing piece. */
  gather(ctx: DocumentContext, n: Needs): D
  /** Lays out the document from the gathered data (the office name heads it and the title follows). */
  compose(data: D, ctx: DocumentContext): Omit<DocumentSpec, 'unitName' | 'title'>
}

/** A template from its gather/compose pair: `canProduce` and `build` share one reading of the record. */
export function defineTemplate<D>(def: TemplateDefinition<D>): DocumentTemplate {
  const gather = (ctx: DocumentContext): Gathered<D> => {
    const n = new Needs()
    const data = def.gather(ctx, n)
    const missing = [...new Set(n.missing)]
    return missing.length ? { ok: false, missing } : { ok: true, data }
  }
  return {
    id: def.id,
    title: def.title,
    states: def.states,
    steps: def.steps,
    when: def.when,
    canProduce(ctx) {
      const g = gather(ctx)
      return g.ok ? { ok: true } : { ok: false, missing: g.missing }
    },
    build(ctx) {
      const g = gather(ctx)
      if (!g.ok) throw new DocumentDataError(def.id, g.missing)
      return { unitName: ctx.office.name, title: def.title, ...def.compose(g.data, ctx) }
    },
  }
}
