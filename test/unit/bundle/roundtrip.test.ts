import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { signManifest } from '../../../electron/services/bundle/crypto'
import { generateOfficeKeys } from '../../../electron/services/bundle/keys'
import { inspectBundle, openBundle } from '../../../electron/services/bundle/open'
import { type BundleFile, packBundle, writeBundleContainer } from '../../../electron/services/bundle/pack'
import { type BundleKind, bundleKinds, bundleSuites, kindEncryption, suiteOf } from '../../../shared/exchange/manifest'
import { encodeManifest } from '../../../shared/exchange/manifestCodec'
import { toNdjson } from '../../../shared/exchange/ndjson'
import {
  ATTACHMENT_NAME,
  archiveInput,
  attachmentBytes,
  cases,
  cityOpens,
  keys,
  ledgerEntries,
  openInput,
  partsOf,
  refusal,
  seededRandom,
  trustOf,
  units,
} from './helpers'

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

describe('pack → open round trips', () => {
  it('encrypted archive: every file, byte for byte, records parsed, hashes exposed for the ledger', () => {
    const packed = packBundle(archiveInput())
    expect(packed.bundleHash).toBe(sha(packed.bytes))
    const opened = openBundle(packed.bytes, cityOpens())
    expect(opened.senderTrusted).toBe(true)
    expect(opened.bundleHash).toBe(packed.bundleHash)
    expect(opened.manifestHash).toBe(packed.manifestHash)
    expect(opened.manifest).toEqual(packed.manifest)
    expect(opened.manifest.channelSeq).toBe(7)
    expect(opened.files.map((f) => f.name)).toEqual([ATTACHMENT_NAME, 'cases.ndjson', 'ledgerEntries.ndjson'])
    expect(Buffer.from(opened.files[0].bytes)).toEqual(Buffer.from(attachmentBytes()))
    expect(opened.tables.get('cases')).toEqual(cases)
    expect(opened.tables.get('ledgerEntries')).toEqual(ledgerEntries)
    expect(opened.senderFingerprint.replaceAll('-', '')).toBe(keys.district.keyId)
    // the payload is really encrypted: no plaintext record text in the file
    expect(Buffer.from(packed.bytes).includes(Buffer.from('因案致贫'))).toBe(false)
    expect(partsOf(packed.bytes).payloadName).toBe('payload.bin')
  })

  it('open (unencrypted) transfer bundle: payload.zip, readable by any office that trusts the sender', () => {
    const packed = packBundle(openInput())
    expect(packed.manifest.receiver).toBeNull()
    expect(packed.manifest.cipher).toBeNull()
    expect(partsOf(packed.bytes).payloadName).toBe('payload.zip')
    const opened = openBundle(packed.bytes, {
      receiverKeys: keys.province,
      expectedReceiverUnit: units.province.unitCode,
      trustedSenders: trustOf(keys.city),
    })
    expect(opened.tables.get('cases')).toEqual(cases)
    expect(opened.files).toHaveLength(3)
  })

  it('chains bundles on a channel: bundleHash of one is prevBundleHash of the next', () => {
    const first = packBundle(archiveInput({ channelSeq: 1, prevBundleHash: null }, 'c1'))
    const second = packBundle(archiveInput({ channelSeq: 2, prevBundleHash: first.bundleHash }, 'c2'))
    expect(openBundle(second.bytes, cityOpens()).manifest.prevBundleHash).toBe(first.bundleHash)
    expect(openBundle(first.bytes, cityOpens()).manifest.prevBundleHash).toBeNull()
  })

  it('empty payload and zero-record tables round-trip', () => {
    const packed = packBundle(
      archiveInput({
        kind: 'ack',
        files: [{ name: 'acks.ndjson', bytes: new Uint8Array(0) }],
        tables: { acks: { count: 0 } },
        origins: [],
      }),
    )
    const opened = openBundle(packed.bytes, cityOpens())
    expect(opened.tables.get('acks')).toEqual([])
    const none = packBundle(archiveInput({ kind: 'ack', files: [], tables: {} }, 'none'))
    expect(openBundle(none.bytes, cityOpens()).files).toEqual([])
  })

  it.each(bundleSuites)('every kind packs and opens under its encryption policy (suite %s)', (suite) => {
    for (const kind of bundleKinds as readonly BundleKind[]) {
      const policy = kindEncryption[kind]
      const input = policy === 'never' ? openInput({ kind, suite }, kind) : archiveInput({ kind, suite }, kind)
      const opened = openBundle(packBundle(input).bytes, cityOpens())
      expect(opened.manifest.kind).toBe(kind)
      expect(suiteOf(opened.manifest)).toBe(suite)
      expect(opened.manifest.cipher === null).toBe(policy === 'never')
      expect(opened.tables.get('cases')).toEqual(cases)
      // the other form: refused where the policy forbids it, accepted where encryption is optional
      expect(
        refusal(() => packBundle(openInput({ kind, suite }, kind))),
        kind,
      ).toBe(policy === 'required' ? 'bundle.pack-invalid' : 'accepted')
      expect(
        refusal(() => packBundle(archiveInput({ kind, suite }, kind))),
        kind,
      ).toBe(policy === 'never' ? 'bundle.pack-invalid' : 'accepted')
    }
    // every policy is among the kinds, so each branch above is taken
    expect(new Set(Object.values(kindEncryption))).toEqual(new Set(['required', 'optional', 'never']))
  })

  it('property: random tables and attachments round-trip exactly (encrypted and open)', () => {
    const record = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k)),
      fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.boolean(), fc.constant(null)),
      { maxKeys: 6 },
    )
    const tableName = fc.stringMatching(/^[a-z][a-zA-Z]{1,8}$/).filter((n) => !(n in Object.prototype))
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(tableName, fc.array(record, { maxLength: 6 })), {
          selector: ([n]) => n.toLowerCase(),
          maxLength: 4,
        }),
        fc.uniqueArray(fc.tuple(fc.stringMatching(/^[0-9A-Z]{10,20}$/), fc.uint8Array({ maxLength: 300 })), {
          selector: ([n]) => n,
          maxLength: 3,
        }),
        fc.boolean(),
        (tables, blobs, encrypted) => {
          const files: BundleFile[] = [
            ...tables.map(([t, rows]) => ({ name: `${t}.ndjson`, bytes: toNdjson(rows) })),
            ...blobs.map(([id, bytes]) => ({ name: `attachments/${id}`, bytes })),
          ]
          const summary = Object.fromEntries(tables.map(([t, rows]) => [t, { count: rows.length }]))
          const input = encrypted ? archiveInput({ files, tables: summary }) : openInput({ files, tables: summary })
          const opened = openBundle(packBundle(input).bytes, cityOpens())
          for (const [t, rows] of tables) expect(opened.tables.get(t)).toEqual(JSON.parse(JSON.stringify(rows)))
          for (const [id, bytes] of blobs) {
            expect(Buffer.from(opened.files.find((f) => f.name === `attachments/${id}`)!.bytes)).toEqual(
              Buffer.from(bytes),
            )
          }
          expect(opened.files).toHaveLength(files.length)
        },
      ),
      { seed: 4242, numRuns: 40 },
    )
  })

  it('inspectBundle reads the manifest and signature without keys or trust', () => {
    const packed = packBundle(archiveInput())
    const inspected = inspectBundle(packed.bytes)
    expect(inspected.manifest).toEqual(packed.manifest)
    expect(inspected.signatureValid).toBe(true)
    expect(inspected.payloadEntry).toBe('payload.bin')
    const { manifestBytes, payload } = partsOf(packed.bytes)
    const forged = writeBundleContainer({
      manifestBytes,
      signature: signManifest(manifestBytes, keys.attacker.signingPrivateKey),
      payload,
      encrypted: true,
    })
    expect(inspectBundle(forged).signatureValid).toBe(false)
  })
})

