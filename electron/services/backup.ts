import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { open, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { textCharacterProblem } from '../../shared/domain/schemas/primitives'
import { appError } from '../../shared/errors'
import { CodedError } from '../../shared/errors/coded'
import { base64PatternFor } from '../../shared/exchange/base64'
import { safeFileNameSchema } from '../../shared/ipc/contract'
import { canonicalJson } from '../../shared/util/canonicalJson'
import { hashOf } from '../../shared/util/hash'
import { acceptedScrypt, describeAccepted, describeScrypt, KDF_POLICY, type ScryptParams } from '../../shared/util/kdf'
import { fileInFolder, writeAtomically } from './files'
import { deriveScrypt } from './scrypt'

/**
 * Encrypted, authenticated full backups of an office profile (issue: record store §6).
 *
 * File layout (`.jzbak`):
 *   line 1  `JZBAK1`
 *   line 2  header JSON: format, createdAt, unit, per-table counts, scrypt parameters + salt, AES-GCM IV, a
 *           password check value (HMAC of a constant under the derived key, so a wrong password is told apart
 *           from a damaged body) and, from version 2, `headerSum`: SHA-256 of the canonical JSON of the other
 *           header fields, so a damaged salt, parameter or check value reads as a damaged file and not as a wrong
 *           password. The checksum detects damage only; a deliberate change is stopped by the GCM tag
 *           (docs/security.md §4). Version 1 files (no checksum) still open.
 *   rest    AES-256-GCM ciphertext of gzip(JSON payload), then the 16-byte tag; the header bytes are the
 *           additional authenticated data, so the header cannot be altered either.
 * The payload carries every table's rows and, per table, the count and a content hash that restore re-checks.
 * The scrypt parameters are read before anything is authenticated, so only the sets on the closed list
 * (shared/util/kdf.ts: N = 2^17 written now, N = 2^15 written before) are accepted; any other is refused before
 * deriving (`backup.unsupported-kdf`).
 */
const MAGIC = 'JZBAK1'
const SALT_BYTES = 16
const IV_BYTES = 12
const CHECK_BYTES = 32
const MAX_BACKUP_BYTES = 1024 * 1024 * 1024
/** V8's longest string (~512 MiB): the decompressed JSON payload must fit in one string. */
const MAX_PAYLOAD_CHARS = 0x1fffffe8

export type BackupTables = Record<string, unknown[]>

/** Version 2 adds `headerSum`. */
const HEADER_VERSION = 2

interface BackupHeader {
  format: 'jiuzhu-backup'
  version: 1 | 2
  createdAt: string
  unitCode: string
  unitName: string
  counts: Record<string, number>
  kdf: { alg: 'scrypt'; logN: number; r: number; p: number; salt: string }
  cipher: { alg: 'aes-256-gcm'; iv: string }
  check: string
  headerSum?: string
}

const headerSumOf = (fields: Record<string, unknown>) =>
  createHash('sha256').update(canonicalJson(fields), 'utf8').digest('base64')

/** The checksum a version-2 header should carry: over every field but itself (undefined if it cannot be computed). */
function expectedHeaderSum(header: Record<string, unknown>): string | undefined {
  const { headerSum: _s, ...fields } = header
  try {
    return headerSumOf(fields)
  } catch {
    return undefined
  }
}

export interface BackupSummary {
  fileName: string
  size: number
  createdAt: string
  unitCode: string
  unitName: string
  counts: Record<string, number>
  /** Listing only: why this file cannot be used (then the other fields are empty). */
  problem?: string
}

const deriveKey = (password: string, salt: Buffer, kdf: ScryptParams) => deriveScrypt('backup', password, salt, 32, kdf)

const checkValue = (key: Buffer) => createHmac('sha256', key).update('jiuzhu-backup-password-check').digest('base64')

export function tableHashes(tables: BackupTables): Record<string, { count: number; hash: string }> {
  return Object.fromEntries(
    Object.entries(tables).map(([name, rows]) => [name, { count: rows.length, hash: hashOf(rows) }]),
  )
}

export async function writeBackup(
  dir: string,
  fileName: string,
  input: { password: string; unitCode: string; unitName: string; createdAt: string; tables: BackupTables },
): Promise<BackupSummary> {
  const name = fileName.endsWith('.jzbak') ? fileName : `${fileName}.jzbak`
  const target = fileInFolder(dir, name)
  const kdf = KDF_POLICY.backup.current
  const salt = randomBytes(SALT_BYTES)
  const iv = randomBytes(IV_BYTES)
  const key = await deriveKey(input.password, salt, kdf)
  const counts = Object.fromEntries(Object.entries(input.tables).map(([t, rows]) => [t, rows.length]))
  const fields: BackupHeader = {
    format: 'jiuzhu-backup',
    version: HEADER_VERSION,
    createdAt: input.createdAt,
    unitCode: input.unitCode,
    unitName: input.unitName,
    counts,
    kdf: { alg: 'scrypt', logN: kdf.logN, r: kdf.r, p: kdf.p, salt: salt.toString('base64') },
    cipher: { alg: 'aes-256-gcm', iv: iv.toString('base64') },
    check: checkValue(key),
  }
  const header: BackupHeader = { ...fields, headerSum: headerSumOf({ ...fields }) }
  const headerLine = Buffer.from(`${MAGIC}\n${JSON.stringify(header)}\n`)
  const payload = gzipSync(Buffer.from(JSON.stringify({ manifest: tableHashes(input.tables), tables: input.tables })))
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(headerLine)
  const body = Buffer.concat([cipher.update(payload), cipher.final(), cipher.getAuthTag()])
  await writeAtomically(target, (tmp) => writeFile(tmp, Buffer.concat([headerLine, body])))
  const size = (await stat(target)).size
  return {
    fileName: name,
    size,
    createdAt: input.createdAt,
    unitCode: input.unitCode,
    unitName: input.unitName,
    counts,
  }
}

/**
 * The header of a backup, checked before anything is derived: the scrypt parameters must be a set on the closed list
 * (else `backup.unsupported-kdf`), and the salt, IV and check value canonical base64 of their exact sizes (a flipped
 * character that leaves the alphabet or the padding bits is then reported as damage, not as a wrong password).
 */
function parseHeader(file: Buffer): { header: BackupHeader; kdf: ScryptParams; headerLine: Buffer; body: Buffer } {
  const first = file.indexOf(0x0a)
  if (first < 0 || file.subarray(0, first).toString('latin1') !== MAGIC) throw new CodedError('backup.not-a-backup')
  const second = file.indexOf(0x0a, first + 1)
  if (second < 0 || second - first > 64 * 1024) throw new CodedError('backup.damaged')
  let header: BackupHeader
  try {
    header = JSON.parse(file.subarray(first + 1, second).toString('utf8'))
  } catch {
    throw new CodedError('backup.damaged')
  }
  if (
    header?.format !== 'jiuzhu-backup' ||
    (header.version !== 1 && header.version !== HEADER_VERSION) ||
    header.cipher?.alg !== 'aes-256-gcm' ||
    header.kdf?.alg !== 'scrypt'
  ) {
    throw new CodedError('backup.not-a-backup')
  }
  // version 2: damage to the salt, parameters or check value is reported as damage before anything is derived
  const sumOk =
    header.version === HEADER_VERSION
      ? header.headerSum === expectedHeaderSum(header as unknown as Record<string, unknown>)
      : header.headerSum === undefined
  if (!sumOk) throw new CodedError('backup.damaged')
  const kdf = acceptedScrypt('backup', header.kdf)
  if (!kdf) {
    throw new CodedError('backup.unsupported-kdf', {
      params: describeScrypt(header.kdf),
      accepted: describeAccepted('backup'),
    })
  }
  const canonical = (v: unknown, n: number): v is string => typeof v === 'string' && base64PatternFor(n).test(v)
  if (
    !canonical(header.kdf.salt, SALT_BYTES) ||
    !canonical(header.cipher.iv, IV_BYTES) ||
    !canonical(header.check, CHECK_BYTES)
  ) {
    throw new CodedError('backup.damaged')
  }
  return { header, kdf, headerLine: file.subarray(0, second + 1), body: file.subarray(second + 1) }
}

export async function readBackup(
  dir: string,
  fileName: string,
  password: string,
): Promise<{ summary: BackupSummary; tables: BackupTables }> {
  const path = fileInFolder(dir, fileName)
  let file: Buffer
  try {
    if ((await stat(path)).size > MAX_BACKUP_BYTES) throw new CodedError('backup.damaged')
    file = await readFile(path)
  } catch (e) {
    if (e instanceof CodedError) throw e
    throw new CodedError('backup.not-found', { name: fileName })
  }
  const { header, kdf, headerLine, body } = parseHeader(file)
  const key = await deriveKey(password, Buffer.from(header.kdf.salt, 'base64'), kdf)
  const expected = Buffer.from(header.check, 'base64')
  const actual = Buffer.from(checkValue(key), 'base64')
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
    throw new CodedError('backup.wrong-password')
  if (body.length < 17) throw new CodedError('backup.damaged')
  let plain: Buffer
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.cipher.iv, 'base64'))
    decipher.setAAD(headerLine)
    decipher.setAuthTag(body.subarray(body.length - 16))
    plain = Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()])
  } catch {
    throw new CodedError('backup.damaged')
  }
  let payload: { manifest: Record<string, { count: number; hash: string }>; tables: BackupTables }
  try {
    payload = JSON.parse(gunzipSync(plain, { maxOutputLength: MAX_PAYLOAD_CHARS }).toString('utf8'))
  } catch {
    throw new CodedError('backup.damaged')
  }
  const hashes = tableHashes(payload.tables)
  for (const [t, m] of Object.entries(payload.manifest)) {
    if (hashes[t]?.hash !== m.hash || hashes[t]?.count !== m.count) throw new CodedError('backup.damaged')
  }
  return {
    summary: {
      fileName,
      size: file.length,
      createdAt: header.createdAt,
      unitCode: header.unitCode,
      unitName: header.unitName,
      counts: header.counts,
    },
    tables: payload.tables,
  }
}

