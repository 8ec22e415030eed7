import { crockford100, formatFingerprint } from '../../exchange/fingerprint'
import { concatBytes } from './bytes'
import { requireSm2PublicKey } from './sm2key'
import { sm3 } from './sm3'

/** An office's two SM2 public keys: one for signatures, one for envelopes (the usual 国密 split of duties). */
export interface Sm2OfficePublicKeys {
  signingKey: Uint8Array
  encryptionKey: Uint8Array
}

/**
 * Key id of an office's SM2 pair: the first 100 bits of SM3(signing key ‖ encryption key), both as 65-byte
 * uncompressed points, in Crockford base32 — the same shape as the current suite's key id
 * (shared/exchange/fingerprint.ts), so the same pattern and the same reading aloud apply.
 */
export function sm2KeyIdOf(keys: Sm2OfficePublicKeys): string {
  requireSm2PublicKey(keys.signingKey)
  requireSm2PublicKey(keys.encryptionKey)
  return crockford100(sm3(concatBytes(keys.signingKey, keys.encryptionKey)))
}

/** The fingerprint read aloud at enrollment: the key id in four groups of five, e.g. `7K2QD-M9X4A-0BC3E-FGH5J`. */
export function sm2Fingerprint(keys: Sm2OfficePublicKeys): string {
  return formatFingerprint(sm2KeyIdOf(keys))
}
