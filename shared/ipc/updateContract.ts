import { z } from 'zod'
import { unitLevels } from '../domain/officeSetup'
import { officeKeyRecordSchema } from '../exchange/keyRecord'
import { updateManifestSchema } from '../update/updateManifest'

/**
 * The IPC channels of the software update package (docs/packaging.md §7). `update:receive` verifies a picked
 * package against the offices this office trusts and the running app (its version, platform and architecture are
 * the main process's own, never the page's), then writes the installer and 更新说明.txt to `<导出>/软件更新/<版本>/`.
 * `update:relay` checks a package the same way except for this machine (an office relays packages for systems it
 * does not run) and writes the relay envelope signed with this office's key; `update:create` signs a new package
 * around an installer. Files travel as base64 (contract cap 200 MiB of base64 ≈ 150 MB; larger ones: the CLI).
 */
const base64 = z
  .string()
  .min(4)
  .max(200 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容编码不正确')
const unitCode = z.string().regex(/^\d{6}$/)
/** The office key as stored (sealed with the key passphrase) and the passphrase typed for this call. */
const sealed = z
  .string()
  .min(100)
  .max(16 * 1024)
const passphrase = z.string().min(1).max(256)
const trusted = z.array(officeKeyRecordSchema).max(10_000)
const issuerFingerprint = z.string().max(40)
/** A package or relay envelope written to `<导出>/数据交换/`. */
const written = { fileName: z.string(), path: z.string(), bytes: z.number().int(), bundleHash: z.string() }

export const updateContract = {
  'update:receive': {
    args: z
      .object({
        bytes: base64,
        unitCode,
        level: z.enum(unitLevels),
        /** The newest store migration applied on this machine (the page's database version). */
        storeSchemaVersion: z.number().int().min(1).max(9999),
        /** Keys of the offices this office trusts (enrolled, or from the signed unit directory), revoked ones left out. */
        trusted,
      })
      .strict(),
    result: z
      .object({
        update: updateManifestSchema,
        runningVersion: z.string(),
        /** The issuing office's key fingerprint, as verified: read aloud to check with the issuer if in doubt. */
        issuerFingerprint,
        /** SHA-256 of the package as the issuer signed it (the same at every level it is relayed through). */
        packageHash: z.string(),
        relayedBy: z.object({ unitCode: z.string(), unitName: z.string() }).strict().optional(),
        folder: z.string(),
        path: z.string(),
        summary: z.string(),
      })
      .strict(),
  },
  'update:relay': {
    args: z
      .object({
        bytes: base64,
        unitCode,
        unitName: z.string().min(1).max(60),
        level: z.enum(unitLevels),
        trusted,
        sealed,
        passphrase,
        relayedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      })
      .strict(),
    result: z
      .object({
        ...written,
        update: updateManifestSchema,
        issuerFingerprint,
        packageHash: z.string(),
      })
      .strict(),
  },
  'update:create': {
    args: z
      .object({
        installer: base64,
        description: updateManifestSchema.pick({
          appVersion: true,
          minVersionFrom: true,
          storeSchemaVersion: true,
          platform: true,
          arch: true,
          fileName: true,
          notes: true,
          issuedOn: true,
        }),
        unitCode,
        unitName: z.string().min(1).max(60),
        level: z.enum(unitLevels),
        sealed,
        passphrase,
      })
      .strict(),
    result: z.object({ ...written, update: updateManifestSchema }).strict(),
  },
}
