import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib'
import { bundleError, displayName } from '../../../shared/exchange/errors'
import { entryNameProblem } from '../../../shared/exchange/names'

/**
 * The canonical zip subset used for both layers of a bundle (docs/bundle-format.md §3): plain PKZIP with no
 * ZIP64, no encryption, no data descriptors, no extra fields, no comments, every header field fixed except
 * method, CRC, sizes, name and offset; entries stored back to back from offset 0, then the central directory,
 * then the end record as the last 22 bytes. The reader refuses any deviation, so a conforming bundle has one
 * byte sequence per content (apart from DEFLATE streams) and a single flipped bit anywhere is detected.
 * The reader never trusts declared sizes: they may only lower the output cap, and inflation stops at
 * min(declared size, cap) in native code (zlib `maxOutputLength`), checked again after inflation with the CRC.
 */
const LOCAL_SIG = 0x04034b50
const CENTRAL_SIG = 0x02014b50
const EOCD_SIG = 0x06054b50
const LOCAL_LEN = 30
const CENTRAL_LEN = 46
const EOCD_LEN = 22
const VERSION = 20
/** DOS date 1980-01-01, time 00:00:00: entries carry no timestamps. */
const DOS_DATE = 0x0021
const DOS_TIME = 0
const U32_MAX = 0xffffffff

export const STORE = 0
export const DEFLATE = 8

/** An entry exactly as it goes into the archive (used by the writer and by tests that build hostile archives). */
export interface RawZipEntry {
  name: string
  method: number
  /** The bytes stored in the archive (compressed when method is DEFLATE). */
  data: Uint8Array
  crc32: number
  /** Declared uncompressed size. */
  size: number
}

/** A located entry of a parsed archive. */
export interface ZipEntry {
  name: string
  method: typeof STORE | typeof DEFLATE
  crc32: number
  size: number
  compressedSize: number
  dataOffset: number
}

/** Encodes entries in the canonical layout. No validation: tests use it to build hostile archives. */
export function encodeZip(entries: readonly RawZipEntry[]): Uint8Array {
  const names = entries.map((e) => Buffer.from(e.name, 'latin1'))
  const localSize = entries.reduce((s, e, i) => s + LOCAL_LEN + names[i].length + e.data.length, 0)
  const centralSize = entries.reduce((s, _e, i) => s + CENTRAL_LEN + names[i].length, 0)
  const out = Buffer.alloc(localSize + centralSize + EOCD_LEN)
  const offsets: number[] = []
  let p = 0
  entries.forEach((e, i) => {
    offsets.push(p)
    out.writeUInt32LE(LOCAL_SIG, p)
    out.writeUInt16LE(VERSION, p + 4)
    out.writeUInt16LE(0, p + 6)
    out.writeUInt16LE(e.method, p + 8)
    out.writeUInt16LE(DOS_TIME, p + 10)
    out.writeUInt16LE(DOS_DATE, p + 12)
    out.writeUInt32LE(e.crc32 >>> 0, p + 14)
    out.writeUInt32LE(e.data.length, p + 18)
    out.writeUInt32LE(e.size >>> 0, p + 22)
    out.writeUInt16LE(names[i].length, p + 26)
    out.writeUInt16LE(0, p + 28)
    names[i].copy(out, p + LOCAL_LEN)
    out.set(e.data, p + LOCAL_LEN + names[i].length)
    p += LOCAL_LEN + names[i].length + e.data.length
  })
  const cdOffset = p
  entries.forEach((e, i) => {
    out.writeUInt32LE(CENTRAL_SIG, p)
    out.writeUInt16LE(VERSION, p + 4)
    out.writeUInt16LE(VERSION, p + 6)
    out.writeUInt16LE(0, p + 8)
    out.writeUInt16LE(e.method, p + 10)
    out.writeUInt16LE(DOS_TIME, p + 12)
    out.writeUInt16LE(DOS_DATE, p + 14)
    out.writeUInt32LE(e.crc32 >>> 0, p + 16)
    out.writeUInt32LE(e.data.length, p + 20)
    out.writeUInt32LE(e.size >>> 0, p + 24)
    out.writeUInt16LE(names[i].length, p + 28)
    // extra length, comment length, disk start, internal attributes, external attributes: all zero
    out.writeUInt32LE(offsets[i], p + 42)
    names[i].copy(out, p + CENTRAL_LEN)
    p += CENTRAL_LEN + names[i].length
  })
  out.writeUInt32LE(EOCD_SIG, p)
  out.writeUInt16LE(entries.length, p + 8)
  out.writeUInt16LE(entries.length, p + 10)
  out.writeUInt32LE(p - cdOffset, p + 12)
  out.writeUInt32LE(cdOffset, p + 16)
  return new Uint8Array(out.buffer, out.byteOffset, out.length)
}

