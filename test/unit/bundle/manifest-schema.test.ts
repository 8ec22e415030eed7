import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { packBundle } from '../../../electron/services/bundle/pack'
import {
  type BundleManifest,
  GM_SUITE,
  manifestJsonSchema,
  manifestSchemaFor,
  manifestShape,
  suiteOf,
} from '../../../shared/exchange/manifest'
import { archiveInput, keys, openInput, units } from './helpers'
import { validate } from './jsonSchemaLite'

const SCHEMA_PATH = resolve(import.meta.dirname, '../../../resources/schemas/bundle-manifest.v1.json')

if (process.env.UPDATE_BUNDLE_SCHEMA === '1') {
  writeFileSync(SCHEMA_PATH, `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`)
}

const published = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>

const samples: BundleManifest[] = [
  packBundle(archiveInput()).manifest,
  packBundle(openInput()).manifest,
  packBundle(openInput({ kind: 'enrollment', files: [], tables: {}, origins: [], generator: undefined }, 'e')).manifest,
  packBundle(
    archiveInput(
      {
        kind: 'standards',
        sender: { keys: keys.province, ...units.province },
        origins: [
          { unitCode: '320000', revFrom: 0, revTo: 0 },
          { unitCode: '320100', revFrom: 5, revTo: 9 },
        ],
      },
      's',
    ),
  ).manifest,
  packBundle(archiveInput({ suite: GM_SUITE }, 'gm')).manifest,
  packBundle(openInput({ suite: GM_SUITE }, 'gm-open')).manifest,
]

describe('published JSON Schema', () => {
  it('is exactly the schema generated from the zod shape (regenerate with UPDATE_BUNDLE_SCHEMA=1)', () => {
    expect(published).toEqual(JSON.parse(JSON.stringify(manifestJsonSchema())))
    // one branch per suite, each closed to unknown fields
    const branches = published.anyOf as Record<string, unknown>[]
    expect(branches.map((b) => b.additionalProperties)).toEqual([false, false])
  })

  it('accepts every sample manifest the packer produces, as zod does', () => {
    for (const m of samples) {
      expect(manifestSchemaFor(suiteOf(m)).safeParse(m).success).toBe(true)
      expect(validate(published, JSON.parse(JSON.stringify(m)))).toBe(true)
    }
  })

  it('property: on random single mutations of sample manifests, JSON Schema and zod shape agree', () => {
    const anyJson = fc.oneof(
      fc.string({ maxLength: 90 }),
      fc.stringMatching(/^[0-9a-f]{64}$/),
      fc.stringMatching(/^\d{6}$/),
      fc.integer({ min: -5, max: 3_000_000_000 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.constant({}),
      fc.constant([]),
      fc.constant('x25519-hkdf-sha256-aes256gcm'),
      fc.constant('sm2-sm3-sm4'),
      fc.constant('sm2-sm3-sm4gcm'),
      fc.constant('sm2-sm3'),
      fc.constant('archive'),
      fc.constant(Number.MAX_SAFE_INTEGER + 2),
    )
    let changed = 0
    fc.assert(
      fc.property(
        fc.constantFrom(...samples),
        fc.nat(),
        fc.constantFrom('replace', 'delete', 'add'),
        anyJson,
        (sample, pick, op, value) => {
          const m = JSON.parse(JSON.stringify(sample))
          const paths: (string | number)[][] = []
          const walk = (v: unknown, path: (string | number)[]) => {
            paths.push(path)
            if (Array.isArray(v)) for (const [i, x] of v.entries()) walk(x, [...path, i])
            else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k])
          }
          walk(m, [])
          const path = paths[1 + (pick % (paths.length - 1))]
          const parent = path
            .slice(0, -1)
            .reduce((o: Record<string | number, unknown>, k) => o[k] as Record<string | number, unknown>, m)
          const key = path[path.length - 1]
          if (op === 'replace') parent[key] = value
          else if (op === 'delete' && !Array.isArray(parent)) delete parent[key]
          else if (op === 'add' && !Array.isArray(parent)) parent.zzUnknown = value
          const zodOk = manifestShape.safeParse(m).success
          if (!zodOk) changed++
          expect(validate(published, m)).toBe(zodOk)
        },
      ),
      { seed: 20260302, numRuns: 1500 },
    )
    expect(changed).toBeGreaterThan(500)
  })
})
