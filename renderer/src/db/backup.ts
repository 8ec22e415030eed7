import { CodedError } from '@shared/errors/coded'
import { decodeBase64, encodeBase64 } from '@shared/util/base64'
import { OWN_UNIT_KEY } from './commands/office'
import type { JiuzhuDb } from './database'
import { storageErrorFrom } from './errors'

/** Blobs cannot cross IPC as JSON: attachments travel base64-encoded inside a backup. */
interface EncodedBlob {
  id: string
  type: string
  base64: string
}

/** Every table of the profile, as plain rows, read in one consistent transaction. */
export async function collectBackupTables(db: JiuzhuDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {}
  await db.transaction('r', db.tables, async () => {
    for (const table of db.tables) out[table.name] = await table.toArray()
  })
  const blobs = (out.attachmentBlobs ?? []) as { id: string; blob: Blob }[]
  const encoded: EncodedBlob[] = []
  for (const b of blobs)
    encoded.push({ id: b.id, type: b.blob.type, base64: encodeBase64(new Uint8Array(await b.blob.arrayBuffer())) })
  out.attachmentBlobs = encoded
  return out
}

/**
 * Restores a verified backup into an EMPTY profile, all tables in one transaction: either everything is restored
 * or nothing is. A profile that already holds this office's data is refused.
 */
export async function restoreBackupTables(db: JiuzhuDb, tables: Record<string, unknown[]>): Promise<void> {
  const known = new Set(db.tables.map((t) => t.name))
  for (const name of Object.keys(tables)) if (!known.has(name)) throw new CodedError('backup.damaged')
  const rows = { ...tables }
  rows.attachmentBlobs = ((tables.attachmentBlobs ?? []) as EncodedBlob[]).map((b) => ({
    id: b.id,
    blob: new Blob([decodeBase64(b.base64)], { type: b.type }),
  }))
  try {
    await db.transaction('rw', db.tables, async () => {
      if (await db.settings.get(OWN_UNIT_KEY)) throw new CodedError('backup.target-not-empty')
      for (const table of db.tables) if ((await table.count()) > 0) throw new CodedError('backup.target-not-empty')
      for (const [name, list] of Object.entries(rows)) if (list.length) await db.table(name).bulkAdd(list)
    })
  } catch (e) {
    throw new CodedError(storageErrorFrom(e).code, storageErrorFrom(e).params)
  }
}
