import 'fake-indexeddb/auto'
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { confirmImport, openPicked, previewImport } from '../../../renderer/src/db/exchange'
import type { Case } from '../../../shared/domain/schemas'
import { ARCHIVE_SCAN_MAX_BYTES } from '../../../shared/exchange/limits'
import { seededRandom } from '../bundle/helpers'
import { snapshot } from '../db/fixtures'
import { attachScanTo, openApplication, signedByHand, startEnrolledPair, type TestOffice } from './offices'

/**
 * The hostile corpus for scans at the importer (docs/reliability.md “数据包恶意输入语料”, docs/bundle-format.md §14.1):
 * archives signed with the district's REAL key and encrypted to the city, so they pass every check of the format
 * layer, whose scans disagree with their attachment records — wrong size, wrong sha256, no record, two records with
 * one id, an oversized scan, scans in kinds that carry none. Each goes through the real path (main-process open →
 * preview → commit) and must be refused with a Chinese reason at some step, with the city's store unchanged:
 * 0 accepted, 0 crashes, 0 partial writes. The format-level scan cases are in test/unit/bundle/corpus/scans.ts.
 */
let basic: TestOffice
let city: TestOffice
let theCase: Case
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')
const png = (seed: string, n: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, ...seededRandom(seed)(n)])

beforeAll(async () => {
  ;[basic, city] = await startEnrolledPair()
  theCase = await openApplication(basic)
}, 120_000)
afterAll(() => {
  for (const o of [basic, city]) o?.db.close()
})

/** A real attachment record of the district (its scan stored there), as it would travel. */
function scanRecord(bytes: Uint8Array, name: string): Promise<Record<string, unknown>> {
  return attachScanTo(basic, theCase.id, bytes, name)
}

interface ScanCase {
  label: string
  kind?: 'archive' | 'ack' | 'standards'
  tables: Record<string, Record<string, unknown>[]>
  files: { name: string; bytes: Uint8Array }[]
}

const file = (id: unknown, bytes: Uint8Array) => ({ name: `attachments/${String(id)}`, bytes })

async function buildCases(): Promise<ScanCase[]> {
  const bytesA = png('scan-a', 4096)
  const bytesB = png('scan-b', 2048)
  const A = await scanRecord(bytesA, '伤情鉴定.png')
  const B = await scanRecord(bytesB, '病历.png')
  const id = A.id as string
  const other = `${id.slice(0, -1)}${id.endsWith('Z') ? 'Y' : 'Z'}`
  const cases: ScanCase[] = []
  const add = (label: string, tables: ScanCase['tables'], files: ScanCase['files'], kind?: ScanCase['kind']) =>
    cases.push({ label, tables, files, ...(kind ? { kind } : {}) })

  // wrong size in the record
  for (const size of [bytesA.length + 1, bytesA.length - 1, 0, 1, ARCHIVE_SCAN_MAX_BYTES, 2 ** 40]) {
    add(`record size ${size} (scan ${bytesA.length} bytes)`, { attachments: [{ ...A, size }] }, [file(id, bytesA)])
  }
  // wrong sha256 in the record (or the scan's bytes changed)
  const shaA = A.sha256 as string
  for (const [label, h] of [
    ['one hex digit changed', (shaA[0] === '0' ? '1' : '0') + shaA.slice(1)],
    ['all zeros', '0'.repeat(64)],
    ['uppercase', shaA.toUpperCase()],
    ['the sha256 of another scan', sha(bytesB)],
    ['empty', ''],
  ] as const) {
    add(`record sha256: ${label}`, { attachments: [{ ...A, sha256: h }] }, [file(id, bytesA)])
  }
  const flipped = Uint8Array.from(bytesA)
  flipped[2000] ^= 0x40
  add('scan bytes changed, same size', { attachments: [A] }, [file(id, flipped)])
  add('the other scan’s bytes under this id', { attachments: [A, B] }, [file(id, bytesB)])
  add('scans swapped between two records', { attachments: [A, B] }, [file(id, bytesB), file(B.id, bytesA)])
  add('scan truncated to the record’s size minus one', { attachments: [A] }, [file(id, bytesA.subarray(1))])
  // a scan whose record is missing
  add('no attachment records at all', { cases: [] }, [file(id, bytesA)])
  add('records of other scans only', { attachments: [B] }, [file(B.id, bytesB), file(id, bytesA)])
  add('record id differs in its last character', { attachments: [{ ...A, id: other }] }, [file(id, bytesA)])
  add('the record travels in another table (documents)', { documents: [A] }, [file(id, bytesA)])
  add('a scan for an id that names no record', { attachments: [A] }, [file(id, bytesA), file('ABCDEFGHIJK', bytesA)])
  // two records with one id
  add(
    'two records with the scan’s id, the second with another sha256',
    { attachments: [A, { ...A, sha256: sha(bytesB) }] },
    [file(id, bytesA)],
  )
  add(
    'two records with the scan’s id, the first with another sha256',
    { attachments: [{ ...A, sha256: sha(bytesB) }, A] },
    [file(id, bytesA)],
  )
  add('the same record twice', { attachments: [A, A] }, [file(id, bytesA)])
  add('two records with one id, other names', { attachments: [A, { ...A, name: '另一份.png' }] }, [file(id, bytesA)])
  // (scans under names that are not `attachments/<record id>` are refused by the writer and by the format layer:
  // test/unit/bundle/corpus/scans.ts)
  // oversized: a scan above the 20 MB per-scan cap whose record agrees with it
  const huge = new Uint8Array(ARCHIVE_SCAN_MAX_BYTES + 1)
  huge.set(bytesA)
  add(
    'a 20 MB + 1 byte scan with a matching record',
    { attachments: [{ ...A, size: huge.length, sha256: sha(huge) }] },
    [file(id, huge)],
  )
  // scans in kinds that carry none
  add('an acknowledgement carrying a scan', { receipt: [] }, [file(id, bytesA)], 'ack')
  add('a standards bundle carrying a scan', { standards: [] }, [file(id, bytesA)], 'standards')
  // random lies about size and sha256 (fixed seed)
  for (const [size, h] of fc.sample(
    fc.tuple(fc.integer({ min: 0, max: 10 * bytesA.length }), fc.stringMatching(/^[0-9a-f]{64}$/)),
    { seed: 20261129, numRuns: 24 },
  )) {
    const lie = size === bytesA.length ? { sha256: h } : { size, ...(size % 2 ? { sha256: h } : {}) }
    add(`random record lie ${JSON.stringify(lie).slice(0, 40)}`, { attachments: [{ ...A, ...lie }] }, [
      file(id, bytesA),
    ])
  }
  return cases
}

