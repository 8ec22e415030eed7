import { localMeasuresSchema } from '@shared/domain/rulesets'
import { calendarDateSchema, recordIdSchema, textSchema } from '@shared/domain/schemas/primitives'
import { CodedError } from '@shared/errors/coded'
import {
  contentHashOf,
  type DuplicateFlag,
  findCrossOfficeDuplicates,
  replyHandlings,
  STANDARDS_FORMAT,
  type StandardsEdition,
  standardsContentSchema,
  supervisionPeriodSchema,
} from '@shared/exchange/downward'
import { formatFingerprint } from '@shared/exchange/fingerprint'
import { keyRotationSchema, officeKeyRecordSchema } from '@shared/exchange/keyRecord'
import { canonicalJson } from '@shared/util/canonicalJson'
import { hashOf, sha256Hex } from '@shared/util/hash'
import { z } from 'zod'
import type { StoredRecord } from '../database'
import { duplicateInputsForCandidate } from '../queries/duplicates'
import { descendantsOf } from '../queries/exchange'
import type { CommandContext } from './context'
import { ownUnit, putExchange, SEALED_REDACTED, sealedKeyId, storeOfficeKey } from './exchange'
import type { DirectoryRow, DownwardPlan, StandardsRow } from './exchangeDownwardPlan'
import { downwardKinds } from './exchangeDownwardPlan'
import type { ImportPlan } from './exchangePlan'
import { EX, type OfficeKeyRow, type OriginTableCount, type PeerRow } from './exchangeTypes'
import type { CommandSpec } from './execute'

/**
 * Commands for what travels down and what is filed up (docs/exchange.md §一.7–11): composing a standards edition,
 * writing a supervision note, replying to a note or flag, reviewing a cross-office duplicate, rotating the office
 * key, preparing a filing — and committing an imported downward bundle. Each in one transaction with its audit
 * entries, through the command layer.
 */

type Row = Record<string, unknown>

async function actorName(ctx: CommandContext): Promise<string> {
  const user = await ctx.db.users.get(ctx.actor.userId)
  return (user?.displayName ?? ctx.actor.displayName ?? ctx.actor.userId).slice(0, 40)
}

// ---- 编制下发标准 ----------------------------------------------------------------------------------------------

const composeInput = z
  .object({
    title: textSchema(100, '标准名称'),
    note: textSchema(2000, '说明').optional(),
    content: standardsContentSchema,
  })
  .strict()

/**
 * 编制标准: records this office's next standards edition (its own wage figures, calendar years, local measures and
 * rule-set updates). Numbered 1, 2, 3 …; identical content to the last edition is refused (nothing to publish).
 * The office's own rules use it at once; it goes down with the next standards bundle to each subordinate.
 */
export const composeStandards: CommandSpec<z.input<typeof composeInput>, StandardsEdition> = {
  name: 'standards.compose',
  input: composeInput as z.ZodType<z.input<typeof composeInput>>,
  tables: ['units', 'settings', 'standards', 'users'],
  async run(ctx, raw) {
    const input = composeInput.parse(raw)
    const own = await ownUnit(ctx)
    const held = (await ctx.db.standards.get(own.code)) as StandardsRow | undefined
    const contentHash = contentHashOf(input.content)
    if (held && held.edition.contentHash === contentHash) {
      throw new CodedError('exchange.standards-unchanged', { edition: held.edition.edition })
    }
    const edition: StandardsEdition = {
      format: STANDARDS_FORMAT,
      version: 1,
      issuer: own.code,
      issuerName: own.name,
      issuerLevel: own.level,
      edition: (held?.edition.edition ?? 0) + 1,
      issuedAt: ctx.now.instant,
      title: input.title,
      ...(input.note ? { note: input.note } : {}),
      content: input.content,
      contentHash,
    }
    await ctx.put('standards', own.code, {
      issuer: own.code,
      edition,
      source: 'own',
      receivedAt: ctx.now.instant,
      receivedBy: ctx.actor.userId,
    } satisfies StandardsRow)
    return edition
  },
}

// ---- 督导意见 --------------------------------------------------------------------------------------------------

