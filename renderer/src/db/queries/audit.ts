import type { AuditEntry } from '@shared/audit/chain'
import { changedFields, displayValue } from '@shared/audit/diff'
import { isAuditHashDeclaration } from '@shared/audit/hashAlg'
import { tableLabel } from '@shared/audit/tableLabels'
import { auditValueLabel } from '@shared/audit/valueLabels'
import { correctionLine } from '@shared/domain/corrections'
import { type DepartmentNames, departmentName } from '@shared/domain/departments'
import { commandLabel } from '@shared/domain/permissions'
import type { Correction } from '@shared/domain/schemas'
import { fieldLabel } from '@shared/errors/fieldLabels'
import type { Collection } from 'dexie'
import { draftFormLabel } from '../commands/drafts'
import type { JiuzhuDb } from '../database'
import { getSetting } from './settings'

export interface AuditFilter {
  userId?: string
  entityId?: string
  command?: string
  /** 'YYYY-MM-DD' in China time, inclusive. */
  from?: string
  to?: string
}

const chinaDayStart = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString()
const chinaDayEnd = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000 - 1).toISOString()

/**
 * Audit entries matching the filter, newest first, one page at a time. The most selective indexed field narrows
 * the scan (entityId, userId, command, then the time range); the rest are checked per entry.
 */
export async function queryAudit(
  db: JiuzhuDb,
  filter: AuditFilter,
  page: number,
  pageSize: number,
): Promise<{ total: number; rows: AuditEntry[] }> {
  if (!filter.entityId && !filter.userId && !filter.command && !filter.from && !filter.to) {
    const rows = await db.audit
      .orderBy('seq')
      .reverse()
      .offset(page * pageSize)
      .limit(pageSize)
      .toArray()
    return { total: await db.audit.count(), rows }
  }
  const from = filter.from ? chinaDayStart(filter.from) : undefined
  const to = filter.to ? chinaDayEnd(filter.to) : undefined
  let coll: Collection<AuditEntry, number>
  if (filter.entityId) coll = db.audit.where('entityId').equals(filter.entityId)
  else if (filter.userId) coll = db.audit.where('userId').equals(filter.userId)
  else if (filter.command) coll = db.audit.where('command').equals(filter.command)
  else if (from || to) coll = db.audit.where('at').between(from ?? '', to ?? '\uffff', true, true)
  else coll = db.audit.toCollection()
  const rest = (e: AuditEntry) =>
    (!filter.userId || e.userId === filter.userId) &&
    (!filter.command || e.command === filter.command) &&
    (!from || e.at >= from) &&
    (!to || e.at <= to)
  const filtered = coll.filter(rest)
  const total = await filtered.clone().count()
  const all = await filtered.reverse().sortBy('seq')
  return { total, rows: all.slice(page * pageSize, (page + 1) * pageSize) }
}

export async function auditCommands(db: JiuzhuDb): Promise<string[]> {
  return (await db.audit.orderBy('command').uniqueKeys()) as string[]
}

/** The audit viewer's filter: `AuditFilter` plus a text matched against case numbers, persons and users. */
export interface AuditEventFilter extends AuditFilter {
  /** A case number (or part), a person's name or ID number, a user's name or login name, or a date YYYY-MM-DD. */
  search?: string
}

/** One field of one record changed by an event, with its Chinese name and its values as shown. */
export interface AuditFieldChange {
  field: string
  label: string
  before: string
  after: string
}

/** One record an event wrote: its table, what it is (案件编号, 姓名 …) and the fields that changed. */
export interface AuditChange {
  seq: number
  hash: string
  table: string
  tableLabel: string
  entityId: string
  /** The case number, person's or user's name, office … the record stands for; '' when it names nothing. */
  subject: string
  fields: AuditFieldChange[]
}

/**
 * One command as the viewer shows it: a command writes one audit entry per record it changes (a new case: the
 * applicant, the victim, the case, then its first step), all with the same time, user and command; they are one
 * event here, with the changes listed inside. The chain itself is untouched: `seqs` are the entries it covers.
 */
export interface AuditEvent {
  seqs: number[]
  at: string
  userId: string
  userName: string
  command: string
  label: string
  /** What the event was about, e.g. “案件 朝检控救〔2026〕1号”, “人员 李四”, without repeats. */
  subjects: string[]
  changes: AuditChange[]
}

const eventKey = (e: Pick<AuditEntry, 'at' | 'userId' | 'command'>) => `${e.at}|${e.userId}|${e.command}`

type Row = Record<string, unknown>
const asRow = (v: unknown): Row => (v && typeof v === 'object' ? (v as Row) : {})
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined)

/** Entries in seq order → events: runs of consecutive entries with the same time, user and command. */
export function groupAuditEntries(entries: readonly AuditEntry[]): AuditEntry[][] {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq)
  const groups: AuditEntry[][] = []
  for (const e of sorted) {
    const last = groups.at(-1)
    const prev = last?.at(-1)
    if (last && prev && prev.seq === e.seq - 1 && eventKey(prev) === eventKey(e)) last.push(e)
    else groups.push([e])
  }
  return groups
}

