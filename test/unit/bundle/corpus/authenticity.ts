import fc from 'fast-check'
import { signManifest, signWithContext } from '../../../../electron/services/bundle/crypto'
import { packBundle } from '../../../../electron/services/bundle/pack'
import { archiveInput, cityOpens, keys, seededRandom, trustOf, units } from '../helpers'
import { type BaseName, type CorpusContext, type CraftSpec, enc, flipBit, malleate, readPayload, sample } from './craft'

/** Forged signatures, unknown senders, wrong receivers and payloads that must not decrypt. */
export function addAuthenticity({ bases, craft, add, outerOf }: CorpusContext): void {
  // ---- forged and malformed signatures ---------------------------------------------------------------------------
  const otherSig = (b: BaseName) => {
    const [, s] = outerOf(b === 'E' ? 'O' : 'E')
    return Buffer.from(s.data).toString('latin1')
  }
  for (const b of ['E', 'O', 'N'] as BaseName[]) {
    const sigCases: [string, (mb: Uint8Array) => string][] = [
      ['signed by the attacker key', (mb) => signManifest(mb, keys.attacker.signingPrivateKey)],
      ['signed by the receiver', (mb) => signManifest(mb, (b === 'E' ? keys.city : keys.province).signingPrivateKey)],
      ['signed by the province', (mb) => signManifest(mb, keys.province.signingPrivateKey)],
      ['signature without the context prefix', (mb) => signWithContext('', mb, bases[b].signer.signingPrivateKey)],
      [
        'signature in the rotation context',
        (mb) => signWithContext('jiuzhu-key-rotation-v1\0', mb, bases[b].signer.signingPrivateKey),
      ],
      ['signature of another bundle', () => otherSig(b)],
      ['empty signature', () => ''],
      ['all-zero signature', () => Buffer.alloc(64).toString('base64')],
      [
        '63-byte signature',
        (mb) =>
          Buffer.from(signManifest(mb, bases[b].signer.signingPrivateKey), 'base64').subarray(0, 63).toString('base64'),
      ],
      ['signature with trailing newline', (mb) => `${signManifest(mb, bases[b].signer.signingPrivateKey)}\n`],
      [
        'signature in hex',
        (mb) => Buffer.from(signManifest(mb, bases[b].signer.signingPrivateKey), 'base64').toString('hex'),
      ],
      [
        'non-canonical base64 padding',
        (mb) =>
          signManifest(mb, bases[b].signer.signingPrivateKey).replace(
            /(.)==$/,
            (_, c) => `${c === 'A' ? 'B' : String.fromCharCode(c.charCodeAt(0) + 1)}==`,
          ),
      ],
      ['signature with S + L (malleated)', (mb) => malleate(signManifest(mb, bases[b].signer.signingPrivateKey))],
    ]
    for (const [label, signature] of sigCases)
      add('forged signature', `${b} ${label}`, b, craft(b, { signature }), ['bundle.bad-signature'])
    for (const seed of sample(fc.uint8Array({ minLength: 64, maxLength: 64 }), 9, 10)) {
      add(
        'forged signature',
        `${b} random signature`,
        b,
        craft(b, { signature: () => Buffer.from(seed).toString('base64') }),
        ['bundle.bad-signature'],
      )
    }
  }

  // ---- senders and receivers --------------------------------------------------------------------------------------
  for (let i = 0; i < 10; i++) {
    const fake = packBundle(archiveInput({ sender: { keys: keys.attacker, ...units.district } }, `fake-${i}`))
    add('unknown sender', `attacker keys under the district's code #${i}`, 'E', fake.bytes, ['bundle.unknown-sender'])
    const sibling = packBundle(
      archiveInput({ sender: { keys: keys.otherDistrict, ...units.otherDistrict } }, `sib-${i}`),
    )
    add('unknown sender', `sibling office not in the directory #${i}`, 'E', sibling.bytes, ['bundle.unknown-sender'])
    add(
      'unknown sender',
      `archive from unknown office with the enrollment allowance #${i}`,
      'E',
      sibling.bytes,
      ['bundle.unknown-sender'],
      cityOpens({ allowUnknownSenderForEnrollment: true }),
    )
    const enrol = bases.N.packed.bytes
    add('unknown sender', `enrollment without the allowance #${i}`, 'N', enrol, ['bundle.unknown-sender'], cityOpens())
    const lying = () => ({
      keyId: keys.district.keyId,
      signingKey: keys.district.signingKey,
      encryptionKey: keys.province.encryptionKey,
    })
    add(
      'unknown sender',
      `directory disagrees with the manifest keys #${i}`,
      'E',
      bases.E.packed.bytes,
      ['bundle.unknown-sender'],
      cityOpens({ trustedSenders: lying }),
    )
  }
  for (let i = 0; i < 10; i++) {
    const toOther = packBundle(
      archiveInput({ receiver: { unitCode: units.otherDistrict.unitCode, keys: keys.otherDistrict } }, `other-${i}`),
    )
    add('wrong receiver', `bundle for another district #${i}`, 'E', toOther.bytes, ['bundle.wrong-receiver'])
    const toProvince = packBundle(
      archiveInput({ receiver: { unitCode: units.province.unitCode, keys: keys.province } }, `prov-${i}`),
    )
    add('wrong receiver', `bundle for the province #${i}`, 'E', toProvince.bytes, ['bundle.wrong-receiver'])
    add(
      'wrong receiver',
      `city bundle opened by another district #${i}`,
      'E',
      bases.E.packed.bytes,
      ['bundle.wrong-receiver'],
      {
        receiverKeys: keys.otherDistrict,
        expectedReceiverUnit: units.otherDistrict.unitCode,
        trustedSenders: trustOf(keys.district),
      },
    )
    add(
      'wrong receiver',
      `city bundle opened with a key the city no longer holds #${i}`,
      'E',
      bases.E.packed.bytes,
      ['bundle.receiver-key-unknown'],
      cityOpens({ receiverKeys: keys.province }),
    )
    // the manifest names the city, but the payload was encrypted to the province's key (signed by the real sender)
    add(
      'wrong receiver',
      `encrypted to another office's key #${i}`,
      'E',
      craft('E', { encryptTo: keys.province.encryptionKey }),
      ['bundle.decrypt-failed'],
    )
  }

  // ---- decryption -------------------------------------------------------------------------------------------------
  const [, , eOuterPayload] = outerOf('E')
  const decryptCases: [string, CraftSpec][] = [
    ['payload of another bundle', { payload: readPayload(packBundle(archiveInput({}, 'splice')).bytes) }],
    ['payload shorter than the tag', { payload: new Uint8Array(15) }],
    ['empty payload', { payload: new Uint8Array(0) }],
    ['payload tag flipped', { payload: flipBit(eOuterPayload.data, eOuterPayload.data.length * 8 - 3) }],
    [
      'ephemeral key replaced by the all-zero point',
      {
        mutate: (m) => {
          m.cipher.ephemeralPublicKey = Buffer.alloc(32).toString('base64')
        },
      },
    ],
    [
      'ephemeral key replaced by a low-order point',
      {
        mutate: (m) => {
          m.cipher.ephemeralPublicKey = Buffer.concat([Buffer.from([1]), Buffer.alloc(31)]).toString('base64')
        },
      },
    ],
    [
      'IV changed after encryption',
      {
        manifestBytes: (mb) =>
          enc(
            Buffer.from(mb)
              .toString()
              .replace(/"iv":"(.)/, (_, c) => `"iv":"${c === 'A' ? 'B' : 'A'}`),
          ),
      },
    ],
    [
      'bundle id changed (KDF info) after encryption',
      {
        manifestBytes: (mb) =>
          enc(
            Buffer.from(mb)
              .toString()
              .replace(/"bundleId":"(.{25})(.)/, (_, a, c) => `"bundleId":"${a}${c === '0' ? '1' : '0'}`),
          ),
      },
    ],
    ['random bytes as payload', { payload: seededRandom('rand-payload')(4000) }],
  ]
  for (const [label, spec] of decryptCases)
    add('decryption', `E ${label}`, 'E', craft('E', spec), ['bundle.decrypt-failed'])
}
