import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  formatYuan,
  formatYuanWithUnit,
  MAX_FEN,
  parseChineseUppercase,
  parseYuan,
  toChineseUppercase,
} from '../../../shared/domain/money'
import { validationMessages } from '../../../shared/errors/validation'

const anyFen = fc.oneof(
  fc.integer({ min: 0, max: MAX_FEN }),
  fc.integer({ min: 0, max: 100_000_000 }),
  fc.integer({ min: 0, max: 10_000 }),
  // amounts with many zeros, where the 零 rules matter
  fc.array(fc.constantFrom(0, 0, 0, 1, 5, 9), { minLength: 1, maxLength: 15 }).map((ds) => Number(ds.join(''))),
)

describe('formatYuan', () => {
  it.each([
    [1234567, '12,345.67'],
    [-1234567, '-12,345.67'],
    [0, '0.00'],
    [5, '0.05'],
    [-5, '-0.05'],
    [100, '1.00'],
    [123456, '1,234.56'],
    [100000000, '1,000,000.00'],
    [MAX_FEN, '9,999,999,999,999.99'],
  ])('%i → %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text)
  })

  it('groups every amount by thousands as a plain reference formatting does', () => {
    const reference = (fen: number) => {
      const abs = Math.abs(fen)
      const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
      return `${fen < 0 ? '-' : ''}${whole}.${String(abs % 100).padStart(2, '0')}`
    }
    fc.assert(
      fc.property(anyFen, fc.boolean(), (fen, negative) => {
        const v = negative ? -fen : fen
        expect(formatYuan(v)).toBe(reference(v))
      }),
    )
  })

  it('adds 元 in formatYuanWithUnit', () => {
    expect(formatYuanWithUnit(1234567)).toBe('12,345.67元')
  })

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('throws on %s', (fen) => {
    expect(() => formatYuan(fen)).toThrow(RangeError)
  })
})

describe('toChineseUppercase (PBOC rules, docs/domain-reference.md §11)', () => {
  it.each([
    // every example in docs/domain-reference.md §11
    [140950, '壹仟肆佰零玖元伍角'],
    [600714, '陆仟零柒元壹角肆分'],
    [168032, '壹仟陆佰捌拾元零叁角贰分'],
    [10700053, '壹拾万柒仟元零伍角叁分'],
    [1640902, '壹万陆仟肆佰零玖元零贰分'],
    [32504, '叁佰贰拾伍元零肆分'],
    [1500, '壹拾伍元整'],
    [1234567, '壹万贰仟叁佰肆拾伍元陆角柒分'],
    [500, '伍元整'],
    [100000000, '壹佰万元整'],
    // zero and small amounts
    [0, '零元整'],
    [50, '伍角'],
    [5, '伍分'],
    [55, '伍角伍分'],
    [101, '壹元零壹分'],
    [110, '壹元壹角'],
    [1000, '壹拾元整'],
    [1005, '壹拾元零伍分'],
    [1050, '壹拾元零伍角'],
    // zero runs inside and across 万 and 亿 groups
    [101000, '壹仟零壹拾元整'],
    [1005000, '壹万零伍拾元整'],
    [1050000, '壹万零伍佰元整'],
    [2000030000, '贰仟万零叁佰元整'],
    [10000000000, '壹亿元整'],
    [10000000100, '壹亿零壹元整'],
    [10005000000, '壹亿零伍万元整'],
    [10000500000, '壹亿零伍仟元整'],
    [10500000000, '壹亿零伍佰万元整'],
    [107000000000, '壹拾亿柒仟万元整'],
    [100000000000000, '壹万亿元整'],
    [100000000000100, '壹万亿零壹元整'],
    [MAX_FEN, '玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
  ])('%i → %s', (fen, text) => {
    expect(toChineseUppercase(fen)).toBe(text)
    expect(parseChineseUppercase(text)).toBe(fen)
  })

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, MAX_FEN + 1])(
    'throws RangeError on %s',
    (fen) => {
      expect(() => toChineseUppercase(fen)).toThrow(RangeError)
    },
  )

  it('uses only the capital characters, never 整 after 分, never a doubled, leading or trailing 零', () => {
    fc.assert(
      fc.property(anyFen, (fen) => {
        const s = toChineseUppercase(fen)
        expect(s).toMatch(/^[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+$/)
        expect(s.endsWith('整')).toBe(fen % 100 === 0)
      }),
      { numRuns: 3000 },
    )
    // 零元整 is the one amount with a leading 零; no other has one, nor 零 doubled, trailing or before a unit
    expect(toChineseUppercase(0)).toBe('零元整')
    fc.assert(
      fc.property(
        anyFen.filter((fen) => fen !== 0),
        (fen) => {
          expect(toChineseUppercase(fen)).not.toMatch(/^零|分整|零零|零[元万亿角分整]|零$/)
        },
      ),
      { numRuns: 3000 },
    )
  })

  it('parses back: parseChineseUppercase(toChineseUppercase(x)) === x, so the text is unique per value', () => {
    fc.assert(
      fc.property(anyFen, (fen) => {
        expect(parseChineseUppercase(toChineseUppercase(fen))).toBe(fen)
      }),
      { numRuns: 5000 },
    )
  })

  it('gives different texts to different values', () => {
    fc.assert(
      fc.property(anyFen, anyFen, (a, b) => {
        fc.pre(a !== b)
        expect(toChineseUppercase(a)).not.toBe(toChineseUppercase(b))
      }),
      { numRuns: 3000 },
    )
  })
})