/** Names behind the ids an audit entry carries, read once per page. */
interface Lookups {
  users: Map<string, string>
  caseNos: Map<string, string>
  persons: Map<string, string>
  units: Map<string, string>
  /** The office's names of the 移送部门 rows (系统设置 → 移送部门名称). */
  departments: DepartmentNames
}

/** A record id (`<unit code>-<ULID>`, shared/util/recordId.ts) anywhere in a value. */
const RECORD_ID = /\d{6}-[0-9A-HJKMNP-TV-Z]{26}/g

async function lookupsFor(db: JiuzhuDb, entries: readonly AuditEntry[]): Promise<Lookups> {
  const caseIds = new Set<string>()
  const personIds = new Set<string>()
  for (const e of entries) {
    if (e.table === 'cases') caseIds.add(e.entityId)
    if (e.table === 'persons') personIds.add(e.entityId)
    // ids named in the values (申请人, 接收人, 案件 …) may be cases or persons too
    for (const id of JSON.stringify([e.before, e.after]).match(RECORD_ID) ?? []) {
      caseIds.add(id)
      personIds.add(id)
    }
  }
  const [users, cases, persons, units, departments] = await Promise.all([
    db.users.toArray(),
    db.cases.bulkGet([...caseIds]),
    db.persons.bulkGet([...personIds]),
    db.units.toArray(),
    getSetting(db, 'departmentNames'),
  ])
  const caseNos = new Map<string, string>()
  for (const c of cases) if (c && typeof c.caseNo === 'string') caseNos.set(c.id, c.caseNo)
  const personNames = new Map<string, string>()
  for (const p of persons) if (p) personNames.set(p.id, String(p.name))
  return {
    users: new Map(users.map((u): [string, string] => [u.id, u.displayName])),
    caseNos,
    persons: personNames,
    units: new Map(units.map((u): [string, string] => [u.code, u.name])),
    departments,
  }
}

/** What one audited record stands for, by its table: 案件编号, the person's or user's name, the office's name … */
function subjectOf(e: AuditEntry, l: Lookups): string {
  const rec = { ...asRow(e.before), ...asRow(e.after) }
  const caseNo = (id: unknown) => (typeof id === 'string' ? l.caseNos.get(id) : undefined)
  switch (e.table) {
    case 'cases':
      return text(rec.caseNo) ?? caseNo(e.entityId) ?? '（尚未编号）'
    case 'persons':
      return text(rec.name) ?? l.persons.get(e.entityId) ?? ''
    case 'users':
      return text(rec.displayName) ?? l.users.get(e.entityId) ?? ''
    case 'units':
      return text(rec.name) ?? l.units.get(e.entityId) ?? e.entityId
    case 'clues':
      return text(rec.partyName) ?? ''
    case 'settings': {
      // a draft (保存草稿): the form and the case it is about; what was typed is not in the log
      const form = draftFormLabel(e.entityId)
      if (!form) return ''
      return `草稿“${form}”${caseNo(rec.caseId) ? `，案件 ${caseNo(rec.caseId)}` : ''}`
    }
    case 'audit':
      // an event that writes no record: a 软件更新包 received, relayed or made is named by its version and system;
      // the chain's first entry by the algorithm it declares
      if (isAuditHashDeclaration(e)) return '审计日志校验算法'
      if (text(rec.appVersion)) return `软件更新包 ${text(rec.appVersion)}，${text(rec.targetSystem) ?? ''}`
      return caseNo(rec.caseId) ? `案件 ${caseNo(rec.caseId)}` : ''
    default:
      return caseNo(rec.caseId) ? `案件 ${caseNo(rec.caseId)}` : ''
  }
}

/** A value as the viewer shows it: ids of users, persons and cases in it become names and case numbers. */
function shown(v: unknown, l: Lookups): string {
  return displayValue(v).replace(RECORD_ID, (id) => l.users.get(id) ?? l.persons.get(id) ?? l.caseNos.get(id) ?? id)
}

/** A coded value by its Chinese label; a 移送部门 (of a clue, a case or an account) by the office's name for it. */
function labelled(e: AuditEntry, field: string, v: unknown, l: Lookups): unknown {
  const department = field === 'originDepartment' || (e.table === 'users' && field === 'department')
  return department && typeof v === 'string' ? departmentName(v, l.departments) : auditValueLabel(e.table, field, v)
}

/** A 更正 as the viewer shows it: the corrected field's Chinese name, old → new and the reason. */
function correctionChange(before: unknown, after: unknown, names: DepartmentNames) {
  const list = (after ?? []) as Correction[]
  const known = Array.isArray(before) ? before.length : 0
  return {
    field: 'corrections',
    label: '更正',
    before: known ? `此前已更正 ${known} 次` : '（无）',
    after: list
      .slice(known)
      .map((c) => correctionLine(c, names))
      .join('；'),
  }
}

