import { z } from 'zod'
import { base64PatternFor } from './base64'
import { KEY_ID_PATTERN, type OfficePublicKeys } from './fingerprint'

/**
 * Public key records of an office and key-rotation announcements (docs/bundle-format.md §2). A key record is what
 * the unit directory holds per office key; a rotation is the new record signed by the previous key.
 */
const key32 = z.string().regex(base64PatternFor(32))
/** An SM2 public key: the uncompressed point 04 ‖ x ‖ y, 65 bytes, canonical base64 (docs/bundle-format.md §6.3). */
export const sm2Key = z.string().regex(base64PatternFor(65))
const keyId = z.string().regex(KEY_ID_PATTERN)

export const officeKeyRecordSchema = z.strictObject({
  unitCode: z.string().regex(/^\d{6}$/),
  keyId,
  createdAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/),
  previousKeyId: keyId.optional(),
  signingKey: key32,
  encryptionKey: key32,
  /**
   * The 国密 pairs (docs/bundle-format.md §2.3): SM2 signing and SM2 encryption public keys and their key id (SM3 over
   * both). All three or none — records written before the 国密 suite have none and still parse.
   */
  sm2KeyId: keyId.optional(),
  sm2SigningKey: sm2Key.optional(),
  sm2EncryptionKey: sm2Key.optional(),
})

export type OfficeKeyRecord = z.infer<typeof officeKeyRecordSchema> & OfficePublicKeys

export const KEY_ROTATION_FORMAT = 'jiuzhu-key-rotation' as const

export const keyRotationSchema = z.strictObject({
  format: z.literal(KEY_ROTATION_FORMAT),
  version: z.literal(1),
  unitCode: z.string().regex(/^\d{6}$/),
  previousKeyId: keyId,
  next: officeKeyRecordSchema,
  /** Ed25519 signature by the previous signing key, base64 of 64 bytes. */
  signature: z.string().regex(base64PatternFor(64)),
})

export type KeyRotation = z.infer<typeof keyRotationSchema>
