import { mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, assert, beforeEach, describe, expect, it } from 'vitest'
import {
  ANCHOR_FILE,
  ANCHOR_KEY_FILE,
  type AnchorRequest,
  createAuditAnchors,
  type KeyProtector,
} from '../../../electron/services/auditAnchor'
import { type AuditEntry, GENESIS_HASH, sealAuditEntry } from '../../../shared/audit/chain'
import { type AuditHashAlg, auditHashAlgs } from '../../../shared/audit/hashAlg'
import { dispatch } from '../../../shared/ipc/dispatch'
import { webServices } from '../../mocks/services'

/**
 * 审计校验点 (docs/security.md §5) in plain Node, with electron mocked: the main process keeps where the audit chain
 * stood, keyed with HMAC, and answers ok / behind / diverged / missing / forged.
 */
let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anchor-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A chain of `n` entries sealed under `alg`, continuing `from`. */
function chainOf(alg: AuditHashAlg, n: number, from: AuditEntry[] = []): AuditEntry[] {
  const out = [...from]
  for (let i = out.length + 1; i <= n; i++) {
    out.push(
      sealAuditEntry(
        {
          seq: i,
          at: `2026-03-01T08:00:${String(i % 60).padStart(2, '0')}.000Z`,
          userId: '110105-U1',
          unitCode: '110105',
          command: 'user.update',
          table: 'users',
          entityId: `U${i}`,
          before: null,
          after: { n: i },
          prevHash: out[i - 2]?.hash ?? GENESIS_HASH,
        },
        alg,
      ),
    )
  }
  return out
}

function request(entries: AuditEntry[], fromSeq = 1, count = entries.length): AnchorRequest {
  const last = entries[entries.length - 1]
  return {
    profile: 'office',
    unitCode: '110105',
    seq: last?.seq ?? 0,
    count,
    head: last?.hash ?? GENESIS_HASH,
    links: entries.filter((e) => e.seq >= fromSeq).map(({ seq, prevHash, hash }) => ({ seq, prevHash, hash })),
  }
}

/** What the renderer does: report the head, then the links the anchor asks for. */
async function sync(anchors: ReturnType<typeof createAuditAnchors>, entries: AuditEntry[]) {
  let answer = await anchors.check(request(entries, Number.POSITIVE_INFINITY))
  for (let i = 0; answer.state === 'need-tail' && i < 10; i++) {
    answer = await anchors.check(request(entries, answer.from))
  }
  return answer
}

