import { appError, fail, ok, type Result } from '@shared/errors'
import type { DesktopApi } from '@shared/ipc/api'
import type { ArgsOf, ResultOf } from '@shared/ipc/contract'
import { platformLabel, updateManifestSchema } from '@shared/update/updateManifest'
import { z } from 'zod'
import type { JiuzhuDb, UnitRow } from '../database'
import { getOfficeKey, trustedOffices } from '../exchange'
import type { Actor } from './context'
import { type CommandSpec, type ExecuteOptions, execute } from './execute'

/**
 * 软件更新包 in the app (docs/packaging.md §7). The main process verifies, signs and writes the files; the store
 * keeps no record of a package, only one audit entry per package received (the installer handed over for IT),
 * relayed to the subordinates or made here — through the command layer, after the main process has succeeded.
 * A refused package leaves nothing: no file, no audit entry. The flows take (db, actor, api, own, …) as the other
 * exchange flows do.
 */
export type UpdateApi = Pick<DesktopApi, 'updateReceive' | 'updateRelay' | 'updateCreate'>

const unit = z.strictObject({ unitCode: z.string().regex(/^\d{6}$/), unitName: z.string().max(60) })
/** What the audit log keeps of a package, under keys the audit viewer names in Chinese (shared/errors/fieldLabels.ts). */
const updateEventInput = z.strictObject({
  packageHash: z.string().regex(/^[0-9a-f]{64}$/),
  appVersion: updateManifestSchema.shape.appVersion,
  minVersionFrom: updateManifestSchema.shape.minVersionFrom,
  /** `Windows（x86 64 位）`, as the screen names it. */
  targetSystem: z.string().max(40),
  installer: z.strictObject({ fileName: z.string().max(120), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  signedBy: unit,
  signerFingerprint: z.string().max(40).optional(),
  relayedBy: unit.optional(),
  /** The installer handed over, or the package / relay envelope written. */
  path: z.string().max(4096),
})
type UpdateEvent = z.infer<typeof updateEventInput>

function updateEvent(name: 'update.receive' | 'update.relay' | 'update.create'): CommandSpec<UpdateEvent, void> {
  return {
    name,
    input: updateEventInput,
    tables: [],
    async run(ctx, input) {
      ctx.noteEvent(`update:${input.packageHash}`, input)
    },
  }
}
export const recordUpdateReceived = updateEvent('update.receive')
export const recordUpdateRelayed = updateEvent('update.relay')
export const recordUpdateCreated = updateEvent('update.create')

type Manifest = ResultOf<'update:receive'>['update']
const eventOf = (
  u: Manifest,
  packageHash: string,
  path: string,
  extra: Pick<UpdateEvent, 'signerFingerprint' | 'relayedBy'> = {},
): UpdateEvent => ({
  packageHash,
  appVersion: u.appVersion,
  minVersionFrom: u.minVersionFrom,
  targetSystem: platformLabel(u.platform, u.arch),
  installer: { fileName: u.fileName, sha256: u.sha256 },
  signedBy: u.issuer,
  ...extra,
  path,
})

/** The newest store migration applied here: what a package's store schema must not be older than. */
export function storeSchemaVersion(db: JiuzhuDb): number {
  return db.verno
}

/** The keys this office trusts to sign or vouch for a package: enrolled or from the directory, none retired or revoked. */
async function trustedKeys(db: JiuzhuDb, own: UnitRow) {
  const offices = await db.transaction('r', db.exchange, () => trustedOffices(db, own))
  return offices
    .filter((o) => o.unitCode !== own.code && !o.revokedKeys.some((r) => r.keyId === o.record.keyId))
    .map((o) => o.record)
}

/** What signing needs: this office has subordinates, a key, and the passphrase was typed. */
async function signingKey(db: JiuzhuDb, own: UnitRow, passphrase: string): Promise<Result<string>> {
  if (own.level === 'basic') return fail(appError('update.no-subordinates'))
  const key = await getOfficeKey(db)
  if (!key) return fail(appError('exchange.no-office-key'))
  if (!passphrase) return fail(appError('exchange.passphrase-required'))
  return ok(key.sealed)
}

/**
 * 接收软件更新包: the main process verifies the picked package against the offices this office trusts and the
 * running app, then writes the installer and its notes for IT; one audit entry records it.
 */
export async function receiveUpdate(
  db: JiuzhuDb,
  actor: Actor,
  api: Pick<UpdateApi, 'updateReceive'>,
  own: UnitRow,
  bytes: string,
  options: ExecuteOptions = {},
): Promise<Result<ResultOf<'update:receive'>>> {
  const trusted = await trustedKeys(db, own)
  const got = await api.updateReceive({
    bytes,
    unitCode: own.code,
    level: own.level,
    storeSchemaVersion: storeSchemaVersion(db),
    trusted,
  })
  if (!got.ok) return got
  const { update, packageHash, issuerFingerprint, relayedBy, path } = got.value
  const event = eventOf(update, packageHash, path, {
    signerFingerprint: issuerFingerprint,
    ...(relayedBy ? { relayedBy } : {}),
  })
  const noted = await execute(db, recordUpdateReceived, actor, event, options)
  return noted.ok ? got : noted
}

/**
 * 转发给下级院: the picked package (as received, or a relay envelope around it) is checked again — signatures and
 * installer, not this machine — and sent on unchanged inside an envelope signed with this office's key.
 */
export async function relayUpdate(
  db: JiuzhuDb,
  actor: Actor,
  api: Pick<UpdateApi, 'updateRelay'>,
  own: UnitRow,
  input: { bytes: string; passphrase: string; relayedOn: string },
  options: ExecuteOptions = {},
): Promise<Result<ResultOf<'update:relay'>>> {
  const sealed = await signingKey(db, own, input.passphrase)
  if (!sealed.ok) return sealed
  const relayed = await api.updateRelay({
    ...input,
    unitCode: own.code,
    unitName: own.name,
    level: own.level,
    trusted: await trustedKeys(db, own),
    sealed: sealed.value,
  })
  if (!relayed.ok) return relayed
  const { update, packageHash, issuerFingerprint, path } = relayed.value
  const noted = await execute(
    db,
    recordUpdateRelayed,
    actor,
    eventOf(update, packageHash, path, { signerFingerprint: issuerFingerprint }),
    options,
  )
  return noted.ok ? relayed : noted
}

/** 制作软件更新包: an installer and its description, signed with this office's key. */
export async function createUpdate(
  db: JiuzhuDb,
  actor: Actor,
  api: Pick<UpdateApi, 'updateCreate'>,
  own: UnitRow,
  input: { installer: string; description: ArgsOf<'update:create'>['description']; passphrase: string },
  options: ExecuteOptions = {},
): Promise<Result<ResultOf<'update:create'>>> {
  const sealed = await signingKey(db, own, input.passphrase)
  if (!sealed.ok) return sealed
  const made = await api.updateCreate({
    ...input,
    unitCode: own.code,
    unitName: own.name,
    level: own.level,
    sealed: sealed.value,
  })
  if (!made.ok) return made
  const noted = await execute(
    db,
    recordUpdateCreated,
    actor,
    eventOf(made.value.update, made.value.bundleHash, made.value.path),
    options,
  )
  return noted.ok ? made : noted
}
