import { z } from 'zod'
import { type HolidayCalendar, holidayCalendarSchema } from '../domain/calendar'
import { unitLevels } from '../domain/officeSetup'
import {
  builtInRuleSets,
  type LocalMeasures,
  localMeasuresSchema,
  type RuleSet,
  ruleSetSchema,
  type WageEntry,
  wageEntrySchema,
} from '../domain/rulesets'
import { storedRecord } from '../domain/schemas/base'
import { calendarDateSchema, instantSchema, recordIdSchema, textSchema } from '../domain/schemas/primitives'
import { canonicalJson } from '../util/canonicalJson'
import { hashOf } from '../util/hash'
import { KEY_ID_PATTERN } from './fingerprint'
import { officeKeyRecordSchema } from './keyRecord'
import type { DownwardKind } from './manifest'

/**
 * What travels DOWN the hierarchy and what is FILED up (docs/architecture.md §4 "Kinds"; issue #9 items 2, 5, 6, 7;
 * docs/bundle-format.md §14): the payload records of `standards`, `supervision`, `duplicate-flags`, `key-rotation`
 * and `filing` bundles, and the pure rules for which standards are in force. Strict schemas: a receiver validates
 * every record before its preview, and nothing that fails is written.
 */

const unitCode = z.string().regex(/^\d{6}$/, '单位代码必须是 6 位数字')
const hex64 = z.string().regex(/^[0-9a-f]{64}$/)

// ---- standards (下发标准) ---------------------------------------------------------------------------------

export const STANDARDS_FORMAT = 'jiuzhu-standards' as const

/** The content an issuing office publishes as one edition; hashed to tell editions apart. */
export const standardsContentSchema = z.strictObject({
  /** 职工月平均工资 per region, year and series (the base of the amount cap). */
  wageTable: z.array(wageEntrySchema).max(5000),
  /** 放假与调休 by year; the years given replace the built-in data for those years. */
  calendar: holidayCalendarSchema.optional(),
  /** 本地实施办法 (parameters: per-case maximum, floor, escalation, approval chain, time limits, wage table). */
  localMeasures: z.array(localMeasuresSchema).max(200),
  /** Rule-set updates: a rule set with the id of a built-in one replaces it; a new id adds one. */
  ruleSets: z.array(ruleSetSchema).max(20),
})
export type StandardsContent = z.infer<typeof standardsContentSchema>

/**
 * One edition of an issuing office's standards. Editions of one issuer are numbered 1, 2, 3 …; a receiver keeps the
 * highest edition per issuer and never lets a lower one replace it (an older standards bundle never overrides a
 * newer one). A bundle carries the sender's own latest edition and, relayed unchanged, its ancestors' latest ones.
 */
export const standardsEditionSchema = z
  .strictObject({
    format: z.literal(STANDARDS_FORMAT),
    version: z.literal(1),
    issuer: unitCode,
    issuerName: textSchema(60, '发布单位名称'),
    issuerLevel: z.enum(unitLevels),
    edition: z.number().int().min(1).max(1_000_000),
    issuedAt: instantSchema,
    title: textSchema(100, '标准名称'),
    note: textSchema(2000, '说明').optional(),
    content: standardsContentSchema,
    contentHash: hex64,
  })
  .superRefine((e, ctx) => {
    if (contentHashOf(e.content) !== e.contentHash) {
      ctx.addIssue({ code: 'custom', path: ['contentHash'], message: '内容校验值与内容不符' })
    }
    const wageKeys = e.content.wageTable.map((w) => `${w.regionCode}/${w.year}/${w.series}`)
    const dup = wageKeys.find((k, i) => wageKeys.indexOf(k) !== i)
    if (dup) ctx.addIssue({ code: 'custom', path: ['content', 'wageTable'], message: `工资标准重复：${dup}` })
    const ids = e.content.ruleSets.map((r) => r.id)
    const dupRs = ids.find((k, i) => ids.indexOf(k) !== i)
    if (dupRs) ctx.addIssue({ code: 'custom', path: ['content', 'ruleSets'], message: `规则集重复：${dupRs}` })
    const mIds = e.content.localMeasures.map((m) => m.id)
    const dupM = mIds.find((k, i) => mIds.indexOf(k) !== i)
    if (dupM) ctx.addIssue({ code: 'custom', path: ['content', 'localMeasures'], message: `实施办法重复：${dupM}` })
  })
