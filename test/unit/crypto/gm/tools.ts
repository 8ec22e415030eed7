import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Test helpers around Debian's `openssl` CLI (3.0) for the 国密 cross-checks: raw bytes in and out. */

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')
export const unhex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'))

const SM2_SPKI_PREFIX = unhex('3059301306072a8648ce3d020106082a811ccf5501822d034200')
const SM2_SEC1_HEAD = unhex('30770201010420')
const SM2_SEC1_MIDDLE = unhex('a00a06082a811ccf5501822da144034200')

function inTemp<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'gm-openssl-'))
  try {
    return work(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function openssl(args: string[]): string {
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

/** SubjectPublicKeyInfo (RFC 5480, id-ecPublicKey with the SM2 curve OID 1.2.156.10197.1.301) of a 65-byte point. */
export function sm2Spki(publicKey: Uint8Array): Uint8Array {
  return Buffer.concat([SM2_SPKI_PREFIX, publicKey])
}

/** SEC1 ECPrivateKey (RFC 5915) with the SM2 curve, as `openssl pkey -outform der` writes it. */
function sm2Sec1(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  return Buffer.concat([SM2_SEC1_HEAD, privateKey, SM2_SEC1_MIDDLE, publicKey])
}

function derInteger(value: Uint8Array): Buffer {
  let v = Buffer.from(value)
  while (v.length > 1 && v[0] === 0 && v[1] < 0x80) v = v.subarray(1)
  if (v[0] >= 0x80) v = Buffer.concat([Buffer.of(0), v])
  return Buffer.concat([Buffer.of(0x02, v.length), v])
}

/** Raw r ‖ s → DER SEQUENCE { INTEGER r, INTEGER s } (GM/T 0009 SM2Signature), what openssl reads and writes. */
export function signatureToDer(raw: Uint8Array): Uint8Array {
  const body = Buffer.concat([derInteger(raw.subarray(0, 32)), derInteger(raw.subarray(32))])
  return Buffer.concat([Buffer.of(0x30, body.length), body])
}

/** DER SEQUENCE { INTEGER r, INTEGER s } → raw r ‖ s (short-form lengths: SM2 signatures are at most 72 bytes). */
export function signatureFromDer(der: Uint8Array): Uint8Array {
  if (der[0] !== 0x30 || der[1] !== der.length - 2) throw new Error('not a DER SEQUENCE')
  const out = new Uint8Array(64)
  let at = 2
  for (const slot of [0, 32]) {
    if (der[at] !== 0x02) throw new Error('not a DER INTEGER')
    const len = der[at + 1]
    const value = der.subarray(at + 2, at + 2 + len)
    const trimmed = value[0] === 0 ? value.subarray(1) : value
    out.set(trimmed, slot + 32 - trimmed.length)
    at += 2 + len
  }
  return out
}

/** `openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:1234567812345678`: true when openssl accepts. */
export function opensslSm2Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  return inTemp((dir) => {
    writeFileSync(join(dir, 'pub.der'), sm2Spki(publicKey))
    writeFileSync(join(dir, 'msg'), message)
    writeFileSync(join(dir, 'sig'), signatureToDer(signature))
    try {
      const out = openssl([
        'pkeyutl',
        '-verify',
        '-rawin',
        '-digest',
        'sm3',
        '-pkeyopt',
        'distid:1234567812345678',
        '-pubin',
        '-keyform',
        'DER',
        '-inkey',
        join(dir, 'pub.der'),
        '-in',
        join(dir, 'msg'),
        '-sigfile',
        join(dir, 'sig'),
      ])
      return out.includes('Signature Verified Successfully')
    } catch {
      return false
    }
  })
}

/** An SM2 signature made by openssl with the given key pair and the default user id, as raw r ‖ s. */
export function opensslSm2Sign(privateKey: Uint8Array, publicKey: Uint8Array, message: Uint8Array): Uint8Array {
  return inTemp((dir) => {
    writeFileSync(join(dir, 'key.der'), sm2Sec1(privateKey, publicKey))
    writeFileSync(join(dir, 'msg'), message)
    openssl([
      'pkeyutl',
      '-sign',
      '-rawin',
      '-digest',
      'sm3',
      '-pkeyopt',
      'distid:1234567812345678',
      '-keyform',
      'DER',
      '-inkey',
      join(dir, 'key.der'),
      '-in',
      join(dir, 'msg'),
      '-out',
      join(dir, 'sig'),
    ])
    return signatureFromDer(readFileSync(join(dir, 'sig')))
  })
}

/** The SubjectPublicKeyInfo openssl derives from a private key (checks our [d]G against OpenSSL's). */
export function opensslSpkiOf(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  return inTemp((dir) => {
    writeFileSync(join(dir, 'key.der'), sm2Sec1(privateKey, publicKey))
    openssl([
      'pkey',
      '-inform',
      'DER',
      '-in',
      join(dir, 'key.der'),
      '-pubout',
      '-outform',
      'DER',
      '-out',
      join(dir, 'pub.der'),
    ])
    return new Uint8Array(readFileSync(join(dir, 'pub.der')))
  })
}

/** `openssl dgst -sm3` of the bytes, 32 bytes. */
export function opensslSm3(data: Uint8Array): Uint8Array {
  return inTemp((dir) => {
    writeFileSync(join(dir, 'in'), data)
    const out = openssl(['dgst', '-sm3', '-r', join(dir, 'in')])
    return unhex(out.split(' ')[0])
  })
}
