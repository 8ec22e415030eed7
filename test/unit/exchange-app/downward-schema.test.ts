import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  contentHashOf,
  downwardJsonSchema,
  type StandardsContent,
  standardsEditionSchema,
  supervisionNoteSchema,
} from '../../../shared/exchange/downward'

const SCHEMA_PATH = resolve(import.meta.dirname, '../../../resources/schemas/downward-payloads.v1.json')
if (process.env.UPDATE_BUNDLE_SCHEMA === '1') {
  writeFileSync(SCHEMA_PATH, `${JSON.stringify(downwardJsonSchema(), null, 2)}\n`)
}

const content: StandardsContent = {
  wageTable: [
    {
      regionCode: '110000',
      year: 2025,
      monthlyWageFen: 900_000,
      series: '职工',
      source: { document: '公报', confidence: 'H' },
    },
  ],
  localMeasures: [],
  ruleSets: [],
}
const edition = {
  format: 'jiuzhu-standards',
  version: 1,
  issuer: '110000',
  issuerName: '北京市人民检察院',
  issuerLevel: 'province',
  edition: 1,
  issuedAt: '2026-03-01T08:00:00.000Z',
  title: '标准',
  content,
  contentHash: contentHashOf(content),
}

describe('downward payload schemas (docs/bundle-format.md §14)', () => {
  it('the published JSON Schema is the one generated from the zod schemas', () => {
    const published = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'))
    expect(published).toEqual(JSON.parse(JSON.stringify(downwardJsonSchema())))
    expect(Object.keys(published.$defs)).toEqual([
      'standardsEdition',
      'directoryEntry',
      'supervisionNote',
      'duplicateFlag',
      'supervisionReply',
      'filing',
    ])
  })

  it('a standards edition: the content hash binds the content; unknown fields and duplicate wage keys are refused', () => {
    expect(standardsEditionSchema.safeParse(edition).success).toBe(true)
    const changed = { ...edition, content: { ...content, wageTable: [{ ...content.wageTable[0], monthlyWageFen: 1 }] } }
    expect(standardsEditionSchema.safeParse(changed).success).toBe(false)
    expect(standardsEditionSchema.safeParse({ ...edition, extra: 1 }).success).toBe(false)
    const dup = { ...content, wageTable: [content.wageTable[0], content.wageTable[0]] }
    expect(
      standardsEditionSchema.safeParse({ ...edition, content: dup, contentHash: contentHashOf(dup) }).success,
    ).toBe(false)
  })

  it('a supervision note needs a case or a period', () => {
    const base = {
      id: '110000-01J00000000000000000000001',
      ownerUnit: '110000',
      rev: 1,
      createdAt: '2026-03-01T08:00:00.000Z',
      updatedAt: '2026-03-01T08:00:00.000Z',
      createdBy: '110000-01J00000000000000000000002',
      updatedBy: '110000-01J00000000000000000000002',
      targets: ['110105'],
      subject: '事项',
      text: '意见',
      authorName: '赵',
      authorUnitName: '北京市人民检察院',
      writtenOn: '2026-03-01',
    }
    expect(supervisionNoteSchema.safeParse(base).success).toBe(false)
    expect(supervisionNoteSchema.safeParse({ ...base, period: { from: '2026-01-01', to: '2026-03-31' } }).success).toBe(
      true,
    )
    expect(supervisionNoteSchema.safeParse({ ...base, period: { from: '2026-04-01', to: '2026-03-31' } }).success).toBe(
      false,
    )
  })
})
