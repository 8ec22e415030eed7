import fc from 'fast-check'
import { assert, describe, expect, it } from 'vitest'
import { addDays } from '../../../shared/domain/dates'
import { isValidResidentId, parseResidentId, residentIdCheckChar } from '../../../shared/domain/idcard'
import { validationMessages } from '../../../shared/errors/validation'

/** Independent check character: W_i = 2^(18−i) mod 11 and r → (12 − r) mod 11, with 10 written X (ISO 7064 MOD 11-2). */
function referenceCheck(first17: string): string {
  let s = 0
  for (let i = 1; i <= 17; i++) s += Number(first17[i - 1]) * (2 ** (18 - i) % 11)
  const c = (12 - (s % 11)) % 11
  return c === 10 ? 'X' : String(c)
}

const withCheck = (first17: string) => first17 + referenceCheck(first17)

const codeOf = (input: string, today?: string) => {
  const r = parseResidentId(input, today)
  return r.ok ? 'ok' : r.code
}

describe('residentIdCheckChar (GB 11643-1999, docs/domain-reference.md §10.4)', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['31010819840330008', 'X'], // docs/domain-reference.md warns a public sample got this one wrong
  ])('%s → %s', (first17, check) => {
    expect(residentIdCheckChar(first17)).toBe(check)
  })

  it('agrees with the 2^(18−i) mod 11 definition for any 17 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (first17) => {
        expect(residentIdCheckChar(first17)).toBe(referenceCheck(first17))
      }),
      { numRuns: 2000 },
    )
  })

  it('refuses anything but 17 digits', () => {
    expect(() => residentIdCheckChar('1101051949123100')).toThrow(RangeError)
    expect(() => residentIdCheckChar('1101051949123100A')).toThrow(RangeError)
  })
})

describe('parseResidentId: valid numbers', () => {
  it('reads the docs/domain-reference.md vector 11010519491231002X', () => {
    expect(parseResidentId('11010519491231002X')).toEqual({
      ok: true,
      id: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F',
      regionCode: '110105',
    })
  })

  it('reads 31010819840330008X (sequence 008 → female, 1984-03-30)', () => {
    expect(parseResidentId('31010819840330008X', '2025-01-01')).toEqual({
      ok: true,
      id: '31010819840330008X',
      birthDate: '1984-03-30',
      sex: 'F',
      regionCode: '310108',
    })
    expect(codeOf('310108198403300081')).toBe('idcard.check')
  })

  it('trims whitespace and normalises a lower-case x', () => {
    const r = parseResidentId('  11010519491231002x\t')
    expect(r.ok && r.id).toBe('11010519491231002X')
    expect(isValidResidentId(' 11010519491231002x ')).toBe(true)
  })

  it('converts a 15-digit legacy number by inserting 19 and computing the check character', () => {
    expect(parseResidentId('110105491231002')).toEqual({
      ok: true,
      id: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F',
      regionCode: '110105',
    })
    const r = parseResidentId('130503670401001')
    expect(r).toEqual({
      ok: true,
      id: withCheck('13050319670401001'),
      birthDate: '1967-04-01',
      sex: 'M',
      regionCode: '130503',
    })
  })

  it('accepts a birth date equal to today, and leap days', () => {
    expect(codeOf(withCheck('44030620250601001'), '2025-06-01')).toBe('ok')
    expect(codeOf(withCheck('44030620000229001'))).toBe('ok')
  })

  it('accepts without today any date up to 2099, from 1850', () => {
    expect(codeOf(withCheck('11010520991231001'))).toBe('ok')
    expect(codeOf(withCheck('11010518500101001'))).toBe('ok')
  })

  it('parses any generated valid number, with sex from the parity of the sequence', () => {
    const provinces = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46]
      .concat([50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71])
      .map(String)
    const gen = fc.record({
      province: fc.constantFrom(...provinces),
      rest: fc.stringMatching(/^\d{4}$/),
      day: fc.integer({ min: 0, max: 60_000 }),
      seq: fc.stringMatching(/^\d{3}$/),
    })
    fc.assert(
      fc.property(gen, ({ province, rest, day, seq }) => {
        const birth = addDays('1900-01-01', day)
        const id = withCheck(`${province}${rest}${birth.replaceAll('-', '')}${seq}`)
        expect(parseResidentId(id, '2099-01-01')).toEqual({
          ok: true,
          id,
          birthDate: birth,
          sex: Number(seq[2]) % 2 === 1 ? 'M' : 'F',
          regionCode: id.slice(0, 6),
        })
        expect(parseResidentId(id.toLowerCase()).ok).toBe(true)
      }),
    )
  })
})