export type StandardsEdition = z.infer<typeof standardsEditionSchema>

export function contentHashOf(content: StandardsContent): string {
  return hashOf(JSON.parse(canonicalJson(content)))
}

/** A unit directory entry in a standards bundle: the issuer's signed list of its subordinates' keys. */
/** A key of the entry's office that the issuer declared void (吊销密钥): bundles signed with it are refused. */
export const revokedKeySchema = z.strictObject({
  keyId: z.string().regex(KEY_ID_PATTERN),
  revokedOn: calendarDateSchema,
  reason: textSchema(200, '吊销原因'),
})
export type RevokedKey = z.infer<typeof revokedKeySchema>

export const directoryEntrySchema = z.strictObject({
  unitCode,
  unitName: textSchema(60, '单位名称'),
  level: z.enum(unitLevels),
  parentCode: unitCode.optional(),
  record: officeKeyRecordSchema,
  /** Written only when the issuer revoked a key of this office (so entries without one read as before). */
  revokedKeys: z.array(revokedKeySchema).min(1).max(32).optional(),
})
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>

/** What the rules of an office take from the standards it holds (shared/domain/rulesInForce.ts RulesContext). */
export interface StandardsRules {
  ruleSets: readonly RuleSet[]
  localMeasures: readonly LocalMeasures[]
  calendar?: HolidayCalendar
  wageTable: readonly WageEntry[]
}

/**
 * Merges the editions an office holds (one per issuer) into what its rules use. Order: editions by issue time,
 * so for the same wage figure (region, year, series), calendar year, rule-set id or measures id the most recently
 * issued edition wins. The calendar is the built-in one with whole years replaced or added; rule sets are the
 * built-in ones with ids replaced or added.
 */
export function standardsRules(editions: readonly StandardsEdition[], base: HolidayCalendar): StandardsRules {
  const sorted = [...editions].sort((a, b) => a.issuedAt.localeCompare(b.issuedAt) || a.issuer.localeCompare(b.issuer))
  const wages = new Map<string, WageEntry>()
  const ruleSets = new Map<string, RuleSet>(builtInRuleSets.map((r) => [r.id, r]))
  const measures = new Map<string, LocalMeasures>()
  let years: HolidayCalendar['years'] | undefined
  const sources: string[] = []
  for (const e of sorted) {
    for (const w of e.content.wageTable) wages.set(`${w.regionCode}/${w.year}/${w.series}`, w)
    for (const r of e.content.ruleSets) ruleSets.set(r.id, r)
    for (const m of e.content.localMeasures) measures.set(m.id, m)
    if (e.content.calendar) {
      years = { ...(years ?? base.years), ...e.content.calendar.years }
      sources.push(`${e.issuerName}第${e.edition}版（${e.content.calendar.version}）`)
    }
  }
  return {
    ruleSets: [...ruleSets.values()],
    localMeasures: [...measures.values()],
    wageTable: [...wages.values()],
    ...(years ? { calendar: { version: `${base.version}+${sources.join('+')}`, source: base.source, years } } : {}),
  }
}

/** How an incoming edition compares with the one held from the same issuer. */
export type EditionVerdict = 'new' | 'newer' | 'same' | 'older' | 'conflict'

export function compareEdition(incoming: StandardsEdition, held: StandardsEdition | undefined): EditionVerdict {
  if (!held) return 'new'
  if (incoming.edition > held.edition) return 'newer'
  if (incoming.edition < held.edition) return 'older'
  return incoming.contentHash === held.contentHash && incoming.issuedAt === held.issuedAt ? 'same' : 'conflict'
}

// ---- supervision notes, duplicate flags, replies ------------------------------------------------------------

export const supervisionPeriodSchema = z
  .strictObject({ from: calendarDateSchema, to: calendarDateSchema })
  .refine((p) => p.from <= p.to, { message: '期间的起始日期不能晚于结束日期' })

