import { appError, fail, ok, type Result } from '@shared/errors'
import { CodedError } from '@shared/errors/coded'
import { formatFingerprint } from '@shared/exchange/fingerprint'
import { keyRotationSchema } from '@shared/exchange/keyRecord'
import { canonicalJson } from '@shared/util/canonicalJson'
import { z } from 'zod'
import type { Actor } from '../../commands/context'
import type { CommandSpec } from '../../commands/execute'
import { type ExecuteOptions, execute } from '../../commands/execute'
import type { JiuzhuDb, UnitRow } from '../../database'
import { type ExchangeApi, type PackOutcome, packAndRecord } from '../export/pack'
import { getOfficeKey, plain } from '../reads'
import {
  EX,
  keyInput,
  type OfficeKeyRow,
  ownUnit,
  type PeerRow,
  putExchange,
  sealedKeyId,
  storeOfficeKey,
} from '../store'

/**
 * 密钥轮换 (docs/exchange.md §一.7–11): the commands that rotate the office key and re-seal retired keys, and the
 * procedures the screen runs (rotate, announce to every enrolled office, re-seal after a passphrase change).
 */

const rotateInput = keyInput.extend({ rotation: keyRotationSchema }).strict()

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
    const current = (await ctx.read.exchange.get(EX.officeKey)) as OfficeKeyRow | undefined
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
    await putExchange(ctx, retired)
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
    const row = (await ctx.read.exchange.get(EX.retiredKey(keyId))) as RetiredKeyRow | undefined
    if (!row || sealedKeyId(sealed) !== keyId) throw new CodedError('exchange.key-mismatch')
    await ctx.put('exchange', row.key, { ...row, sealed }, { resealed: true })
  },
}

// ---- 报备 ------------------------------------------------------------------------------------------------------

/** 更换本院密钥: the main process makes the new key and the rotation signed by the current key; stored in one command. */
export async function rotateKey(
  db: JiuzhuDb,
  actor: Actor,
  api: ExchangeApi,
  passphrase: string,
  options?: ExecuteOptions,
): Promise<Result<{ fingerprint: string }>> {
  const key = await getOfficeKey(db)
  if (!key) return fail(appError('exchange.no-office-key'))
  if (!passphrase) return fail(appError('exchange.passphrase-required'))
  const made = await api.exchangeRotateKeys({ sealed: key.sealed, passphrase })
  if (!made.ok) return made
  return execute(db, rotateOfficeKey, actor, made.value, options)
}

/** The retired key the current one replaced (its sealed text signs the rotation bundles). */
export async function lastRotation(db: JiuzhuDb): Promise<RetiredKeyRow | undefined> {
  const key = await getOfficeKey(db)
  const previous = key?.record.previousKeyId
  return previous ? ((await db.exchange.get(EX.retiredKey(previous))) as RetiredKeyRow | undefined) : undefined
}

/** 导出密钥更换通知 to one enrolled office: the rotation, in a bundle signed by the OLD key, encrypted to the peer. */
export async function exportRotation(
  db: JiuzhuDb,
  actor: Actor,
  api: ExchangeApi,
  own: UnitRow,
  passphrase: string,
  peerCode: string,
  options?: ExecuteOptions,
): Promise<Result<PackOutcome>> {
  const retired = await lastRotation(db)
  if (!retired) return fail(appError('exchange.nothing-to-send', { unitName: peerCode, what: '密钥更换通知' }))
  const peer = (await db.exchange.get(EX.peer(peerCode))) as PeerRow | undefined
  if (!peer) return fail(appError('exchange.no-peers'))
  return packAndRecord(
    db,
    actor,
    api,
    own,
    {
      kind: 'key-rotation',
      signWith: retired.sealed,
      receiver: peer,
      passphrase,
      tables: { rotation: [plain(retired.rotation)] },
      origins: [],
      counts: { rotation: 1 },
    },
    options,
  )
}

/** 修改密钥口令 for the retired keys too (after the current one), so bundles in flight to them still open. */
export async function resealRetired(
  db: JiuzhuDb,
  actor: Actor,
  api: ExchangeApi,
  oldPassphrase: string,
  newPassphrase: string,
  options?: ExecuteOptions,
): Promise<Result<number>> {
  const rows = (await db.exchange.where('key').startsWith('retiredKey:').toArray()) as unknown as RetiredKeyRow[]
  let n = 0
  for (const r of rows) {
    const res = await api.exchangeChangePassphrase({ sealed: r.sealed, passphrase: oldPassphrase, newPassphrase })
    if (!res.ok) continue // a retired key sealed under an even older passphrase stays as it was
    const saved = await execute(
      db,
      replaceRetiredSealed,
      actor,
      { keyId: r.record.keyId, sealed: res.value.sealed },
      options,
    )
    if (saved.ok) n++
  }
  return ok(n)
}
