import { describe, expect, it } from 'vitest'
import { chinaFileStamp, chinaTimeOf } from '../../../shared/util/clock'

describe('export file names carry China time (Asia/Shanghai), not UTC', () => {
  it('a file made at 14:18 on the clerk’s screen (06:18 UTC) is stamped 141800', () => {
    expect(chinaFileStamp(Date.parse('2026-12-07T06:18:00Z'))).toBe('20261207-141800')
  })
  it('after 16:00 UTC it is already the next day in China', () => {
    expect(chinaFileStamp(Date.parse('2026-12-31T16:00:05Z'))).toBe('20270101-000005')
  })
  it('agrees with the system’s own Asia/Shanghai time zone for any instant', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    for (let ms = Date.parse('1995-01-01T00:00:00Z'); ms < Date.parse('2040-01-01T00:00:00Z'); ms += 7_777_777_777) {
      const p = Object.fromEntries(fmt.formatToParts(ms).map((x) => [x.type, x.value]))
      expect(chinaFileStamp(ms)).toBe(`${p.year}${p.month}${p.day}-${p.hour}${p.minute}${p.second}`)
    }
  })
})

describe('the time of day shown on screen (e.g. 已自动保存草稿（HH:MM:SS）) is China time, not the computer’s', () => {
  it('06:18:07 UTC is 14:18:07 in China; 16:00:05 UTC is 00:00:05 of the next China day', () => {
    expect(chinaTimeOf(Date.parse('2026-12-07T06:18:07Z'))).toBe('14:18:07')
    expect(chinaTimeOf(Date.parse('2026-12-31T16:00:05Z'))).toBe('00:00:05')
  })
  it('is the time part of the file stamp for any instant', () => {
    for (let ms = Date.parse('1995-01-01T00:00:00Z'); ms < Date.parse('2040-01-01T00:00:00Z'); ms += 7_777_777_777) {
      const stamp = chinaFileStamp(ms).slice(9)
      expect(chinaTimeOf(ms)).toBe(`${stamp.slice(0, 2)}:${stamp.slice(2, 4)}:${stamp.slice(4, 6)}`)
    }
  })
})