/** 督导意见: written at a higher office (owner) on a subordinate's case (a replica it holds) or on a period. */
export const supervisionNoteSchema = storedRecord({
  /** The subordinate office(s) the note is addressed to. */
  targets: z.array(unitCode).min(1).max(50),
  caseId: recordIdSchema.optional(),
  caseNo: textSchema(60, '案件编号').optional(),
  period: supervisionPeriodSchema.optional(),
  subject: textSchema(100, '事项'),
  text: textSchema(4000, '督导意见'),
  replyBy: calendarDateSchema.optional(),
  authorName: textSchema(40, '撰写人'),
  authorUnitName: textSchema(60, '督导单位'),
  writtenOn: calendarDateSchema,
}).superRefine((n, ctx) => {
  if (!n.caseId && !n.period) ctx.addIssue({ code: 'custom', message: '督导意见须针对一件案件或一个期间' })
})
export type SupervisionNote = z.infer<typeof supervisionNoteSchema>

export const duplicateFlagCaseSchema = z.strictObject({
  caseId: recordIdSchema,
  unitCode,
  unitName: textSchema(60, '单位名称'),
  caseNo: textSchema(60, '救助案件编号').optional(),
  state: textSchema(40, '状态'),
  grantedFen: z.number().int().min(0).optional(),
  decisionDate: calendarDateSchema.optional(),
})

/** 重复救助提示: the same person assisted for the same underlying case at two (or more) offices. */
export const duplicateFlagSchema = storedRecord({
  /** The detector's key of the reviewed candidate (ID number, underlying reference, case ids). */
  candidateKey: z.string().min(1).max(4000),
  targets: z.array(unitCode).min(2).max(50),
  caseIds: z.array(recordIdSchema).min(2).max(50),
  idNumber: z.string().min(1).max(40),
  personName: textSchema(60, '姓名'),
  /** What identified the underlying case: its number, or (weaker) the charge when a number is missing. */
  matchedOn: z.enum(['caseNo', 'charge']),
  underlyingRef: textSchema(120, '原案件'),
  cases: z.array(duplicateFlagCaseSchema).min(2).max(50),
  status: z.enum(['sent', 'dismissed']),
  reviewNote: textSchema(2000, '审核意见').optional(),
  reviewerName: textSchema(40, '审核人'),
  reviewedOn: calendarDateSchema,
  detectorName: textSchema(60, '发现单位'),
})
export type DuplicateFlag = z.infer<typeof duplicateFlagSchema>

export const replyHandlings = {
  noted: '已阅，按意见办理',
  rectified: '已整改',
  explained: '情况说明',
  'not-duplicate': '经核查不属于重复救助',
  'duplicate-confirmed': '确属重复救助，已启动追回或撤销',
} as const
export type ReplyHandling = keyof typeof replyHandlings

/** The subordinate's reply or handling: owned by it, it goes up with the next archive like any record. */
export const supervisionReplySchema = storedRecord({
  noteId: recordIdSchema,
  noteKind: z.enum(['note', 'flag']),
  /** The office that wrote the note or flag (so relaying offices can route it). */
  noteOwner: unitCode,
  caseId: recordIdSchema.optional(),
  handling: z.enum(Object.keys(replyHandlings) as [ReplyHandling, ...ReplyHandling[]]),
  text: textSchema(4000, '答复'),
  replierName: textSchema(40, '答复人'),
  repliedOn: calendarDateSchema,
})
export type SupervisionReply = z.infer<typeof supervisionReplySchema>

// ---- filing (备案) -------------------------------------------------------------------------------------------

/** 备案: a province's local implementing measures filed with the national level, with the document's text. */
export const filingSchema = storedRecord({
  title: textSchema(100, '报备事项'),
  measures: localMeasuresSchema,
  documentName: textSchema(120, '文件名'),
  /** The document itself as base64 (≤ 48 KB of text/PDF after encoding limits), and its SHA-256. */
  documentBase64: z
    .string()
    .max(65_536)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
  documentSha256: hex64,
  documentBytes: z.number().int().min(1).max(49_152),
  filedOn: calendarDateSchema,
  note: textSchema(2000, '说明').optional(),
})
export type Filing = z.infer<typeof filingSchema>

