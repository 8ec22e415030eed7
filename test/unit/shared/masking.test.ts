import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { keptCharacters, maskNumber } from '../../../shared/domain/masking'

/** The digits (and X) a masked text still shows. */
const shown = (masked: string) => [...masked].filter((c) => c !== '*')

describe('maskNumber: 个人信息最少必要 (docs/security.md §7)', () => {
  it('an 18-digit ID number keeps its first 4 and last 4: 3201**********1234', () => {
    expect(maskNumber('idNumber', '320102198001011234')).toBe('3201**********1234')
    expect(maskNumber('idNumber', '11010519800101002X')).toBe('1101**********002X')
  })

  it('a bank account keeps its last 4 behind a fixed-width mask: ****5678', () => {
    expect(maskNumber('bankAccount', '6228480012345678')).toBe('****5678')
    expect(maskNumber('bankAccount', '62284800123456789012')).toBe('****9012')
  })

  it('spaces typed or pasted inside a number are not counted as kept characters; empty stays empty', () => {
    expect(maskNumber('idNumber', '320102 19800101 1234')).toBe('3201**********1234')
    expect(maskNumber('idNumber', '')).toBe('')
  })

  it('property: the masked text never shows more characters than are kept, nor more than half the value', () => {
    const value = fc.stringMatching(/^[0-9X]{1,40}$/)
    const field = fc.constantFrom('idNumber' as const, 'bankAccount' as const)
    fc.assert(
      fc.property(field, value, (f, v) => {
        const masked = maskNumber(f, v)
        const { head, tail } = keptCharacters(f, v.length)
        const visible = shown(masked)
        expect(visible.length).toBeLessThanOrEqual(head + tail)
        expect(visible.length).toBeLessThanOrEqual(Math.floor(v.length / 2))
        // what is shown is the value's own start and end, in place
        expect(visible.join('')).toBe(v.slice(0, head) + v.slice(v.length - tail))
        // at least one character is always hidden
        expect(masked).toContain('*')
      }),
      { numRuns: 2000 },
    )
  })

  it('property: masking is idempotent on the visible part (masking a masked text shows nothing new)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{8,32}$/), (v) => {
        const once = maskNumber('idNumber', v)
        expect(shown(maskNumber('idNumber', once)).length).toBeLessThanOrEqual(shown(once).length)
      }),
    )
  })
})
