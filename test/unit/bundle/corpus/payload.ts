import { deflateRawSync } from 'node:zlib'
import fc from 'fast-check'
import { DEFLATE, encodeZip, STORE } from '../../../../electron/services/bundle/container'
import type { BundleFile } from '../../../../electron/services/bundle/pack'
import { toNdjson } from '../../../../shared/exchange/ndjson'
import { cityOpens, seededRandom } from '../helpers'
import { type BaseName, type CorpusContext, type CraftSpec, enc, fakeEndRecord, rawEntry, sample } from './craft'

/** Payload files, entry names, NDJSON contents, oversized payloads and zip bombs (signed and encrypted). */
export function addPayloadCases({ bases, craft, add, hashField, hashHex }: CorpusContext): void {
  // ---- payload files: extra, missing, names, hashes, sizes (signed and encrypted by the real sender) ------------
  const files = bases.E.files
  const ndjson = (name: string, rows: unknown[]) => ({ name, bytes: toNdjson(rows) })
  const extraFiles: BundleFile[] = [
    ndjson('extra.ndjson', [{ a: 1 }]),
    { name: 'attachments/ABCDEFGHIJK', bytes: enc('blob') },
    ndjson('casesCopy.ndjson', [{ a: 1 }]),
  ]
  for (const b of ['E', 'O', 'N'] as BaseName[]) {
    const baseFiles = bases[b].files
    const method = bases[b].encrypted ? DEFLATE : STORE
    const entriesOf = (list: BundleFile[]) => list.map((f) => rawEntry(f.name, f.bytes, method))
    for (const extra of extraFiles) {
      add(
        'payload files',
        `${b} unlisted ${extra.name}`,
        b,
        craft(b, { innerEntries: entriesOf([...baseFiles, extra]) }),
        ['bundle.file-extra'],
      )
    }
    add('payload files', `${b} listed file missing`, b, craft(b, { innerEntries: entriesOf(baseFiles.slice(1)) }), [
      'bundle.file-missing',
    ])
    add('payload files', `${b} all files missing`, b, craft(b, { innerEntries: [] }), ['bundle.file-missing'])
    const badInner = [
      '../cases.ndjson',
      '/etc/passwd',
      'a\\b',
      '__proto__.ndjson',
      'constructor.ndjson',
      'toString.ndjson',
      'attachments/../../x',
      'cases.ndjson/',
      'Cases.ndjson',
      'attachments/lowercase123',
      'x.json',
      'cases.ndjson\u0000',
      'attachments\\320102-01HQ3Z8V',
      '\u202ecases.ndjson',
    ]
    for (const name of badInner) {
      add(
        'payload entry names',
        `${b} zip entry ${JSON.stringify(name)}`,
        b,
        craft(b, { innerEntries: [...entriesOf(baseFiles), rawEntry(name, enc('{"a":1}\n'), method)] }),
        ['bundle.bad-entry-name', 'bundle.duplicate-entry'],
      )
    }
    const first = baseFiles[0]
    add(
      'payload files',
      `${b} content changed after hashing`,
      b,
      craft(b, {
        innerEntries: entriesOf([
          { name: first.name, bytes: enc(`${Buffer.from(first.bytes).toString().replace('1', '2')}`) },
          ...baseFiles.slice(1),
        ]),
      }),
      ['bundle.file-hash-mismatch'],
    )
    add(
      'payload files',
      `${b} file one byte longer`,
      b,
      craft(b, {
        innerEntries: entriesOf([
          { name: first.name, bytes: Buffer.concat([first.bytes, enc(' ')]) },
          ...baseFiles.slice(1),
        ]),
      }),
      ['bundle.file-size-mismatch'],
    )
    add(
      'payload files',
      `${b} duplicate zip entry`,
      b,
      craft(b, { innerEntries: entriesOf([...baseFiles, baseFiles[0]]) }),
      ['bundle.duplicate-entry'],
    )
    add('payload files', `${b} inner zip garbage`, b, craft(b, { innerZip: seededRandom(`inner-${b}`)(300) }), [
      'bundle.corrupt',
    ])
    add(
      'payload files',
      `${b} inner zip truncated`,
      b,
      craft(b, { innerZip: encodeZip(entriesOf(baseFiles)).subarray(0, 100) }),
      ['bundle.corrupt'],
    )
    add(
      'payload files',
      `${b} inner entry with CRC lie`,
      b,
      craft(b, {
        innerEntries: entriesOf(baseFiles).map((e, i) => (i === 0 ? { ...e, crc32: (e.crc32 ^ 1) >>> 0 } : e)),
      }),
      ['bundle.corrupt'],
    )
    add('payload files', `${b} inner zip claims 10 001 entries`, b, craft(b, { innerZip: fakeEndRecord(10_001) }), [
      'bundle.too-many-entries',
    ])
    const tooMany = { name: 'cases.ndjson', bytes: toNdjson([{ a: 1 }, { a: 2 }, { a: 3 }]) }
    add(
      'payload files',
      `${b} more records than the summary`,
      b,
      craft(b, {
        files: [tooMany],
        mutate: (m) => {
          m.tables = { cases: { count: 2 } }
        },
      }),
      ['bundle.count-mismatch'],
    )
  }
  add(
    'payload files',
    'O deflated entry in an open payload',
    'O',
    craft('O', { innerEntries: files.map((f) => rawEntry(f.name, f.bytes, DEFLATE)) }),
    ['bundle.corrupt'],
  )

  // ---- NDJSON contents (hashes right, signed, encrypted): pollution and malformed records -----------------------
  const hostileLines = [
    '{"__proto__":{"polluted":true}}',
    '{"a":1,"__proto__":{"isAdmin":true}}',
    '{"\\u005f\\u005fproto\\u005f\\u005f":{"polluted":true}}',
    '{"x":{"constructor":{"prototype":{"polluted":true}}}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"a":[{"b":{"prototype":{"polluted":true}}}]}',
    '{"prototype":1}',
    `{"deep":${'['.repeat(60)}${']'.repeat(60)}}`,
    '{"a":1e999}',
    '{"a":NaN}',
    '{"a":1,}',
    '[1,2,3]',
    '"just a string"',
    '',
    `{"a":"${'x'.repeat(70_000)}"}`,
    `{${Array.from({ length: 1001 }, (_, i) => `"k${i}":1`).join(',')}}`,
  ]
  for (const b of ['E', 'O', 'N'] as BaseName[]) {
    const table = b === 'N' ? 'units' : 'cases'
    for (const [i, line] of hostileLines.entries()) {
      for (const position of ['first', 'last'] as const) {
        const good = '{"id":"ok","name":"正常记录"}'
        const lines = position === 'first' ? [line, good] : [good, line]
        const file = { name: `${table}.ndjson`, bytes: enc(`${lines.join('\n')}\n`) }
        const others = bases[b].files.filter((f) => f.name !== file.name)
        add(
          'NDJSON records',
          `${b} line ${i} ${position}: ${line.slice(0, 40)}`,
          b,
          craft(b, { files: [file, ...others] }),
          ['bundle.bad-json'],
        )
      }
    }
    for (const [label, bytes] of [
      ['BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), enc('{"a":1}\n')])],
      ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a])],
      ['overlong UTF-8 slash', Buffer.from([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d, 0x0a])],
      ['lone surrogate bytes', Buffer.from([0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d, 0x0a])],
      ['line over 1 MiB', enc(`{"a":"${Buffer.from(seededRandom('long-line')(800_000)).toString('base64')}"}\n`)],
    ] as [string, Uint8Array][]) {
      const file = { name: `${table}.ndjson`, bytes }
      const others = bases[b].files.filter((f) => f.name !== file.name)
      add('NDJSON records', `${b} ${label}`, b, craft(b, { files: [file, ...others] }), ['bundle.bad-json'])
    }
  }

  // ---- oversized payloads and zip bombs (signed and encrypted by the real sender) -------------------------------
  const zeros = (n: number) => new Uint8Array(n)
  const bombStream = deflateRawSync(Buffer.alloc(64 << 20), { level: 9 })
  const bombHash = hashHex(Buffer.alloc(64 << 20))
  const bombFile = (size: number, hash = bombHash) => ({ name: 'attachments/BOMB000000001', size, [hashField]: hash })
  const withBomb = (decl: { manifestSize: number; zipSize: number; data: Uint8Array; hash?: string }): CraftSpec => ({
    mutate: (m) => {
      m.files = [...m.files, bombFile(decl.manifestSize, decl.hash)].sort((a, b) => (a.name < b.name ? -1 : 1))
    },
    innerEntries: [
      ...files.map((f) => rawEntry(f.name, f.bytes, DEFLATE)),
      { name: 'attachments/BOMB000000001', method: DEFLATE, data: decl.data, crc32: 0, size: decl.zipSize },
    ],
  })
  add(
    'bombs',
    'E 64 MiB of zeros in 64 KiB, declared truthfully (ratio ≈ 1000)',
    'E',
    craft('E', withBomb({ manifestSize: 64 << 20, zipSize: 64 << 20, data: bombStream })),
    ['bundle.bomb'],
  )
  add(
    'bombs',
    'E bomb declared as 1 000 bytes in manifest and zip',
    'E',
    craft('E', withBomb({ manifestSize: 1000, zipSize: 1000, data: bombStream, hash: hashHex(zeros(1000)) })),
    ['bundle.corrupt'],
  )
  add(
    'bombs',
    'E bomb: manifest says 64 MiB, zip says 1 000 bytes',
    'E',
    craft('E', withBomb({ manifestSize: 64 << 20, zipSize: 1000, data: bombStream })),
    ['bundle.file-size-mismatch'],
  )
  add(
    'bombs',
    'E manifest declares a 300 MiB file',
    'E',
    craft('E', withBomb({ manifestSize: 300 << 20, zipSize: 300 << 20, data: bombStream })),
    ['bundle.too-large'],
  )
  add(
    'bombs',
    'E manifest declares 5 × 250 MiB',
    'E',
    craft('E', {
      mutate: (m) => {
        m.files = [
          ...m.files,
          ...[1, 2, 3, 4, 5].map((i) => ({
            name: `attachments/BIG00000000${i}`,
            size: 250 << 20,
            [hashField]: bombHash,
          })),
        ].sort((a, b) => (a.name < b.name ? -1 : 1))
      },
    }),
    ['bundle.too-large'],
  )
  for (const [i, mib] of sample(fc.integer({ min: 2, max: 48 }), 10, 30).entries()) {
    const data = deflateRawSync(Buffer.alloc(mib << 20), { level: 9 })
    const bytes = craft('E', withBomb({ manifestSize: mib << 20, zipSize: mib << 20, data, hash: 'c'.repeat(64) }))
    add('bombs', `E ${mib} MiB of zeros compressed ${Math.round((mib << 20) / data.length)}:1 (#${i})`, 'E', bytes, [
      'bundle.bomb',
    ])
  }
  // honest-looking but beyond lowered caps: an incompressible 2 MiB attachment against a 1 MiB per-file cap
  const big = seededRandom('big')(2 << 20)
  const bigBundle = craft('E', { files: [...files, { name: 'attachments/BIGRANDOM0001', bytes: big }] })
  add(
    'oversized',
    'E 2 MiB attachment with a 1 MiB per-file cap',
    'E',
    bigBundle,
    ['bundle.too-large'],
    cityOpens({ limits: { maxFileBytes: 1 << 20 } }),
  )
  add(
    'oversized',
    'E 2 MiB payload with a 1 MiB total cap',
    'E',
    bigBundle,
    ['bundle.too-large'],
    cityOpens({ limits: { maxTotalBytes: 1 << 20 } }),
  )
  add(
    'oversized',
    'E 2 MiB bundle with a 1 MiB file cap',
    'E',
    bigBundle,
    ['bundle.too-large'],
    cityOpens({ limits: { maxBundleBytes: 1 << 20 } }),
  )
  add(
    'oversized',
    'E 3 files with a 2-file cap',
    'E',
    bases.E.packed.bytes,
    ['bundle.too-many-entries'],
    cityOpens({ limits: { maxPayloadFiles: 2 } }),
  )
  add(
    'oversized',
    'E 3 records with a 2-line cap',
    'E',
    bases.E.packed.bytes,
    ['bundle.too-large'],
    cityOpens({ limits: { maxNdjsonLines: 2 } }),
  )
}