describe('parseResidentId: refusals with distinct Chinese reasons', () => {
  const reasons = new Map<string, string>()
  it.each([
    ['', 'idcard.empty'],
    ['   ', 'idcard.empty'],
    ['1101051949123100', 'idcard.length'],
    ['1101051949123100299', 'idcard.length'],
    ['11010519491231', 'idcard.length'],
    ['11010519491231002Y', 'idcard.chars'],
    ['110105 19491231002X', 'idcard.chars'],
    ['11010519491231002X。', 'idcard.chars'],
    ['１１０１０５１９４９１２３１００２Ｘ', 'idcard.chars'],
    ['1101051949123X002X', 'idcard.chars'],
    ['11010549123100X', 'idcard.chars'],
    [withCheck('00010519491231002'), 'idcard.region'],
    [withCheck('99010519491231002'), 'idcard.region'],
    [withCheck('16010519491231002'), 'idcard.region'],
    [withCheck('81000019900101001'), 'idcard.residence-permit'],
    [withCheck('82000019900101002'), 'idcard.residence-permit'],
    [withCheck('83000019900101003'), 'idcard.residence-permit'],
    [withCheck('11010519491331002'), 'idcard.date'],
    [withCheck('11010519490230002'), 'idcard.date'],
    [withCheck('11010519000229002'), 'idcard.date'],
    [withCheck('11010518491231002'), 'idcard.date'],
    [withCheck('11010521000101002'), 'idcard.date'],
    ['110105490230002', 'idcard.date'],
    ['11010519491231002X'.replace('002X', '0021'), 'idcard.check'],
    ['11010519491231003X', 'idcard.check'],
  ])('%j → %s', (input, code) => {
    const r = parseResidentId(input)
    expect(r.ok ? 'ok' : r.code).toBe(code)
    reasons.set(code, r.ok ? '' : r.reason)
  })

  it('gives a different Chinese reason for each refusal', () => {
    expect(reasons.size).toBe(7)
    for (const reason of reasons.values()) expect(reason).toMatch(/^[\u4e00-\u9fff“]/)
    expect(new Set(reasons.values()).size).toBe(reasons.size)
    expect(reasons.get('idcard.length')).toBe(validationMessages['idcard.length']({ length: 14 }))
    expect(reasons.get('idcard.region')).toBe(validationMessages['idcard.region']({ prefix: '16' }))
    expect(reasons.get('idcard.date')).toBe(validationMessages['idcard.date']({ date: '1949-02-30' }))
    expect(reasons.get('idcard.residence-permit')).toContain('“83”')
  })

  it('refuses a birth date after today', () => {
    const r = parseResidentId(withCheck('44030620250602001'), '2025-06-01')
    expect(r).toEqual({
      ok: false,
      code: 'idcard.future',
      reason: validationMessages['idcard.future']({ date: '2025-06-02', today: '2025-06-01' }),
    })
  })

  it('says the number is wrong without revealing the expected check character', () => {
    const r = parseResidentId('110105194912310021')
    assert(!r.ok, 'expected r to be refused')
    expect(r.code).toBe('idcard.check')
    expect(r.reason).not.toMatch(/[0-9X]/)
    expect(r.reason).toContain('核对')
  })

  it('points a residence-permit number to the right document type', () => {
    const r = parseResidentId(withCheck('81000019900101001'))
    expect(!r.ok && r.reason).toContain('港澳台居民居住证')
  })

  it('detects every single-digit error in the sequence and check part', () => {
    const valid = '11010519491231002X'
    for (let pos = 14; pos < 18; pos++) {
      for (const c of '0123456789X') {
        if (c === valid[pos] || (c === 'X' && pos < 17)) continue
        const typo = valid.slice(0, pos) + c + valid.slice(pos + 1)
        expect(codeOf(typo)).toBe('idcard.check')
      }
    }
  })

  it('detects adjacent transpositions in the sequence', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{3}$/), (seq) => {
        fc.pre(seq[0] !== seq[1])
        const good = withCheck(`11010519800101${seq}`)
        const swapped = withCheck(`11010519800101${seq}`).slice(0, 14) + seq[1] + seq[0] + seq[2] + good[17]
        expect(codeOf(swapped)).toBe('idcard.check')
      }),
    )
  })

  it('throws on an invalid today (a programming error, not user input)', () => {
    expect(() => parseResidentId('11010519491231002X', '2025-02-30')).toThrow(RangeError)
  })
})

describe('property (issue #3): every generated valid ID is accepted, any single-character change is rejected', () => {
  const provinces = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46]
    .concat([50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71])
    .map(String)
  // Digits, the check letter in both cases, other letters, a space, a full-width digit and punctuation.
  const replacements = [...'0123456789XxAZ -', '０', '７']

  it('at every position, with every replacement character (a lower-case x for X is the same number)', () => {
    const gen = fc.record({
      province: fc.constantFrom(...provinces),
      rest: fc.stringMatching(/^\d{4}$/),
      day: fc.integer({ min: 0, max: 45_000 }),
      seq: fc.stringMatching(/^\d{3}$/),
    })
    fc.assert(
      fc.property(gen, ({ province, rest, day, seq }) => {
        const id = withCheck(`${province}${rest}${addDays('1900-01-01', day).replaceAll('-', '')}${seq}`)
        expect(parseResidentId(id, '2026-01-01').ok).toBe(true)
        for (let pos = 0; pos < 18; pos++) {
          for (const c of replacements) {
            if (c.toUpperCase() === id[pos]) continue
            const changed = id.slice(0, pos) + c + id.slice(pos + 1)
            expect(parseResidentId(changed, '2026-01-01').ok, `${id} → ${changed}`).toBe(false)
          }
        }
      }),
      { numRuns: 200 },
    )
  })
})
