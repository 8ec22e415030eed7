import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  dumpBundleFile,
  dumpJsonPieces,
  inspectBundleFile,
  verifyBundleFile,
} from '../../../electron/services/bundle/cliCommands'
import { type OfficeKeys, sealPrivateKeys } from '../../../electron/services/bundle/keys'
import { packBundle } from '../../../electron/services/bundle/pack'
import { archiveInput, cases, keys, openInput, runBundleCli, trustOf, units } from './helpers'

let dir = ''
const paths = { archive: '', open: '', tampered: '', keys: '', notBundle: '' }

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jiuzhu-bundle-cli-'))
  const archive = packBundle(archiveInput())
  const tampered = Buffer.from(archive.bytes)
  tampered[tampered.length - 200] ^= 0x10
  const files: [keyof typeof paths, Uint8Array | string][] = [
    ['archive', archive.bytes],
    ['open', packBundle(openInput()).bytes],
    ['tampered', tampered],
    ['keys', await sealPrivateKeys(keys.city, '南京市院口令2026')],
    ['notBundle', '这不是数据包'],
  ]
  for (const [k, data] of files) {
    paths[k] = join(dir, `${k}.bin`)
    writeFileSync(paths[k], data)
  }
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('CLI commands (bundle verify | inspect | dump)', () => {
  it('verify: integrity, sender against the directory, and payload when it can be checked', async () => {
    const full = await verifyBundleFile(paths.archive, trustOf(keys.district), keys.city)
    expect(full).toMatchObject({ ok: true, reasons: [] })
    expect(full.manifest?.kind).toBe('archive')
    const noKeys = await verifyBundleFile(paths.archive, trustOf(keys.district))
    expect(noKeys.ok).toBe(true)
    expect(noKeys.reasons.join()).toContain('未校验数据文件')
    const noTrust = await verifyBundleFile(paths.open)
    expect(noTrust.ok).toBe(true)
    expect(noTrust.reasons.join()).toContain('未核验发送单位身份')
    const untrusted = await verifyBundleFile(paths.archive, trustOf(keys.province), keys.city)
    expect(untrusted.ok).toBe(false)
    expect(untrusted.reasons.join()).toContain('不在本院的可信单位目录中')
  })

  it('verify: damaged, missing and foreign files are reported in Chinese, never thrown', async () => {
    const damaged = await verifyBundleFile(paths.tampered, trustOf(keys.district), keys.city)
    expect(damaged.ok).toBe(false)
    expect(damaged.reasons.join()).toMatch(/损坏|签名|无法解密/)
    const missing = await verifyBundleFile(join(dir, 'nope.jzb'))
    expect(missing).toMatchObject({ ok: false, manifest: null })
    expect(missing.reasons[0]).toContain('文件不存在')
    const foreign = await verifyBundleFile(paths.notBundle)
    expect(foreign.reasons[0]).toContain('不是司法救助数据包')
  })

  it('inspect: a Chinese summary of the manifest without keys', async () => {
    const lines = await inspectBundleFile(paths.archive)
    const text = lines.join('\n')
    expect(text).toContain('类型：上报数据')
    expect(text).toContain('发送单位：南京市玄武区人民检察院（320102，基层院）')
    expect(text).toContain('签名：有效')
    expect(text).toContain('接收单位：320100')
    expect(text).toContain('数据表：cases，3 条，金额合计 23,500.00 元')
    expect(text).toContain('通道序号：7')
    expect(text).toMatch(/指纹 [0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}/)
    expect((await inspectBundleFile(paths.notBundle)).join()).toContain('无法读取')
  })

  it('dump: decrypts with a sealed key file and passphrase, returns records as JSON', async () => {
    const dump = await dumpBundleFile(paths.archive, paths.keys, '南京市院口令2026')
    expect(dump.senderTrusted).toBe(false)
    expect(dump.tables.cases).toEqual(cases)
    expect(dump.attachments).toHaveLength(1)
    expect(JSON.parse(JSON.stringify(dump)).manifest.bundleId).toBe(dump.manifest.bundleId)
    const trusted = await dumpBundleFile(paths.archive, keys.city, '', trustOf(keys.district))
    expect(trusted.senderTrusted).toBe(true)
    await expect(dumpBundleFile(paths.archive, paths.keys, 'wrong passphrase')).rejects.toMatchObject({
      code: 'bundle.keys-wrong-passphrase',
    })
    await expect(dumpBundleFile(paths.archive, keys.district)).rejects.toMatchObject({ code: 'bundle.wrong-receiver' })
  })

  it('dump prints the same JSON as JSON.stringify(dump, null, 2), one record at a time', async () => {
    const dump = await dumpBundleFile(paths.archive, keys.city)
    const pieces = [...dumpJsonPieces(dump)]
    expect(pieces.join('')).toBe(`${JSON.stringify(dump, null, 2)}\n`)
    expect(pieces.length).toBeGreaterThan(cases.length)
    const empty = { ...dump, tables: { cases: [], other: [] } }
    expect([...dumpJsonPieces(empty)].join('')).toBe(`${JSON.stringify(empty, null, 2)}\n`)
    const none = { ...dump, tables: {} }
    expect([...dumpJsonPieces(none)].join('')).toBe(`${JSON.stringify(none, null, 2)}\n`)
  })
})

