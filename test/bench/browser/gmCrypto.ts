import {
  generateSm2KeyPair,
  openSm4Key,
  sealSm4Key,
  sm2Sign,
  sm2Verify,
  sm3,
  sm4GcmDecrypt,
  sm4GcmEncrypt,
} from '../../../shared/crypto/gm'

/**
 * shared/crypto/gm built for Chromium, as the renderer will use it (the audit chain's SM3): hex in and out across
 * page.evaluate. Used by test/unit/crypto/gm/browser.test.ts (same results as in Node) and by
 * test/bench/gm-crypto.bench.test.ts (speed in Chromium).
 */

const fromHex = (hex: string) => new Uint8Array((hex.match(/../g) ?? []).map((b) => Number.parseInt(b, 16)))
const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')

export const sm3Hex = (dataHex: string) => toHex(sm3(fromHex(dataHex)))

export const sm2VerifyHex = (messageHex: string, signatureHex: string, publicKeyHex: string) =>
  sm2Verify(fromHex(messageHex), fromHex(signatureHex), fromHex(publicKeyHex))

export const sm4GcmEncryptHex = (keyHex: string, ivHex: string, aadHex: string, plaintextHex: string) =>
  toHex(
    sm4GcmEncrypt({ key: fromHex(keyHex), iv: fromHex(ivHex), aad: fromHex(aadHex), plaintext: fromHex(plaintextHex) }),
  )

/** A key pair made in the page, a signature and an envelope made with it, for Node to check. */
export function signAndSealHex(messageHex: string, sm4KeyHex: string, recipientPublicKeyHex: string) {
  const pair = generateSm2KeyPair()
  return {
    publicKey: toHex(pair.publicKey),
    signature: toHex(sm2Sign(fromHex(messageHex), pair.privateKey)),
    envelope: toHex(sealSm4Key(fromHex(sm4KeyHex), fromHex(recipientPublicKeyHex))),
  }
}

export const openSm4KeyHex = (envelopeHex: string, privateKeyHex: string) =>
  toHex(openSm4Key(fromHex(envelopeHex), fromHex(privateKeyHex)))

const timed = (run: () => void) => {
  const t0 = performance.now()
  run()
  return performance.now() - t0
}

/** SM4-GCM and SM3 MiB/s over `mib` MiB, SM2 ms per operation over `ops` operations, in this page. */
export function speeds(mib: number, ops: number) {
  const payload = new Uint8Array(mib * 2 ** 20)
  for (let at = 0; at < payload.length; at += 65536) crypto.getRandomValues(payload.subarray(at, at + 65536))
  const key = crypto.getRandomValues(new Uint8Array(16))
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const aad = new Uint8Array(32)
  let sealed: Uint8Array = new Uint8Array(0)
  const encrypt = mib / (timed(() => (sealed = sm4GcmEncrypt({ key, iv, aad, plaintext: payload }))) / 1000)
  const decrypt = mib / (timed(() => sm4GcmDecrypt({ key, iv, aad, sealed })) / 1000)
  const hash = mib / (timed(() => sm3(payload)) / 1000)
  const pair = generateSm2KeyPair()
  const message = payload.subarray(0, 2048)
  let signature: Uint8Array = new Uint8Array(0)
  const sign = timed(() => {
    for (let i = 0; i < ops; i++) signature = sm2Sign(message, pair.privateKey)
  })
  const verify = timed(() => {
    for (let i = 0; i < ops; i++) sm2Verify(message, signature, pair.publicKey)
  })
  return { encrypt, decrypt, hash, signMs: sign / ops, verifyMs: verify / ops }
}
