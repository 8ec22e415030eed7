import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  memoryReader,
  missingEarlierParts,
  ndjsonLineBytes,
  splitArchive,
  utf8Length,
} from '../../../shared/exchange/archiveParts'
import { toNdjson } from '../../../shared/exchange/ndjson'

/**
 * 分批上报 (docs/bundle-format.md §14.2), the pure part: any set of records, split under any budget, comes out as
 * parts whose per-origin rev ranges are contiguous and disjoint, that together carry every record exactly once,
 * each within the budget unless it holds a single record; the byte count is the packer's.
 */
const record = fc.record({
  owner: fc.constantFrom('110105', '110101', '110300'),
  table: fc.constantFrom('cases', 'persons', 'ledger'),
  text: fc.string({ unit: 'grapheme', maxLength: 300 }),
  scan: fc.nat({ max: 5000 }),
})

describe('splitting an upward archive into parts', () => {
  it('counts a record as the packer writes it (UTF-8 JSON and LF), whatever its characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length)
        expect(ndjsonLineBytes({ text })).toBe(toNdjson([{ text }]).length)
      }),
    )
  })

  it('contiguous per origin, every record once, each part within the budget', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { maxLength: 120 }),
        fc.integer({ min: 200, max: 6000 }),
        fc.integer({ min: 300, max: 12000 }),
        fc.integer({ min: 0, max: 20000 }),
        async (specs, fileBytes, totalBytes, scanBytes) => {
          const revs = new Map<string, number>()
          const tables: Record<string, Record<string, unknown>[]> = {}
          for (const [i, s] of specs.entries()) {
            const rev = (revs.get(s.owner) ?? 0) + 1 + (i % 3) // revs ascend per origin, with holes
            revs.set(s.owner, rev)
            const rows = tables[s.table] ?? []
            rows.push({
              id: `${s.owner}-${i}`,
              ownerUnit: s.owner,
              rev,
              text: s.text,
              scan: s.scan,
            })
            tables[s.table] = rows
          }
          const budget = { fileBytes, totalBytes, scanBytes }
          const read = memoryReader(tables, (_, r) => r.scan as number)
          const parts = await splitArchive(['110101', '110105', '110300'], {}, read, budget)
          const seen = new Set<string>()
          const ends = new Map<string, number>()
          for (const part of parts) {
            // a part of one record may exceed the budget (a record is never split); any other keeps within it
            const within = (bound: number) => (part.records > 1 ? bound : Number.POSITIVE_INFINITY)
            for (const o of part.origins) {
              expect(o.revFrom).toBe((ends.get(o.unitCode) ?? 0) + 1)
              ends.set(o.unitCode, o.revTo)
            }
            for (const [table, rows] of Object.entries(part.tables)) {
              const bytes = rows.reduce((sum, r) => sum + ndjsonLineBytes(r), 0)
              expect(bytes).toBeLessThanOrEqual(within(fileBytes))
              for (const r of rows) {
                expect(seen.has(r.id as string), table).toBe(false)
                seen.add(r.id as string)
                const range = part.origins.find((o) => o.unitCode === r.ownerUnit)
                expect(r.rev as number).toBeGreaterThanOrEqual(range?.revFrom ?? Number.POSITIVE_INFINITY)
                expect(r.rev as number).toBeLessThanOrEqual(range?.revTo ?? 0)
              }
            }
            expect(part.ndjsonBytes).toBeLessThanOrEqual(within(totalBytes))
            expect(part.scanBytes).toBeLessThanOrEqual(within(scanBytes))
            expect(part.records > 0 || parts.length === 1).toBe(true)
          }
          expect(seen.size).toBe(specs.length)
          for (const [owner, rev] of revs) expect(ends.get(owner)).toBe(rev)
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('a part that continues one not imported', () => {
  const archive = (channelSeq: number, revFrom: number) => ({
    kind: 'archive',
    channelSeq,
    origins: [{ unitCode: '110105', revFrom }],
  })
  it('is recognised only when the channel number skips AND the rev range starts beyond what is held', () => {
    expect(missingEarlierParts(archive(3, 501), 1, () => 300)).toEqual({ from: 2, to: 2 })
    expect(missingEarlierParts(archive(5, 501), 1, () => 300)).toEqual({ from: 2, to: 4 })
    expect(missingEarlierParts(archive(3, 301), 1, () => 300)).toBeUndefined() // a lost bundle, covered by this one
    expect(missingEarlierParts(archive(2, 501), 1, () => 300)).toBeUndefined() // next number: a rev gap, recorded
    expect(missingEarlierParts({ ...archive(3, 501), kind: 'ack' }, 1, () => 300)).toBeUndefined()
  })
})
