import { defaultCalendar } from '@shared/domain/calendar'
import type { LocalMeasures, RuleSet, WageEntry } from '@shared/domain/rulesets'
import type {
  DuplicateFlag,
  Filing,
  StandardsEdition,
  SupervisionNote,
  SupervisionReply,
} from '@shared/exchange/downward'
import type { JiuzhuDb, UnitRow } from '../database'
import { descendantsOf } from './reads'
import type { DirectoryRow, PeerRow, ReceivedRow, StandardsRow } from './store'

/**
 * Reads for 下发、督导、重复救助提示、报备 (docs/exchange.md §一.7–11). Nothing here writes.
 */

export interface StandardsInForce {
  rows: (StandardsRow & { bundle?: { channelSeq: number; senderName: string; receivedAt: string } })[]
  /** Each wage figure with the edition it comes from (latest issued wins for the same region/year/series). */
  wages: (WageEntry & { from: string })[]
  /** Calendar years: built-in, or from which edition. */
  calendarYears: { year: string; from: string; holidays: number; workdays: number }[]
  measures: (LocalMeasures & { from: string })[]
  ruleSets: (Pick<RuleSet, 'id' | 'shortTitle' | 'effectiveDate'> & { from: string })[]
}

/** 现行标准: which standards this office holds, from which issuer, edition and bundle, and what they contain. */
export async function standardsInForce(db: JiuzhuDb): Promise<StandardsInForce> {
  const rows = (await db.standards.toArray()) as unknown as StandardsRow[]
  const out: StandardsInForce = { rows: [], wages: [], calendarYears: [], measures: [], ruleSets: [] }
  const sorted = [...rows].sort((a, b) => a.edition.issuedAt.localeCompare(b.edition.issuedAt))
  const wages = new Map<string, WageEntry & { from: string }>()
  const years = new Map<string, { year: string; from: string; holidays: number; workdays: number }>()
  for (const [year, y] of Object.entries(defaultCalendar.years)) {
    years.set(year, { year, from: '软件内置', holidays: y.holidays.length, workdays: y.workdays.length })
  }
  const measures = new Map<string, LocalMeasures & { from: string }>()
  const ruleSets = new Map<string, StandardsInForce['ruleSets'][number]>()
  for (const r of sorted) {
    const e: StandardsEdition = r.edition
    const from = `${e.issuerName}第 ${e.edition} 版`
    for (const w of e.content.wageTable) wages.set(`${w.regionCode}/${w.year}/${w.series}`, { ...w, from })
    for (const [year, y] of Object.entries(e.content.calendar?.years ?? {})) {
      years.set(year, { year, from, holidays: y.holidays.length, workdays: y.workdays.length })
    }
    for (const m of e.content.localMeasures) measures.set(m.id, { ...m, from })
    for (const rs of e.content.ruleSets) {
      ruleSets.set(rs.id, { id: rs.id, shortTitle: rs.shortTitle, effectiveDate: rs.effectiveDate, from })
    }
    const b = r.bundleId ? ((await db.receivedBundles.get(r.bundleId)) as ReceivedRow | undefined) : undefined
    out.rows.push({
      ...r,
      ...(b ? { bundle: { channelSeq: b.channelSeq, senderName: b.senderName, receivedAt: b.receivedAt } } : {}),
    })
  }
  out.wages = [...wages.values()].sort((a, b) => a.regionCode.localeCompare(b.regionCode) || b.year - a.year)
  out.calendarYears = [...years.values()].sort((a, b) => b.year.localeCompare(a.year))
  out.measures = [...measures.values()]
  out.ruleSets = [...ruleSets.values()]
  return out
}

/** The standards this office holds from the issuer `issuer` (its own, for the office that composes standards). */
export async function heldStandards(db: JiuzhuDb, issuer: string): Promise<StandardsRow | undefined> {
  return (await db.standards.get(issuer)) as unknown as StandardsRow | undefined
}

export const listDirectory = async (db: JiuzhuDb): Promise<DirectoryRow[]> =>
  (await db.exchange.where('key').between('dir:', 'dir:\uffff', true, true).toArray()) as unknown as DirectoryRow[]

