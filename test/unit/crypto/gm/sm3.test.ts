import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { sm3 as secondSm3 } from 'sm-crypto'
import { describe, expect, it } from 'vitest'
import { sm3 } from '../../../../shared/crypto/gm'
import { hex, opensslSm3 } from './tools'

const ascii = (s: string) => new TextEncoder().encode(s)

describe('SM3 (GB/T 32905-2016)', () => {
  it('gives the standard’s two examples: "abc" (A.1) and the 512-bit "abcd" × 16 (A.2)', () => {
    expect(hex(sm3(ascii('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0')
    expect(hex(sm3(ascii('abcd'.repeat(16))))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732')
  })

  it('equals `openssl dgst -sm3` on the empty input, one block boundary and a multi-block input', () => {
    for (const data of [
      new Uint8Array(0),
      new Uint8Array(55).fill(0x61),
      new Uint8Array(64).fill(0xff),
      ascii('国密'.repeat(500)),
    ]) {
      expect(hex(sm3(data))).toBe(hex(opensslSm3(data)))
    }
  })

  it('equals node:crypto "sm3" (OpenSSL) and sm-crypto@0.5.8 on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        const ours = hex(sm3(data))
        expect(ours).toBe(createHash('sm3').update(data).digest('hex'))
        expect(ours).toBe(secondSm3(Array.from(data)))
      }),
      { numRuns: 200 },
    )
  })
})