const noteInput = z
  .object({
    caseId: recordIdSchema.optional(),
    period: supervisionPeriodSchema.optional(),
    /** For a note on a period: the subordinate offices it is addressed to. */
    targets: z
      .array(z.string().regex(/^\d{6}$/))
      .max(50)
      .optional(),
    subject: textSchema(100, '事项'),
    text: textSchema(4000, '督导意见'),
    replyBy: calendarDateSchema.optional(),
  })
  .strict()

/**
 * 撰写督导意见 at a higher office: on a subordinate's case (a replica held here; addressed to its owner) or on a
 * period (addressed to chosen subordinates). Owned by this office; it goes down with the next supervision bundle.
 */
export const writeSupervisionNote: CommandSpec<z.infer<typeof noteInput>, StoredRecord> = {
  name: 'supervision.write',
  input: noteInput,
  tables: ['units', 'settings', 'cases', 'supervisionNotes', 'users'],
  async run(ctx, input) {
    const own = await ownUnit(ctx)
    const units = await ctx.db.units.toArray()
    const below = new Set(descendantsOf(units, own.code))
    let targets: string[]
    let caseNo: string | undefined
    if (input.caseId) {
      const c = await ctx.db.cases.get(input.caseId)
      if (!c) throw new CodedError('command.not-found', { table: 'cases', id: input.caseId })
      if (!below.has(c.ownerUnit)) {
        throw new CodedError('command.invalid-input', {
          detail: '只能对下级单位的案件（本院持有的只读副本）撰写督导意见',
        })
      }
      targets = [c.ownerUnit]
      caseNo = typeof c.caseNo === 'string' ? c.caseNo : undefined
    } else {
      if (!input.period) throw new CodedError('command.invalid-input', { detail: '督导意见须针对一件案件或一个期间' })
      targets = [...new Set(input.targets ?? [])]
      if (!targets.length || targets.some((t) => !below.has(t))) {
        throw new CodedError('command.invalid-input', { detail: '请选择本院的下级单位作为督导对象' })
      }
    }
    return ctx.insert('supervisionNotes', {
      targets,
      ...(input.caseId ? { caseId: input.caseId } : {}),
      ...(caseNo ? { caseNo } : {}),
      ...(input.period ? { period: input.period } : {}),
      subject: input.subject,
      text: input.text,
      ...(input.replyBy ? { replyBy: input.replyBy } : {}),
      authorName: await actorName(ctx),
      authorUnitName: own.name,
      writtenOn: ctx.now.date,
    })
  },
}

// ---- 答复 ------------------------------------------------------------------------------------------------------

const replyInput = z
  .object({
    noteId: recordIdSchema,
    noteKind: z.enum(['note', 'flag']),
    handling: z.enum(Object.keys(replyHandlings) as [keyof typeof replyHandlings]),
    text: textSchema(4000, '答复'),
  })
  .strict()

/**
 * 答复督导意见 / 重复救助提示 at the office it was sent to: a record owned by this office, which goes up with the
 * next archive (and is relayed on by every office in between) to the office that wrote the note.
 */
export const replyToNote: CommandSpec<z.infer<typeof replyInput>, StoredRecord> = {
  name: 'supervision.reply',
  input: replyInput,
  tables: ['units', 'settings', 'supervisionNotes', 'duplicateFlags', 'supervisionReplies', 'users'],
  async run(ctx, input) {
    const own = await ownUnit(ctx)
    const table = input.noteKind === 'note' ? 'supervisionNotes' : 'duplicateFlags'
    const note = (await ctx.db.table(table).get(input.noteId)) as (StoredRecord & { targets: string[] }) | undefined
    if (!note) throw new CodedError('command.not-found', { table, id: input.noteId })
    if (!note.targets.includes(own.code)) {
      throw new CodedError('command.invalid-input', { detail: '该意见或提示不是发给本院的，不能由本院答复' })
    }
    const caseId =
      input.noteKind === 'note'
        ? (note.caseId as string | undefined)
        : ((note as unknown as DuplicateFlag).cases.find((c) => c.unitCode === own.code)?.caseId ?? undefined)
    return ctx.insert('supervisionReplies', {
      noteId: input.noteId,
      noteKind: input.noteKind,
      noteOwner: note.ownerUnit,
      ...(caseId ? { caseId } : {}),
      handling: input.handling,
      text: input.text,
      replierName: await actorName(ctx),
      repliedOn: ctx.now.date,
    })
  },
}

