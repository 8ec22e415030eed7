import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { residentIdCheckChar } from '../../../shared/domain/idcard'
import {
  type IdDocumentType,
  idDocumentTypeLabels,
  idDocumentTypes,
  isIdDocumentType,
  validateIdDocument,
} from '../../../shared/domain/identityDocuments'
import { validationMessages } from '../../../shared/errors/validation'

const withCheck = (first17: string) => first17 + residentIdCheckChar(first17)
const codeOf = (type: IdDocumentType, number: string, today?: string) => {
  const r = validateIdDocument(type, number, today)
  return r.ok ? 'ok' : r.code
}

describe('idDocumentTypeLabels', () => {
  it('names every document type in Chinese', () => {
    expect(Object.keys(idDocumentTypeLabels).sort()).toEqual([...idDocumentTypes].sort())
    expect(idDocumentTypeLabels).toMatchObject({
      resident: '居民身份证',
      'hkmo-tw-residence': '港澳台居民居住证',
      'foreign-permanent': '外国人永久居留身份证',
      'hkmo-pass': '港澳居民来往内地通行证',
      'tw-pass': '台湾居民来往大陆通行证',
    })
  })

  it('recognises the closed set of types', () => {
    expect(isIdDocumentType('passport')).toBe(true)
    expect(isIdDocumentType('driver-licence')).toBe(false)
    expect(isIdDocumentType(3)).toBe(false)
  })
})

describe('validateIdDocument: resident', () => {
  it('delegates to parseResidentId and keeps its codes', () => {
    expect(validateIdDocument('resident', ' 11010519491231002x ')).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F',
    })
    expect(codeOf('resident', '110105194912310021')).toBe('idcard.check')
    expect(codeOf('resident', '')).toBe('idcard.empty')
    expect(codeOf('resident', withCheck('81000019900101001'))).toBe('idcard.residence-permit')
  })
})

describe('validateIdDocument: 港澳台居民居住证', () => {
  it.each([
    ['81000019900101001', '1990-01-01', 'M'],
    ['82000020011231002', '2001-12-31', 'F'],
    ['83000019750615013', '1975-06-15', 'M'],
  ])('accepts %s + check', (first17, birthDate, sex) => {
    const id = withCheck(first17)
    expect(validateIdDocument('hkmo-tw-residence', id.toLowerCase(), '2025-01-01')).toEqual({
      ok: true,
      normalized: id,
      birthDate,
      sex,
    })
  })

  it.each([
    ['', 'iddoc.empty'],
    ['8100001990010100', 'iddoc.length'],
    ['81000019900101001-', 'iddoc.format'],
    [withCheck('81010019900101001'), 'iddoc.prefix'],
    [withCheck('11010519491231002'), 'iddoc.prefix'],
    [withCheck('81000019901301001'), 'iddoc.date'],
    [`${'81000019900101001'}${residentIdCheckChar('81000019900101001') === '0' ? '1' : '0'}`, 'iddoc.check'],
  ])('%j → %s', (number, code) => {
    expect(codeOf('hkmo-tw-residence', number)).toBe(code)
  })

  it('refuses a birth date after today, naming the document', () => {
    const r = validateIdDocument('hkmo-tw-residence', withCheck('81000020250602001'), '2025-06-01')
    expect(r).toEqual({
      ok: false,
      code: 'iddoc.future',
      reason: validationMessages['iddoc.future']({ doc: '港澳台居民居住证', date: '2025-06-02', today: '2025-06-01' }),
    })
  })
})

describe('validateIdDocument: 外国人永久居留身份证', () => {
  it('accepts the 15-character format (3 letters + 12 digits), upper-cased', () => {
    expect(validateIdDocument('foreign-permanent', ' usa310085070101 ')).toEqual({
      ok: true,
      normalized: 'USA310085070101',
    })
  })

  it('accepts the 2023 18-digit format starting with 9, with GB 11643 check, birth date and sex', () => {
    const id = withCheck('93184019850315002')
    expect(validateIdDocument('foreign-permanent', id, '2025-01-01')).toEqual({
      ok: true,
      normalized: id,
      birthDate: '1985-03-15',
      sex: 'F',
    })
  })

  it.each([
    ['', 'iddoc.empty'],
    ['US1310085070101', 'iddoc.format'],
    ['USA31008507010X', 'iddoc.format'],
    [withCheck('13184019850315002'), 'iddoc.prefix'],
    ['93184019850315002Y', 'iddoc.format'],
    [withCheck('93184019851315002'), 'iddoc.date'],
    ['USA3100850701', 'iddoc.length'],
  ])('%j → %s', (number, code) => {
    expect(codeOf('foreign-permanent', number)).toBe(code)
  })

  it('detects a wrong check character in the 18-digit format', () => {
    const id = withCheck('93184019850315002')
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1')
    expect(codeOf('foreign-permanent', wrong)).toBe('iddoc.check')
  })
})

