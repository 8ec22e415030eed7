import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { exchangeMessages } from '../../../shared/errors/exchange'
import { base64PatternFor, base64ToBytes, bytesToBase64 } from '../../../shared/exchange/base64'
import { displayName } from '../../../shared/exchange/errors'
import { BUNDLE_LIMITS, resolveLimits } from '../../../shared/exchange/limits'
import { entryNameProblem, isPayloadFileName, tableNameOf } from '../../../shared/exchange/names'
import { countNdjsonLines, parseNdjson, toNdjson } from '../../../shared/exchange/ndjson'
import { jsonValueProblem, safeJsonParse } from '../../../shared/exchange/safeJson'
import { refusal } from './helpers'

const enc = (s: string) => new TextEncoder().encode(s)

describe('safeJsonParse', () => {
  it.each([
    ['{"__proto__":{"polluted":1}}'],
    ['{"a":{"constructor":{"prototype":{"polluted":1}}}}'],
    ['{"\\u005f_proto__":1}'],
    ['[{"x":[{"prototype":1}]}]'],
    ['{"a":1e999}'],
    [`${'['.repeat(40)}${']'.repeat(40)}`],
    ['{"a":'],
    ['NaN'],
    [`"${'x'.repeat(70_000)}"`],
  ])('refuses %s', (text) => {
    expect(refusal(() => safeJsonParse(text, { file: 't.ndjson', line: 3 }))).toBe('bundle.bad-json')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('refuses depth 100 000 without overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
    expect(refusal(() => safeJsonParse(deep))).toBe('bundle.bad-json')
  })

  it('accepts ordinary JSON, including keys that merely contain the words', () => {
    expect(safeJsonParse('{"protoType":1,"constructorName":"x","a":[1,"b",null,true]}')).toEqual({
      protoType: 1,
      constructorName: 'x',
      a: [1, 'b', null, true],
    })
    expect(jsonValueProblem({ a: { b: { c: 1 } } })).toBeNull()
  })

  it('property: any JSON object without forbidden keys survives; injecting a forbidden key anywhere is refused', () => {
    const safeKey = fc.string({ maxLength: 6 }).filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k))
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.string({ maxLength: 10 }),
        fc.integer(),
        fc.constant(null),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(safeKey, tie('node'), { maxKeys: 3 }),
      ),
    })).node
    fc.assert(
      fc.property(
        fc.dictionary(safeKey, value, { maxKeys: 4 }),
        fc.constantFrom('__proto__', 'constructor', 'prototype'),
        (obj, bad) => {
          const text = JSON.stringify(obj)
          expect(safeJsonParse(text)).toEqual(JSON.parse(text))
          const injected = text === '{}' ? `{"${bad}":1}` : `{"${bad}":{"x":1},${text.slice(1)}`
          expect(refusal(() => safeJsonParse(injected))).toBe('bundle.bad-json')
        },
      ),
      { seed: 7, numRuns: 150 },
    )
  })
})