describe('bundle verify --trust: 校验通过 only for a sender in the receiving office’s directory', () => {
  const cli = runBundleCli
  const record = (k: OfficeKeys) => ({
    unitCode: k.unitCode,
    keyId: k.keyId,
    createdAt: k.createdAt,
    signingKey: k.signingKey,
    encryptionKey: k.encryptionKey,
  })
  let forged = ''
  const trustFiles = { array: '', ndjson: '', revoked: '', broken: '', wrongId: '' }

  beforeAll(() => {
    // anyone can make a key and write any office into the manifest: here an attacker's key claims the district
    forged = join(dir, 'forged.bin')
    writeFileSync(forged, packBundle(archiveInput({ sender: { keys: keys.attacker, ...units.district } })).bytes)
    const write = (name: string, text: string) => {
      const path = join(dir, name)
      writeFileSync(path, text)
      return path
    }
    trustFiles.array = write(
      'directory.json',
      JSON.stringify([{ ...record(keys.district), unitName: '南京市玄武区人民检察院' }, record(keys.city)], null, 2),
    )
    const entry = (k: OfficeKeys, extra = {}) =>
      JSON.stringify({ unitCode: k.unitCode, unitName: '单位', level: 'basic', record: record(k), ...extra })
    trustFiles.ndjson = write('directory.ndjson', `${entry(keys.district)}\n${entry(keys.city)}\n`)
    trustFiles.revoked = write(
      'revoked.ndjson',
      `${entry(keys.district, { revokedKeys: [{ keyId: keys.district.keyId, revokedOn: '2026-03-01', reason: '被盗' }] })}\n`,
    )
    trustFiles.broken = write('broken.json', '[{"unitCode":"320102"}]')
    trustFiles.wrongId = write('wrong-id.json', JSON.stringify([{ ...record(keys.district), keyId: keys.city.keyId }]))
  })

  it('without --trust a valid signature is not 校验通过: it says the sender was not verified (exit 3)', async () => {
    for (const file of [paths.archive, forged]) {
      const r = await cli('verify', file)
      expect(r.code, file).toBe(3)
      expect(r.text).toContain('签名有效但发送单位身份未核验。')
      expect(r.text).not.toContain('校验通过')
      expect(r.text).toContain('任何人都可以生成密钥并自称任一单位')
    }
    const report = await verifyBundleFile(forged)
    expect(report).toMatchObject({ ok: true, senderVerified: false })
  })

  it('with the directory (JSON array or NDJSON of directory entries) the real sender passes, the forger does not', async () => {
    for (const trust of [trustFiles.array, trustFiles.ndjson]) {
      const good = await cli('verify', paths.archive, '--trust', trust)
      expect(good.code, trust).toBe(0)
      expect(good.text).toContain('校验通过。')
      const bad = await cli('verify', forged, '--trust', trust)
      expect(bad.code, trust).toBe(1)
      expect(bad.text).toContain('不在本院的可信单位目录中')
      expect(bad.text).toContain('校验未通过。')
    }
    // with the receiver's key the payload is checked too
    process.env.JIUZHU_KEY_PASSPHRASE = '南京市院口令2026'
    try {
      const full = await cli('verify', paths.archive, '--trust', trustFiles.array, '--key', paths.keys)
      expect(full.code).toBe(0)
      expect(full.text).not.toContain('未校验数据文件')
    } finally {
      delete process.env.JIUZHU_KEY_PASSPHRASE
    }
  })

  it('a key the directory lists as revoked is not trusted; an unusable directory file is a usage error', async () => {
    const revoked = await cli('verify', paths.archive, '--trust', trustFiles.revoked)
    expect(revoked.code).toBe(1)
    expect(revoked.text).toContain('不在本院的可信单位目录中')
    for (const trust of [trustFiles.broken, trustFiles.wrongId, paths.notBundle, join(dir, 'missing.json')]) {
      const r = await cli('verify', paths.archive, '--trust', trust)
      expect(r.code, trust).toBe(2)
      expect(r.text, trust).toMatch(/无法读取文件/)
    }
    expect((await cli('verify', paths.archive, '--trust')).code).toBe(2)
  })

  it('dump --trust refuses a sender outside the directory', async () => {
    process.env.JIUZHU_KEY_PASSPHRASE = '南京市院口令2026'
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      const bad = await cli('dump', forged, '--key', paths.keys, '--trust', trustFiles.array)
      expect(bad.code).toBe(1)
      expect(bad.text).toContain('不在本院的可信单位目录中')
      const good = await cli('dump', paths.archive, '--key', paths.keys, '--trust', trustFiles.array)
      expect(good.code).toBe(0)
      const printed = write.mock.calls.map(([chunk]) => String(chunk)).join('')
      expect(JSON.parse(printed).senderTrusted).toBe(true)
    } finally {
      write.mockRestore()
      delete process.env.JIUZHU_KEY_PASSPHRASE
    }
  })
})
