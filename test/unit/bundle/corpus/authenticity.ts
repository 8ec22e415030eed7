import fc from 'fast-check'
import { newGmPayloadKey } from '../../../../electron/services/bundle/gmCrypto'
import { publicKeyRecord } from '../../../../electron/services/bundle/keys'
import { packBundle } from '../../../../electron/services/bundle/pack'
import { GM_SUITE } from '../../../../shared/exchange/manifest'
import { archiveInput, cityOpens, keys, seededRandom, trustOf, units } from '../helpers'
import { type BaseName, type CorpusContext, type CraftSpec, enc, flipBit, malleate, readPayload, sample } from './craft'

/** Forged signatures, unknown senders, wrong receivers and payloads that must not decrypt. */
export function addAuthenticity({ bases, craft, add, outerOf, suite, sign, signWithContext }: CorpusContext): void {
  // ---- forged and malformed signatures ---------------------------------------------------------------------------
  const otherSig = (b: BaseName) => {
    const [, s] = outerOf(b === 'E' ? 'O' : 'E')
    return Buffer.from(s.data).toString('latin1')
  }
  for (const b of ['E', 'O', 'N'] as BaseName[]) {
    const sigCases: [string, (mb: Uint8Array) => string][] = [
      ['signed by the attacker key', (mb) => sign(mb, keys.attacker)],
      ['signed by the receiver', (mb) => sign(mb, b === 'E' ? keys.city : keys.province)],
      ['signed by the province', (mb) => sign(mb, keys.province)],
      ['signature without the context prefix', (mb) => signWithContext('', mb, bases[b].signer)],
      ['signature in the rotation context', (mb) => signWithContext('jiuzhu-key-rotation-v1\0', mb, bases[b].signer)],
      ['signature of another bundle', () => otherSig(b)],
      ['empty signature', () => ''],
      ['all-zero signature', () => Buffer.alloc(64).toString('base64')],
      [
        '63-byte signature',
        (mb) => Buffer.from(sign(mb, bases[b].signer), 'base64').subarray(0, 63).toString('base64'),
      ],
      ['signature with trailing newline', (mb) => `${sign(mb, bases[b].signer)}\n`],
      ['signature in hex', (mb) => Buffer.from(sign(mb, bases[b].signer), 'base64').toString('hex')],
      [
        'non-canonical base64 padding',
        (mb) =>
          sign(mb, bases[b].signer).replace(
            /(.)==$/,
            (_, c) => `${c === 'A' ? 'B' : String.fromCharCode(c.charCodeAt(0) + 1)}==`,
          ),
      ],
      ['signature with S + L (malleated)', (mb) => malleate(sign(mb, bases[b].signer))],
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
    const fake = packBundle(archiveInput({ suite, sender: { keys: keys.attacker, ...units.district } }, `fake-${i}`))
    add('unknown sender', `attacker keys under the district's code #${i}`, 'E', fake.bytes, ['bundle.unknown-sender'])
    const sibling = packBundle(
      archiveInput({ suite, sender: { keys: keys.otherDistrict, ...units.otherDistrict } }, `sib-${i}`),
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
      ...publicKeyRecord(keys.district),
      encryptionKey: keys.province.encryptionKey,
      sm2EncryptionKey: keys.province.sm2EncryptionKey,
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
      archiveInput(
        { suite, receiver: { unitCode: units.otherDistrict.unitCode, keys: keys.otherDistrict } },
        `other-${i}`,
      ),
    )
    add('wrong receiver', `bundle for another district #${i}`, 'E', toOther.bytes, ['bundle.wrong-receiver'])
    const toProvince = packBundle(
      archiveInput({ suite, receiver: { unitCode: units.province.unitCode, keys: keys.province } }, `prov-${i}`),
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
    ['payload of another bundle', { payload: readPayload(packBundle(archiveInput({ suite }, 'splice')).bytes) }],
    ['payload shorter than the tag', { payload: new Uint8Array(15) }],
    ['empty payload', { payload: new Uint8Array(0) }],
    ['payload tag flipped', { payload: flipBit(eOuterPayload.data, eOuterPayload.data.length * 8 - 3) }],
    [
      'ephemeral key replaced by the all-zero point',
      {
        mutate: (m) => {
          // 国密: the envelope's C1 replaced by a point off the curve (04 ‖ zeros)
          if (suite === GM_SUITE)
            m.cipher.envelopes[0].envelope = Buffer.concat([Buffer.of(4), Buffer.alloc(112)]).toString('base64')
          else m.cipher.ephemeralPublicKey = Buffer.alloc(32).toString('base64')
        },
      },
    ],
    [
      'ephemeral key replaced by a low-order point',
      {
        mutate: (m) => {
          // 国密: an envelope sealed to another office's SM2 key
          if (suite === GM_SUITE)
            m.cipher.envelopes[0].envelope = newGmPayloadKey(
              seededRandom('other-env'),
              keys.province.sm2EncryptionKey!,
            ).envelope
          else m.cipher.ephemeralPublicKey = Buffer.concat([Buffer.from([1]), Buffer.alloc(31)]).toString('base64')
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
  // the 国密 suite has no KDF info: a bundle id changed before signing and encrypting is simply another valid bundle
  if (suite === GM_SUITE)
    decryptCases.splice(
      decryptCases.findIndex(([l]) => l.includes('KDF info')),
      1,
    )
  for (const [label, spec] of decryptCases)
    add('decryption', `E ${label}`, 'E', craft('E', spec), ['bundle.decrypt-failed'])
}