describe('parseNdjson', () => {
  it('parses one object per line with an optional final newline', () => {
    expect(parseNdjson(enc('{"a":1}\n{"b":"二"}\n'), 10)).toEqual([{ a: 1 }, { b: '二' }])
    expect(parseNdjson(enc('{"a":1}\n{"b":2}'), 10)).toEqual([{ a: 1 }, { b: 2 }])
    expect(parseNdjson(new Uint8Array(0), 10)).toEqual([])
  })

  it.each([
    ['empty line', '{"a":1}\n\n{"b":2}\n'],
    ['only a newline', '\n'],
    ['array line', '[1,2]\n'],
    ['scalar line', '42\n'],
    ['__proto__ line', '{"a":1}\n{"__proto__":{"isAdmin":true}}\n'],
    ['nested constructor', '{"x":{"constructor":{"prototype":{"y":1}}}}\n'],
    ['broken JSON', '{"a":1\n'],
    ['BOM', '\ufeff{"a":1}\n'],
  ])('refuses %s', (_label, text) => {
    expect(refusal(() => parseNdjson(enc(text), 10, 'cases.ndjson'))).toBe('bundle.bad-json')
  })

  it('refuses invalid UTF-8, too many lines and overlong lines', () => {
    expect(refusal(() => parseNdjson(new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]), 10))).toBe('bundle.bad-json')
    expect(refusal(() => parseNdjson(enc('{}\n{}\n{}\n'), 2))).toBe('bundle.too-large')
    expect(
      refusal(() => parseNdjson(enc(`{"a":"${'x'.repeat(100)}"}\n`), 5, 'x', { ...BUNDLE_LIMITS, maxLineChars: 50 })),
    ).toBe('bundle.bad-json')
  })

  it('reads line by line: never decodes more than one line at a time, counts line length in characters', () => {
    const limits = { ...BUNDLE_LIMITS, maxLineChars: 50 }
    const han = (n: number) => `{"a":"${'汉'.repeat(n)}"}` // n + 8 characters, 3n + 8 bytes
    expect(parseNdjson(enc(`${han(42)}\n`), 5, 'x', limits)).toEqual([{ a: '汉'.repeat(42) }])
    expect(refusal(() => parseNdjson(enc(`${han(43)}\n`), 5, 'x', limits))).toBe('bundle.bad-json')
    // 4-byte characters are 2 UTF-16 units each, as before
    expect(parseNdjson(enc(`{"a":"${'😀'.repeat(21)}"}`), 5, 'x', limits)).toHaveLength(1)
    expect(refusal(() => parseNdjson(enc(`{"a":"${'😀'.repeat(22)}"}`), 5, 'x', limits))).toBe('bundle.bad-json')
    // invalid UTF-8 in a later line, a BOM, a lone surrogate encoded as UTF-8 (CESU) are still refused
    const bad = new Uint8Array([...enc('{"a":1}\n{"b":"'), 0xed, 0xa0, 0x80, ...enc('"}\n')])
    expect(refusal(() => parseNdjson(bad, 5))).toBe('bundle.bad-json')
    expect(refusal(() => parseNdjson(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('{}')]), 5))).toBe('bundle.bad-json')

    const lines = Array.from({ length: 2000 }, (_, i) => ({ i, text: `第${i}行`.repeat(10) }))
    const bytes = toNdjson(lines)
    const longestLine = Math.max(...lines.map((l) => enc(JSON.stringify(l)).length))
    const decode = vi.spyOn(TextDecoder.prototype, 'decode')
    try {
      expect(parseNdjson(bytes, lines.length)).toEqual(lines)
      const sizes = decode.mock.calls.map(([input]) => (input as Uint8Array | undefined)?.byteLength ?? 0)
      expect(sizes).toHaveLength(lines.length)
      expect(Math.max(...sizes)).toBe(longestLine)
    } finally {
      decode.mockRestore()
    }
  })

  it('property: toNdjson → countNdjsonLines/parseNdjson round-trips', () => {
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.stringMatching(/^[a-z]{1,5}$/), fc.oneof(fc.string(), fc.integer())), {
          maxLength: 20,
        }),
        (rows) => {
          const bytes = toNdjson(rows)
          expect(countNdjsonLines(bytes)).toBe(rows.length)
          expect(parseNdjson(bytes, rows.length)).toEqual(rows)
        },
      ),
      { seed: 11, numRuns: 100 },
    )
  })
})

