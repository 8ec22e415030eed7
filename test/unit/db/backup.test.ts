import 'fake-indexeddb/auto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices } from '../../../electron/services'
import { collectBackupTables, execute, restoreBackupTables } from '../../../renderer/src/db'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import { dispatch } from '../../../shared/ipc/dispatch'
import { hashOf } from '../../../shared/util/hash'
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
  services = createServices({
    mode: 'web',
    appVersion: '1',
    productName: 'p',
    platform: 'linux',
    dataDir: dir,
    exportDir: join(dir, 'e'),
    backupDir: join(dir, 'b'),
  })
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

async function write(password = 'Beifen2026x', fileName = '本院备份') {
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
      expect(res.ok, label).toBe(false)
      if (!res.ok) {
        expect(res.error.code, label).toBe(code)
        expect(res.error.message, label).toMatch(/未做任何改动/)
      }
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
    if (!res.ok) expect(res.error.message).toContain('备份密码至少 8 位')
  })
})