/** A file to put in an archive; `deflate` asks for compression (kept only when it pays and stays under `maxRatio`). */
export interface ZipInput {
  name: string
  bytes: Uint8Array
  deflate?: boolean
}

/** Writes files in the canonical layout (DEFLATE level 6 where asked and worthwhile, otherwise STORE). */
export function writeZip(files: readonly ZipInput[], maxRatio = Number.POSITIVE_INFINITY): Uint8Array {
  return encodeZip(
    files.map((f) => {
      const crc = crc32(f.bytes)
      if (f.deflate && f.bytes.length > 0) {
        const packed = deflateRawSync(f.bytes, { level: 6 })
        if (packed.length < f.bytes.length * 0.95 && f.bytes.length <= packed.length * maxRatio) {
          return { name: f.name, method: DEFLATE, data: packed, crc32: crc, size: f.bytes.length }
        }
      }
      return { name: f.name, method: STORE, data: f.bytes, crc32: crc, size: f.bytes.length }
    }),
  )
}

export interface ReadZipOptions {
  /** 'outer' reports a broken end record as not-a-bundle/truncated; 'payload' reports everything as corrupt. */
  layer: 'outer' | 'payload'
  maxEntries: number
  allowDeflate: boolean
}

const u16 = (b: Uint8Array, p: number) => b[p] | (b[p + 1] << 8)
const u32 = (b: Uint8Array, p: number) => (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0

function corrupt(layer: ReadZipOptions['layer'], detail: string) {
  return bundleError('bundle.corrupt', { detail: layer === 'payload' ? `数据部分：${detail}` : detail })
}

function decodeName(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return s
}

/** True when an end-record signature sits in the last 64 KiB before `end` (data was appended after the archive). */
function hasEndRecordBefore(bytes: Uint8Array, end: number): boolean {
  for (let p = Math.min(end, bytes.length - 4); p >= Math.max(0, end - 65_536); p--) {
    if (u32(bytes, p) === EOCD_SIG) return true
  }
  return false
}

/**
 * Parses and checks the whole structure without decompressing anything: end record, central directory, every
 * local header against its central record, contiguous layout, entry names (generic safety and no duplicates,
 * case-insensitively), methods and declared sizes. Returns the entries in archive order.
 */
export function readZip(bytes: Uint8Array, opts: ReadZipOptions): ZipEntry[] {
  const { layer } = opts
  const startsLikeZip = bytes.length >= 4 && u32(bytes, 0) === LOCAL_SIG
  const eocd = bytes.length - EOCD_LEN
  if (eocd < 0 || u32(bytes, eocd) !== EOCD_SIG) {
    if (layer === 'payload') throw corrupt(layer, '压缩包结尾记录缺失')
    if (!startsLikeZip) throw bundleError('bundle.not-a-bundle')
    if (hasEndRecordBefore(bytes, eocd)) throw corrupt(layer, '文件末尾有多余的数据')
    throw bundleError('bundle.truncated')
  }
  const count = u16(bytes, eocd + 10)
  if (count > opts.maxEntries) {
    throw bundleError('bundle.too-many-entries', {
      count,
      limit: opts.maxEntries,
      where: layer === 'payload' ? '数据部分' : undefined,
    })
  }
  const cdSize = u32(bytes, eocd + 12)
  const cdOffset = u32(bytes, eocd + 16)
  if (
    u16(bytes, eocd + 4) !== 0 ||
    u16(bytes, eocd + 6) !== 0 ||
    u16(bytes, eocd + 8) !== count ||
    u16(bytes, eocd + 20) !== 0 ||
    cdOffset + cdSize !== eocd
  ) {
    if (layer === 'outer' && !startsLikeZip && count > 0) throw bundleError('bundle.not-a-bundle')
    throw corrupt(layer, '结尾记录不一致')
  }
  const entries: ZipEntry[] = []
  const seen = new Set<string>()
  let p = cdOffset
  let expectedLocal = 0
  for (let i = 0; i < count; i++) {
    if (p + CENTRAL_LEN > eocd || u32(bytes, p) !== CENTRAL_SIG) throw corrupt(layer, '目录记录损坏')
    const method = u16(bytes, p + 10)
    const crc = u32(bytes, p + 16)
    const compressedSize = u32(bytes, p + 20)
    const size = u32(bytes, p + 24)
    const nameLen = u16(bytes, p + 28)
    const localOffset = u32(bytes, p + 42)
    if (
      u16(bytes, p + 4) !== VERSION ||
      u16(bytes, p + 6) !== VERSION ||
      u16(bytes, p + 8) !== 0 ||
      u16(bytes, p + 12) !== DOS_TIME ||
      u16(bytes, p + 14) !== DOS_DATE ||
      u16(bytes, p + 30) !== 0 ||
      u16(bytes, p + 32) !== 0 ||
      u16(bytes, p + 34) !== 0 ||
      u16(bytes, p + 36) !== 0 ||
      u32(bytes, p + 38) !== 0
    ) {
      throw corrupt(layer, '目录记录含有不支持的字段（加密、扩展字段、注释、链接或时间戳）')
    }
    if (compressedSize === U32_MAX || size === U32_MAX || localOffset === U32_MAX) {
      throw corrupt(layer, '不支持 ZIP64')
    }
    if (nameLen === 0 || p + CENTRAL_LEN + nameLen > eocd) throw corrupt(layer, '目录记录损坏')
    const nameBytes = bytes.subarray(p + CENTRAL_LEN, p + CENTRAL_LEN + nameLen)
    const name = decodeName(nameBytes)
    const problem = entryNameProblem(name)
    if (problem) throw bundleError('bundle.bad-entry-name', { name: `${displayName(name)}（${problem}）` })
    const folded = name.toLowerCase()
    if (seen.has(folded)) throw bundleError('bundle.duplicate-entry', { name: displayName(name) })
    seen.add(folded)
    if (method !== STORE && !(method === DEFLATE && opts.allowDeflate)) {
      throw corrupt(layer, `文件“${displayName(name)}”使用了不允许的压缩方式`)
    }
    if (method === STORE && compressedSize !== size) throw corrupt(layer, `文件“${displayName(name)}”的大小记录不一致`)
    // local header: same fields, directly after the previous entry's data
    if (localOffset !== expectedLocal) throw corrupt(layer, '文件位置不连续（有夹带或重叠的数据）')
    const l = localOffset
    if (l + LOCAL_LEN + nameLen > cdOffset || u32(bytes, l) !== LOCAL_SIG) throw corrupt(layer, '文件头损坏')
    if (
      u16(bytes, l + 4) !== VERSION ||
      u16(bytes, l + 6) !== 0 ||
      u16(bytes, l + 8) !== method ||
      u16(bytes, l + 10) !== DOS_TIME ||
      u16(bytes, l + 12) !== DOS_DATE ||
      u32(bytes, l + 14) !== crc ||
      u32(bytes, l + 18) !== compressedSize ||
      u32(bytes, l + 22) !== size ||
      u16(bytes, l + 26) !== nameLen ||
      u16(bytes, l + 28) !== 0 ||
      Buffer.compare(bytes.subarray(l + LOCAL_LEN, l + LOCAL_LEN + nameLen), nameBytes) !== 0
    ) {
      throw corrupt(layer, `文件“${displayName(name)}”的文件头与目录记录不一致`)
    }
    const dataOffset = l + LOCAL_LEN + nameLen
    if (dataOffset + compressedSize > cdOffset) throw corrupt(layer, '文件数据超出范围')
    expectedLocal = dataOffset + compressedSize
    entries.push({ name, method, crc32: crc, size, compressedSize, dataOffset })
    p += CENTRAL_LEN + nameLen
  }
  if (p !== eocd || expectedLocal !== cdOffset) throw corrupt(layer, '目录大小与内容不符（有夹带的数据）')
  return entries
}

/**
 * Returns an entry's bytes (a copy unless `copy` is false for a stored entry). DEFLATE output is capped in native code at the declared size (which the
 * caller has already checked against its caps), so a lying or hostile stream can never produce more; then
 * the real size and the CRC-32 must match the declaration.
 */
export function extractEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  layer: ReadZipOptions['layer'],
  copy = true,
): Uint8Array {
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize)
  let out: Uint8Array
  if (entry.method === STORE) {
    out = copy ? data.slice() : data
  } else {
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) })
    } catch (e) {
      const tooLarge = (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
      throw corrupt(layer, `文件“${entry.name}”${tooLarge ? '解压后超过其声明的大小' : '的压缩数据损坏'}`)
    }
  }
  if (out.length !== entry.size) throw corrupt(layer, `文件“${entry.name}”的实际大小与声明不符`)
  if (crc32(out) >>> 0 !== entry.crc32) throw corrupt(layer, `文件“${entry.name}”的校验和不符`)
  return out
}
