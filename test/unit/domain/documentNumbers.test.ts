import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  documentDateOf,
  formatDocumentNumber,
  type NumberedDocument,
  nextDocumentSerial,
  numberedDocumentOf,
  numberedDocuments,
  parseDocumentNumber,
  suggestDocumentNumber,
} from '../../../shared/domain/documentNumbers'

const documentType = fc.constantFrom(...numberedDocuments)
const parts = fc.record({
  type: documentType,
  year: fc.integer({ min: 1900, max: 9999 }),
  serial: fc.integer({ min: 1, max: 999_999_999 }),
})
/** 单位简称 as the office profile allows them (up to 12 characters), including ones with regex metacharacters. */
const short = fc.oneof(
  fc.constantFrom('朝检', '京朝检', '赣检', '青检', 'a.b', '(检)', '检+'),
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && !/[〔〕]/.test(s)),
)

describe('文号 of numbered documents (docs/documents.md「文号」)', () => {
  it('each document type has its own 代字 after the 单位简称, and never reads like a case number', () => {
    expect(formatDocumentNumber('朝检', { type: 'grant-decision', year: 2026, serial: 1 })).toBe(
      '朝检控救决〔2026〕1号',
    )
    expect(formatDocumentNumber('朝检', { type: 'refusal-decision', year: 2026, serial: 12 })).toBe(
      '朝检控不救决〔2026〕12号',
    )
    expect(formatDocumentNumber('朝检', { type: 'refusal-notice', year: 2027, serial: 3 })).toBe(
      '朝检控不救告〔2027〕3号',
    )
    expect(parseDocumentNumber('朝检', '朝检控救〔2026〕1号')).toBeUndefined()
  })

  it('reads an existing 文号 back (spaces around it ignored); another form or another office is not this pattern', () => {
    expect(parseDocumentNumber('朝检', ' 朝检控不救决〔2026〕7号 ')).toEqual({
      type: 'refusal-decision',
      year: 2026,
      serial: 7,
    })
    expect(parseDocumentNumber('朝检', '海检控救决〔2026〕7号')).toBeUndefined()
    expect(parseDocumentNumber('朝检', '朝检控救决[2026]7号')).toBeUndefined()
    expect(parseDocumentNumber('朝检', '朝检控救决〔2026〕07号')).toBeUndefined()
    expect(parseDocumentNumber('朝检', '朝检控救决〔2026〕0号')).toBeUndefined()
  })

  it('the next serial follows the highest of its own type and year; other types, years and forms do not count', () => {
    const used = [
      '朝检控救决〔2026〕1号',
      '朝检控救决〔2026〕4号',
      '朝检控不救决〔2026〕9号',
      '朝检控救决〔2025〕30号',
      '朝检控救决第88号',
      '海检控救决〔2026〕50号',
    ]
    expect(nextDocumentSerial('朝检', 'grant-decision', 2026, used)).toBe(5)
    expect(nextDocumentSerial('朝检', 'refusal-decision', 2026, used)).toBe(10)
    expect(nextDocumentSerial('朝检', 'refusal-notice', 2026, used)).toBe(1)
    expect(suggestDocumentNumber('朝检', 'grant-decision', '2027-01-01', used)).toBe('朝检控救决〔2027〕1号')
    expect(suggestDocumentNumber('朝检', 'grant-decision', '2026-12-31', used)).toBe('朝检控救决〔2026〕5号')
  })

  it('which action issues which document, and the date its year is taken from', () => {
    const expected: [string, NumberedDocument | undefined][] = [
      ['decide-grant', 'grant-decision'],
      ['complete-advance-paperwork', 'grant-decision'],
      ['decide-refuse', 'refusal-decision'],
      ['refuse-out-of-scope', 'refusal-notice'],
      ['pay', undefined],
    ]
    for (const [action, type] of expected) expect(numberedDocumentOf(action as 'pay')).toBe(type)
    expect(documentDateOf({ date: '2025-12-31' }, '2026-01-02')).toBe('2025-12-31')
    expect(documentDateOf({}, '2026-01-02')).toBe('2026-01-02')
  })

  it('property: parse ∘ format is the identity', () => {
    fc.assert(
      fc.property(short, parts, (s, p) => {
        expect(parseDocumentNumber(s, formatDocumentNumber(s, p))).toEqual(p)
      }),
    )
  })

  it('property: the suggested 文号 is never one already used, and is of the type and year asked for', () => {
    const year = fc.integer({ min: 2024, max: 2026 })
    const near = fc.record({ type: documentType, year, serial: fc.integer({ min: 1, max: 40 }) })
    const used = fc.array(
      fc.oneof(
        near.map((p) => formatDocumentNumber('朝检', p)),
        fc.string(),
      ),
      { maxLength: 30 },
    )
    const date = year.map((y) => `${y}-06-15`)
    fc.assert(
      fc.property(documentType, date, used, (type, d, list) => {
        const suggested = suggestDocumentNumber('朝检', type, d, list)
        expect(list).not.toContain(suggested)
        expect(parseDocumentNumber('朝检', suggested)).toMatchObject({ type, year: Number(d.slice(0, 4)) })
      }),
    )
  })
})