function toEvent(group: readonly AuditEntry[], l: Lookups): AuditEvent {
  const first = group[0]
  const changes = group.map((e) => ({
    seq: e.seq,
    hash: e.hash,
    table: e.table,
    tableLabel: tableLabel(e.table),
    entityId: e.entityId,
    subject: subjectOf(e, l),
    // a draft's key is its form, named in the subject
    fields: changedFields(e.before, e.after)
      .filter((c) => !(c.field === 'key' && draftFormLabel(e.entityId)))
      .map((c) =>
        c.field === 'corrections'
          ? correctionChange(c.before, c.after, l.departments)
          : {
              field: c.field,
              label: fieldLabel(c.field) ?? c.field,
              // the record's own id stays as it is (it is shown beside the record)
              before: c.field === 'id' ? displayValue(c.before) : shown(labelled(e, c.field, c.before, l), l),
              after: c.field === 'id' ? displayValue(c.after) : shown(labelled(e, c.field, c.after, l), l),
            },
      ),
  }))
  const subjects = [
    ...new Set(
      changes
        .filter((c) => c.subject)
        .map((c) =>
          c.subject.startsWith('案件 ') || c.subject.startsWith('草稿') || c.table === 'audit'
            ? c.subject
            : `${c.tableLabel} ${c.subject}`,
        ),
    ),
  ]
  return {
    seqs: group.map((e) => e.seq),
    at: first.at,
    userId: first.userId,
    userName: l.users.get(first.userId) ?? first.userId,
    command: first.command,
    label: commandLabel(first.command),
    subjects,
    changes,
  }
}

/**
 * What a search text picks out: entries about the matching cases (by case number, or by a person of the case),
 * persons (by name or ID number) and users (by name or login name) — as entity, as the case a record belongs to, or
 * as the user who acted. A date YYYY-MM-DD picks that day (China time).
 */
async function searchMatcher(db: JiuzhuDb, search: string): Promise<(e: AuditEntry) => boolean> {
  const t = search.trim()
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    const from = chinaDayStart(t)
    const to = chinaDayEnd(t)
    return (e) => e.at >= from && e.at <= to
  }
  const upper = t.toUpperCase()
  const persons = await db.persons.filter((p) => String(p.name).includes(t) || String(p.idNumber) === upper).toArray()
  const personIds = new Set(persons.map((p) => p.id))
  const cases = await db.cases
    .filter(
      (c) =>
        String(c.caseNo ?? '').includes(t) || personIds.has(String(c.applicantId)) || personIds.has(String(c.victimId)),
    )
    .toArray()
  const users = await db.users.filter((u) => u.displayName.includes(t) || u.username === t).toArray()
  // a record id typed as it is (copied from an export) matches that record too
  const ids = new Set([t, ...personIds, ...cases.map((c) => c.id), ...users.map((u) => u.id)])
  const userIds = new Set(users.map((u) => u.id))
  return (e) =>
    ids.has(e.entityId) ||
    userIds.has(e.userId) ||
    ids.has(String(asRow(e.after).caseId ?? asRow(e.before).caseId ?? ''))
}

/**
 * 审计日志 as events, newest first, one page at a time, with case numbers, names and Chinese field names resolved
 * when read (the entries keep internal ids). Filtered, an event is listed when any of its entries matches, and it is
 * shown whole. Unfiltered, a page holds the events of `pageSize` distinct times (a command's entries share one time),
 * so the total counts those times.
 */
export async function queryAuditEvents(
  db: JiuzhuDb,
  filter: AuditEventFilter,
  page: number,
  pageSize: number,
): Promise<{ total: number; events: AuditEvent[] }> {
  const { search, ...rest } = filter
  let total: number
  let pageTimes: string[]
  let wanted: Set<string> | undefined
  const narrowed = !!(rest.entityId || rest.userId || rest.command || rest.from || rest.to)
  if (!search?.trim() && !narrowed) {
    const times = (await db.audit.orderBy('at').reverse().uniqueKeys()) as string[]
    total = times.length
    pageTimes = times.slice(page * pageSize, (page + 1) * pageSize)
  } else {
    const rows = narrowed
      ? (await queryAudit(db, rest, 0, Number.MAX_SAFE_INTEGER)).rows
      : await db.audit.orderBy('seq').reverse().toArray()
    const matches = search?.trim() ? await searchMatcher(db, search) : () => true
    // one hit per event (rows are newest first, so the first hit of an event is its latest entry)
    const byEvent = new Map<string, AuditEntry>()
    for (const e of rows) if (matches(e) && !byEvent.has(eventKey(e))) byEvent.set(eventKey(e), e)
    const hits = [...byEvent.values()].sort((a, b) => b.at.localeCompare(a.at) || b.seq - a.seq)
    total = hits.length
    const pageHits = hits.slice(page * pageSize, (page + 1) * pageSize)
    wanted = new Set(pageHits.map(eventKey))
    pageTimes = [...new Set(pageHits.map((e) => e.at))]
  }
  const entries = pageTimes.length ? await db.audit.where('at').anyOf(pageTimes).toArray() : []
  const groups = groupAuditEntries(entries).filter((g) => !wanted || wanted.has(eventKey(g[0])))
  const lookups = await lookupsFor(db, entries)
  const events = groups
    .map((g) => toEvent(g, lookups))
    .sort((a, b) => b.at.localeCompare(a.at) || b.seqs[0] - a.seqs[0])
  return { total, events }
}
