import 'fake-indexeddb/auto'
import { createCipheriv, createHash, createHmac, randomBytes, scryptSync } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest'
import type { createServices } from '../../../electron/services'
import { tableHashes } from '../../../electron/services/backup'
import { collectBackupTables, execute, restoreBackupTables } from '../../../renderer/src/db'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import { dispatch } from '../../../shared/ipc/dispatch'
import { canonicalJson } from '../../../shared/util/canonicalJson'
import { hashOf } from '../../../shared/util/hash'
import { webServices } from '../../mocks/services'
import { admin, freshDb, settingCommand, setUp, snapshot } from './fixtures'

let dir: string
let services: ReturnType<typeof createServices>
let source: JiuzhuDb

async function contentHashes(db: JiuzhuDb): Promise<Record<string, { count: number; hash: string }>> {
  const tables = await collectBackupTables(db)
  return Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, { count: rows.length, hash: hashOf(rows) }]))
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'backup-'))
  services = webServices(dir, join(dir, 'e'), join(dir, 'b'))
  source = freshDb()
  await source.open()
  await setUp(source)
  for (let i = 0; i < 5; i++)
    await execute(source, settingCommand(), admin, { key: `backup-probe-setting-${i}`, value: `备份探针值${i}` })
  await source.transaction('rw', source.attachmentBlobs, () =>
    source.attachmentBlobs.add({
      id: 'a1',
      blob: new Blob([new Uint8Array([0, 1, 2, 250, 255])], { type: 'image/png' }),
    }),
  )
  await source.cases.add({
    id: '110105-01ARZ3NDEKTSV4RRFFQ69G5FAV',
    ownerUnit: '110105',
    rev: 99,
    createdAt: 'x',
    updatedAt: 'x',
    createdBy: 'u',
    updatedBy: 'u',
    note: '中文备注',
  })
})
afterAll(async () => {
  source.close()
  await rm(dir, { recursive: true, force: true })
})

// the current scrypt parameters cost ~128 MiB and a few hundred ms: the tests share one written backup
let written: Promise<{ fileName: string }> | undefined
function write(): Promise<{ fileName: string }> {
  written ??= writeNew()
  return written
}

async function writeNew(password = 'Beifen2026x', fileName = '本院备份') {
  const res = await dispatch(services, 'backup:write', {
    fileName,
    password,
    unitCode: '110105',
    unitName: '北京市朝阳区人民检察院',
    createdAt: '2026-03-02T01:00:00.000Z',
    tables: await collectBackupTables(source),
  })
  if (!res.ok) throw new Error(res.error.message)
  return res.value as { fileName: string }
}

