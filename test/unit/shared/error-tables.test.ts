import { describe, expect, it } from 'vitest'
import { messageFor, messageTables } from '../../../shared/errors'

describe('error codes become Chinese text in one place', () => {
  it('no code is defined by two tables (a later table would silently replace the first)', () => {
    const seen = new Map<string, number>()
    messageTables.forEach((table, i) => {
      for (const code of Object.keys(table)) {
        expect(seen.has(code), `${code} in tables ${seen.get(code)} and ${i}`).toBe(false)
        seen.set(code, i)
      }
    })
    expect(seen.size).toBeGreaterThan(50)
  })

  it('every code yields Chinese text (callers pass the parameters a message names)', () => {
    for (const table of messageTables) {
      for (const code of Object.keys(table)) {
        const text = messageFor(code as never)
        expect(text, code).toMatch(/[\u4e00-\u9fff]/)
      }
    }
  })

  it('an unknown code still gives a readable message', () => {
    expect(messageFor('no.such.code' as never)).toBe('未知错误（no.such.code）')
  })
})
