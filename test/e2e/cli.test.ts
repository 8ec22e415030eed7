import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from './harness'

const cli = (...args: string[]) => spawnSync('node', [resolve(ROOT, 'out/main/cli.js'), ...args], { encoding: 'utf8' })
const golden = resolve(ROOT, 'test/unit/bundle/fixtures/golden-v1-archive.jzb')

describe('the built command line: npm run cli -- bundle …', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cli-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('verify: without --trust a good signature is “签名有效但发送单位身份未核验” (exit 3), never 校验通过', () => {
    const r = cli('bundle', 'verify', golden)
    expect(r.status).toBe(3)
    expect(r.stdout).toContain('签名有效但发送单位身份未核验。')
    expect(r.stdout).not.toContain('校验通过')
    expect(r.stdout).toContain('请与对方电话核对')
  })

  it('verify --trust <directory>: the sender in the receiving office’s directory passes (exit 0)', async () => {
    const test = JSON.parse(await readFile(resolve(ROOT, 'test/unit/bundle/fixtures/golden-v1-test-keys.json'), 'utf8'))
    const directory = join(dir, 'directory.json')
    await writeFile(directory, JSON.stringify([test.district, test.city]))
    const r = cli('bundle', 'verify', golden, '--trust', directory)
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('校验通过。')
    await writeFile(directory, JSON.stringify([test.city]))
    const other = cli('bundle', 'verify', golden, '--trust', directory)
    expect(other.status).toBe(1)
    expect(other.stdout).toContain('不在本院的可信单位目录中')
  })

  it('verify refuses a truncated or bit-flipped bundle with a Chinese reason and exit ≠ 0', async () => {
    const bytes = await readFile(golden)
    await writeFile(join(dir, 'cut.jzb'), bytes.subarray(0, bytes.length - 500))
    const flipped = Buffer.from(bytes)
    flipped[200] ^= 0x10
    await writeFile(join(dir, 'flip.jzb'), flipped)
    for (const f of ['cut.jzb', 'flip.jzb']) {
      const r = cli('bundle', 'verify', join(dir, f))
      expect(r.status, f).toBe(1)
      expect(r.stdout, f).toMatch(/校验未通过。/)
      expect(r.stdout, f).toMatch(/[\u4e00-\u9fff]{6,}/)
    }
  })

  it('inspect prints the manifest in Chinese; unknown commands print usage and exit 2', () => {
    const r = cli('bundle', 'inspect', golden)
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('发送单位：南京市玄武区人民检察院（320102，基层院）')
    expect(cli('bundle').status).toBe(2)
    expect(cli('nonsense').stderr).toContain('未知命令：nonsense')
  })
})