describe('parseChineseUppercase: accepted variants and refusals', () => {
  it.each([
    ['壹仟陆佰捌拾元叁角贰分', 168032], // 零 after a zero 元 digit is optional
    ['壹拾万零柒仟元伍角叁分', 10700053], // the other form of docs/domain-reference.md §11
    ['人民币伍元整', 500],
    ['伍元正', 500],
    ['伍元', 500],
    ['壹仟肆佰零玖元伍角整', 140950],
    ['伍角整', 50],
    ['拾伍元整', 1500],
    ['貳萬元整', 2000000],
    ['陸佰圓整', 60000],
    ['壹億元整', 10000000000],
    ['零元伍角', 50],
    [' 人民币壹万贰仟叁佰肆拾伍元陆角柒分 ', 1234567],
  ])('%s → %i', (text, fen) => {
    expect(parseChineseUppercase(text)).toBe(fen)
  })

  it.each([
    '',
    '整',
    '元整',
    '伍元零贰分整', // never 整 after 分
    '壹万陆仟肆佰零玖元贰分', // 零 required when 角 is 0
    '壹仟伍元整', // missing 零 between 仟 and the units digit
    '壹仟零伍佰元整', // 零 where no place is skipped
    '壹佰零零伍元整',
    '壹元零伍角', // 元 digit not zero: no 零
    '伍元零',
    '一百元整',
    '壹佰元整元',
    '伍佰伍佰元整',
    '壹拾拾元整',
    '伍万伍万元整',
    '壹亿零元整',
    '壹仟零元整',
    '零伍元整',
    '伍元伍分伍角',
    '拾万亿亿元整',
    '壹拾万亿元整', // above the maximum: 10万亿 元
    '伍',
  ])('refuses %j', (text) => {
    expect(parseChineseUppercase(text)).toBeNull()
  })
})

describe('parseYuan', () => {
  it.each([
    ['12345.67', 1234567],
    ['12,345.67', 1234567],
    ['¥12,345.67', 1234567],
    ['￥ 12,345.67', 1234567],
    ['12345.6', 1234560],
    ['12345', 1234500],
    ['  12345.67  ', 1234567],
    ['１２３４５．６７', 1234567],
    ['12，345．67', 1234567],
    ['12345.67元', 1234567],
    ['0', 0],
    ['0.05', 5],
    ['1,000,000', 100000000],
    ['9,999,999,999,999.99', MAX_FEN],
    ['0009', 900],
  ])('%j → %i', (text, fen) => {
    expect(parseYuan(text)).toEqual({ ok: true, fen })
  })

  it.each([
    ['', 'money.empty'],
    ['   ', 'money.empty'],
    ['¥', 'money.format'],
    ['12.345', 'money.decimals'],
    ['12,345.678', 'money.decimals'],
    ['-5', 'money.negative'],
    ['－5.00', 'money.negative'],
    ['abc', 'money.format'],
    ['12a', 'money.format'],
    ['1,23,456', 'money.format'],
    ['12,3456', 'money.format'],
    ['.5', 'money.format'],
    ['12.', 'money.format'],
    ['1e5', 'money.format'],
    ['12 345', 'money.format'],
    ['10000000000000', 'money.too-large'],
    ['99,999,999,999,999', 'money.too-large'],
    ['123456789012345678901234567890', 'money.too-large'],
  ])('%j → %s', (text, code) => {
    const r = parseYuan(text)
    expect(r.ok ? 'ok' : r.code).toBe(code)
  })

  it('gives Chinese reasons from the message table', () => {
    expect(parseYuan(' 12.345 ')).toEqual({
      ok: false,
      code: 'money.decimals',
      reason: validationMessages['money.decimals']({ text: '12.345' }),
    })
    const big = parseYuan('10000000000000')
    expect(!big.ok && big.reason).toContain('9,999,999,999,999.99元')
  })

  it('round-trips formatYuan and formatYuanWithUnit', () => {
    fc.assert(
      fc.property(anyFen, (fen) => {
        expect(parseYuan(formatYuan(fen))).toEqual({ ok: true, fen })
        expect(parseYuan(`¥${formatYuanWithUnit(fen)}`)).toEqual({ ok: true, fen })
        expect(parseYuan(formatYuan(fen).replaceAll(',', ''))).toEqual({ ok: true, fen })
      }),
      { numRuns: 3000 },
    )
  })
})