describe('backup and restore', () => {
  it('round-trips every table into an empty profile: identical counts and content hashes', async () => {
    const { fileName } = await write()
    const listed = await dispatch(services, 'backup:list', {})
    expect(listed).toMatchObject({ ok: true, value: { backups: [{ fileName: '本院备份.jzbak', unitCode: '110105' }] } })
    const read = await dispatch(services, 'backup:read', { fileName, password: 'Beifen2026x' })
    if (!read.ok) throw new Error(read.error.message)
    const target = freshDb()
    await target.open()
    await restoreBackupTables(target, (read.value as { tables: Record<string, unknown[]> }).tables)
    expect(await contentHashes(target)).toEqual(await contentHashes(source))
    const blob = await target.attachmentBlobs.get('a1')
    expect(blob?.blob.type).toBe('image/png')
    expect([...new Uint8Array(await blob!.blob.arrayBuffer())]).toEqual([0, 1, 2, 250, 255])
    target.close()
  })

  it('the file reveals no record content without the password', async () => {
    const { fileName } = await write()
    const raw = await readFile(join(dir, 'b', fileName))
    expect(raw.includes(Buffer.from('中文备注'))).toBe(false)
    // markers long enough (≥ 15 bytes) that random ciphertext cannot contain them by chance
    expect(raw.includes(Buffer.from('backup-probe-setting-1'))).toBe(false)
    expect(raw.includes(Buffer.from('备份探针值1'))).toBe(false)
    expect(raw.includes(Buffer.from('北京市朝阳区人民检察院'))).toBe(true)
  })

  it('a wrong password, a truncated file, a tampered file or a foreign file is refused and the target stays empty', async () => {
    const { fileName } = await write()
    const path = join(dir, 'b', fileName)
    const good = await readFile(path)
    const target = freshDb()
    await target.open()
    const empty = await snapshot(target)
    const cases: [string, Buffer | null, string, string][] = [
      ['wrong password', null, 'Cuowu2026x', 'backup.wrong-password'],
      ['truncated', good.subarray(0, good.length - 100), 'Beifen2026x', 'backup.damaged'],
      [
        'bit flip in body',
        Buffer.from(good.map((b, i) => (i === good.length - 40 ? b ^ 1 : b))),
        'Beifen2026x',
        'backup.damaged',
      ],
      [
        'header altered',
        Buffer.from(good.toString('latin1').replace('110105', '110106'), 'latin1'),
        'Beifen2026x',
        'backup.damaged',
      ],
      ['foreign file', Buffer.from('PK\u0003\u0004 not a backup'), 'Beifen2026x', 'backup.not-a-backup'],
      ['empty file', Buffer.alloc(0), 'Beifen2026x', 'backup.not-a-backup'],
    ]
    for (const [label, bytes, password, code] of cases) {
      const name = `case-${label.replace(/ /g, '-')}.jzbak`
      await writeFile(join(dir, 'b', name), bytes ?? good)
      const res = await dispatch(services, 'backup:read', { fileName: name, password })
      // the bad file goes again, so the backup folder lists only the good backup whatever runs next
      await rm(join(dir, 'b', name))
      expect(res, label).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(/未做任何改动/) } })
    }
    expect(await snapshot(target)).toEqual(empty)
    target.close()
  })

  it('restoring into a profile that already has data is refused and changes nothing', async () => {
    const { fileName } = await write()
    const read = await dispatch(services, 'backup:read', { fileName, password: 'Beifen2026x' })
    if (!read.ok) throw new Error(read.error.message)
    const before = await snapshot(source)
    await expect(
      restoreBackupTables(source, (read.value as { tables: Record<string, unknown[]> }).tables),
    ).rejects.toMatchObject({
      code: 'backup.target-not-empty',
    })
    expect(await snapshot(source)).toEqual(before)
  })

  it('new backups use scrypt N = 2^17; backups written by earlier versions (N = 2^15) still restore', async () => {
    const { fileName } = await write()
    const header = JSON.parse((await readFile(join(dir, 'b', fileName), 'utf8')).split('\n')[1])
    expect(header.kdf).toMatchObject({ alg: 'scrypt', logN: 17, r: 8, p: 1 })
    const tables = await collectBackupTables(source)
    await writeFile(join(dir, 'b', '旧版备份.jzbak'), legacyBackup('Beifen2026x', tables))
    const read = await dispatch(services, 'backup:read', { fileName: '旧版备份.jzbak', password: 'Beifen2026x' })
    expect(read).toMatchObject({ ok: true, value: { summary: { unitCode: '110105' } } })
    assert(read.ok, 'expected read to succeed')
    expect((read.value as { tables: unknown }).tables).toEqual(tables)
  })

  it('a hostile header (scrypt logN 20, r 32, p 16) is refused before deriving anything, and nothing is written', async () => {
    const good = await readFile(join(dir, 'b', (await write()).fileName), 'latin1')
    // crafted as an attacker would: the header's damage checksum recomputed, so only the parameter list stops it
    const hostile = withKdf(good, '"logN":20,"r":32,"p":16')
    expect(hostile).not.toBe(good)
    await writeFile(join(dir, 'b', '恶意备份.jzbak'), Buffer.from(hostile, 'latin1'))
    const target = freshDb()
    await target.open()
    const empty = await snapshot(target)
    const files = (await readdir(join(dir, 'b'))).sort()
    const started = performance.now()
    const res = await dispatch(services, 'backup:read', { fileName: '恶意备份.jzbak', password: 'Beifen2026x' })
    console.log(`hostile backup header (logN 20, r 32, p 16) refused in ${(performance.now() - started).toFixed(1)} ms`)
    expect(res).toMatchObject({
      ok: false,
      error: {
        code: 'backup.unsupported-kdf',
        message: expect.stringMatching(/logN=20、r=32、p=16.*未尝试解密，未做任何改动/s),
      },
    })
    // other sets that were never written are refused the same way (a cheaper one too: the list is closed)
    for (const kdf of ['"logN":14,"r":8,"p":1', '"logN":17,"r":8,"p":2', '"logN":"17","r":8,"p":1']) {
      await writeFile(join(dir, 'b', '恶意备份2.jzbak'), Buffer.from(withKdf(good, kdf), 'latin1'))
      const other = await dispatch(services, 'backup:read', { fileName: '恶意备份2.jzbak', password: 'Beifen2026x' })
      expect(other, kdf).toMatchObject({ ok: false, error: { code: 'backup.unsupported-kdf' } })
    }
    await rm(join(dir, 'b', '恶意备份2.jzbak'))
    expect((await readdir(join(dir, 'b'))).sort()).toEqual(files)
    expect(await snapshot(target)).toEqual(empty)
    // listed, but only as a file that cannot be used — nothing of its header is shown as a backup
    const listed = await dispatch(services, 'backup:list', {})
    if (!listed.ok) throw new Error(listed.error.message)
    const { backups } = listed.value as { backups: { fileName: string; unitName: string; problem?: string }[] }
    const listedHostile = backups.find((b) => b.fileName === '恶意备份.jzbak')
    expect(listedHostile).toMatchObject({ unitName: '', counts: {} })
    expect(listedHostile?.problem).toContain('logN=20、r=32、p=16')
    expect(backups.find((b) => b.fileName === '本院备份.jzbak')?.problem).toBeUndefined()
    target.close()
  })

  it('a damaged salt, parameter or check value is reported as a damaged file, not as a wrong password', async () => {
    const good = await readFile(join(dir, 'b', (await write()).fileName), 'latin1')
    const header = JSON.parse(good.split('\n')[1])
    const salt: string = header.kdf.salt
    const flipped = `${salt[0] === 'A' ? 'B' : 'A'}${salt.slice(1)}`
    const variants: [string, string][] = [
      ['character outside the alphabet', good.replace(salt, `${salt.slice(0, 3)}*${salt.slice(4)}`)],
      ['padding bits set', good.replace(salt, `${salt.slice(0, 21)}${salt[21] === 'B' ? 'C' : 'B'}==`)],
      ['another valid salt', good.replace(salt, flipped)],
      ['another accepted parameter set', good.replace('"logN":17,', '"logN":15,')],
      [
        'another valid check value',
        good.replace(header.check, `${header.check[0] === 'A' ? 'B' : 'A'}${header.check.slice(1)}`),
      ],
    ]
    for (const [label, changed] of variants) {
      expect(changed, label).not.toBe(good)
      await writeFile(join(dir, 'b', '盐被改动.jzbak'), Buffer.from(changed, 'latin1'))
      const res = await dispatch(services, 'backup:read', { fileName: '盐被改动.jzbak', password: 'Beifen2026x' })
      expect(res, label).toMatchObject({ ok: false, error: { code: 'backup.damaged' } })
      expect(res.ok ? '' : res.error.message, label).toBe(
        '备份文件已损坏、不完整或被改动过，无法恢复，未做任何改动。请使用另一份备份。',
      )
    }
    // a backup written before the checksum (version 1): another valid salt still reads as a wrong password
    // (docs/security.md §4); the right password on the intact file restores it
    const legacy = legacyBackup('Beifen2026x', await collectBackupTables(source)).toString('latin1')
    const legacySalt: string = JSON.parse(legacy.split('\n')[1]).kdf.salt
    const other = legacy.replace(legacySalt, `${legacySalt[0] === 'A' ? 'B' : 'A'}${legacySalt.slice(1)}`)
    await writeFile(join(dir, 'b', '旧版盐被改动.jzbak'), Buffer.from(other, 'latin1'))
    const old = await dispatch(services, 'backup:read', { fileName: '旧版盐被改动.jzbak', password: 'Beifen2026x' })
    expect(old).toMatchObject({ ok: false, error: { code: 'backup.wrong-password' } })
    await rm(join(dir, 'b', '旧版盐被改动.jzbak'))
  })

  it('backup:list lists every backup that is fine and marks a malformed file instead of failing entirely', async () => {
    const good = await readFile(join(dir, 'b', (await write()).fileName))
    const folder = await mkdtemp(join(tmpdir(), 'backup-list-'))
    const listing = webServices(folder, join(folder, 'e'), folder)
    const [magic, headerLine] = good.subarray(0, 70_000).toString('utf8').split('\n')
    const header = JSON.parse(headerLine) as Record<string, unknown>
    const withHeader = (patch: Record<string, unknown>) =>
      Buffer.concat([Buffer.from(`${magic}\n${JSON.stringify({ ...header, ...patch })}\n`, 'utf8'), randomBytes(64)])
    const bad: Record<string, Buffer> = {
      '1-计数不是数字.jzbak': withHeader({ counts: { cases: '很多' } }),
      '2-没有创建时间.jzbak': withHeader({ createdAt: undefined }),
      '3-单位名称含空字符.jzbak': withHeader({ unitName: '北京\u0000检察院' }),
      '4-头部不是JSON.jzbak': Buffer.from(`${magic}\n{"format":\n`, 'utf8'),
      '5-不是备份.jzbak': Buffer.from('这不是备份文件'),
      '6-空文件.jzbak': Buffer.alloc(0),
    }
    await writeFile(join(folder, '0-正常.jzbak'), good)
    await writeFile(join(folder, '9-正常.jzbak'), good)
    for (const [name, bytes] of Object.entries(bad)) await writeFile(join(folder, name), bytes)
    const listed = await dispatch(listing, 'backup:list', {})
    if (!listed.ok) throw new Error(listed.error.message)
    const { backups } = listed.value as { backups: { fileName: string; unitCode: string; problem?: string }[] }
    expect(backups.map((b) => b.fileName)).toEqual(['0-正常.jzbak', ...Object.keys(bad), '9-正常.jzbak'])
    for (const b of backups) {
      if (b.fileName.includes('正常')) {
        expect(b.problem, b.fileName).toBeUndefined()
        expect(b.unitCode).toBe('110105')
      } else {
        expect(b.problem, b.fileName).toMatch(/备份文件|不是本软件的备份/)
        expect(b.unitCode, b.fileName).toBe('')
      }
    }
    // the good ones still restore; the bad ones are refused on their own
    const read = await dispatch(listing, 'backup:read', { fileName: '9-正常.jzbak', password: 'Beifen2026x' })
    expect(read.ok).toBe(true)
    await rm(folder, { recursive: true, force: true })
  })

  it('选择备份文件: a backup picked elsewhere is copied into the backup folder and restores; anything else is refused and nothing is written', async () => {
    const { fileName } = await write()
    const bytes = await readFile(join(dir, 'b', fileName))
    const elsewhere = await mkdtemp(join(tmpdir(), 'picked-'))
    const folder = join(elsewhere, '备份')
    const picked = join(elsewhere, 'U盘上的备份.jzbak')
    await writeFile(picked, bytes)
    // desktop: the system's open dialog (stood in for) names the file
    const desktop = webServices(elsewhere, elsewhere, folder, { mode: 'electron', pickBackupFile: async () => picked })
    const res = await dispatch(desktop, 'backup:pick', {})
    expect(res).toMatchObject({
      ok: true,
      value: { fileName: 'U盘上的备份.jzbak', unitName: '北京市朝阳区人民检察院' },
    })
    const target = freshDb()
    await target.open()
    const read = await dispatch(desktop, 'backup:read', { fileName: 'U盘上的备份.jzbak', password: 'Beifen2026x' })
    if (!read.ok) throw new Error(read.error.message)
    await restoreBackupTables(target, (read.value as { tables: Record<string, unknown[]> }).tables)
    expect(await contentHashes(target)).toEqual(await contentHashes(source))
    target.close()
    // a cancelled dialog; browser mode: the same bytes uploaded again are reused, a different file kept beside
    const cancelled = webServices(elsewhere, elsewhere, folder, { pickBackupFile: async () => undefined })
    expect(await dispatch(cancelled, 'backup:pick', {})).toMatchObject({
      ok: false,
      error: { code: 'backup.pick-cancelled' },
    })
    const web = webServices(elsewhere, elsewhere, folder)
    expect(await dispatch(web, 'backup:pick', {})).toMatchObject({
      ok: false,
      error: { code: 'backup.pick-unavailable' },
    })
    const again = await dispatch(web, 'backup:import', {
      fileName: 'U盘上的备份.jzbak',
      bytes: bytes.toString('base64'),
    })
    expect(again).toMatchObject({ ok: true, value: { fileName: 'U盘上的备份.jzbak' } })
    const other = legacyBackup('Beifen2026x', { settings: [] })
    const beside = await dispatch(web, 'backup:import', {
      fileName: 'U盘上的备份.jzbak',
      bytes: other.toString('base64'),
    })
    expect(beside).toMatchObject({ ok: true, value: { fileName: 'U盘上的备份（2）.jzbak' } })
    // not a backup, or a name that could escape the folder
    const foreign = await dispatch(web, 'backup:import', {
      fileName: '照片.jzbak',
      bytes: Buffer.from('JPEG…').toString('base64'),
    })
    expect(foreign.ok || foreign.error.message).toBe('所选文件不是本软件的备份文件，未做任何改动。')
    const sneaky = await dispatch(web, 'backup:import', {
      fileName: '../../逃出.jzbak',
      bytes: bytes.toString('base64'),
    })
    expect(sneaky).toMatchObject({ ok: true, value: { fileName: '逃出.jzbak' } })
    expect((await readdir(folder)).sort()).toEqual(['U盘上的备份.jzbak', 'U盘上的备份（2）.jzbak', '逃出.jzbak'])
    await rm(elsewhere, { recursive: true, force: true })
  })

  it('a backup password shorter than 8 characters is refused before anything is written', async () => {
    const res = await dispatch(services, 'backup:write', {
      fileName: 'x',
      password: 'short',
      unitCode: '110105',
      unitName: 'x',
      createdAt: 'x',
      tables: {},
    })
    expect(res).toMatchObject({ ok: false, error: { code: 'ipc.invalid-args' } })
    assert(!res.ok, 'expected res to be refused')
    expect(res.error.message).toContain('备份密码至少 8 位')
  })
})