// ---- 重复救助提示：审核 ----------------------------------------------------------------------------------------

const reviewInput = z
  .object({
    candidateKey: z.string().min(1).max(4000),
    decision: z.enum(['sent', 'dismissed']),
    reviewNote: textSchema(2000, '审核意见').optional(),
  })
  .strict()

/**
 * 审核重复救助提示: the reviewer confirms a candidate found in the replicas (it is then sent down to every office
 * concerned) or dismisses it (kept here so it is not shown again, never sent). The candidate is found again inside
 * the transaction; if the cases changed meanwhile it is refused.
 */
export const reviewDuplicate: CommandSpec<z.infer<typeof reviewInput>, StoredRecord> = {
  name: 'duplicates.review',
  input: reviewInput,
  tables: ['units', 'settings', 'cases', 'priorAssistance', 'persons', 'duplicateFlags', 'users'],
  async run(ctx, input) {
    const own = await ownUnit(ctx)
    const candidate = findCrossOfficeDuplicates(await duplicateInputsForCandidate(ctx.db, input.candidateKey)).find(
      (c) => c.key === input.candidateKey,
    )
    if (!candidate) {
      throw new CodedError('command.invalid-input', { detail: '该疑似重复救助已不存在（案件已有变化），请重新查找' })
    }
    const reviewed = await ctx.db.duplicateFlags.where('ownerUnit').equals(own.code).toArray()
    if (reviewed.some((f) => f.candidateKey === input.candidateKey)) {
      throw new CodedError('command.invalid-input', { detail: '该疑似重复救助已审核过' })
    }
    const units = new Map((await ctx.db.units.toArray()).map((u) => [u.code, u]))
    const person = await ctx.db.persons.where('idNumber').equals(candidate.idNumber).first()
    return ctx.insert('duplicateFlags', {
      candidateKey: input.candidateKey,
      targets: [...new Set(candidate.cases.map((c) => c.ownerUnit))].sort(),
      caseIds: candidate.cases.map((c) => c.id),
      idNumber: candidate.idNumber,
      personName: String(person?.name ?? '（姓名未知）').slice(0, 60),
      matchedOn: candidate.matchedOn,
      underlyingRef: candidate.underlyingRef.slice(0, 120),
      cases: candidate.cases.map((c) => ({
        caseId: c.id,
        unitCode: c.ownerUnit,
        unitName: (units.get(c.ownerUnit)?.name ?? c.ownerUnit).slice(0, 60),
        ...(c.caseNo ? { caseNo: c.caseNo } : {}),
        state: c.state,
        ...(c.decision?.grantedFen !== undefined ? { grantedFen: c.decision.grantedFen } : {}),
        ...(c.decisionDate ? { decisionDate: c.decisionDate } : {}),
      })),
      status: input.decision,
      ...(input.reviewNote ? { reviewNote: input.reviewNote } : {}),
      reviewerName: await actorName(ctx),
      reviewedOn: ctx.now.date,
      detectorName: own.name,
    })
  },
}

// ---- 密钥更换 --------------------------------------------------------------------------------------------------

// Defined here, not by extending exchange.ts's keyInput: the two modules import each other, and a schema built at
// load time must not depend on the other module having finished loading.
const rotateInput = z
  .object({
    sealed: z
      .string()
      .min(100)
      .max(16 * 1024),
    record: officeKeyRecordSchema,
    fingerprint: z.string().min(1).max(40),
    rotation: keyRotationSchema,
  })
  .strict()

/** A retired office key, kept so bundles still in flight to it can be opened; its rotation can be re-exported. */
export interface RetiredKeyRow {
  key: string
  sealed: string
  record: OfficeKeyRow['record']
  fingerprint: string
  retiredAt: string
  retiredBy: string
  rotation: z.infer<typeof keyRotationSchema>
}

/**
 * 更换本院密钥: installs the new key made by the main process (its record names the current key as previous, the
 * rotation is signed by the current key) and keeps the current one as retired. Bundles are signed with the new
 * key from now on; the rotation bundles to every enrolled office are exported next (signed with the old key).
 */
