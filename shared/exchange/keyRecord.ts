import { z } from 'zod'
import { base64PatternFor } from './base64'
import { KEY_ID_PATTERN, type OfficePublicKeys } from './fingerprint'

/**
 * Public key records of an office and key-rotation announcements (docs/bundle-format.md §2). A key record is what
 * the unit directory holds per office key; a rotation is the new record signed by the previous key.
 */
const key32 = z.string().regex(base64PatternFor(32))
const keyId = z.string().regex(KEY_ID_PATTERN)

export const officeKeyRecordSchema = z.strictObject({
  unitCode: z.string().regex(/^\d{6}$/),
  keyId,
  createdAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/),
  previousKeyId: keyId.optional(),
  signingKey: key32,
  encryptionKey: key32,
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
