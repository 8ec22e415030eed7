import { z } from 'zod'
import { unitLevels } from '../domain/officeSetup'
import { officeKeyRecordSchema } from '../exchange/keyRecord'
import { updateManifestSchema } from '../update/updateManifest'

/**
 * The IPC channel of the software update package (docs/packaging.md §7): `update:receive` verifies a picked
 * package against the offices this office trusts and the running app (its version, platform and architecture are
 * the main process's own, never the page's), then writes the installer and 更新说明.txt to `<导出>/软件更新/<版本>/`.
 * The package travels as base64 (contract cap 200 MiB of base64 ≈ 150 MB; larger ones: `npm run cli -- update`).
 */
export const updateContract = {
  'update:receive': {
    args: z
      .object({
        bytes: z
          .string()
          .min(4)
          .max(200 * 1024 * 1024)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容编码不正确'),
        unitCode: z.string().regex(/^\d{6}$/),
        level: z.enum(unitLevels),
        /** The newest store migration applied on this machine (the page's database version). */
        storeSchemaVersion: z.number().int().min(1).max(9999),
        /** Keys of the offices this office trusts (enrolled, or from the signed unit directory), revoked ones left out. */
        trusted: z.array(officeKeyRecordSchema).max(10_000),
      })
      .strict(),
    result: z
      .object({
        update: updateManifestSchema,
        runningVersion: z.string(),
        relayedBy: z.object({ unitCode: z.string(), unitName: z.string() }).strict().optional(),
        folder: z.string(),
        path: z.string(),
        summary: z.string(),
      })
      .strict(),
  },
}
