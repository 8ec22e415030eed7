import { execFileSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { publicKeyRecord, sealPrivateKeys } from '../../../electron/services/bundle/keys'
import { packBundle } from '../../../electron/services/bundle/pack'
import {
  buildTransfer,
  openTransferBytes,
  packTransferToFolder,
  type TransferPackRequest,
} from '../../../electron/services/bundle/transfer'
import { sharedChromiumPrinter } from '../../../electron/services/pdf/chromiumPrinter'
import { residentIdCheckChar } from '../../../shared/domain/idcard'
import { messageFor } from '../../../shared/errors'
import { CodedError } from '../../../shared/errors/coded'
import { toNdjson } from '../../../shared/exchange/ndjson'
import {
  attachmentEntry,
  renderTransferIndexHtml,
  TRANSFER_LIMITS,
  type TransferFacts,
  type TransferRecord,
  transferFactsProblems,
  transferRecordSchema,
} from '../../../shared/exchange/transfer'
import { sha256Hex } from '../../../shared/util/hash'
import { keys, seededRandom, units } from './helpers'

/**
 * 案件移送材料包 (shared/exchange/transfer.ts, electron/services/bundle/transfer.ts) with the real crypto and the real
 * zip container: produced open for a court and encrypted for an enrolled procuratorate, opened again, and every
 * kind of bad package refused with a Chinese reason — tampered bytes, a signed package whose record lies about its
 * files or whose index does not name its facts, wrong types, oversized files, another kind of bundle.
 */
const PASS = '移送测试口令2026'
const ID = `32010219800101001${residentIdCheckChar('32010219800101001')}`
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
const CREATED = '2026-04-01T02:00:00.000Z'

const facts: TransferFacts = {
  sender: { unitCode: units.district.unitCode, unitName: units.district.unitName },
  receiver: { kind: 'court', name: '南京市玄武区人民法院' },
  caseId: '320102-01HQ3Z8V6X2N4R7T9W0Y1A2B3C',
  caseNo: '玄检控救〔2026〕3号',
  underlyingCase: { caseNo: '玄检刑诉〔2026〕12号', charge: '故意伤害' },
  applicant: { name: '周六', idType: 'resident-id', idNumber: ID },
  applicationDate: '2026-02-10',
  decision: {
    outcome: 'granted',
    date: '2026-03-01',
    documentNo: '玄检控救〔2026〕3号',
    grantedFen: 3_000_000,
    grantedInWords: '叁万元整',
  },
  payment: { amountFen: 3_000_000, amountInWords: '叁万元整', paidDate: '2026-03-10', method: '银行转账' },
}

/** A stand-in printer: a real PDF header and the HTML's hash (the real printer is tested below). */
const fakePdf = async (html: string) => Buffer.from(`%PDF-1.4\n% ${sha256Hex(html)}\n%%EOF\n`)

let sealed: string
function request(overrides: Partial<TransferPackRequest> = {}): TransferPackRequest {
  return {
    sealed,
    passphrase: PASS,
    sender: units.district,
    receiverKeys: null,
    channelSeq: 1,
    auditHead: { seq: 10, hash: 'c'.repeat(64) },
    facts,
    decisionHtml: '<!doctype html><p>国家司法救助决定书</p>',
    scans: [{ name: '救助申请书.png', mime: 'image/png', sha256: sha256Hex(PNG), bytes: PNG }],
    createdAt: CREATED,
    random: seededRandom('transfer'),
    ...overrides,
  }
}

const trusted = [publicKeyRecord(keys.district)]
const openReq = {
  expectedReceiverUnit: units.otherDistrict.unitCode,
  trusted: [] as ReturnType<typeof publicKeyRecord>[],
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
    return 'accepted'
  } catch (e) {
    if (!(e instanceof CodedError)) throw e
    expect(messageFor(e.code, e.params)).toMatch(/[\u4e00-\u9fff]{8,}/)
    expect(messageFor(e.code, e.params)).toMatch(/未导入|未生成|未做任何改动/)
    return e.code
  }
}

/** A package signed by the district with whatever record and files the test wants (a lying sender). */
function craft(record: Record<string, unknown>, files: { id: string; bytes: Uint8Array }[], extra = {}) {
  return packBundle({
    kind: 'transfer',
    sender: { keys: keys.district, ...units.district },
    receiver: null,
    channelSeq: 1,
    prevBundleHash: null,
    origins: [],
    tables: { transfer: { count: 1 } },
    auditHead: { seq: 1, hash: 'd'.repeat(64) },
    files: [
      { name: 'transfer.ndjson', bytes: toNdjson([record]) },
      ...files.map((f) => ({ name: attachmentEntry(f.id), bytes: f.bytes })),
    ],
    createdAt: CREATED,
    random: seededRandom('craft'),
    ...extra,
  }).bytes
}

