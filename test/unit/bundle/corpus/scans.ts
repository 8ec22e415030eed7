import { DEFLATE, STORE } from '../../../../electron/services/bundle/container'
import type { BundleFile } from '../../../../electron/services/bundle/pack'
import { ATTACHMENT_NAME, seededRandom } from '../helpers'
import { type BaseName, type CorpusContext, enc, flipBit, rawEntry } from './craft'

const FAMILY = 'scan files (`attachments/<id>`: sizes, hashes, names, duplicates, oversized)'

/**
 * Bad bundles that carry scans (docs/bundle-format.md §5, §14.1), signed by the real sender (and encrypted to the real
 * receiver for the archive): the scan's size or sha256 lying in the manifest, its bytes changed, truncated or
 * extended, unexpected entry names, an unlisted or missing scan, the same scan twice, scans beyond the caps. What the
 * format layer cannot see — a scan that disagrees with its attachment RECORD, or has none — is the app's check and is
 * exercised through the real importer in test/unit/exchange-app/scan-corpus.test.ts.
 */
export function addScanCases({ bases, craft, add, hashField, hashHex }: CorpusContext): void {
  for (const b of ['E', 'O'] as BaseName[]) {
    const base = bases[b]
    const method = base.encrypted ? DEFLATE : STORE
    const scan = base.files.find((f) => f.name === ATTACHMENT_NAME) as BundleFile
    const others = base.files.filter((f) => f !== scan)
    const id = scan.name.slice('attachments/'.length)
    const entriesOf = (list: BundleFile[]) => list.map((f) => rawEntry(f.name, f.bytes, method))
    const withScan = (bytes: Uint8Array) => entriesOf([...others, { name: scan.name, bytes }])
    const listed = (m: { files: ({ name: string; size: number } & Record<string, unknown>)[] }) =>
      m.files.find((f) => f.name === scan.name) as { size: number } & Record<string, string>

    // the manifest's size or sha256 of the scan is wrong (re-signed by the sender)
    for (const delta of [1, -1, -scan.bytes.length, 1 << 20]) {
      add(
        FAMILY,
        `${b} scan size in the manifest ${delta > 0 ? '+' : ''}${delta}`,
        b,
        craft(b, {
          mutate: (m) => {
            listed(m).size += delta
          },
        }),
        ['bundle.file-size-mismatch', 'bundle.manifest-invalid'],
      )
    }
    const shaLies: [string, (h: string) => string][] = [
      ['one hex digit changed', (h) => (h[0] === '0' ? '1' : '0') + h.slice(1)],
      ['all zeros', () => '0'.repeat(64)],
      ['uppercase', (h) => h.toUpperCase()],
      ['63 digits', (h) => h.slice(1)],
      ['the hash of another payload file', () => hashHex(others[0].bytes)],
    ]
    for (const [label, lie] of shaLies) {
      add(
        FAMILY,
        `${b} scan ${hashField} in the manifest: ${label}`,
        b,
        craft(b, {
          mutate: (m) => {
            const f = listed(m)
            f[hashField] = lie(f[hashField])
          },
        }),
        ['bundle.file-hash-mismatch', 'bundle.manifest-invalid'],
      )
    }
    // the scan's bytes differ from what the signed manifest says
    for (const at of [0, Math.floor(scan.bytes.length / 2), scan.bytes.length - 1]) {
      add(
        FAMILY,
        `${b} scan byte ${at} changed after signing`,
        b,
        craft(b, { innerEntries: withScan(flipBit(scan.bytes, at * 8)) }),
        ['bundle.file-hash-mismatch'],
      )
    }
    add(FAMILY, `${b} scan truncated by one byte`, b, craft(b, { innerEntries: withScan(scan.bytes.subarray(1)) }), [
      'bundle.file-size-mismatch',
    ])
    add(FAMILY, `${b} scan empty`, b, craft(b, { innerEntries: withScan(new Uint8Array()) }), [
      'bundle.file-size-mismatch',
    ])
    add(
      FAMILY,
      `${b} scan extended by 1 KiB`,
      b,
      craft(b, { innerEntries: withScan(new Uint8Array([...scan.bytes, ...new Uint8Array(1024)])) }),
      ['bundle.file-size-mismatch'],
    )
    add(
      FAMILY,
      `${b} another scan's bytes under this id`,
      b,
      craft(b, { innerEntries: withScan(seededRandom('other-scan')(scan.bytes.length)) }),
      ['bundle.file-hash-mismatch'],
    )

    // unexpected names, listed in the signed manifest and present in the payload under that name
    const names = [
      `attachments/${id}.png`,
      `attachments/${id.toLowerCase()}`,
      'attachments/',
      `attachments/${id}/x`,
      `attachments/../${id}`,
      `Attachments/${id}`,
      `attachments/${'A'.repeat(65)}`,
      'attachments/SHORT',
      `attachments/${id} `,
      `attachments/${id}\u0000`,
      `attachments/${id}\u202e`,
      `attachments\\${id}`,
      `scans/${id}`,
      `attachments/${id.replace('3', '３')}`,
      `attachments/./${id}`,
      `${id}`,
    ]
    for (const name of names) {
      const renamed = [...others, { name, bytes: scan.bytes }]
      add(
        FAMILY,
        `${b} scan named ${JSON.stringify(name)}`,
        b,
        craft(b, { files: renamed, innerEntries: entriesOf(renamed) }),
        ['bundle.bad-entry-name', 'bundle.manifest-invalid'],
      )
    }
    // the scan not listed, or listed and absent; a second scan nobody signed
    add(FAMILY, `${b} scan listed but absent`, b, craft(b, { innerEntries: entriesOf(others) }), [
      'bundle.file-missing',
    ])
    add(
      FAMILY,
      `${b} scan present but not listed`,
      b,
      craft(b, { files: others, innerEntries: entriesOf([...others, scan]) }),
      ['bundle.file-extra'],
    )
    add(
      FAMILY,
      `${b} a second, unsigned scan`,
      b,
      craft(b, {
        innerEntries: entriesOf([
          ...base.files,
          { name: 'attachments/320102-01HQ3Z8V6X2N4R7T9W0Y1A2B3J', bytes: enc('x') },
        ]),
      }),
      ['bundle.file-extra'],
    )
    // the same id twice: two zip entries, or the manifest listing it twice
    add(
      FAMILY,
      `${b} scan entry twice in the payload`,
      b,
      craft(b, { innerEntries: entriesOf([...base.files, scan]) }),
      ['bundle.duplicate-entry'],
    )
    add(
      FAMILY,
      `${b} scan entry twice, second with other bytes`,
      b,
      craft(b, { innerEntries: entriesOf([...base.files, { name: scan.name, bytes: enc('other') }]) }),
      ['bundle.duplicate-entry'],
    )
    add(
      FAMILY,
      `${b} scan listed twice in the manifest`,
      b,
      craft(b, {
        mutate: (m) => {
          m.files = [...m.files, { ...listed(m), name: scan.name }].sort((x: { name: string }, y: { name: string }) =>
            x.name < y.name ? -1 : 1,
          )
        },
        innerEntries: entriesOf([...base.files, scan]),
      }),
      ['bundle.manifest-invalid', 'bundle.duplicate-entry'],
    )
    // oversized: one scan above the per-file cap, several above the total cap (caps lowered by the receiver)
    const big = seededRandom(`big-scan/${b}`)(600 * 1024)
    const oneBig = [...others, { name: scan.name, bytes: big }]
    add(
      FAMILY,
      `${b} scan of 600 KiB, receiver's file cap 512 KiB`,
      b,
      craft(b, { files: oneBig, innerEntries: entriesOf(oneBig) }),
      ['bundle.too-large'],
      { ...base.opts, limits: { maxFileBytes: 512 * 1024 } },
    )
    const many = [
      ...others,
      ...['1', '2', '3', '4'].map((n) => ({
        name: `attachments/320102-01HQ3Z8V6X2N4R7T9W0Y1A2B${n}K`,
        bytes: seededRandom(`many/${b}/${n}`)(300 * 1024),
      })),
    ].sort((x, y) => (x.name < y.name ? -1 : 1))
    add(
      FAMILY,
      `${b} four scans of 300 KiB, receiver's total cap 1 MiB`,
      b,
      craft(b, { files: many, innerEntries: entriesOf(many) }),
      ['bundle.too-large'],
      { ...base.opts, limits: { maxTotalBytes: 1024 * 1024 } },
    )
    add(
      FAMILY,
      `${b} 201 scans, receiver's file-count cap 200`,
      b,
      (() => {
        const list = [
          ...others,
          ...Array.from({ length: 201 }, (_, i) => ({
            name: `attachments/320102-01HQ3Z8V6X2N4R7T9W${String(i).padStart(6, '0')}`,
            bytes: enc(`scan ${i}`),
          })),
        ].sort((x, y) => (x.name < y.name ? -1 : 1))
        return craft(b, { files: list, innerEntries: entriesOf(list) })
      })(),
      ['bundle.too-many-entries'],
      { ...base.opts, limits: { maxPayloadFiles: 200 } },
    )
  }
}
