import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBase64, decodeBase64OrUndefined, encodeBase64 } from '../../../shared/util/base64'

describe('base64 for files crossing the IPC contract', () => {
  it('round-trips any bytes and agrees with Node’s own codec', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const text = encodeBase64(bytes)
        expect(text).toBe(Buffer.from(bytes).toString('base64'))
        expect(decodeBase64(text)).toEqual(new Uint8Array(bytes))
      }),
    )
  })

  it('a file larger than one chunk (a 1 MiB scan) comes back byte for byte', () => {
    const scan = new Uint8Array(1024 * 1024 + 7).map((_, i) => (i * 31) & 255)
    const back = decodeBase64(encodeBase64(scan))
    expect(back.length).toBe(scan.length)
    expect(Buffer.compare(Buffer.from(back), Buffer.from(scan))).toBe(0)
  })

  it('text that is not base64 is refused, not decoded into something else', () => {
    expect(() => decodeBase64('不是base64')).toThrow()
    expect(decodeBase64OrUndefined('@@@@')).toBeUndefined()
    expect(decodeBase64OrUndefined('QUJD')).toEqual(new Uint8Array([65, 66, 67]))
  })
})