describe('案件移送材料包', () => {
  let dir: string
  let good: { record: TransferRecord; files: Map<string, Uint8Array>; bytes: Uint8Array }
  beforeAll(async () => {
    sealed = await sealPrivateKeys(keys.district, PASS)
    dir = await mkdtemp(join(tmpdir(), 'transfer-'))
    const built = await buildTransfer(request(), fakePdf)
    good = { record: built.record, files: built.files, bytes: built.packed.bytes }
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('carries the record, the index (HTML and PDF), the decision and the scans; opens from an unknown sender as unverified', async () => {
    expect(good.record.files.map((f) => [f.role, f.name])).toEqual([
      ['index-html', 'index.html'],
      ['index-pdf', 'index.pdf'],
      ['decision-pdf', '国家司法救助决定书.pdf'],
      ['scan', '材料/01-救助申请书.png'],
    ])
    const opened = await openTransferBytes(good.bytes, openReq)
    expect(opened.senderTrusted).toBe(false)
    expect(opened.senderFingerprint).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/)
    expect(opened.record).toEqual(good.record)
    const known = await openTransferBytes(good.bytes, { ...openReq, trusted })
    expect(known.senderTrusted).toBe(true)
    // The sender's unit is in the directory with ANOTHER key: refused, not "unverified".
    const impostor = [publicKeyRecord({ ...keys.attacker })]
    expect(await codeOf(openTransferBytes(good.bytes, { ...openReq, trusted: impostor }))).toBe('bundle.unknown-sender')
  })

  it('the index names the person, ID number, case, decision, amount in figures and words, payment day, files and hashes', () => {
    const html = new TextDecoder().decode(good.files.get(good.record.files[0].id))
    for (const fact of [
      '周六',
      ID,
      '玄检控救〔2026〕3号',
      '玄检刑诉〔2026〕12号',
      '2026-03-01',
      '30,000.00元',
      '叁万元整',
    ]) {
      expect(html).toContain(fact)
    }
    expect(html).toContain('2026-03-10')
    for (const f of good.record.files.slice(2)) expect(html).toContain(f.sha256)
    expect(html).not.toMatch(/<script/i)
    expect(html).toContain("default-src 'none'")
  })

  it('is encrypted to an enrolled receiving procuratorate, which alone can open it', async () => {
    const otherSealed = await sealPrivateKeys(keys.otherDistrict, PASS)
    const facts2 = {
      ...facts,
      receiver: {
        kind: 'procuratorate' as const,
        name: units.otherDistrict.unitName,
        unitCode: units.otherDistrict.unitCode,
      },
    }
    const built = await buildTransfer(
      request({ facts: facts2, receiverKeys: publicKeyRecord(keys.otherDistrict) }),
      fakePdf,
    )
    expect(built.packed.manifest.cipher).not.toBeNull()
    const opened = await openTransferBytes(built.packed.bytes, { ...openReq, sealed: otherSealed, passphrase: PASS })
    expect(opened.record.receiver.unitCode).toBe(units.otherDistrict.unitCode)
    expect(await codeOf(openTransferBytes(built.packed.bytes, openReq))).toBe('exchange.no-office-key')
    expect(
      await codeOf(
        openTransferBytes(built.packed.bytes, {
          expectedReceiverUnit: units.city.unitCode,
          trusted: [],
          sealed,
          passphrase: PASS,
        }),
      ),
    ).toBe('bundle.wrong-receiver')
    // the record must name the receiver the keys belong to
    expect(await codeOf(buildTransfer(request({ receiverKeys: publicKeyRecord(keys.otherDistrict) }), fakePdf))).toBe(
      'transfer.receiver-invalid',
    )
  })

  it('writes an open package as one folder a clerk opens without the app, with the .jzb inside', async () => {
    const res = await packTransferToFolder(dir, request({ random: seededRandom('folder') }), fakePdf)
    expect(res.readableDir).toMatch(/数据交换\/移送材料\/移送材料_玄检控救〔2026〕3号_20260401_1$/)
    const names = (await readdir(res.readableDir as string, { recursive: true })).sort()
    expect(names).toEqual(
      ['index.html', 'index.pdf', '国家司法救助决定书.pdf', '材料', '材料/01-救助申请书.png', res.fileName].sort(),
    )
    expect(sha256Hex(await readFile(join(res.readableDir as string, '材料/01-救助申请书.png')))).toBe(sha256Hex(PNG))
    const again = await openTransferBytes(new Uint8Array(await readFile(res.path)), openReq)
    expect(again.record.transferId).toBe(res.transferId)
  })

  it('refuses to produce a package from a scan whose bytes changed, a non-image scan or an over-size scan', async () => {
    const bad = { ...request().scans[0], bytes: Buffer.concat([PNG, Buffer.from([0])]) }
    expect(await codeOf(buildTransfer(request({ scans: [bad] }), fakePdf))).toBe('transfer.scan-changed')
    const html = Buffer.from('<!doctype html><script>alert(1)</script>')
    expect(
      await codeOf(
        buildTransfer(
          request({ scans: [{ name: 'x.png', mime: 'image/png', sha256: sha256Hex(html), bytes: html }] }),
          fakePdf,
        ),
      ),
    ).toBe('bundle.pack-invalid')
    const big = Buffer.alloc(TRANSFER_LIMITS.maxFileBytes + 1)
    PNG.copy(big)
    expect(
      await codeOf(
        buildTransfer(
          request({ scans: [{ name: 'big.png', mime: 'image/png', sha256: sha256Hex(big), bytes: big }] }),
          fakePdf,
        ),
      ),
    ).toBe('transfer.too-large')
    expect(
      await codeOf(
        buildTransfer(
          request({ facts: { ...facts, decision: { ...facts.decision, grantedInWords: '叁拾万元整' } } }),
          fakePdf,
        ),
      ),
    ).toBe('bundle.pack-invalid')
  })

  it('refuses tampered bytes: any flipped byte in the index, the PDF or a scan', async () => {
    for (const f of good.record.files) {
      const content = good.files.get(f.id) as Uint8Array
      const at = indexOf(good.bytes, content.subarray(0, 64))
      expect(at, f.name).toBeGreaterThan(0)
      const flipped = new Uint8Array(good.bytes)
      flipped[at + Math.min(40, content.length - 1)] ^= 0x01
      const code = await codeOf(openTransferBytes(flipped, openReq))
      expect(code, f.name).toMatch(/^bundle\.(corrupt|file-hash-mismatch|bad-signature)$/)
    }
  })

  it('refuses a signed package whose record lies: wrong hash, unlisted or missing file, index without the facts, scripts, wrong type', async () => {
    const files = good.record.files.map((f) => ({ id: f.id, bytes: good.files.get(f.id) as Uint8Array }))
    const rec = good.record as unknown as Record<string, unknown>
    const withFiles = (fs: TransferRecord['files']) => ({ ...rec, files: fs })
    // the record's hash of the decision is not the file's
    const wrongHash = good.record.files.map((f, i) => (i === 2 ? { ...f, sha256: 'e'.repeat(64) } : f))
    expect(await codeOf(openTransferBytes(craft(withFiles(wrongHash), files), openReq))).toBe('transfer.invalid')
    // an extra attachment the record does not list
    const extra = { id: '320102-01HQ3Z8V6X2N4R7T9W0Y1A2B9Z', bytes: PNG }
    expect(await codeOf(openTransferBytes(craft(rec, [...files, extra]), openReq))).toBe('transfer.invalid')
    // a listed file missing from the package
    expect(await codeOf(openTransferBytes(craft(rec, files.slice(0, 3)), openReq))).toBe('transfer.invalid')
    // an index that does not name the amount
    const indexOf0 = good.record.files[0]
    const lying = new TextEncoder().encode(
      new TextDecoder().decode(files[0].bytes).replaceAll('30,000.00元', '3,000.00元'),
    )
    const lyingFiles = [{ id: indexOf0.id, bytes: lying }, ...files.slice(1)]
    const lyingRecord = withFiles(
      good.record.files.map((f, i) => (i === 0 ? { ...f, size: lying.length, sha256: sha256Hex(lying) } : f)),
    )
    expect(await codeOf(openTransferBytes(craft(lyingRecord, lyingFiles), openReq))).toBe('transfer.content-mismatch')
    // an index with a script
    const scripted = new TextEncoder().encode(
      new TextDecoder().decode(files[0].bytes).replace('</body>', '<script>alert(1)</script></body>'),
    )
    const scriptRecord = withFiles(
      good.record.files.map((f, i) => (i === 0 ? { ...f, size: scripted.length, sha256: sha256Hex(scripted) } : f)),
    )
    expect(
      await codeOf(
        openTransferBytes(craft(scriptRecord, [{ id: indexOf0.id, bytes: scripted }, ...files.slice(1)]), openReq),
      ),
    ).toBe('transfer.content-mismatch')
    // a "PDF" that is HTML
    const fake = new TextEncoder().encode('<html>not a pdf</html>')
    const fakeRecord = withFiles(
      good.record.files.map((f, i) => (i === 2 ? { ...f, size: fake.length, sha256: sha256Hex(fake) } : f)),
    )
    const fakeFiles = files.map((f, i) => (i === 2 ? { id: f.id, bytes: fake } : f))
    expect(await codeOf(openTransferBytes(craft(fakeRecord, fakeFiles), openReq))).toBe('transfer.content-mismatch')
    // amount in words that does not match the figures; an unknown field
    const words = { ...rec, decision: { ...facts.decision, grantedInWords: '叁仟元整' } }
    expect(await codeOf(openTransferBytes(craft(words, files), openReq))).toBe('transfer.invalid')
    expect(await codeOf(openTransferBytes(craft({ ...rec, note: 'x' }, files), openReq))).toBe('transfer.invalid')
    // another kind of bundle
    const archiveLike = craft(rec, files, { kind: 'standards' })
    expect(await codeOf(openTransferBytes(archiveLike, openReq))).toBe('transfer.wrong-kind')
  })

  it('refuses an oversized file from its declared size, before decompressing it', async () => {
    const record = good.record
    const big = new Uint8Array(TRANSFER_LIMITS.maxFileBytes + 10)
    big.set(PNG)
    const files = record.files.map((f) => ({ id: f.id, bytes: good.files.get(f.id) as Uint8Array }))
    const scanId = record.files[3].id
    const bigRecord = {
      ...record,
      files: record.files.map((f) => (f.id === scanId ? { ...f, size: big.length, sha256: sha256Hex(big) } : f)),
    }
    const bytes = craft(
      bigRecord,
      files.map((f) => (f.id === scanId ? { id: f.id, bytes: big } : f)),
    )
    expect(await codeOf(openTransferBytes(bytes, openReq))).toBe('bundle.too-large')
  })

  it('an unknown sender gets room for its one record only: other tables or counts are refused from the manifest', async () => {
    const rec = good.record as unknown as Record<string, unknown>
    const files = good.record.files.map((f) => ({ id: f.id, bytes: good.files.get(f.id) as Uint8Array }))
    const many = toNdjson(Array.from({ length: 1000 }, (_, i) => ({ filler: i })))
    const extraTable = craft(rec, files, {
      tables: { transfer: { count: 1 }, cases: { count: 1000 } },
      files: [
        { name: 'transfer.ndjson', bytes: toNdjson([rec]) },
        { name: 'cases.ndjson', bytes: many },
        ...files.map((f) => ({ name: attachmentEntry(f.id), bytes: f.bytes })),
      ],
    })
    const twoRecords = craft(rec, files, {
      tables: { transfer: { count: 2 } },
      files: [
        { name: 'transfer.ndjson', bytes: toNdjson([rec, rec]) },
        ...files.map((f) => ({ name: attachmentEntry(f.id), bytes: f.bytes })),
      ],
    })
    const parse = vi.spyOn(JSON, 'parse')
    try {
      for (const bytes of [extraTable, twoRecords]) {
        parse.mockClear()
        expect(await codeOf(openTransferBytes(bytes, openReq))).toBe('transfer.invalid')
        // refused before any record was parsed (only the manifest and the key file went through JSON.parse)
        expect(parse.mock.calls.some(([text]) => String(text).includes('"filler"'))).toBe(false)
        expect(parse.mock.calls.some(([text]) => String(text).includes('jiuzhu-transfer'))).toBe(false)
      }
    } finally {
      parse.mockRestore()
    }
  })

  it('the schema refuses inconsistent facts with Chinese reasons', () => {
    expect(transferFactsProblems({ ...facts, decision: { ...facts.decision, outcome: 'refused' } })).toContain(
      '决定不予救助不应有救助金额',
    )
    expect(
      transferFactsProblems({
        ...facts,
        applicant: { ...facts.applicant, idNumber: ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0') },
      }),
    ).toContain('申请人的居民身份证号码校验不通过')
    expect(transferFactsProblems({ ...facts, payment: { ...facts.payment!, paidDate: '2026-02-01' } })).toContain(
      '发放日期早于决定日期',
    )
    const parsed = transferRecordSchema.safeParse({ ...good.record, files: good.record.files.slice(1) })
    expect(parsed.success).toBe(false)
    expect(
      renderTransferIndexHtml(
        { ...facts, applicant: { ...facts.applicant, name: '<b>x</b>' }, transferId: 'T', createdAt: CREATED },
        [],
      ),
    ).toContain('&lt;b&gt;x&lt;/b&gt;')
  })

  it('prints the decision and the index with the real Chromium; pdftotext reads them back', async () => {
    const res = await packTransferToFolder(dir, request({ random: seededRandom('real'), channelSeq: 2 }), (html) =>
      sharedChromiumPrinter().print(html),
    )
    const text = execFileSync('pdftotext', ['-layout', join(res.readableDir as string, 'index.pdf'), '-'], {
      encoding: 'utf8',
    })
    for (const fact of ['国家司法救助案件移送材料索引', '周六', ID, '30,000.00元', '叁万元整', '2026-03-10']) {
      expect(text).toContain(fact)
    }
  }, 180_000)
})

function indexOf(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i <= hay.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}