// ---- duplicate detection -------------------------------------------------------------------------------------

export interface DuplicateCandidateCase {
  id: string
  ownerUnit: string
  caseNo?: string
  state: string
  personIdNumbers: readonly string[]
  underlyingCase?: { caseNo?: string; charge?: string }
  decision?: { grantedFen?: number }
  decisionDate?: string
  voided?: unknown
  /** Archived without a payment: it was refused or withdrawn before it was archived, so it is no assistance. */
  archivedUnpaid?: true
}

export interface DuplicateCandidate {
  /** Stable key: ID number + underlying reference + sorted case ids (a reviewed candidate is not shown again). */
  key: string
  idNumber: string
  matchedOn: 'caseNo' | 'charge'
  underlyingRef: string
  cases: DuplicateCandidateCase[]
}

/**
 * States in which a case is not (or no longer) assistance: only a clue, refused, withdrawn, abandoned — and an
 * archived case that was archived after a refusal or withdrawal (`archivedUnpaid`).
 */
const NOT_ASSISTED = new Set(['clue', 'informed', 'refused', 'withdrawn', 'abandoned'])

/** Whether a case can be one side of a duplicate at all: granted or applied for, and not voided. */
export function countsForDuplicates(c: Pick<DuplicateCandidateCase, 'state' | 'voided' | 'archivedUnpaid'>): boolean {
  return !c.voided && !c.archivedUnpaid && !NOT_ASSISTED.has(c.state)
}

/**
 * What the duplicate rule and its screen keep of a stored case: its id, office, number, state, ID numbers, the
 * 原案件 it is for, the amount and date of the decision — so a check over a million held cases holds a few hundred
 * bytes of each, not the whole record.
 */
export function duplicateCaseOf(record: Record<string, unknown>): DuplicateCandidateCase {
  const u = record.underlyingCase as DuplicateCandidateCase['underlyingCase'] | undefined
  const granted = (record.decision as DuplicateCandidateCase['decision'] | undefined)?.grantedFen
  return {
    id: String(record.id),
    ownerUnit: String(record.ownerUnit),
    ...(typeof record.caseNo === 'string' ? { caseNo: record.caseNo } : {}),
    state: String(record.state),
    personIdNumbers: Array.isArray(record.personIdNumbers) ? (record.personIdNumbers as string[]) : [],
    underlyingCase: { ...(u?.caseNo ? { caseNo: u.caseNo } : {}), ...(u?.charge ? { charge: u.charge } : {}) },
    decision: granted !== undefined ? { grantedFen: granted } : {},
    ...(typeof record.decisionDate === 'string' ? { decisionDate: record.decisionDate } : {}),
    ...(record.voided ? { voided: true } : {}),
    ...(record.state === 'archived' && record.payment === undefined ? { archivedUnpaid: true as const } : {}),
  }
}

/** 原案件编号 compared loosely: full-width to half-width, spaces and brackets unified, case-insensitive. */
export function normaliseCaseRef(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u3000]/g, '')
    .replace(/[〔［【[]/g, '(')
    .replace(/[〕］】\]]/g, ')')
    .toUpperCase()
}

/**
 * 跨单位重复救助 (docs/architecture.md §4 "Higher-level value"): among the cases an office holds (its own and subordinates'
 * replicas), the same person (ID number) on cases of two or more DIFFERENT offices for the same underlying case —
 * same 原案件编号, or, when a number is missing on either side, the same 罪名或案由 (a weaker match, shown as such).
 * Refused, withdrawn and voided cases do not count. Pure: the screen and the tests call it on stored rows.
 */