/** How much of a file `listBackups` reads: the magic line and the header line (≤ 64 KiB, see parseHeader). */
const HEADER_READ_BYTES = 64 * 1024 + 64

/** The header fields a listing shows, checked: one malformed file must not make the whole list unusable. */
function summaryProblem(header: BackupHeader): boolean {
  const counts = header.counts as unknown
  return !(
    typeof header.createdAt === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(header.createdAt) &&
    typeof header.unitCode === 'string' &&
    /^\d{6}$/.test(header.unitCode) &&
    typeof header.unitName === 'string' &&
    header.unitName.length > 0 &&
    header.unitName.length <= 60 &&
    textCharacterProblem(header.unitName) === null &&
    counts !== null &&
    typeof counts === 'object' &&
    !Array.isArray(counts) &&
    Object.keys(counts).length <= 200 &&
    Object.entries(counts).every(([t, n]) => /^[a-z][A-Za-z]{1,40}$/.test(t) && Number.isSafeInteger(n) && n >= 0)
  )
}

/**
 * The `.jzbak` files of the backup folder with what their headers say, reading only the header of each. A file that
 * cannot be read as a backup is listed too, marked with `problem` (a Chinese reason), instead of being left out or
 * — as before — making the whole list fail (the result's contract refused a header with odd fields): the operator
 * sees every backup that is fine and which file is not.
 */
