import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dumpBundleFile, inspectBundleFile, verifyBundleFile } from '../../../electron/services/bundle/cliCommands'
import { sealPrivateKeys } from '../../../electron/services/bundle/keys'
import { packBundle } from '../../../electron/services/bundle/pack'
import { archiveInput, cases, keys, openInput, trustOf } from './helpers'

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
})