describe('refusals of well-formed but wrong bundles', () => {
  const packed = packBundle(archiveInput())

  it('wrong receiver: another office, or our office without the key it was encrypted to', () => {
    expect(
      refusal(() =>
        openBundle(packed.bytes, {
          receiverKeys: keys.otherDistrict,
          expectedReceiverUnit: units.otherDistrict.unitCode,
          trustedSenders: trustOf(keys.district),
        }),
      ),
    ).toBe('bundle.wrong-receiver')
    const newCityKey = generateOfficeKeys(
      { unitCode: units.city.unitCode, previousKeyId: keys.city.keyId },
      seededRandom('new-city'),
    )
    expect(refusal(() => openBundle(packed.bytes, cityOpens({ receiverKeys: newCityKey })))).toBe(
      'bundle.receiver-key-unknown',
    )
    // after a rotation the office keeps its old key: bundles in flight still open
    expect(openBundle(packed.bytes, cityOpens({ receiverKeys: [newCityKey, keys.city] })).files).toHaveLength(3)
    // a bundle for us but our held key is relabelled: decryption fails rather than trusting the label
    const wrongPrivate = { ...keys.city, encryptionPrivateKey: newCityKey.encryptionPrivateKey }
    expect(refusal(() => openBundle(packed.bytes, cityOpens({ receiverKeys: wrongPrivate })))).toBe(
      'bundle.decrypt-failed',
    )
  })

  it('tampered manifest (one field changed, signature kept) → bad signature', () => {
    const { manifestBytes, signature, payload } = partsOf(packed.bytes)
    const text = Buffer.from(manifestBytes).toString('utf8').replace('"channelSeq":7', '"channelSeq":8')
    const tampered = writeBundleContainer({ manifestBytes: Buffer.from(text), signature, payload, encrypted: true })
    expect(refusal(() => openBundle(tampered, cityOpens()))).toBe('bundle.bad-signature')
  })

  it('forged signature: signed by another key while claiming the sender’s keys → bad signature', () => {
    const { manifestBytes, payload } = partsOf(packed.bytes)
    const forged = writeBundleContainer({
      manifestBytes,
      signature: signManifest(manifestBytes, keys.attacker.signingPrivateKey),
      payload,
      encrypted: true,
    })
    expect(refusal(() => openBundle(forged, cityOpens()))).toBe('bundle.bad-signature')
  })

  it('unknown sender: an attacker using the district’s unit code with its own keys', () => {
    const fake = packBundle(archiveInput({ sender: { keys: keys.attacker, ...units.district } }, 'fake'))
    expect(refusal(() => openBundle(fake.bytes, cityOpens()))).toBe('bundle.unknown-sender')
    // a sibling office that the city does not have in its directory
    const sibling = packBundle(archiveInput({ sender: { keys: keys.otherDistrict, ...units.otherDistrict } }, 'sib'))
    expect(refusal(() => openBundle(sibling.bytes, cityOpens()))).toBe('bundle.unknown-sender')
    // a directory entry that disagrees with the manifest's keys
    const lying = () => ({
      keyId: keys.district.keyId,
      signingKey: keys.district.signingKey,
      encryptionKey: keys.city.encryptionKey,
    })
    expect(refusal(() => openBundle(packed.bytes, cityOpens({ trustedSenders: lying })))).toBe('bundle.unknown-sender')
  })

  it('enrollment from an unknown office is accepted only when allowed, and flagged untrusted', () => {
    const enrol = packBundle(
      openInput(
        { kind: 'enrollment', sender: { keys: keys.otherDistrict, ...units.otherDistrict }, files: [], tables: {} },
        'enrol',
      ),
    )
    expect(refusal(() => openBundle(enrol.bytes, cityOpens()))).toBe('bundle.unknown-sender')
    const opened = openBundle(enrol.bytes, cityOpens({ allowUnknownSenderForEnrollment: true }))
    expect(opened.senderTrusted).toBe(false)
    expect(opened.senderFingerprint).toBe(opened.manifest.sender.keyId.match(/.{5}/g)!.join('-'))
    // the allowance is for enrollment only
    const archive = packBundle(archiveInput({ sender: { keys: keys.otherDistrict, ...units.otherDistrict } }, 'arch'))
    expect(refusal(() => openBundle(archive.bytes, cityOpens({ allowUnknownSenderForEnrollment: true })))).toBe(
      'bundle.unknown-sender',
    )
  })

  it('payload bound to its manifest: another bundle’s payload, or a re-signed manifest, does not decrypt', () => {
    const other = packBundle(archiveInput({}, 'other'))
    const a = partsOf(packed.bytes)
    const b = partsOf(other.bytes)
    const spliced = writeBundleContainer({
      manifestBytes: a.manifestBytes,
      signature: a.signature,
      payload: b.payload,
      encrypted: true,
    })
    expect(refusal(() => openBundle(spliced, cityOpens()))).toBe('bundle.decrypt-failed')
    // the sender (or a thief of its key) re-signs a changed manifest over the old payload: AAD no longer matches
    const changed = { ...packed.manifest, channelSeq: 99 }
    const bytes = encodeManifest(changed)
    const resigned = writeBundleContainer({
      manifestBytes: bytes,
      signature: signManifest(bytes, keys.district.signingPrivateKey),
      payload: a.payload,
      encrypted: true,
    })
    expect(refusal(() => openBundle(resigned, cityOpens()))).toBe('bundle.decrypt-failed')
  })

  it('caps can be lowered per call and are enforced', () => {
    expect(refusal(() => openBundle(packed.bytes, cityOpens({ limits: { maxBundleBytes: 1000 } })))).toBe(
      'bundle.too-large',
    )
    expect(refusal(() => openBundle(packed.bytes, cityOpens({ limits: { maxFileBytes: 1000 } })))).toBe(
      'bundle.too-large',
    )
    expect(refusal(() => openBundle(packed.bytes, cityOpens({ limits: { maxPayloadFiles: 2 } })))).toBe(
      'bundle.too-many-entries',
    )
    expect(refusal(() => openBundle(packed.bytes, cityOpens({ limits: { maxManifestBytes: 100 } })))).toBe(
      'bundle.too-large',
    )
  })
})

