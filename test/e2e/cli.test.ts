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

  it('verify passes a good bundle (exit 0) and says what it could not check', () => {
    const r = cli('bundle', 'verify', golden)
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('校验通过。')
    expect(r.stdout).toContain('请与对方电话核对')
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