describe('entry names', () => {
  it.each([
    '../x',
    '/etc/passwd',
    'a\\b',
    'C:/win.ini',
    'a//b',
    './a',
    'a/..',
    'x\u0000y',
    'é.ndjson',
    '',
    'a'.repeat(201),
    'dir/',
  ])('generic check refuses %j', (name) => {
    expect(entryNameProblem(name)).not.toBeNull()
  })

  it('payload allowlist: table NDJSON and attachments only, no reserved names', () => {
    for (const ok of [
      'cases.ndjson',
      'ledgerEntries.ndjson',
      'attachments/320102-01HQ3Z8V6X',
      'attachments/0123456789',
    ]) {
      expect(isPayloadFileName(ok)).toBe(true)
    }
    for (const bad of [
      '__proto__.ndjson',
      'constructor.ndjson',
      'toString.ndjson',
      'Cases.ndjson',
      'c.ndjson',
      'cases.json',
      'cases.ndjson/',
      'attachments/short',
      'attachments/abc-lowercase-id',
      'attachments/../../etc',
      'manifest.json',
    ]) {
      expect(isPayloadFileName(bad)).toBe(false)
    }
    expect(tableNameOf('ledgerEntries.ndjson')).toBe('ledgerEntries')
    expect(tableNameOf('attachments/0123456789')).toBeNull()
  })

  it('displayName escapes control and bidi characters and truncates', () => {
    expect(displayName('a\u0000b\u202ec')).toBe('a\\u0000b\\u202ec')
    expect(displayName('x'.repeat(100), 10)).toBe(`${'x'.repeat(10)}…`)
  })
})

describe('canonical base64', () => {
  it('property: encode/decode round-trips and the pattern accepts exactly the canonical form', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 70 }), (bytes) => {
        const b64 = bytesToBase64(bytes)
        expect(b64).toBe(Buffer.from(bytes).toString('base64'))
        expect(base64ToBytes(b64, bytes.length)).toEqual(bytes)
        expect(base64PatternFor(bytes.length).test(b64)).toBe(true)
      }),
      { seed: 3, numRuns: 200 },
    )
  })

  it('refuses non-canonical padding bits and wrong lengths', () => {
    const key = Buffer.alloc(32, 7).toString('base64') // ends with 'w='
    expect(base64ToBytes(key, 32)).not.toBeNull()
    expect(base64ToBytes(`${key.slice(0, -2)}x=`, 32)).toBeNull()
    expect(base64ToBytes(key, 31)).toBeNull()
    expect(base64ToBytes(`${key}\n`, 32)).toBeNull()
  })
})

describe('limits', () => {
  it('overrides can only lower a cap', () => {
    expect(resolveLimits({ maxFileBytes: 10 }).maxFileBytes).toBe(10)
    expect(resolveLimits({ maxFileBytes: BUNDLE_LIMITS.maxFileBytes * 2 }).maxFileBytes).toBe(
      BUNDLE_LIMITS.maxFileBytes,
    )
    expect(resolveLimits({ maxRatio: Number.NaN }).maxRatio).toBe(BUNDLE_LIMITS.maxRatio)
  })
})

describe('exchange messages', () => {
  it('every bundle.* code says in Chinese what is wrong and what to do, with any parameters', () => {
    const params = {
      detail: '细节',
      what: 'cases.ndjson',
      size: 10,
      limit: 5,
      count: 4,
      where: '数据部分',
      names: 'a、b',
      name: 'x',
      ratio: 900,
      version: 2,
      supported: '1',
      suite: 'sm2-sm3-sm4',
      parts: 'ed25519、x25519-hkdf-sha256-aes256gcm',
      unitName: '某院',
      unitCode: '320102',
      fingerprint: 'AAAAA-BBBBB-CCCCC-DDDDD',
      receiver: '320104',
      expected: 3,
      keyId: 'K',
      actual: 2,
      table: 'cases',
      file: 'cases.ndjson',
      line: 3,
      min: 8,
      path: '/x',
    }
    const codes = Object.keys(exchangeMessages) as (keyof typeof exchangeMessages)[]
    expect(codes.length).toBeGreaterThanOrEqual(25)
    for (const code of codes) {
      expect(code.startsWith('bundle.')).toBe(true)
      const text = exchangeMessages[code](params)
      expect([code, /[\u4e00-\u9fff]/.test(text) && text.includes('请')]).toEqual([code, true])
      expect(text).not.toMatch(/undefined|NaN|\[object/)
    }
  })
})
