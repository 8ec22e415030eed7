import { GM_SUITE } from '../../../../shared/exchange/manifest'
import { keys } from '../helpers'
import { type CorpusContext, enc, get, type Json, reorder, set } from './craft'

/** Manifest schema violations (signed by the real sender) and non-canonical or hostile manifest bytes. */
export function addManifestCases({ craft, add, hashField, suite }: CorpusContext): void {
  const gm = suite === GM_SUITE
  // ---- manifest schema violations (signed by the real sender) ----------------------------------------------------
  const schemaCases: [string, (m: Json) => void, string[]?][] = []
  const required = [
    'format',
    'formatVersion',
    'bundleId',
    'kind',
    'createdAt',
    'sender',
    'receiver',
    'channelSeq',
    'prevBundleHash',
    'origins',
    'tables',
    'auditHead',
    'files',
    'cipher',
  ]
  for (const k of required) schemaCases.push([`missing ${k}`, (m) => delete m[k]])
  for (const [path, v] of [
    ['', 1],
    ['sender', 1],
    ['receiver', 1],
    ['auditHead', 1],
    ['origins.0', 1],
    ['files.0', 1],
    ['tables.cases', 1],
    ['cipher', 1],
  ] as [string, number][]) {
    schemaCases.push([
      `unknown field in ${path || 'root'}`,
      (m) => {
        ;(path ? get(m, path) : m).zzExtra = v
      },
    ])
  }
  const wrong: [string, unknown][] = [
    ['bundleId', 'not-a-ulid'],
    ['bundleId', '01hq3z8v6x2n4r7t9w0y1a2b3c'],
    ['kind', 'backup'],
    ['kind', 'Archive'],
    ['createdAt', '2026-03-02 08:30:00'],
    ['createdAt', '2026-13-02T08:30:00Z'],
    ['channelSeq', 0],
    ['channelSeq', -1],
    ['channelSeq', 1.5],
    ['channelSeq', 2 ** 31],
    ['channelSeq', '7'],
    ['prevBundleHash', 'A'.repeat(64)],
    ['prevBundleHash', 'a'.repeat(63)],
    ['prevBundleHash', ''],
    ['origins', {}],
    ['tables', []],
    ['files', {}],
    ['auditHead.seq', -1],
    ['auditHead.hash', 'x'],
    ['sender.unitCode', '32010'],
    ['sender.unitCode', 320102],
    ['sender.unitName', ''],
    ['sender.unitName', '检'.repeat(61)],
    ['sender.level', 'county'],
    ['sender.signingKey', 'abc'],
    ['sender.keyId', 'ILOU0000000000000000'],
    ['receiver.unitCode', '3201000'],
    ['receiver.keyId', ''],
    ['cipher.iv', 'AAAA'],
    ['cipher.ephemeralPublicKey', 'x'.repeat(44)],
    ['tables.cases.count', -1],
    ['tables.cases.count', 1e10],
    ['tables.cases.totals', { amountFen: -5 }],
    ['files.0.size', -1],
    ['files.0.sha256', 'z'.repeat(64)],
    ['files.0.name', '../cases.ndjson'],
    ['files.0.name', '/etc/passwd'],
    ['files.0.name', 'a\\b.ndjson'],
    ['files.0.name', '__proto__.ndjson'],
    ['files.0.name', 'constructor.ndjson'],
    ['files.0.name', 'attachments/../../etc'],
    ['generator', ''],
    ['generator', 'x'.repeat(81)],
    ['format', 'jiuzhu-bundl'],
    ['formatVersion', '1'],
    ['formatVersion', 0],
    ['formatVersion', 1.5],
  ]
  for (const [path, v] of wrong)
    schemaCases.push([`${path} = ${JSON.stringify(v).slice(0, 30)}`, (m) => set(m, path, v)])
  schemaCases.push(
    [
      'formatVersion 2',
      (m) => {
        m.formatVersion = 2
      },
      ['bundle.unsupported-version'],
    ],
    [
      'formatVersion 999',
      (m) => {
        m.formatVersion = 999
      },
      ['bundle.unsupported-version'],
    ],
    [
      'cipher suite sm2-sm3-sm4 (reserved)',
      (m) => {
        m.cipher.suite = 'sm2-sm3-sm4'
      },
      ['bundle.unsupported-suite'],
    ],
    [
      'cipher suite aes128',
      (m) => {
        m.cipher.suite = 'aes128-gcm'
      },
      ['bundle.unsupported-suite'],
    ],
    // suite mixing: the other suite's signature algorithm, cipher, or suite name, the rest left as it is
    [
      'signature alg of the other suite (suite mixing)',
      (m) => {
        m.sender.signatureAlg = gm ? 'ed25519' : 'sm2-sm3'
      },
      ['bundle.suite-mixed'],
    ],
    [
      'cipher suite of the other suite (suite mixing)',
      (m) => {
        m.cipher.suite = gm ? 'x25519-hkdf-sha256-aes256gcm' : 'sm2-sm3-sm4gcm'
      },
      ['bundle.suite-mixed'],
    ],
    [
      'suite switched to the other one, sender and cipher left (suite mixing)',
      (m) => {
        if (gm) delete m.suite
        else m.suite = 'sm2-sm3-sm4gcm'
      },
      ['bundle.suite-mixed'],
    ],
    [
      'unknown suite',
      (m) => {
        m.suite = 'rsa-aes128'
      },
      ['bundle.unsupported-suite'],
    ],
    [
      'signature alg rsa',
      (m) => {
        m.sender.signatureAlg = 'rsa'
      },
      ['bundle.unsupported-suite'],
    ],
    [
      'archive sent unencrypted',
      (m) => {
        m.cipher = null
        m.receiver = null
      },
    ],
    [
      'receiver without cipher',
      (m) => {
        m.cipher = null
      },
    ],
    [
      'cipher without receiver',
      (m) => {
        m.receiver = null
      },
    ],
    [
      'sender equals receiver',
      (m) => {
        m.receiver.unitCode = m.sender.unitCode
      },
    ],
    [
      'sender key id not derived from the keys',
      (m) => {
        m.sender.keyId = keys.city.keyId
      },
    ],
    [
      'sender signing key of another office',
      (m) => {
        m.sender.signingKey = keys.attacker.signingKey
      },
    ],
    [
      'files unsorted',
      (m) => {
        m.files.reverse()
      },
    ],
    [
      'file listed twice',
      (m) => {
        m.files.push(m.files[0])
      },
    ],
    [
      'files differing only in case',
      (m) => {
        m.files.push({ ...m.files[1], name: 'Cases.ndjson' })
      },
    ],
    [
      'table summary without file',
      (m) => {
        m.tables.extra = { count: 0 }
      },
    ],
    [
      'file without table summary',
      (m) => {
        delete m.tables.cases
      },
    ],
    [
      'reserved table name',
      (m) => {
        m.tables.toString = { count: 0 }
      },
    ],
    [
      'origins unsorted',
      (m) => {
        m.origins = [
          { unitCode: '320104', revFrom: 1, revTo: 2 },
          { unitCode: '320102', revFrom: 1, revTo: 2 },
        ]
      },
    ],
    [
      'origin revFrom > revTo',
      (m) => {
        m.origins[0].revFrom = 999
      },
    ],
    [
      '10 001 files',
      (m) => {
        m.files = Array.from({ length: 10_001 }, (_, i) => ({
          name: `attachments/${String(i).padStart(10, '0')}`,
          size: 1,
          [hashField]: 'a'.repeat(64),
        }))
        m.tables = {}
      },
    ],
    [
      '65 tables',
      (m) => {
        for (let i = 0; i < 65; i++)
          m.tables[`t${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`] = {
            count: 0,
          }
      },
    ],
  )
  for (const [label, mutate, expect] of schemaCases) {
    add(
      'manifest schema',
      `E ${label}`,
      'E',
      craft('E', { mutate }),
      expect ?? ['bundle.manifest-invalid', 'bundle.unsupported-version', 'bundle.unsupported-suite'],
    )
  }
  for (const [label, mutate] of [
    [
      'enrollment encrypted',
      (m: Json) => {
        m.receiver = { unitCode: '320100', keyId: keys.city.keyId }
      },
    ],
    [
      'enrollment with cipher only',
      (m: Json) => {
        m.cipher = {
          suite: 'x25519-hkdf-sha256-aes256gcm',
          ephemeralPublicKey: keys.city.encryptionKey,
          iv: 'AAAAAAAAAAAAAAAA',
        }
      },
    ],
    [
      'enrollment kind changed to archive',
      (m: Json) => {
        m.kind = 'archive'
      },
    ],
  ] as const) {
    add('manifest schema', `N ${label}`, 'N', craft('N', { mutate }), [
      'bundle.manifest-invalid',
      'bundle.unexpected-entry',
      // in a 国密 manifest the current suite's cipher is also suite mixing
      ...(gm ? ['bundle.suite-mixed'] : []),
    ])
  }

  // ---- manifest bytes: not canonical, not JSON, pollution attempts ---------------------------------------------
  const text = (mb: Uint8Array) => Buffer.from(mb).toString('utf8')
  const byteCases: [string, (mb: Uint8Array) => Uint8Array, string[]][] = [
    ['pretty-printed', (mb) => enc(JSON.stringify(JSON.parse(text(mb)), null, 2)), ['bundle.manifest-invalid']],
    [
      'keys in insertion order',
      (mb) => enc(JSON.stringify(reorder(JSON.parse(text(mb))))),
      ['bundle.manifest-invalid'],
    ],
    [
      'duplicate key (second wins in JSON.parse)',
      (mb) => enc(text(mb).replace('"channelSeq":7', '"channelSeq":1,"channelSeq":7')),
      ['bundle.manifest-invalid'],
    ],
    [
      'escaped characters',
      (mb) => enc(text(mb).replace('"kind":"archive"', '"kind":"\\u0061rchive"')),
      ['bundle.manifest-invalid'],
    ],
    ['trailing newline', (mb) => enc(`${text(mb)}\n`), ['bundle.manifest-invalid']],
    ['BOM', (mb) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), mb]), ['bundle.bad-json']],
    [
      'invalid UTF-8',
      (mb) => Buffer.concat([mb.subarray(0, 10), Buffer.from([0xc3, 0x28]), mb.subarray(10)]),
      ['bundle.bad-json'],
    ],
    ['UTF-16', (mb) => Buffer.from(text(mb), 'utf16le'), ['bundle.bad-json']],
    ['not JSON', () => enc('manifest'), ['bundle.bad-json']],
    ['empty', () => new Uint8Array(0), ['bundle.bad-json']],
    ['JSON array', () => enc('[]'), ['bundle.manifest-invalid']],
    ['JSON null', () => enc('null'), ['bundle.manifest-invalid']],
    ['__proto__ at root', (mb) => enc(text(mb).replace('{', '{"__proto__":{"polluted":true},')), ['bundle.bad-json']],
    [
      'escaped __proto__',
      (mb) => enc(text(mb).replace('{', '{"\\u005f_proto__":{"polluted":true},')),
      ['bundle.bad-json'],
    ],
    [
      'constructor.prototype in sender',
      (mb) => enc(text(mb).replace('"sender":{', '"sender":{"constructor":{"prototype":{"polluted":true}},')),
      ['bundle.bad-json'],
    ],
    [
      'depth 100 in generator',
      (mb) => enc(text(mb).replace(/"generator":"[^"]*"/, `"generator":${'['.repeat(100)}${']'.repeat(100)}`)),
      ['bundle.bad-json'],
    ],
    ['number 1e999', (mb) => enc(text(mb).replace('"channelSeq":7', '"channelSeq":1e999')), ['bundle.bad-json']],
    [
      'string of 100 000 characters',
      (mb) => enc(text(mb).replace(/"generator":"[^"]*"/, `"generator":"${'x'.repeat(100_000)}"`)),
      ['bundle.bad-json'],
    ],
  ]
  for (const [label, manifestBytes, expect] of byteCases)
    add('manifest bytes', `E ${label}`, 'E', craft('E', { manifestBytes }), expect)
}
