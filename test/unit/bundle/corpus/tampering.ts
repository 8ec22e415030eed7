import { deflateRawSync } from 'node:zlib'
import fc from 'fast-check'
import { DEFLATE, encodeZip, type RawZipEntry, readZip } from '../../../../electron/services/bundle/container'
import { type BaseName, type CorpusContext, enc, flipBit, rawEntry, sample } from './craft'

/** Random and deliberate tampering of whole files, and malformed outer containers. */
export function addTampering({ bases, add, outerOf }: CorpusContext): void {
  // ---- random tampering of whole files --------------------------------------------------------------------------
  const flips: [BaseName, number, number][] = [
    ['E', 500, 1],
    ['O', 250, 2],
    ['N', 150, 3],
  ]
  for (const [b, n, seed] of flips) {
    const bytes = bases[b].packed.bytes
    for (const bit of sample(fc.nat({ max: bytes.length * 8 - 1 }), seed, n)) {
      add('bit flip', `${b} bit ${bit}`, b, flipBit(bytes, bit))
    }
  }
  const cuts: [BaseName, number, number][] = [
    ['E', 150, 4],
    ['O', 75, 5],
    ['N', 25, 6],
  ]
  for (const [b, n, seed] of cuts) {
    const bytes = bases[b].packed.bytes
    for (const len of sample(fc.nat({ max: bytes.length - 1 }), seed, n)) {
      add('truncation', `${b} cut at ${len}`, b, bytes.slice(0, len))
    }
  }
  for (const [i, [b, junk]] of sample(
    fc.tuple(fc.constantFrom<BaseName>('E', 'O', 'N'), fc.uint8Array({ minLength: 1, maxLength: 64 })),
    7,
    20,
  ).entries()) {
    const bytes = bases[b].packed.bytes
    add('junk', `${b} appended ${junk.length} bytes`, b, Buffer.concat([bytes, junk]))
    if (i < 10) add('junk', `${b} prepended ${junk.length} bytes`, b, Buffer.concat([junk, bytes]))
  }
  for (const [b, at, len, other] of sample(
    fc.tuple(fc.constantFrom<BaseName>('E', 'O', 'N'), fc.nat(), fc.integer({ min: 1, max: 64 }), fc.nat()),
    8,
    40,
  )) {
    const src = bases[b].packed.bytes
    const out = src.slice()
    const p = at % (src.length - len)
    const q = other % (src.length - len)
    out.set(src.subarray(q, q + len), p)
    out.set(src.subarray(p, p + len), q)
    if (Buffer.compare(out, src) === 0) for (let k = p; k < p + len; k++) out[k] ^= 0xff
    add('chunk swap/zero', `${b} swap ${len} bytes ${p}↔${q}`, b, out)
  }

  // ---- outer container: order, duplicates, extra and missing entries, names, methods, sizes -------------------
  // a deliberate tamperer who also fixes the zip CRCs: the change must be caught by the signature, the AEAD tag or
  // the manifest's sha256 of the payload file
  const tamper: [BaseName, number, number][] = [
    ['E', 200, 21],
    ['O', 100, 22],
    ['N', 60, 23],
  ]
  for (const [b, n, seed] of tamper) {
    const entries = outerOf(b)
    for (const [slot, pick] of sample(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.nat()), seed, n)) {
      const e = entries[slot]
      const bit = pick % (e.data.length * 8)
      const list = [...entries]
      list[slot] = rawEntry(e.name, flipBit(e.data, bit))
      add('tamper, CRC fixed', `${b} ${e.name} bit ${bit}`, b, encodeZip(list))
    }
  }
  for (const [b, n, seed] of [
    ['O', 60, 24],
    ['N', 30, 25],
  ] as [BaseName, number, number][]) {
    const [m, s, p] = outerOf(b)
    const inner = readZip(p.data, { layer: 'payload', maxEntries: 100, allowDeflate: false }).map((e) =>
      rawEntry(e.name, p.data.slice(e.dataOffset, e.dataOffset + e.compressedSize)),
    )
    for (const [slot, pick] of sample(fc.tuple(fc.nat(), fc.nat()), seed, n)) {
      const i = slot % inner.length
      const list = [...inner]
      list[i] = rawEntry(inner[i].name, flipBit(inner[i].data, pick % (inner[i].data.length * 8)))
      add(
        'tamper inner file, CRCs fixed',
        `${b} ${inner[i].name}`,
        b,
        encodeZip([m, s, rawEntry(p.name, encodeZip(list))]),
        ['bundle.file-hash-mismatch'],
      )
    }
  }

  for (const b of ['E', 'O', 'N'] as BaseName[]) {
    const [m, s, p] = outerOf(b)
    const entryCases: [string, RawZipEntry[], string[]][] = [
      ['order sig,manifest,payload', [s, m, p], ['bundle.unexpected-entry']],
      ['order payload first', [p, m, s], ['bundle.unexpected-entry']],
      ['order manifest,payload,sig', [m, p, s], ['bundle.unexpected-entry']],
      ['order payload,sig,manifest', [p, s, m], ['bundle.unexpected-entry']],
      ['order sig,payload,manifest', [s, p, m], ['bundle.unexpected-entry']],
      ['manifest twice', [m, m, p], ['bundle.duplicate-entry']],
      ['signature twice', [m, s, s], ['bundle.duplicate-entry']],
      ['payload twice (4 entries)', [m, s, p, p], ['bundle.too-many-entries']],
      ['no signature', [m, p], ['bundle.unexpected-entry']],
      ['no manifest', [s, p], ['bundle.unexpected-entry']],
      ['no payload', [m, s], ['bundle.unexpected-entry']],
      ['empty archive', [], ['bundle.unexpected-entry']],
      ['extra.txt added', [m, s, p, rawEntry('extra.txt', enc('x'))], ['bundle.too-many-entries']],
      ['extra replaces payload', [m, s, rawEntry('readme.txt', enc('x'))], ['bundle.unexpected-entry']],
      [
        'other payload kind',
        [m, s, { ...p, name: b === 'E' ? 'payload.zip' : 'payload.bin' }],
        ['bundle.unexpected-entry'],
      ],
      ['manifest deflated', [rawEntry(m.name, m.data, DEFLATE), s, p], ['bundle.corrupt']],
      ['payload deflated', [m, s, rawEntry(p.name, p.data, DEFLATE)], ['bundle.corrupt']],
      [
        'outer deflate bomb as payload',
        [m, s, { name: p.name, method: DEFLATE, data: deflateRawSync(Buffer.alloc(8 << 20)), crc32: 0, size: 8 << 20 }],
        ['bundle.corrupt'],
      ],
      ['manifest size lie', [{ ...m, size: m.size + 1 }, s, p], ['bundle.corrupt']],
      ['payload crc lie', [m, s, { ...p, crc32: (p.crc32 + 1) >>> 0 }], ['bundle.corrupt']],
    ]
    for (const [label, entries, expect] of entryCases)
      add('outer entries', `${b} ${label}`, b, encodeZip(entries), expect)
    const badNames = [
      '../manifest.json',
      '/etc/passwd',
      'a\\b',
      '__proto__.ndjson',
      'C:\\x',
      'C:/Windows/win.ini',
      'manifest.json\u0000',
      'MANIFEST.JSON',
      'manifest.json ',
      'm\u0430nifest.json',
      './manifest.json',
      '..',
      'manifest.json/',
      '\\\\server\\share\\x',
    ]
    for (const [slot, entry] of [m, s, p].entries()) {
      for (const name of badNames) {
        const list = [m, s, p]
        list[slot] = { ...entry, name }
        add('outer entry names', `${b} slot ${slot} ${JSON.stringify(name)}`, b, encodeZip(list), [
          'bundle.bad-entry-name',
          'bundle.unexpected-entry',
          'bundle.duplicate-entry',
        ])
      }
    }
    add(
      'oversized',
      `${b} manifest over 4 MiB`,
      b,
      encodeZip([rawEntry(m.name, new Uint8Array((4 << 20) + 1).fill(0x20)), s, p]),
      ['bundle.too-large'],
    )
    add(
      'oversized',
      `${b} signature entry of 4 KiB`,
      b,
      encodeZip([m, rawEntry(s.name, new Uint8Array(4096).fill(0x41)), p]),
      ['bundle.too-large'],
    )
  }
}
