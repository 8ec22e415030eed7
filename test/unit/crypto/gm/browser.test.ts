import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSm2KeyPair, openSm4Key, sealSm4Key, sm2Verify, sm3, sm4GcmEncrypt } from '../../../../shared/crypto/gm'
import { openBenchPage } from '../../../bench/browserHarness'
import { call } from '../../../bench/pageCalls'
import { hex, unhex } from './tools'

/**
 * The module built by Vite for the browser and run in Debian Chromium under the app's CSP (the renderer's audit
 * chain will hash with SM3 there): same bytes as in Node, and keys, signatures and envelopes cross between the two.
 */
describe('shared/crypto/gm in Chromium', () => {
  let bench: Awaited<ReturnType<typeof openBenchPage>>
  beforeAll(async () => {
    bench = await openBenchPage('gmCrypto.ts')
  })
  afterAll(async () => {
    await bench?.close()
  })

  it('hashes, verifies the standard signature and encrypts exactly as in Node', async () => {
    const abc = hex(new TextEncoder().encode('abc'))
    expect(await call<string>(bench.page, 'sm3Hex', abc)).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    )
    const data = unhex('00ff'.repeat(700))
    expect(await call<string>(bench.page, 'sm3Hex', hex(data))).toBe(hex(sm3(data)))
    const standard = [
      hex(new TextEncoder().encode('message digest')),
      'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
      '0409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
    ]
    expect(await call<boolean>(bench.page, 'sm2VerifyHex', ...standard)).toBe(true)
    const gcm = { key: unhex(`${'00'.repeat(15)}01`), iv: unhex('ab'.repeat(12)), aad: unhex('0102'), plaintext: data }
    expect(
      await call<string>(bench.page, 'sm4GcmEncryptHex', hex(gcm.key), hex(gcm.iv), hex(gcm.aad), hex(gcm.plaintext)),
    ).toBe(hex(sm4GcmEncrypt(gcm)))
  })

  it('a key pair, signature and envelope made in the page verify and open in Node, and the reverse', async () => {
    const node = generateSm2KeyPair()
    const message = unhex('7b7d'.repeat(300))
    const made = await call<{ publicKey: string; signature: string; envelope: string }>(
      bench.page,
      'signAndSealHex',
      hex(message),
      '00112233445566778899aabbccddeeff',
      hex(node.publicKey),
    )
    expect(sm2Verify(message, unhex(made.signature), unhex(made.publicKey))).toBe(true)
    expect(hex(openSm4Key(unhex(made.envelope), node.privateKey))).toBe('00112233445566778899aabbccddeeff')
    const fromNode = sealSm4Key(unhex('ffeeddccbbaa99887766554433221100'), node.publicKey)
    expect(await call<string>(bench.page, 'openSm4KeyHex', hex(fromNode), hex(node.privateKey))).toBe(
      'ffeeddccbbaa99887766554433221100',
    )
  })
})