export function findCrossOfficeDuplicates(cases: readonly DuplicateCandidateCase[]): DuplicateCandidate[] {
  const byPerson = new Map<string, DuplicateCandidateCase[]>()
  for (const c of cases) {
    if (!countsForDuplicates(c)) continue
    for (const id of new Set(c.personIdNumbers)) {
      const key = id.toUpperCase()
      const list = byPerson.get(key) ?? []
      list.push(c)
      byPerson.set(key, list)
    }
  }
  const out = new Map<string, DuplicateCandidate>()
  for (const [idNumber, list] of byPerson) {
    if (new Set(list.map((c) => c.ownerUnit)).size < 2) continue
    const groups = new Map<string, { matchedOn: 'caseNo' | 'charge'; ref: string; cases: DuplicateCandidateCase[] }>()
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]
        const b = list[j]
        if (a.ownerUnit === b.ownerUnit) continue
        const na = a.underlyingCase?.caseNo ? normaliseCaseRef(a.underlyingCase.caseNo) : ''
        const nb = b.underlyingCase?.caseNo ? normaliseCaseRef(b.underlyingCase.caseNo) : ''
        let match: { matchedOn: 'caseNo' | 'charge'; ref: string } | undefined
        if (na && nb) {
          if (na === nb) match = { matchedOn: 'caseNo', ref: a.underlyingCase?.caseNo as string }
        } else {
          const ca = a.underlyingCase?.charge ? normaliseCaseRef(a.underlyingCase.charge) : ''
          const cb = b.underlyingCase?.charge ? normaliseCaseRef(b.underlyingCase.charge) : ''
          if (ca && ca === cb) match = { matchedOn: 'charge', ref: a.underlyingCase?.charge as string }
        }
        if (!match) continue
        const gk = `${match.matchedOn}:${normaliseCaseRef(match.ref)}`
        const g = groups.get(gk) ?? { ...match, cases: [] }
        for (const c of [a, b]) if (!g.cases.includes(c)) g.cases.push(c)
        groups.set(gk, g)
      }
    }
    for (const [gk, g] of groups) {
      const sorted = [...g.cases].sort((x, y) => x.id.localeCompare(y.id))
      const key = `${idNumber}|${gk}|${sorted.map((c) => c.id).join(',')}`
      out.set(key, { key, idNumber, matchedOn: g.matchedOn, underlyingRef: g.ref, cases: sorted })
    }
  }
  return [...out.values()].sort((a, b) => a.key.localeCompare(b.key))
}

/** The payload table names of the downward kinds (docs/bundle-format.md §14). */
export const DOWNWARD_TABLES = {
  standards: ['standards', 'directory'],
  supervision: ['supervisionNotes'],
  'duplicate-flags': ['duplicateFlags'],
  'key-rotation': ['rotation'],
  filing: ['filings'],
} as const satisfies Record<DownwardKind, readonly string[]>

/**
 * The payload records of the downward and filing kinds as JSON Schema (draft 2020-12), generated from the zod
 * schemas above and published as resources/schemas/downward-payloads.v1.json for other implementations. Refinements
 * (content hash, duplicate keys, a note needing a case or a period) are specified in docs/bundle-format.md §14.
 */
export function downwardJsonSchema(): Record<string, unknown> {
  const defs: Record<string, z.ZodType> = {
    standardsEdition: standardsEditionSchema,
    directoryEntry: directoryEntrySchema,
    supervisionNote: supervisionNoteSchema,
    duplicateFlag: duplicateFlagSchema,
    supervisionReply: supervisionReplySchema,
    filing: filingSchema,
  }
  const $defs: Record<string, unknown> = {}
  for (const [name, schema] of Object.entries(defs)) {
    const { $schema: _s, ...rest } = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as Record<
      string,
      unknown
    >
    $defs[name] = rest
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://jiuzhu-desk.invalid/schemas/downward-payloads.v1.json',
    title: '司法救助数据包：下发、督导、重复救助提示与报备的记录（第 1 版）',
    description:
      'Records in standards.ndjson, directory.ndjson, supervisionNotes.ndjson, duplicateFlags.ndjson, filings.ndjson and (in archives) supervisionReplies.ndjson. Generated from shared/exchange/downward.ts; key-rotation payloads (rotation.ndjson) follow docs/bundle-format.md §2.2.',
    $defs,
  }
}
