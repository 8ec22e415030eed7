/**
 * A child process for test/unit/bundle/memory-amplification.test.ts, bundled by the test with vite and run with
 * plain `node` so that its peak memory (VmHWM) is its own: nothing of the test runner or of other tests is in it.
 *
 *   node probe.mjs open <bundle file> <request.json>   the app's path: `exchange:open` through `dispatch`, as the
 *                                                       page calls it (bytes as base64, the contract checked both ways)
 *   node probe.mjs make <keys.json> <out file> <spec.json>   packs a legitimate archive part (records and scans)
 *
 * Prints one JSON line: `{ ok, code?, message?, tables?, scans? }`.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServices } from '../../../../electron/services'
import type { OfficeKeys } from '../../../../electron/services/bundle/keys'
import { publicKeyRecord } from '../../../../electron/services/bundle/keys'
import { packBundle } from '../../../../electron/services/bundle/pack'
import { installChineseZodMessages } from '../../../../shared/errors/zodProblems'
import { dispatch } from '../../../../shared/ipc/dispatch'

installChineseZodMessages()

async function open(bundlePath: string, requestPath: string) {
  const dir = await mkdtemp(join(tmpdir(), 'jiuzhu-probe-'))
  const services = createServices({
    mode: 'web',
    appVersion: '0.0.0-test',
    productName: '司法救助工作台',
    platform: 'linux',
    dataDir: dir,
    exportDir: join(dir, '导出'),
    backupDir: join(dir, '备份'),
  })
  const request = JSON.parse(await readFile(requestPath, 'utf8')) as Record<string, unknown>
  const bytes = (await readFile(bundlePath)).toString('base64')
  const res = (await dispatch(services, 'exchange:open', { ...request, bytes })) as
    | { ok: true; value: { tables: Record<string, unknown[]>; scans?: unknown[] } }
    | { ok: false; error: { code: string; message: string } }
  if (!res.ok) return { ok: false, code: res.error.code, message: res.error.message, dir }
  const tables = Object.fromEntries(Object.entries(res.value.tables).map(([t, rows]) => [t, rows.length]))
  return { ok: true, tables, scans: res.value.scans?.length ?? 0, dir }
}

interface PartSpec {
  /** Bytes of cases.ndjson, of ledger.ndjson and of each scan, and the number of scans. */
  casesBytes: number
  ledgerBytes: number
  scanBytes: number
  scans: number
}

/** Incompressible bytes, as a scanned image is (scans are stored, not deflated). */
function noise(n: number): Uint8Array {
  return new Uint8Array(randomBytes(n))
}

/** NDJSON lines of case-like records (Chinese text, numbers, nested objects) up to `bytes`. */
function ndjsonOf(owner: string, table: string, bytes: number, revStart: number) {
  const enc = new TextEncoder()
  const lines: string[] = []
  let size = 0
  let rev = revStart
  for (let i = 0; ; i++) {
    const id = `${owner}-${String(i).padStart(26, '0')}`
    const record = {
      id,
      ownerUnit: owner,
      rev: rev++,
      table,
      applicant: { name: `申请人${i}`, idNumber: `32010219800101${String(i % 10000).padStart(4, '0')}` },
      amountFen: 100_000 + (i % 977) * 100,
      facts: `案情摘要第 ${i} 号：被害人因案受伤，医疗费用负担沉重，家庭生活陷入困难，申请国家司法救助。`.repeat(8),
      steps: [1, 2, 3, 4].map((s) => ({ step: `step-${s}`, by: `${owner}-user-${s}`, on: '2026-03-02' })),
    }
    const line = `${JSON.stringify(record)}\n`
    const n = enc.encode(line).length
    if (size + n > bytes) break
    lines.push(line)
    size += n
  }
  return { bytes: enc.encode(lines.join('')), count: lines.length, nextRev: rev }
}

async function make(keysPath: string, outPath: string, specPath: string) {
  const k = JSON.parse(await readFile(keysPath, 'utf8')) as { sender: OfficeKeys; receiver: OfficeKeys }
  const spec = JSON.parse(await readFile(specPath, 'utf8')) as PartSpec
  const owner = k.sender.unitCode
  const cases = ndjsonOf(owner, 'cases', spec.casesBytes, 1)
  const ledger = ndjsonOf(owner, 'ledger', spec.ledgerBytes, cases.nextRev)
  const files: { name: string; bytes: Uint8Array }[] = [
    { name: 'cases.ndjson', bytes: cases.bytes },
    { name: 'ledger.ndjson', bytes: ledger.bytes },
  ]
  for (let i = 0; i < spec.scans; i++) {
    files.push({ name: `attachments/${owner}-SCAN${String(i).padStart(6, '0')}`, bytes: noise(spec.scanBytes) })
  }
  const packed = packBundle({
    kind: 'archive',
    sender: { keys: k.sender, unitCode: owner, unitName: '南京市玄武区人民检察院', level: 'basic' },
    receiver: { unitCode: k.receiver.unitCode, keys: publicKeyRecord(k.receiver) },
    channelSeq: 1,
    prevBundleHash: null,
    origins: [{ unitCode: owner, revFrom: 1, revTo: ledger.nextRev - 1 }],
    tables: { cases: { count: cases.count }, ledger: { count: ledger.count } },
    auditHead: { seq: 0, hash: '0'.repeat(64) },
    files,
  })
  await writeFile(outPath, packed.bytes)
  const ndjson = cases.bytes.length + ledger.bytes.length
  return { ok: true, bundleBytes: packed.bytes.length, ndjson, records: cases.count + ledger.count }
}

async function main() {
  const [mode, a, b, c] = process.argv.slice(2)
  const out = mode === 'open' ? await open(a, b) : mode === 'make' ? await make(a, b, c) : { ok: false, code: 'usage' }
  process.stdout.write(`${JSON.stringify(out)}\n`)
}

main().catch((e: unknown) => {
  process.stdout.write(`${JSON.stringify({ ok: false, code: 'crash', message: String((e as Error)?.stack ?? e) })}\n`)
  process.exitCode = 1
})