describe('validateIdDocument: passports and travel permits (format only)', () => {
  it.each<[IdDocumentType, string, string]>([
    ['passport', 'E12345678', 'E12345678'],
    ['passport', ' e12345678 ', 'E12345678'],
    ['passport', 'AB123', 'AB123'],
    ['passport', '12345678901234567', '12345678901234567'],
    ['hkmo-pass', 'H12345678', 'H12345678'],
    ['hkmo-pass', 'm1234567890', 'M1234567890'],
    ['tw-pass', '12345678', '12345678'],
  ])('%s %j → %s', (type, number, normalized) => {
    expect(validateIdDocument(type, number)).toEqual({ ok: true, normalized })
  })

  it.each<[IdDocumentType, string, string]>([
    ['passport', '', 'iddoc.empty'],
    ['passport', 'AB12', 'iddoc.length'],
    ['passport', '123456789012345678', 'iddoc.length'],
    ['passport', 'E1234-5678', 'iddoc.format'],
    ['passport', 'E 12345678', 'iddoc.format'],
    ['hkmo-pass', 'A12345678', 'iddoc.format'],
    ['hkmo-pass', 'H1234567', 'iddoc.length'],
    ['hkmo-pass', 'H123456789', 'iddoc.length'],
    ['hkmo-pass', 'HM1234567', 'iddoc.format'],
    ['tw-pass', '1234567', 'iddoc.length'],
    ['tw-pass', '1234567A', 'iddoc.format'],
    ['tw-pass', '123456789', 'iddoc.length'],
  ])('%s %j → %s', (type, number, code) => {
    expect(codeOf(type, number)).toBe(code)
  })

  it('accepts any 5–17 letters and digits as a passport number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{5,17}$/), (n) => {
        expect(validateIdDocument('passport', n)).toEqual({ ok: true, normalized: n.toUpperCase() })
      }),
    )
  })

  it('names the document and the expected length in the reason', () => {
    const r = validateIdDocument('hkmo-pass', 'H1234567')
    expect(!r.ok && r.reason).toBe(
      validationMessages['iddoc.length']({ doc: '港澳居民来往内地通行证', expected: '9 或 11 位', length: 8 }),
    )
    const p = validateIdDocument('passport', 'AB12')
    expect(!p.ok && p.reason).toContain('5 至 17 位')
  })
})

describe('validateIdDocument: other documents and unknown types', () => {
  it('keeps the number as typed, trimmed', () => {
    expect(validateIdDocument('other', '  军官证 第 12345 号 ')).toEqual({ ok: true, normalized: '军官证 第 12345 号' })
  })

  it.each([
    ['', 'iddoc.empty'],
    ['a'.repeat(51), 'iddoc.too-long'],
    ['12\u000034', 'iddoc.format'],
  ])('%j → %s', (number, code) => {
    expect(codeOf('other', number)).toBe(code)
  })

  it('refuses a type outside the closed set', () => {
    const r = validateIdDocument('driver-licence' as IdDocumentType, 'X1')
    expect(r).toEqual({
      ok: false,
      code: 'iddoc.unknown-type',
      reason: validationMessages['iddoc.unknown-type']({ type: 'driver-licence' }),
    })
  })

  it('reports an empty number with the document name', () => {
    for (const type of idDocumentTypes.filter((t) => t !== 'resident')) {
      const r = validateIdDocument(type, '   ')
      expect(r).toEqual({
        ok: false,
        code: 'iddoc.empty',
        reason: validationMessages['iddoc.empty']({ doc: idDocumentTypeLabels[type] }),
      })
    }
  })
})