export async function listBackups(dir: string): Promise<BackupSummary[]> {
  let names: string[]
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.jzbak'))
  } catch {
    return []
  }
  const out: BackupSummary[] = []
  for (const fileName of names.sort()) {
    let size = 0
    try {
      const handle = await open(join(dir, fileName), 'r')
      let head: Buffer
      try {
        size = (await handle.stat()).size
        if (size > MAX_BACKUP_BYTES) throw new CodedError('backup.damaged')
        const buffer = Buffer.alloc(Math.min(size, HEADER_READ_BYTES))
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
        head = buffer.subarray(0, bytesRead)
      } finally {
        await handle.close()
      }
      const { header } = parseHeader(head)
      if (summaryProblem(header)) throw new CodedError('backup.damaged')
      out.push({
        fileName,
        size,
        createdAt: header.createdAt,
        unitCode: header.unitCode,
        unitName: header.unitName,
        counts: header.counts,
      })
    } catch (e) {
      const error = e instanceof CodedError ? e : new CodedError('backup.damaged')
      out.push({
        fileName,
        size,
        createdAt: '',
        unitCode: '',
        unitName: '',
        counts: {},
        problem: appError(error.code, error.params).message,
      })
    }
  }
  return out
}

/**
 * 选择备份文件: a backup picked anywhere on the computer (the desktop's open dialog, or uploaded in browser mode) is
 * checked to be a readable backup header — a wrong or damaged file is refused and nothing is written — and copied
 * into the backup folder, where restore (`readBackup`) finds it. A file of the same name and the same bytes is
 * reused; a different one keeps both (“名称（2）.jzbak”). The picked file's name is kept when it is a safe name,
 * else the copy is named after the office and the backup's time.
 */
export async function importBackup(dir: string, pickedName: string, bytes: Buffer): Promise<BackupSummary> {
  if (bytes.length > MAX_BACKUP_BYTES) throw new CodedError('backup.damaged')
  const { header } = parseHeader(bytes.subarray(0, HEADER_READ_BYTES))
  if (summaryProblem(header)) throw new CodedError('backup.damaged')
  const base = pickedName.replace(/^.*[\\/]/, '').replace(/\.jzbak$/i, '')
  const stamp = header.createdAt.slice(0, 19).replace(/[-:T]/g, '')
  const stem =
    [base, `${header.unitName}备份-${stamp}`].find((s) => safeFileNameSchema.safeParse(`${s}（9）.jzbak`).success) ??
    `导入的备份-${stamp}`
  let fileName = `${stem}.jzbak`
  for (let n = 2; ; n++) {
    const existing = await readFile(fileInFolder(dir, fileName)).catch(() => undefined)
    if (!existing || existing.equals(bytes)) break
    fileName = `${stem}（${n}）.jzbak`
  }
  const target = fileInFolder(dir, fileName)
  await writeAtomically(target, (tmp) => writeFile(tmp, bytes))
  const { createdAt, unitCode, unitName, counts } = header
  return { fileName, size: bytes.length, createdAt, unitCode, unitName, counts }
}
