import { describe, expect, it } from 'vitest'
import { displayValue } from '../../../shared/audit/diff'

describe('审计日志 values: nested records in Chinese, never JSON with English keys', () => {
  it('a person record reads as its Chinese field names and values', () => {
    const shown = displayValue({
      name: '陈小明',
      idNumber: '11010519491231002X',
      household: { regionCode: '110105', address: '朝阳路 1 号' },
      minor: false,
    })
    expect(shown).toContain('姓名或名称：陈小明')
    expect(shown).toContain('证件号码：11010519491231002X')
    expect(shown).toContain('户籍地：（')
    expect(shown).toContain('朝阳路 1 号')
    expect(shown).not.toMatch(/[{}"]|idNumber|household|regionCode|address|name/)
  })

  it('lists, 是/否, empty values and plain text', () => {
    expect(displayValue([{ name: '甲' }, { name: '乙' }])).toBe('（姓名或名称：甲）；（姓名或名称：乙）')
    expect(displayValue(true)).toBe('是')
    expect(displayValue([])).toBe('（无）')
    expect(displayValue(null)).toBe('（无）')
    expect(displayValue({ name: null })).toBe('（无）')
    expect(displayValue(1200)).toBe('1200')
    expect(displayValue('原文')).toBe('原文')
  })

  it('a key the glossary does not know is shown as 其他, not in English', () => {
    expect(displayValue({ someInternalKey: 'x' })).toBe('其他：x')
  })
})
