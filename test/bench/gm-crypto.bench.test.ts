import {
  createCipheriv,
  createDecipheriv,
  createHash,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
} from 'node:crypto'
import { loadavg } from 'node:os'
import { sm4 } from 'sm-crypto-v2'
import { it } from 'vitest'
import {
  generateSm2KeyPair,
  openSm4Key,
  sealSm4Key,
  sm2Sign,
  sm2Verify,
  sm3,
  sm4GcmDecrypt,
  sm4GcmEncrypt,
} from '../../shared/crypto/gm'
import { machine, median, openBenchPage } from './browserHarness'
import { call } from './pageCalls'

/**
 * 国密 primitives (issue 19; figures in docs/performance.md "国密"): per-operation times of SM2 signatures and
 * envelopes beside Ed25519 in node:crypto, and throughput of SM4-GCM through shared/crypto/gm against the
 * library's bare sm4.encrypt/decrypt (the floor for this library) and against AES-256-GCM in node:crypto (what the
 * current suite uses), plus SM3 against node:crypto's native sm3; then the same module built for Chromium.
 * Run: BENCH_MIB=16 BENCH_OPS=200 BENCH_ROUNDS=3 npm run bench -- test/bench/gm-crypto.bench.test.ts
 */

const MIB = Number(process.env.BENCH_MIB ?? 16)
const OPS = Number(process.env.BENCH_OPS ?? 200)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)

const timed = (run: () => void): number => {
  const t0 = performance.now()
  run()
  return performance.now() - t0
}
/** Median over rounds of the time of `ops` calls, per call in ms. */
const perOp = (ops: number, run: (i: number) => void) =>
  median(Array.from({ length: ROUNDS }, () => timed(() => Array.from({ length: ops }, (_, i) => run(i))) / ops))
/** Median over rounds of MiB/s for one pass over the payload. */
const mibPerS = (run: () => void) => median(Array.from({ length: ROUNDS }, () => MIB / (timed(run) / 1000)))

const ms = (x: number) => x.toFixed(2)
const rate = (x: number) => x.toFixed(1)

it('国密 primitives: SM2 per operation, SM4-GCM and SM3 throughput', async () => {
  console.log(`machine: ${await machine()}; load ${loadavg()[0].toFixed(1)} at start`)
  const manifest = randomBytes(2048) // about the size of a bundle manifest
  const pair = generateSm2KeyPair()
  const signatures = Array.from({ length: OPS }, () => sm2Sign(manifest, pair.privateKey))
  const ed = generateKeyPairSync('ed25519')
  const edSignatures = Array.from({ length: OPS }, () => sign(null, manifest, ed.privateKey))
  const sm4Key = randomBytes(16)
  const envelopes = Array.from({ length: OPS }, () => sealSm4Key(sm4Key, pair.publicKey))

  const rows: [string, number][] = [
    ['SM2 sign (2 KiB manifest)', perOp(OPS, () => sm2Sign(manifest, pair.privateKey))],
    ['SM2 verify', perOp(OPS, (i) => sm2Verify(manifest, signatures[i], pair.publicKey))],
    ['Ed25519 sign (node:crypto)', perOp(OPS, () => sign(null, manifest, ed.privateKey))],
    ['Ed25519 verify (node:crypto)', perOp(OPS, (i) => verify(null, manifest, ed.publicKey, edSignatures[i]))],
    ['SM2 envelope seal (16-byte SM4 key)', perOp(OPS, () => sealSm4Key(sm4Key, pair.publicKey))],
    ['SM2 envelope open', perOp(OPS, (i) => openSm4Key(envelopes[i], pair.privateKey))],
    ['SM2 key generation', perOp(Math.max(10, OPS / 4), () => generateSm2KeyPair())],
  ]
  console.log('\n| operation | ms per operation (median of rounds) |\n|---|---|')
  for (const [name, t] of rows) console.log(`| ${name} | ${ms(t)} |`)

  const payload = randomBytes(MIB * 2 ** 20)
  const key = randomBytes(16)
  const iv = randomBytes(12)
  const aad = randomBytes(32)
  const sealed = sm4GcmEncrypt({ key, iv, aad, plaintext: payload })
  const bare = sm4.encrypt(payload, key, { mode: 'gcm', iv, associatedData: aad, output: 'array', outputTag: true })
  const aesKey = randomBytes(32)
  const aes = createCipheriv('aes-256-gcm', aesKey, iv).setAAD(aad)
  const aesSealed = Buffer.concat([aes.update(payload), aes.final()])
  const aesTag = aes.getAuthTag()

  const throughput: [string, number][] = [
    ['SM4-GCM encrypt, shared/crypto/gm', mibPerS(() => sm4GcmEncrypt({ key, iv, aad, plaintext: payload }))],
    [
      'SM4-GCM encrypt, bare sm4.encrypt',
      mibPerS(() =>
        sm4.encrypt(payload, key, { mode: 'gcm', iv, associatedData: aad, output: 'array', outputTag: true }),
      ),
    ],
    ['SM4-GCM decrypt, shared/crypto/gm', mibPerS(() => sm4GcmDecrypt({ key, iv, aad, sealed }))],
    [
      'SM4-GCM decrypt, bare sm4.decrypt',
      mibPerS(() =>
        sm4.decrypt(bare.output, key, { mode: 'gcm', iv, associatedData: aad, tag: bare.tag, output: 'array' }),
      ),
    ],
    [
      'AES-256-GCM encrypt (node:crypto)',
      mibPerS(() => {
        const c = createCipheriv('aes-256-gcm', aesKey, iv).setAAD(aad)
        Buffer.concat([c.update(payload), c.final(), c.getAuthTag()])
      }),
    ],
    [
      'AES-256-GCM decrypt (node:crypto)',
      mibPerS(() => {
        const d = createDecipheriv('aes-256-gcm', aesKey, iv).setAAD(aad).setAuthTag(aesTag)
        Buffer.concat([d.update(aesSealed), d.final()])
      }),
    ],
    ['SM3, shared/crypto/gm (pure JS)', mibPerS(() => sm3(payload))],
    ['SM3, node:crypto (OpenSSL)', mibPerS(() => createHash('sm3').update(payload).digest())],
    ['SHA-256, node:crypto (OpenSSL)', mibPerS(() => createHash('sha256').update(payload).digest())],
  ]
  console.log(`\n| ${MIB} MiB payload | MiB/s (median of ${ROUNDS}) |\n|---|---|`)
  for (const [name, r] of throughput) console.log(`| ${name} | ${rate(r)} |`)

  // The same module built for Chromium (the renderer, where the audit chain's SM3 will run): one pass each.
  const bench = await openBenchPage('gmCrypto.ts')
  try {
    const speeds = await call<{ encrypt: number; decrypt: number; hash: number; signMs: number; verifyMs: number }>(
      bench.page,
      'speeds',
      MIB,
      OPS,
    )
    console.log(`\n| in Chromium (${MIB} MiB, ${OPS} signatures) | |\n|---|---|`)
    console.log(
      `| SM4-GCM encrypt | ${rate(speeds.encrypt)} MiB/s |\n| SM4-GCM decrypt | ${rate(speeds.decrypt)} MiB/s |`,
    )
    console.log(
      `| SM3 | ${rate(speeds.hash)} MiB/s |\n| SM2 sign | ${ms(speeds.signMs)} ms |\n| SM2 verify | ${ms(speeds.verifyMs)} ms |`,
    )
  } finally {
    await bench.close()
  }
  console.log(`\nload ${loadavg()[0].toFixed(1)} at end`)
})