/** A backup exactly as versions before the closed list wrote it: scrypt N = 2^15, r = 8, p = 1. */
/**
 * A written backup with its scrypt parameters replaced and the header's damage checksum recomputed (SHA-256 over the
 * canonical JSON of the other header fields), as someone crafting a hostile file would.
 */
function withKdf(file: string, kdf: string): string {
  const [magic, line, ...rest] = file.split('\n') // latin1 text: one character a byte
  const header = JSON.parse(Buffer.from(line.replace('"logN":17,"r":8,"p":1', kdf), 'latin1').toString('utf8'))
  const { headerSum: _old, ...fields } = header
  const headerSum = createHash('sha256').update(canonicalJson(fields), 'utf8').digest('base64')
  const crafted = Buffer.from(JSON.stringify({ ...fields, headerSum }), 'utf8').toString('latin1')
  return [magic, crafted, ...rest].join('\n')
}

function legacyBackup(password: string, tables: Record<string, unknown[]>): Buffer {
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const key = scryptSync(password, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 })
  const header = {
    format: 'jiuzhu-backup',
    version: 1,
    createdAt: '2025-01-02T01:00:00.000Z',
    unitCode: '110105',
    unitName: '北京市朝阳区人民检察院',
    counts: Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, rows.length])),
    kdf: { alg: 'scrypt', logN: 15, r: 8, p: 1, salt: salt.toString('base64') },
    cipher: { alg: 'aes-256-gcm', iv: iv.toString('base64') },
    check: createHmac('sha256', key).update('jiuzhu-backup-password-check').digest('base64'),
  }
  const headerLine = Buffer.from(`JZBAK1\n${JSON.stringify(header)}\n`)
  const payload = gzipSync(Buffer.from(JSON.stringify({ manifest: tableHashes(tables), tables })))
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(headerLine)
  return Buffer.concat([headerLine, cipher.update(payload), cipher.final(), cipher.getAuthTag()])
}