describe('hostile scans at the importer: 0 accepted, 0 crashes, 0 partial writes', () => {
  it('every case is refused with a Chinese reason at open, preview or commit; the store is unchanged', async () => {
    const cases = await buildCases()
    expect(cases.length).toBeGreaterThanOrEqual(50)
    const own = await city.unit()
    const outcomes = new Map<string, number>()
    const problems: string[] = []
    let seq = 1000
    for (const c of cases) {
      const before = await snapshot(city.db)
      let outcome: string
      try {
        const bytes = await signedByHand(basic, {
          kind: c.kind ?? 'archive',
          channelSeq: ++seq,
          tables: c.tables,
          files: c.files,
          ...(c.kind && c.kind !== 'archive' ? { origins: [] } : {}),
        })
        const opened = await openPicked(city.db, city.api, own, bytes, city.passphrase)
        if (!opened.ok) outcome = `open: ${opened.error.code}`
        else {
          const preview = await previewImport(city.db, own, opened.value)
          if (!preview.ok) outcome = `preview: ${preview.error.code}`
          else {
            const done = await confirmImport(city.db, city.admin, opened.value, preview.value.digest)
            outcome = done.ok ? 'ACCEPTED' : `commit: ${done.error.code}`
          }
          const message = !preview.ok ? preview.error.message : ''
          if (message && !/[\u4e00-\u9fff]/.test(message)) problems.push(`${c.label}: message ${message}`)
        }
      } catch (e) {
        outcome = 'CRASH'
        problems.push(`${c.label}: crash ${e instanceof Error ? e.message : String(e)}`)
      }
      if (outcome === 'ACCEPTED') problems.push(`${c.label}: ACCEPTED`)
      if (/internal|storage/.test(outcome)) problems.push(`${c.label}: ${outcome}`)
      if (JSON.stringify(await snapshot(city.db)) !== JSON.stringify(before)) problems.push(`${c.label}: store changed`)
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)
    }
    console.log(
      [
        `scan corpus at the importer: ${cases.length} signed archives`,
        '| 拒绝于 | 数量 |',
        '|---|---|',
        ...[...outcomes.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `| ${k} | ${v} |`),
      ].join('\n'),
    )
    expect(problems).toEqual([])
    expect([...outcomes.keys()].every((k) => /^(open|preview|commit): /.test(k))).toBe(true)
  }, 300_000)
})