// the anchor keeps links (seq, prevHash, hash) whichever hash the office chose at setup: every test runs for both
describe.each(auditHashAlgs)('the audit anchor kept by the main process (%s)', (alg) => {
  const chain = (n: number, from: AuditEntry[] = []) => chainOf(alg, n, from)
  it('is established at the first check, survives a restart, and moves only along the chain', async () => {
    const a = createAuditAnchors(dir)
    const entries = chain(5)
    const first = await sync(a, entries)
    expect(first.state).toBe('established')
    expect(first.detail).toMatch(/已按现有的 5 条审计记录建立/)
    expect(first.anchor).toMatchObject({ seq: 5, hash: entries[4].hash })
    expect(first.keyProtection).toBe('file')

    // a new process (restart) reads the same anchor
    const b = createAuditAnchors(dir)
    expect((await sync(b, entries)).state).toBe('ok')
    const more = chain(9, entries)
    const asked = await b.check(request(more, Number.POSITIVE_INFINITY))
    expect(asked).toMatchObject({ state: 'need-tail', from: 6 })
    expect((await b.check(request(more, 6))).state).toBe('ok')
    expect((await createAuditAnchors(dir).info('office', '110105')).anchor).toMatchObject({
      seq: 9,
      hash: more[8].hash,
    })
    // a bundle packed a moment before the anchor moved on states a head on the anchored chain: not refused
    await expect(b.guardExport('110105', { seq: 7, hash: more[6].hash })).resolves.toBeUndefined()
    await expect(b.guardExport('110105', { seq: 7, hash: more[5].hash })).rejects.toMatchObject({
      code: 'audit.export-refused',
    })
  })

  it('the key file is readable by its owner only (browser mode and tests: no OS key protection)', async () => {
    await sync(createAuditAnchors(dir), chain(2))
    // the suite runs on Linux (Debian Chromium, README), where the file mode is what keeps others out
    expect(process.platform).toBe('linux')
    expect((await stat(join(dir, ANCHOR_KEY_FILE))).mode & 0o777).toBe(0o600)
    expect((await stat(join(dir, ANCHOR_FILE))).mode & 0o777).toBe(0o600)
    expect(JSON.parse(await readFile(join(dir, ANCHOR_KEY_FILE), 'utf8')).kind).toBe('file')
  })

  it('the last 3 entries deleted: behind, at the next start and before every export', async () => {
    const entries = chain(12)
    await sync(createAuditAnchors(dir), entries)
    const restarted = createAuditAnchors(dir)
    const answer = await sync(restarted, entries.slice(0, 9))
    expect(answer.state).toBe('behind')
    expect(answer.detail).toMatch(/本机校验点记有 12 条审计记录.*现在只有 9 条/)
    // the anchor did not move back
    expect((await restarted.info('office', '110105')).anchor?.seq).toBe(12)
    await expect(restarted.guardExport('110105', { seq: 9, hash: entries[8].hash })).rejects.toMatchObject({
      code: 'audit.export-refused',
    })
    // even a bundle claiming the anchored head is refused while this office's last check failed
    await expect(restarted.guardExport('110105', { seq: 12, hash: entries[11].hash })).rejects.toMatchObject({
      code: 'audit.export-refused',
    })
    // an entry deleted from the middle: fewer entries than the last sequence number
    const gap = entries.filter((e) => e.seq !== 4)
    const gapped = createAuditAnchors(dir)
    expect((await sync(gapped, gap)).state).toBe('behind')
    // reports after each write do not count the log: once found, it stays found in this process
    expect((await gapped.check({ ...request(gap), count: 12, links: [] })).state).toBe('behind')
  })

  it('entry 3 rewritten and the chain re-hashed: diverged, also once more entries are appended', async () => {
    const entries = chain(8)
    await sync(createAuditAnchors(dir), entries)
    const rewritten = chain(8, [
      ...entries.slice(0, 2),
      sealAuditEntry({ ...entries[2], after: { n: 'forged' }, prevHash: entries[1].hash }, alg),
    ])
    expect(rewritten[7].hash).not.toBe(entries[7].hash)
    const b = createAuditAnchors(dir)
    const same = await sync(b, rewritten)
    expect(same.state).toBe('diverged')
    expect(same.detail).toMatch(/第 8 条审计记录的校验值与本机校验点.*不符/)
    // the forged chain grown past the anchor does not link to it
    const grown = await sync(createAuditAnchors(dir), chain(11, rewritten))
    expect(grown.state).toBe('diverged')
    expect(grown.detail).toMatch(/第 9 条审计记录不接在本机校验点的第 8 条之后/)
    expect((await b.info('office', '110105')).anchor).toMatchObject({ seq: 8, hash: entries[7].hash })
    await expect(b.guardExport('110105', { seq: 8, hash: rewritten[7].hash })).rejects.toMatchObject({
      code: 'audit.export-refused',
    })
  })

  it('a forged anchor file (seq edited back, mac kept), a deleted key or a deleted anchor is reported', async () => {
    const entries = chain(6)
    await sync(createAuditAnchors(dir), entries)
    const path = join(dir, ANCHOR_FILE)
    const original = await readFile(path, 'utf8')
    const doc = JSON.parse(original)
    doc.body.anchors['office/110105'].seq = 3
    doc.body.anchors['office/110105'].hash = entries[2].hash
    await writeFile(path, JSON.stringify(doc))
    const forged = await sync(createAuditAnchors(dir), entries.slice(0, 3))
    expect(forged.state).toBe('forged')
    expect(forged.detail).toMatch(/认证码不符/)
    await expect(createAuditAnchors(dir).guardExport('110105', { seq: 3, hash: entries[2].hash })).rejects.toThrow()

    // the mac recomputed under another key does not help either
    doc.mac = 'f'.repeat(64)
    await writeFile(path, JSON.stringify(doc))
    expect((await sync(createAuditAnchors(dir), entries)).state).toBe('forged')

    await writeFile(path, original)
    expect((await sync(createAuditAnchors(dir), entries)).state).toBe('ok')
    await unlink(path)
    const missing = await sync(createAuditAnchors(dir), entries)
    expect(missing.state).toBe('missing')
    expect(missing.detail).toMatch(/校验点文件不见了/)
    await writeFile(path, original)
    await unlink(join(dir, ANCHOR_KEY_FILE))
    expect((await sync(createAuditAnchors(dir), entries)).state).toBe('forged')
    // both deleted together: indistinguishable from a first start (docs/security.md §5 says so) — established anew
    await unlink(path)
    expect((await sync(createAuditAnchors(dir), entries)).state).toBe('established')
  })

  it('the key sealed by the OS (safeStorage) cannot be used without it; another profile or unit has its own anchor', async () => {
    const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a))
    const protector: KeyProtector = { kind: 'safeStorage', encrypt: xor, decrypt: xor }
    const entries = chain(4)
    const sealed = await sync(createAuditAnchors(dir, protector), entries)
    expect(sealed.keyProtection).toBe('safeStorage')
    const keyFile = JSON.parse(await readFile(join(dir, ANCHOR_KEY_FILE), 'utf8'))
    expect(keyFile.kind).toBe('safeStorage')
    expect(keyFile).not.toHaveProperty('key')
    expect((await sync(createAuditAnchors(dir, protector), entries)).state).toBe('ok')
    const noOs = await sync(createAuditAnchors(dir), entries)
    expect(noOs.state).toBe('forged')
    expect(noOs.detail).toMatch(/无法使用操作系统的密钥保护/)

    const a = createAuditAnchors(dir, protector)
    const demo = await a.check({ ...request(chain(2)), profile: 'demo' })
    expect(demo.state).toBe('established')
    expect((await sync(a, entries)).state).toBe('ok')
    // a bundle from another unit is not this anchor's business
    await expect(a.guardExport('110101', { seq: 0, hash: GENESIS_HASH })).resolves.toBeUndefined()
  })

  it('an administrator re-establishes it with a reason after a restore; the history keeps what was found', async () => {
    const entries = chain(10)
    await sync(createAuditAnchors(dir), entries)
    const a = createAuditAnchors(dir)
    const old = entries.slice(0, 7)
    expect((await sync(a, old)).state).toBe('behind')
    const reset = await a.reset({ ...request(old), reason: '硬盘损坏，从 3 月 1 日的备份恢复', by: '王管理' })
    expect(reset.state).toBe('ok')
    expect(reset.anchor?.history.at(-1)).toMatchObject({
      kind: 'reset',
      seq: 7,
      fromSeq: 10,
      reason: '硬盘损坏，从 3 月 1 日的备份恢复',
      by: '王管理',
    })
    expect(reset.anchor?.history.at(-1)?.found).toMatch(/现在只有 7 条/)
    expect((await sync(createAuditAnchors(dir), old)).state).toBe('ok')
    await expect(a.guardExport('110105', { seq: 7, hash: old[6].hash })).resolves.toBeUndefined()

    // a forged file is set aside and a new key made
    await writeFile(join(dir, ANCHOR_FILE), '{"body":{},"mac":"00"}')
    const b = createAuditAnchors(dir)
    expect((await sync(b, old)).state).toBe('forged')
    const again = await b.reset({ ...request(old), reason: '校验点文件损坏，核实后重建', by: '王管理' })
    expect(again.anchor?.history[0]).toMatchObject({ kind: 'reset', found: expect.stringMatching(/认证码不符/) })
    expect((await sync(createAuditAnchors(dir), old)).state).toBe('ok')
  })

  it('through the contract: malformed calls refused, exchange:pack refused while the anchor does not match', async () => {
    const services = webServices(dir, join(dir, 'exports'), join(dir, 'backups'))
    const entries = chain(6)
    const bad = await dispatch(services, 'audit:anchor', { ...request(entries), head: 'x' })
    expect(bad.ok).toBe(false)
    const { links: _links, ...head } = request(entries)
    const reasonless = await dispatch(services, 'audit:resetAnchor', { ...head, reason: ' ', by: '王管理' })
    expect(reasonless.ok).toBe(false)
    const first = await dispatch(services, 'audit:anchor', request(entries))
    expect(first).toMatchObject({ ok: true, value: { state: 'established' } })
    const behind = await dispatch(services, 'audit:anchor', request(entries.slice(0, 3)))
    expect(behind).toMatchObject({ ok: true, value: { state: 'behind' } })
    const info = await dispatch(services, 'audit:anchorInfo', { profile: 'office', unitCode: '110105' })
    expect(info).toMatchObject({ ok: true, value: { fileState: 'ok', lastCheck: { state: 'behind' } } })

    const pack = await dispatch(services, 'exchange:pack', {
      sealed: 'x'.repeat(120),
      passphrase: 'Jiceng2026ab',
      kind: 'archive',
      sender: { unitCode: '110105', unitName: '北京市朝阳区人民检察院', level: 'basic' },
      receiver: null,
      channelSeq: 1,
      prevBundleHash: null,
      origins: [],
      auditHead: { seq: 3, hash: entries[2].hash },
      tables: {},
    })
    assert(!pack.ok, 'expected pack to be refused')
    expect(pack.error.code).toBe('audit.export-refused')
    expect(pack.error.message).toMatch(/^审计记录与本机保存的校验点不一致：本机校验点记有 6 条审计记录.*本次未导出/)
  })
})
