import { crc32, deflateRawSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  DEFLATE,
  encodeZip,
  extractEntry,
  type RawZipEntry,
  readZip,
  STORE,
  writeZip,
} from '../../../electron/services/bundle/container'
import { refusal } from './helpers'

const outer = { layer: 'outer' as const, maxEntries: 3, allowDeflate: false }
const payload = { layer: 'payload' as const, maxEntries: 100, allowDeflate: true }
const enc = (s: string) => new TextEncoder().encode(s)

function readAll(bytes: Uint8Array, opts = payload) {
  return readZip(bytes, opts).map((e) => [e.name, Buffer.from(extractEntry(bytes, e, opts.layer)).toString('latin1')])
}

const stored = (name: string, text: string): RawZipEntry => {
  const data = enc(text)
  return { name, method: STORE, data, crc32: crc32(data), size: data.length }
}

describe('canonical zip writer and reader', () => {
  it('round-trips stored and deflated entries', () => {
    const files = [
      { name: 'cases.ndjson', bytes: enc('{"a":1}\n'.repeat(200)), deflate: true },
      { name: 'attachments/0123456789', bytes: new Uint8Array([0, 255, 10, 13]), deflate: true },
      { name: 'x.ndjson', bytes: new Uint8Array(0) },
    ]
    const zip = writeZip(files)
    const entries = readZip(zip, payload)
    expect(entries.map((e) => e.method)).toEqual([DEFLATE, STORE, STORE])
    expect(readAll(zip)).toEqual(files.map((f) => [f.name, Buffer.from(f.bytes).toString('latin1')]))
  })

  it('property: any set of safe names and contents round-trips; output is deterministic', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z]{1,12}$/), fc.uint8Array({ maxLength: 500 }), fc.boolean()), {
          selector: ([n]) => n,
          maxLength: 5,
        }),
        (list) => {
          const files = list.map(([name, bytes, deflate]) => ({ name, bytes, deflate }))
          const zip = writeZip(files)
          expect(Buffer.from(writeZip(files))).toEqual(Buffer.from(zip))
          expect(readAll(zip)).toEqual(files.map((f) => [f.name, Buffer.from(f.bytes).toString('latin1')]))
        },
      ),
      { seed: 99, numRuns: 100 },
    )
  })

  it('an empty archive is the 22-byte end record', () => {
    const zip = writeZip([])
    expect(zip.length).toBe(22)
    expect(readZip(zip, payload)).toEqual([])
  })

  it('not a zip, truncated, or too many entries (from the end record, before reading the directory)', () => {
    expect(refusal(() => readZip(new Uint8Array(0), outer))).toBe('bundle.not-a-bundle')
    expect(refusal(() => readZip(enc('%PDF-1.7 hello world, definitely not a zip file'), outer))).toBe(
      'bundle.not-a-bundle',
    )
    const zip = writeZip([{ name: 'a', bytes: enc('hello') }])
    expect(refusal(() => readZip(zip.subarray(0, zip.length - 5), outer))).toBe('bundle.truncated')
    expect(refusal(() => readZip(zip.subarray(0, zip.length - 5), payload))).toBe('bundle.corrupt')
    const many = encodeZip(['a', 'b', 'c', 'd'].map((n) => stored(n, n)))
    expect(refusal(() => readZip(many, outer))).toBe('bundle.too-many-entries')
    // an end record claiming 65 535 entries costs nothing to refuse
    const fake = Buffer.from(writeZip([]))
    fake.writeUInt16LE(65535, 8)
    fake.writeUInt16LE(65535, 10)
    expect(refusal(() => readZip(fake, payload))).toBe('bundle.too-many-entries')
  })

  it('refuses every non-canonical header field', () => {
    const base = Buffer.from(encodeZip([stored('a.txt', 'hello'), stored('b.txt', 'world')]))
    const cd = base.readUInt32LE(base.length - 6)
    const patches: [string, number, number, 16 | 32][] = [
      ['local version', 4, 10, 16],
      ['local flags (encrypted)', 6, 1, 16],
      ['local flags (data descriptor)', 6, 8, 16],
      ['local time', 10, 1, 16],
      ['local extra length', 28, 4, 16],
      ['central version made by (unix)', cd + 4, 0x031e, 16],
      ['central flags', cd + 8, 0x0800, 16],
      ['central extra length', cd + 30, 4, 16],
      ['central comment length', cd + 32, 1, 16],
      ['central disk start', cd + 34, 1, 16],
      ['central internal attributes', cd + 36, 1, 16],
      ['central external attributes (symlink)', cd + 38, 0xa1ff0000, 32],
      ['central local offset', cd + 42, 1, 32],
      ['central crc', cd + 16, 0, 32],
      ['central size ZIP64', cd + 24, 0xffffffff, 32],
      ['end comment length', base.length - 2, 1, 16],
      ['end disk number', base.length - 18, 1, 16],
      ['end directory offset', base.length - 6, cd - 1, 32],
    ]
    for (const [label, at, value, width] of patches) {
      const b = Buffer.from(base)
      if (width === 16) b.writeUInt16LE(value, at)
      else b.writeUInt32LE(value >>> 0, at)
      expect([label, refusal(() => readAll(b, { ...payload, allowDeflate: false }))]).toEqual([label, 'bundle.corrupt'])
    }
  })

  it('refuses appended or prepended data, duplicate names, unsafe names and deflate where not allowed', () => {
    const zip = Buffer.from(writeZip([{ name: 'a', bytes: enc('x') }]))
    expect(refusal(() => readZip(Buffer.concat([zip, Buffer.from('junk')]), outer))).toBe('bundle.corrupt')
    expect(refusal(() => readZip(Buffer.concat([Buffer.from('junk'), zip]), outer))).not.toBe('accepted')
    expect(refusal(() => readZip(encodeZip([stored('a.ndjson', '1'), stored('A.ndjson', '2')]), payload))).toBe(
      'bundle.duplicate-entry',
    )
    expect(refusal(() => readZip(encodeZip([stored('a', '1'), stored('a', '1')]), payload))).toBe(
      'bundle.duplicate-entry',
    )
    for (const name of ['../x', '/etc/passwd', 'a\\b', 'C:/x', 'a/../b', 'x\u0001']) {
      expect(refusal(() => readZip(encodeZip([stored(name, 'x')]), payload))).toBe('bundle.bad-entry-name')
    }
    const deflated = writeZip([{ name: 'a', bytes: enc('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'), deflate: true }])
    expect(readZip(deflated, payload)[0].method).toBe(DEFLATE)
    expect(refusal(() => readZip(deflated, outer))).toBe('bundle.corrupt')
    const bzip2 = { ...stored('a', 'x'), method: 12 }
    expect(refusal(() => readZip(encodeZip([bzip2]), payload))).toBe('bundle.corrupt')
  })

  it('inflation never exceeds the declared size: a 64 MiB bomb declared as 1 KiB stops at 1 KiB', () => {
    const bomb = deflateRawSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 })
    expect(bomb.length).toBeLessThan(100_000)
    const zip = encodeZip([{ name: 'z', method: DEFLATE, data: bomb, crc32: 0, size: 1024 }])
    const [entry] = readZip(zip, payload)
    const before = process.memoryUsage().rss
    const t0 = performance.now()
    expect(refusal(() => extractEntry(zip, entry, 'payload'))).toBe('bundle.corrupt')
    expect(performance.now() - t0).toBeLessThan(1000)
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024)
  })

  it('a stream shorter than declared, a damaged stream, or a wrong CRC is corrupt', () => {
    const text = enc('hello hello hello hello')
    const d = deflateRawSync(text)
    const entry = (over: Partial<RawZipEntry>) =>
      encodeZip([{ name: 'z', method: DEFLATE, data: d, crc32: crc32(text), size: text.length, ...over }])
    for (const zip of [
      entry({ size: text.length + 5 }),
      entry({ data: d.subarray(0, d.length - 3) }),
      entry({ crc32: 1 }),
    ]) {
      const [e] = readZip(zip, payload)
      expect(refusal(() => extractEntry(zip, e, 'payload'))).toBe('bundle.corrupt')
    }
    const ok = entry({})
    expect(Buffer.from(extractEntry(ok, readZip(ok, payload)[0], 'payload'))).toEqual(Buffer.from(text))
  })
})