export const rotateOfficeKey: CommandSpec<z.infer<typeof rotateInput>, { fingerprint: string }> = {
  name: 'exchange.keys',
  input: rotateInput,
  tables: ['units', 'exchange', 'settings'],
  async run(ctx, input) {
    const current = (await ctx.db.exchange.get(EX.officeKey)) as OfficeKeyRow | undefined
    if (!current) throw new CodedError('exchange.no-office-key')
    const { record, rotation } = input
    if (
      record.previousKeyId !== current.record.keyId ||
      rotation.previousKeyId !== current.record.keyId ||
      rotation.next.keyId !== record.keyId ||
      canonicalJson(rotation.next) !== canonicalJson(record)
    ) {
      throw new CodedError('exchange.key-mismatch')
    }
    const retired: RetiredKeyRow = {
      key: EX.retiredKey(current.record.keyId),
      sealed: current.sealed,
      record: current.record,
      fingerprint: current.fingerprint,
      retiredAt: ctx.now.instant,
      retiredBy: ctx.actor.userId,
      rotation,
    }
    await ctx.db.exchange.put(retired as RetiredKeyRow & Row)
    ctx.changes.push({
      table: 'exchange',
      entityId: retired.key,
      before: null,
      after: { ...retired, sealed: SEALED_REDACTED },
    })
    const unit = await ownUnit(ctx)
    if (sealedKeyId(input.sealed) !== record.keyId) throw new CodedError('exchange.key-mismatch')
    await storeOfficeKey(
      ctx,
      unit,
      { sealed: input.sealed, record, fingerprint: input.fingerprint },
      await ctx.nextRev(),
    )
    return { fingerprint: formatFingerprint(record.keyId) }
  },
}

/** The same key passphrase change for retired keys (so bundles in flight still open with the new passphrase). */
export const replaceRetiredSealed: CommandSpec<{ keyId: string; sealed: string }, void> = {
  name: 'exchange.keys',
  input: z
    .object({
      keyId: z.string().min(20).max(20),
      sealed: z
        .string()
        .min(100)
        .max(16 * 1024),
    })
    .strict(),
  tables: ['exchange'],
  async run(ctx, { keyId, sealed }) {
    const row = (await ctx.db.exchange.get(EX.retiredKey(keyId))) as RetiredKeyRow | undefined
    if (!row || sealedKeyId(sealed) !== keyId) throw new CodedError('exchange.key-mismatch')
    await ctx.db.exchange.put({ ...row, sealed } as RetiredKeyRow & Row)
    ctx.changes.push({
      table: 'exchange',
      entityId: row.key,
      before: { ...row, sealed: SEALED_REDACTED },
      after: { ...row, sealed: `${SEALED_REDACTED}（口令已更换）` },
    })
  },
}

// ---- 报备 ------------------------------------------------------------------------------------------------------

const filingInput = z
  .object({
    title: textSchema(100, '报备事项'),
    measures: localMeasuresSchema,
    documentName: textSchema(120, '文件名'),
    documentBase64: z.string().min(1).max(65_536),
    note: textSchema(2000, '说明').optional(),
  })
  .strict()

/** 编制报备材料 at a province: its local implementing measures and the document, to be sent up for filing. */
export const prepareFiling: CommandSpec<z.infer<typeof filingInput>, StoredRecord> = {
  name: 'filing.prepare',
  input: filingInput,
  tables: ['units', 'settings', 'filings'],
  async run(ctx, input) {
    const own = await ownUnit(ctx)
    if (own.level !== 'province') {
      throw new CodedError('exchange.filing-not-national', {
        level: own.level === 'supreme' ? '最高人民检察院' : '非省级院',
      })
    }
    let bytes: Uint8Array
    try {
      const s = atob(input.documentBase64)
      bytes = Uint8Array.from(s, (ch) => ch.charCodeAt(0))
    } catch {
      throw new CodedError('command.invalid-input', { detail: '文件内容无法读取' })
    }
    if (bytes.length === 0 || bytes.length > 49_152) {
      throw new CodedError('command.invalid-input', {
        detail: '报备文件须为 1 字节至 48 KB（较大的文件请另行报送纸质件）',
      })
    }
    return ctx.insert('filings', {
      title: input.title,
      measures: input.measures,
      documentName: input.documentName,
      documentBase64: input.documentBase64,
      documentSha256: sha256Hex(bytes),
      documentBytes: bytes.length,
      filedOn: ctx.now.date,
      ...(input.note ? { note: input.note } : {}),
    })
  },
}

