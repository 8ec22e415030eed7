import { spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sealPrivateKeys } from '../../electron/services/bundle/keys'
import { packBundle } from '../../electron/services/bundle/pack'
import { archiveInput, cases, keys, openInput } from '../unit/bundle/helpers'
import { ROOT } from './harness'

/**
 * `npm run cli -- bundle dump <file> --key <sealed key file>` through the BUILT command line: the key file is the
 * office's sealed key (docs/bundle-format.md §2.1), its passphrase in JIUZHU_KEY_PASSPHRASE; records as one JSON
 * object or as NDJSON; an open bundle (a transfer package for a court) needs no key; every failure exits ≠ 0 with a
 * Chinese reason.
 */
const PASS = '南京市院口令2026'
const cli = (env: Record<string, string>, ...args: string[]) =>
  spawnSync('node', [resolve(ROOT, 'out/main/cli.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...env } })

describe('bundle dump on the built command line', () => {
  let dir: string
  let archive: string
  let keyFile: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cli-dump-'))
    archive = join(dir, 'archive.jzb')
    keyFile = join(dir, 'city.key.json')
    await writeFile(archive, packBundle(archiveInput()).bytes)
    await writeFile(keyFile, await sealPrivateKeys(keys.city, PASS))
    await writeFile(join(dir, 'open.jzb'), packBundle(openInput()).bytes)
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('decrypts with the sealed key file and prints the records as JSON, or as NDJSON per table', () => {
    const r = cli({ JIUZHU_KEY_PASSPHRASE: PASS }, 'bundle', 'dump', archive, '--key', keyFile)
    expect(r.status, r.stderr).toBe(0)
    const dump = JSON.parse(r.stdout)
    expect(dump.tables.cases).toEqual(cases)
    expect(dump.senderTrusted).toBe(false)
    const n = cli({ JIUZHU_KEY_PASSPHRASE: PASS }, 'bundle', 'dump', archive, '--key', keyFile, '--ndjson')
    expect(n.status, n.stderr).toBe(0)
    const lines = n.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines.filter((l) => l.table === 'cases').map((l) => l.record)).toEqual(cases)
  })

  it('an open bundle dumps without a key; an encrypted one without a key says so', () => {
    const r = cli({}, 'bundle', 'dump', join(dir, 'open.jzb'), '--ndjson')
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout.trim().split('\n').length).toBeGreaterThan(0)
    const k = cli({}, 'bundle', 'dump', archive)
    expect(k.status).toBe(2)
    expect(k.stderr).toContain('此数据包已加密，请用 --key 指定接收单位的密钥文件')
  })

  it('a wrong passphrase, another office key or a tampered file: exit 1 with a Chinese reason', async () => {
    const wrong = cli({ JIUZHU_KEY_PASSPHRASE: 'wrong passphrase' }, 'bundle', 'dump', archive, '--key', keyFile)
    expect(wrong.status).toBe(1)
    expect(wrong.stderr).toMatch(/口令/)
    const other = join(dir, 'province.key.json')
    await writeFile(other, await sealPrivateKeys(keys.province, PASS))
    const addressed = cli({ JIUZHU_KEY_PASSPHRASE: PASS }, 'bundle', 'dump', archive, '--key', other)
    expect(addressed.status).toBe(1)
    expect(addressed.stderr).toMatch(/[\u4e00-\u9fff]{10,}/)
    const bytes = packBundle(archiveInput()).bytes
    bytes[bytes.length - 300] ^= 0x01
    await writeFile(join(dir, 'flip.jzb'), bytes)
    const flipped = cli({ JIUZHU_KEY_PASSPHRASE: PASS }, 'bundle', 'dump', join(dir, 'flip.jzb'), '--key', keyFile)
    expect(flipped.status).toBe(1)
    expect(flipped.stderr).toMatch(/未导入任何数据/)
    const missing = cli({ JIUZHU_KEY_PASSPHRASE: PASS }, 'bundle', 'dump', archive, '--key', join(dir, 'nope.json'))
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain('文件不存在')
  })
})
