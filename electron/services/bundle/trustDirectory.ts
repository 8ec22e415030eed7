import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { bundleError } from '../../../shared/exchange/errors'
import { keyIdOf } from '../../../shared/exchange/fingerprint'
import type { OfficeKeyRecord } from '../../../shared/exchange/keyRecord'
import { fileInFolder, writeAtomically } from '../files'
import { EXCHANGE_FOLDER } from './appExchange'

export const TRUST_DIRECTORY_FORMAT = 'jiuzhu-trust-directory'

export interface TrustEntry {
  unitCode: string
  unitName: string
  record: OfficeKeyRecord
  /** Keys of this office no longer trusted here (retired by 密钥更换 or revoked by 吊销密钥). */
  revokedKeys: { keyId: string }[]
}

/**
 * 导出可信单位目录: writes the keys this office trusts — its own and those of the offices enrolled with it, with
 * the keys they no longer use — to `<exportDir>/数据交换/可信单位目录_<unit>_<date>.json`, in the form
 * `npm run cli -- bundle verify|dump --trust <file>` reads (docs/bundle-format.md §10: an object with a `directory`
 * array of `{ unitCode, record, revokedKeys }`). Every record's key id must derive from its keys and name its office,
 * so the file never says more than the office's own store does.
 */
export async function writeTrustDirectory(
  exportDir: string,
  req: { unitCode: string; writtenAt: string; entries: TrustEntry[] },
): Promise<{ fileName: string; path: string; count: number }> {
  for (const e of req.entries) {
    if (e.record.unitCode !== e.unitCode || keyIdOf(e.record) !== e.record.keyId) {
      throw bundleError('bundle.keys-invalid', { detail: `${e.unitName}（${e.unitCode}）的密钥编号与公钥或单位不符` })
    }
  }
  const folder = join(exportDir, EXCHANGE_FOLDER)
  await mkdir(folder, { recursive: true })
  const fileName = `可信单位目录_${req.unitCode}_${req.writtenAt.slice(0, 10).replaceAll('-', '')}.json`
  const path = fileInFolder(folder, fileName)
  const body = { format: TRUST_DIRECTORY_FORMAT, version: 1, unitCode: req.unitCode, writtenAt: req.writtenAt }
  const text = `${JSON.stringify({ ...body, directory: req.entries }, null, 2)}\n`
  await writeAtomically(path, (tmp) => writeFile(tmp, text, 'utf8'))
  return { fileName, path, count: req.entries.length }
}