export const childPeers = async (db: JiuzhuDb): Promise<PeerRow[]> =>
  ((await db.exchange.where('key').between('peer:', 'peer:\uffff', true, true).toArray()) as unknown as PeerRow[])
    .filter((p) => p.relation === 'child')
    .sort((a, b) => a.unitCode.localeCompare(b.unitCode))

export interface NoteWithReplies {
  kind: 'note' | 'flag'
  note?: SupervisionNote
  flag?: DuplicateFlag
  replies: SupervisionReply[]
}

async function repliesFor(db: JiuzhuDb, ids: string[]): Promise<Map<string, SupervisionReply[]>> {
  const rows = ids.length
    ? ((await db.supervisionReplies.where('noteId').anyOf(ids).toArray()) as unknown as SupervisionReply[])
    : []
  const map = new Map<string, SupervisionReply[]>()
  for (const r of rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    map.set(r.noteId, [...(map.get(r.noteId) ?? []), r])
  }
  return map
}

/** The supervision notes and duplicate flags on one case, with the replies (the case page's card). */
export async function notesForCase(db: JiuzhuDb, caseId: string): Promise<NoteWithReplies[]> {
  const notes = (await db.supervisionNotes.where('caseId').equals(caseId).toArray()) as unknown as SupervisionNote[]
  const flags = (await db.duplicateFlags.where('caseIds').equals(caseId).toArray()) as unknown as DuplicateFlag[]
  const sent = flags.filter((f) => f.status === 'sent' && !f.voided)
  const replies = await repliesFor(db, [...notes.map((n) => n.id), ...sent.map((f) => f.id)])
  return [
    ...sent.map((flag) => ({ kind: 'flag' as const, flag, replies: replies.get(flag.id) ?? [] })),
    ...notes
      .filter((n) => !n.voided)
      .map((note) => ({ kind: 'note' as const, note, replies: replies.get(note.id) ?? [] })),
  ]
}

/**
 * 督导意见与提示: what this office received (addressed to it or to offices below it), and what it wrote itself
 * (notes and confirmed flags), each with its replies.
 */
export async function supervisionOverview(
  db: JiuzhuDb,
  own: UnitRow,
): Promise<{ received: NoteWithReplies[]; written: NoteWithReplies[] }> {
  const notes = (await db.supervisionNotes.toArray()) as unknown as SupervisionNote[]
  const flags = ((await db.duplicateFlags.toArray()) as unknown as DuplicateFlag[]).filter((f) => f.status === 'sent')
  const replies = await repliesFor(db, [...notes.map((n) => n.id), ...flags.map((f) => f.id)])
  const wrap = (kind: 'note' | 'flag', r: SupervisionNote | DuplicateFlag): NoteWithReplies =>
    kind === 'note'
      ? { kind, note: r as SupervisionNote, replies: replies.get(r.id) ?? [] }
      : { kind, flag: r as DuplicateFlag, replies: replies.get(r.id) ?? [] }
  const all = [...notes.map((n) => wrap('note', n)), ...flags.map((f) => wrap('flag', f))]
  const recordOf = (x: NoteWithReplies) => (x.note ?? x.flag) as SupervisionNote | DuplicateFlag
  const byTime = (a: NoteWithReplies, b: NoteWithReplies) => recordOf(b).createdAt.localeCompare(recordOf(a).createdAt)
  return {
    received: all.filter((x) => recordOf(x).ownerUnit !== own.code).sort(byTime),
    written: all.filter((x) => recordOf(x).ownerUnit === own.code).sort(byTime),
  }
}

/** Subordinate offices (for addressing a note on a period). */
export async function subordinateUnits(db: JiuzhuDb, own: UnitRow): Promise<UnitRow[]> {
  const units = await db.units.toArray()
  const below = new Set(descendantsOf(units, own.code))
  return units.filter((u) => below.has(u.code)).sort((a, b) => a.code.localeCompare(b.code))
}

/** 报备材料: at a province, the ones it prepared; at the national level, the ones filed with it. */
export async function listFilings(db: JiuzhuDb): Promise<Filing[]> {
  const rows = (await db.filings.toArray()) as unknown as Filing[]
  return rows.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
}
