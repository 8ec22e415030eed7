import { sm3 as sm3Hex } from 'sm-crypto-v2'
import { fromHex } from './bytes'

export const SM3_BYTES = 32

/**
 * SM3 (GB/T 32905-2016) of raw bytes, 32 bytes out. Synchronous and pure JS, so it can run inside an IndexedDB
 * transaction like shared/util/hash.ts, and gives the same result in the renderer, in Node and in the CLI.
 */
export function sm3(data: Uint8Array): Uint8Array {
  if (!(data instanceof Uint8Array)) throw new TypeError('SM3 的输入必须是字节')
  return fromHex(sm3Hex(data))
}
