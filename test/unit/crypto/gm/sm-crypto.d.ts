/** The parts of sm-crypto@0.5.8 (the second, independent implementation; tests only) that the cross-checks call. */
declare module 'sm-crypto' {
  export const sm2: {
    doEncrypt(msg: string | number[] | Uint8Array, publicKey: string, cipherMode?: 0 | 1): string
    doDecrypt(data: string, privateKey: string, cipherMode: 0 | 1, options: { output: 'array' }): number[]
    doSignature(
      msg: string | number[] | Uint8Array,
      privateKey: string,
      options?: { hash?: boolean; der?: boolean; publicKey?: string; userId?: string },
    ): string
    doVerifySignature(
      msg: string | number[] | Uint8Array,
      signHex: string,
      publicKey: string,
      options?: { hash?: boolean; der?: boolean; userId?: string },
    ): boolean
  }
  export function sm3(msg: string | number[] | Uint8Array): string
}
