import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { bundleError } from '../../../shared/exchange/errors'
import { formatFingerprint } from '../../../shared/exchange/fingerprint'
import type { ArgsOf, ResultOf } from '../../../shared/ipc/contract'
import { bytesFromBase64, EXCHANGE_FOLDER } from '../bundle/appExchange'
import { unsealPrivateKeys } from '../bundle/keys'
import type { TrustedSenderLookup } from '../bundle/open'
import type { PackedBundle } from '../bundle/pack'
import { fileInFolder, writeAtomically } from '../files'
import { createUpdatePackage, relayUpdatePackage, type UpdateSender } from './packUpdate'
import { openUpdatePackage, type VerifiedUpdate } from './verifyUpdate'
import { receiveUpdatePackage } from './writeInstaller'

type UpdateChannel = 'update:receive' | 'update:relay' | 'update:create'
type UpdateServices = { [C in UpdateChannel]: (req: ArgsOf<C>) => Promise<ResultOf<C>> }

const trustedFrom =
  (records: ArgsOf<'update:receive'>['trusted']): TrustedSenderLookup =>
  (unitCode, keyId) =>
    records.find((r) => r.unitCode === unitCode && r.keyId === keyId)

/** What the screen shows of who signed: the issuer's key fingerprint and the hash of its package. */
const provenance = (v: VerifiedUpdate) => ({
  issuerFingerprint: formatFingerprint(v.issuer.record.keyId),
  packageHash: v.packageHash,
})

async function sender(req: { sealed: string; passphrase: string; unitCode: string } & Omit<UpdateSender, 'keys'>) {
  const keys = await unsealPrivateKeys(req.sealed, req.passphrase)
  if (keys.unitCode !== req.unitCode) throw bundleError('bundle.pack-invalid', { detail: '密钥不属于本院' })
  return { keys, unitCode: keys.unitCode, unitName: req.unitName, level: req.level }
}

/** Writes a package or relay envelope to `<导出>/数据交换/<name>`, atomically. */
async function writePackage(exportDir: string, fileName: string, packed: PackedBundle) {
  const folder = join(exportDir, EXCHANGE_FOLDER)
  await mkdir(folder, { recursive: true })
  const path = fileInFolder(folder, fileName)
  await writeAtomically(path, (tmp) => writeFile(tmp, packed.bytes))
  return { fileName, path, bytes: packed.bytes.length, bundleHash: packed.bundleHash }
}

const nameOf = (prefix: string, unitCode: string, u: VerifiedUpdate['update']) =>
  `${prefix}_${unitCode}_${u.appVersion}_${u.platform}_${u.arch}.jzb`

/**
 * The update package channels (docs/packaging.md §7). The running version, platform and architecture are this
 * process's own, so a page cannot claim an older app to get a downgrade through; the office key is unsealed for one
 * call only, as for every bundle this office signs.
 */
export function updateServices(ctx: { exportDir: string; appVersion: string; platform: string }): UpdateServices {
  return {
    'update:receive': async (req) => {
      const r = await receiveUpdatePackage(
        bytesFromBase64(req.bytes),
        {
          unitCode: req.unitCode,
          level: req.level,
          trusted: trustedFrom(req.trusted),
          runningVersion: ctx.appVersion,
          storeSchemaVersion: req.storeSchemaVersion,
          platform: ctx.platform,
          arch: process.arch,
        },
        ctx.exportDir,
      )
      return {
        update: r.update,
        runningVersion: ctx.appVersion,
        ...provenance(r),
        ...(r.relayedBy ? { relayedBy: r.relayedBy } : {}),
        folder: r.folder,
        path: r.path,
        summary: r.summary,
      }
    },
    'update:relay': async (req) => {
      const v = openUpdatePackage(bytesFromBase64(req.bytes), {
        unitCode: req.unitCode,
        level: req.level,
        trusted: trustedFrom(req.trusted),
      })
      const relayer = await sender(req)
      const packed = relayUpdatePackage({
        packageBytes: v.packageBytes,
        issuer: v.issuer,
        relayer,
        relayedOn: req.relayedOn,
      })
      const file = await writePackage(ctx.exportDir, nameOf('update-relay', relayer.unitCode, v.update), packed)
      return { ...file, update: v.update, ...provenance(v) }
    },
    'update:create': async (req) => {
      const issuer = await sender(req)
      const packed = createUpdatePackage({
        installer: bytesFromBase64(req.installer),
        description: req.description,
        sender: issuer,
      })
      const file = await writePackage(ctx.exportDir, nameOf('update', issuer.unitCode, packed.update), packed)
      return { ...file, update: packed.update }
    },
  }
}
