import { textSchema } from '@shared/domain/schemas/primitives'
import { appError, fail, type Result } from '@shared/errors'
import { CodedError } from '@shared/errors/coded'
import { formatFingerprint } from '@shared/exchange/fingerprint'
import { z } from 'zod'
import type { Actor } from '../../commands/context'
import { type CommandSpec, type ExecuteOptions, execute } from '../../commands/execute'
import type { JiuzhuDb, UnitRow } from '../../database'
import type { ExchangeApi } from '../export/pack'
import {
  EX,
  type KeyRevocation,
  keyInput,
  type OfficeKeyRow,
  ownUnit,
  type PeerRow,
  putExchange,
  revocationOf,
  storeOfficeKey,
} from '../store'

/**
 * 吊销密钥 and 重新生成本院密钥 (docs/exchange.md “吊销密钥”): when an office's key is lost (passphrase forgotten) or
 * stolen, the old key cannot sign a rotation. Instead the office it is enrolled with declares the key void here, with
 * a reason; bundles signed with it are refused from then on and nothing is encrypted to it; the revocation goes down
 * in the signed unit directory. The office itself makes a new key pair (under a new passphrase) and enrols again with
 * a fresh enrollment bundle, its fingerprint read aloud and typed; its channel and the revs already held continue.
 */

const revokeInput = z
  .object({
    unitCode: z.string().regex(/^\d{6}$/),
    reason: textSchema(200, '吊销原因'),
  })
  .strict()

/**
 * 吊销密钥 of an enrolled office (a subordinate, or the parent): its current key is added to the office's revoked
 * keys. Audited like every exchange row. A key already revoked cannot be revoked again.
 */
export const revokePeerKey: CommandSpec<z.input<typeof revokeInput>, KeyRevocation> = {
  name: 'exchange.enroll',
  input: revokeInput as z.ZodType<z.input<typeof revokeInput>>,
  tables: ['exchange'],
  async run(ctx, raw) {
    const { unitCode, reason } = revokeInput.parse(raw)
    const peer = (await ctx.read.exchange.get(EX.peer(unitCode))) as PeerRow | undefined
    if (!peer) throw new CodedError('exchange.revoke-invalid', { detail: `单位 ${unitCode} 未在本院登记` })
    const done = revocationOf(peer, peer.record.keyId)
    if (done) {
      throw new CodedError('exchange.revoke-invalid', {
        detail: `“${peer.unitName}”的现用密钥（指纹 ${peer.fingerprint}）已于 ${done.revokedAt.slice(0, 10)} 吊销，请等待其重新入网登记`,
      })
    }
    const revocation: KeyRevocation = {
      keyId: peer.record.keyId,
      fingerprint: peer.fingerprint,
      revokedAt: ctx.now.instant,
      revokedBy: ctx.actor.userId,
      reason,
    }
    await putExchange(ctx, { ...peer, revoked: [...(peer.revoked ?? []), revocation].slice(-32) } satisfies PeerRow)
    return revocation
  },
}

/**
 * 重新生成本院密钥 (the old one lost or stolen): installs a fresh key pair made by the main process under a NEW
 * passphrase. It is not a rotation (nothing signed by the old key, no `previousKeyId`); the old key is not kept —
 * a lost one cannot be opened, a stolen one must not be used again — so bundles still in flight to it have to be
 * sent again. The enrolled offices learn the new key only by enrolling it again (after revoking the old one).
 */
export const reissueOfficeKey: CommandSpec<z.infer<typeof keyInput>, { fingerprint: string; previous: string }> = {
  name: 'exchange.keys',
  input: keyInput,
  tables: ['units', 'exchange', 'settings'],
  async run(ctx, input) {
    const current = (await ctx.read.exchange.get(EX.officeKey)) as OfficeKeyRow | undefined
    if (!current) throw new CodedError('exchange.no-office-key')
    if (input.record.previousKeyId || input.record.keyId === current.record.keyId) {
      throw new CodedError('exchange.key-mismatch')
    }
    await storeOfficeKey(ctx, await ownUnit(ctx), input, await ctx.nextRev())
    return { fingerprint: formatFingerprint(input.record.keyId), previous: current.fingerprint }
  },
}

/** 吊销密钥 as the 数据交换 screen runs it. */
export function revokeKey(
  db: JiuzhuDb,
  actor: Actor,
  unitCode: string,
  reason: string,
  options?: ExecuteOptions,
): Promise<Result<KeyRevocation>> {
  return execute(db, revokePeerKey, actor, { unitCode, reason }, options)
}

/** 重新生成本院密钥: a new key pair sealed under the new passphrase in the main process, installed in one command. */
export async function reissueKey(
  db: JiuzhuDb,
  actor: Actor,
  api: ExchangeApi,
  own: UnitRow,
  newPassphrase: string,
  options?: ExecuteOptions,
): Promise<Result<{ fingerprint: string; previous: string }>> {
  if (!newPassphrase) return fail(appError('exchange.passphrase-required'))
  const made = await api.exchangeCreateKeys({ unitCode: own.code, passphrase: newPassphrase })
  if (!made.ok) return made
  return execute(db, reissueOfficeKey, actor, made.value, options)
}