// ---- commit of an imported downward bundle ---------------------------------------------------------------------

export function isDownwardPlan(plan: ImportPlan): plan is DownwardPlan {
  return (downwardKinds as readonly string[]).includes(plan.kind)
}

export function downwardDigest(plan: DownwardPlan): string {
  return hashOf({
    kind: plan.kind,
    id: plan.bundleId,
    at: plan.alreadyImportedAt ?? null,
    gaps: plan.channelGaps,
    fork: plan.fork,
    editions: plan.editions,
    directory: plan.directory,
    counts: plan.counts,
    rejected: plan.rejected,
    rotation: plan.rotation ?? null,
  })
}

/** Writes a planned downward import inside commitImport's transaction; returns the counts for the ledger. */
export async function commitDownward(ctx: CommandContext, plan: DownwardPlan): Promise<OriginTableCount[]> {
  const sender = plan.sender.unitCode
  for (const e of plan.writes.standards) {
    await ctx.put('standards', e.issuer, {
      issuer: e.issuer,
      edition: e,
      source: 'received',
      bundleId: plan.bundleId,
      via: sender,
      receivedAt: ctx.now.instant,
      receivedBy: ctx.actor.userId,
    } satisfies StandardsRow)
  }
  for (const d of plan.writes.directory) {
    await putExchange(ctx, {
      key: EX.directory(d.unitCode),
      unitCode: d.unitCode,
      unitName: d.unitName,
      level: d.level,
      ...(d.parentCode ? { parentCode: d.parentCode } : {}),
      record: d.record,
      fingerprint: formatFingerprint(d.record.keyId),
      ...(d.revokedKeys ? { revokedKeys: d.revokedKeys } : {}),
      issuer: sender,
      bundleId: plan.bundleId,
      receivedAt: ctx.now.instant,
    } satisfies DirectoryRow)
  }
  for (const [table, rows] of Object.entries(plan.writes.records)) {
    await ctx.db.table(table).bulkPut(rows)
    ctx.changes.push({
      table: table as never,
      entityId: `import:${plan.bundleId}`,
      before: null,
      after: {
        bundleId: plan.bundleId,
        sender,
        count: rows.length,
        firstId: rows[0].id,
        lastId: rows[rows.length - 1].id,
        contentHash: hashOf(rows),
      },
    })
  }
  if (plan.rotation) {
    const r = plan.rotation
    const peer = (await ctx.db.exchange.get(EX.peer(r.unitCode))) as unknown as PeerRow
    await putExchange(ctx, {
      ...peer,
      record: r.next,
      fingerprint: r.nextFingerprint,
      retired: [
        ...(peer.retired ?? []),
        {
          keyId: peer.record.keyId,
          fingerprint: peer.fingerprint,
          retiredAt: ctx.now.instant,
          rotationBundleId: plan.bundleId,
        },
      ].slice(-32),
    } satisfies PeerRow)
    const unit = await ctx.db.units.get(r.unitCode)
    if (unit)
      await ctx.put('units', r.unitCode, { ...unit, publicKey: canonicalJson(r.next), fingerprint: r.nextFingerprint })
  }
  const counts: OriginTableCount[] = plan.counts.map((c) => ({ unitCode: sender, ...c }))
  if (plan.kind === 'standards') {
    counts.push({
      unitCode: sender,
      table: 'standards',
      new: plan.editions.filter((e) => e.verdict === 'new').length,
      updated: plan.editions.filter((e) => e.verdict === 'newer').length,
      unchanged: plan.editions.filter((e) => e.verdict === 'same' || e.verdict === 'older').length,
      rejected: plan.editions.filter((e) => e.verdict === 'conflict').length,
    })
  }
  return counts
}