describe('packing refuses what the reader would refuse', () => {
  it.each([
    ['count differs from lines', archiveInput({ tables: { ...archiveInput().tables, cases: { count: 2 } } })],
    [
      'file name outside the allowlist',
      archiveInput({ files: [...archiveInput().files, { name: '../x.ndjson', bytes: new Uint8Array(1) }] }),
    ],
    ['table without a file', archiveInput({ tables: { ...archiveInput().tables, extra: { count: 0 } } })],
    [
      'reserved table name',
      archiveInput({
        files: [{ name: 'constructor.ndjson', bytes: new Uint8Array(0) }],
        tables: { constructor: { count: 0 } },
      }),
    ],
    [
      'duplicate file names',
      archiveInput({ files: [...archiveInput().files, { name: 'cases.ndjson', bytes: toNdjson(cases) }] }),
    ],
    ['channelSeq 0', archiveInput({ channelSeq: 0 })],
    ['sender = receiver', archiveInput({ receiver: { unitCode: units.district.unitCode, keys: keys.district } })],
    [
      'receiver key id not derived from its keys',
      archiveInput({ receiver: { unitCode: units.city.unitCode, keys: { ...keys.city, keyId: keys.province.keyId } } }),
    ],
    ['sender keys of another unit', archiveInput({ sender: { keys: keys.city, ...units.district } })],
    ['bad prevBundleHash', archiveInput({ prevBundleHash: 'xyz' })],
  ])('%s', (_label, input) => {
    expect(refusal(() => packBundle(input))).toBe('bundle.pack-invalid')
  })
})

describe('prototype pollution canary', () => {
  it('Object.prototype is untouched after opening bundles', () => {
    openBundle(packBundle(archiveInput()).bytes, cityOpens())
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.keys(Object.prototype)).toEqual([])
  })
})
