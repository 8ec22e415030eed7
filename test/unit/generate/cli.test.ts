import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  type DataSetManifest,
  DEFAULT_KEY_PASSPHRASE,
  generateCommand,
  writeDataSet,
} from '../../../electron/cli/generate'
import { verifyBundleFile } from '../../../electron/services/bundle/cliCommands'
import { unsealPrivateKeys } from '../../../electron/services/bundle/keys'
import { openBundle } from '../../../electron/services/bundle/open'
import { parseNdjson } from '../../../shared/exchange/ndjson'
import { dataTables } from '../../../shared/generate'
import { tableSchemas } from './helpers'

const BUILT_CLI = join(import.meta.dirname, '../../../out/main/cli.js')
/** The built CLI registers `generate` (npm test builds first; a unit-only run without a build skips this). */
const builtWithGenerate = existsSync(BUILT_CLI) && readFileSync(BUILT_CLI, 'utf8').includes('generate:')

let root: string
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'jiuzhu-generate-'))
})
afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

function quiet<T>(run: () => Promise<T>): Promise<T> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {})
  const err = vi.spyOn(console, 'error').mockImplementation(() => {})
  return run().finally(() => {
    log.mockRestore()
    err.mockRestore()
  })
}

describe('npm run cli -- generate', () => {
  it('demo: exit code 0, hierarchy, manifest and one NDJSON file per table, records matching the counts', async () => {
    const out = join(root, 'demo')
    const code = await quiet(() => generateCommand(['--size', 'demo', '--out', out, '--seed', '3']))
    expect(code).toBe(0)
    expect(readdirSync(out).sort()).toEqual(['hierarchy.json', 'manifest.json', 'offices'])
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as DataSetManifest
    expect(manifest.size).toBe('demo')
    expect(manifest.seed).toBe('3')
    expect(manifest.offices).toBe(1)
    const [office] = manifest.officeFiles
    const dir = join(out, office!.dir)
    expect(readdirSync(dir).sort()).toEqual([...dataTables.map((t) => `${t}.ndjson`), 'staff.json'].sort())
    let granted = 0
    for (const t of dataTables) {
      const bytes = readFileSync(join(dir, `${t}.ndjson`))
      const records = parseNdjson(new Uint8Array(bytes), 1_000_000, t)
      expect(records.length, t).toBe(manifest.tables[t].count)
      for (const r of records) expect(tableSchemas[t].safeParse(r).success, t).toBe(true)
      if (t === 'cases') {
        for (const c of records as { decision?: { outcome: string; grantedFen?: number } }[]) {
          if (c.decision?.outcome === 'granted') granted += c.decision.grantedFen ?? 0
        }
      }
    }
    expect(manifest.tables.cases.amountFen).toBe(granted)
    expect(manifest.money.grantedFen).toBe(granted)
    const hierarchy = JSON.parse(readFileSync(join(out, 'hierarchy.json'), 'utf8'))
    expect(hierarchy.units).toHaveLength(4)
    expect(hierarchy.offices[0].unitCode).toBe(office!.unitCode)
  })

  it('the built CLI (node out/main/cli.js generate …) writes the data set, exit code 0', () => {
    expect(builtWithGenerate, '先运行 npm run build（npm test 会自动构建）').toBe(true)
    const out = join(root, 'built')
    const r = spawnSync(process.execPath, [BUILT_CLI, 'generate', '--size', 'demo', '--out', out, '--cases', '30'], {
      encoding: 'utf8',
    })
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toContain('内容校验值')
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as DataSetManifest
    expect(manifest.tables.cases.count).toBeGreaterThan(20)
    const bad = spawnSync(process.execPath, [BUILT_CLI, 'generate', '--size', 'nope'], { encoding: 'utf8' })
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('用法')
  })

  it('the same seed writes byte-identical files (same content hash); another seed does not', async () => {
    const run = (dir: string, seed: string) =>
      quiet(() => writeDataSet({ size: 'demo', out: join(root, dir), seed, cases: 60 }))
    const a = await run('same-a', '9')
    const b = await run('same-b', '9')
    const c = await run('other', '10')
    expect(b.contentHash).toBe(a.contentHash)
    expect(readFileSync(join(root, 'same-b', 'manifest.json'))).toEqual(
      readFileSync(join(root, 'same-a', 'manifest.json')),
    )
    expect(c.contentHash).not.toBe(a.contentHash)
  })

  it('refuses a bad size (exit 2) and a non-empty output directory (exit 1), writing nothing', async () => {
    expect(await quiet(() => generateCommand(['--size', 'huge', '--out', join(root, 'x')]))).toBe(2)
    expect(await quiet(() => generateCommand(['--size', 'demo']))).toBe(2)
    expect(
      await quiet(() => generateCommand(['--size', 'demo', '--out', join(root, 'y'), '--as-of', '2026-02-30'])),
    ).toBe(2)
    const busy = join(root, 'busy')
    await quiet(() => writeDataSet({ size: 'demo', out: busy, cases: 5 }))
    writeFileSync(join(busy, 'note.txt'), 'keep')
    expect(await quiet(() => generateCommand(['--size', 'demo', '--out', busy]))).toBe(1)
    expect(readFileSync(join(busy, 'note.txt'), 'utf8')).toBe('keep')
  })

  it('--bundles: a signed, encrypted 基层 → 市 → 省 set that bundle verify accepts and the receivers can open', async () => {
    const out = join(root, 'bundles')
    const m = await quiet(() =>
      writeDataSet({ size: 'province', out, seed: '4', cases: 400, materials: false, bundles: true }),
    )
    const bundles = m.bundles!
    const basic = bundles.filter((b) => b.origins === 1)
    const relays = bundles.filter((b) => b.origins > 1)
    expect(basic.length).toBeGreaterThan(20)
    expect(relays.length).toBeGreaterThan(5)
    const directory = JSON.parse(readFileSync(join(out, 'keys', 'directory.json'), 'utf8')) as { unitCode: string }[]
    expect(directory.length).toBeGreaterThan(basic.length)
    // a 市级院 relays its 基层院's records unchanged: one origin per office, counts add up
    const relay = relays[0]!
    const keys = await unsealPrivateKeys(
      readFileSync(join(out, 'keys', `${relay.receiver}.key.json`), 'utf8'),
      DEFAULT_KEY_PASSPHRASE,
    )
    const report = await verifyBundleFile(join(out, relay.name), undefined, keys)
    expect(report.ok, report.reasons.join('\n')).toBe(true)
    const opened = openBundle(new Uint8Array(readFileSync(join(out, relay.name))), {
      receiverKeys: [keys],
      expectedReceiverUnit: relay.receiver,
      trustedSenders: () => undefined,
      acceptAnySender: true,
    })
    expect(opened.manifest.origins).toHaveLength(relay.origins)
    const cases = opened.tables.get('cases') as { ownerUnit: string }[]
    const owners = new Set(cases.map((c) => c.ownerUnit))
    expect([...owners].every((u) => opened.manifest.origins.some((o) => o.unitCode === u))).toBe(true)
    const expected = opened.manifest.origins.reduce(
      (s, o) => s + m.officeFiles.find((f) => f.unitCode === o.unitCode)!.tables.cases.count,
      0,
    )
    expect(cases).toHaveLength(expected)
    // every bundle passes verify without keys (signature and manifest)
    for (const b of bundles) expect((await verifyBundleFile(join(out, b.name))).ok, b.name).toBe(true)
  })
})
