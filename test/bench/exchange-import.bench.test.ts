import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { it } from 'vitest'
import { createServices } from '../../electron/services'
import {
  createSealedOfficeKeys,
  GENERATOR,
  type OpenResult,
  openBytes,
} from '../../electron/services/bundle/appExchange'
import { extractEntry, readZip } from '../../electron/services/bundle/container'
import { decryptPayload } from '../../electron/services/bundle/crypto'
import { generateOfficeKeys, publicKeyRecord, unsealPrivateKeys } from '../../electron/services/bundle/keys'
import { packBundle } from '../../electron/services/bundle/pack'
import { memoryReader, partBudget, splitArchive } from '../../shared/exchange/archiveParts'
import { formatFingerprint } from '../../shared/exchange/fingerprint'
import { BUNDLE_LIMITS } from '../../shared/exchange/limits'
import { decodeManifest } from '../../shared/exchange/manifestCodec'
import { toNdjson } from '../../shared/exchange/ndjson'
import { buildHierarchy, dataTables, generateOffice } from '../../shared/generate'
import { dispatch } from '../../shared/ipc/dispatch'
import { canonicalJson } from '../../shared/util/canonicalJson'
import { machine, median, openBenchPage } from './browserHarness'
import { call, nodeCpuS, sampled } from './pageCalls'

/**
 * Issue 9 benchmark (figures in docs/performance.md): importing a province's archive bundle at the national office.
 * BENCH_CASES (default 100,000) cases of one generated province (seed 1, ~165 offices, ten years) with all their
 * records — persons, clues, ledger, donations, referrals, follow-ups and, unless BENCH_MATERIALS=0, materials — and
 * the province's unit rows, packed by the 省级院 as one signed, encrypted archive to 最高人民检察院 (every office
 * below relayed as its own origin). Each round, each stage timed on its own:
 *   main process  open: `exchange:open` through the IPC contract's dispatch (base64 in, container, manifest,
 *                 signature, unseal the office key, decrypt, unzip, sha256 per file, safe NDJSON parse, result check)
 *   transfer      the opened bundle to the page as JSON in chunks (browser mode's bridge answers JSON; Electron's
 *                 IPC would structured-clone it)
 *   page          preview (plan in a read transaction), commit (`exchange.import`: input check, the same plan in the
 *                 write transaction, all writes, audit; one strict-durability Dexie transaction)
 * and the floor, same run: bare AES-256-GCM decrypt of the payload + unzip (inflate) of every file + plain
 * JSON.parse of every line, in Node; plus the same records put with the bare IndexedDB API in one strict-durability
 * transaction into stores with the app's indexes, in the page. Peak memory: this Node process's RSS and the sum of
 * the Chromium processes' PSS, sampled every 250 ms.
 * A province too large for one bundle travels as several parts (docs/exchange.md “分批上报”): the records are split
 * at rev boundaries per origin by the exporter's own `splitArchive` under the part budget (default
 * ARCHIVE_PART_BUDGET; BENCH_PART_FILE_MB / BENCH_PART_TOTAL_MB set it), packed as consecutive chained archives, and
 * every stage above runs once per part, in order, into the same receiving office; the figures are the sums.
 * Run: NODE_OPTIONS=--max-old-space-size=12288 BENCH_ROUNDS=3 npm run bench -- test/bench/exchange-import.bench.test.ts
 */

const CASES = Number(process.env.BENCH_CASES ?? 100_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const MATERIALS = process.env.BENCH_MATERIALS !== '0'
const CHUNK = 20_000
const PART_BUDGET = partBudget({
  ...(process.env.BENCH_PART_FILE_MB ? { fileBytes: Number(process.env.BENCH_PART_FILE_MB) * 2 ** 20 } : {}),
  ...(process.env.BENCH_PART_TOTAL_MB ? { totalBytes: Number(process.env.BENCH_PART_TOTAL_MB) * 2 ** 20 } : {}),
})
const PASSPHRASE = 'Zuigao2026abc'
const T = '2026-11-01T02:00:00.000Z'

it('importing a province archive bundle vs raw IndexedDB write + decrypt + unzip + parse', async () => {
  // ---- the province's records (not timed) ----
  const g0 = performance.now()
  const h = buildHierarchy({ size: 'province', seed: 1, cases: CASES })
  const records: Record<string, Record<string, unknown>[]> = {}
  const maxRev = new Map<string, number>()
  for (const spec of h.offices) {
    const d = generateOffice(h, spec, { mode: 'trusted', materials: MATERIALS })
    for (const t of dataTables) {
      const rows = d[t] as unknown as Record<string, unknown>[]
      if (!rows.length) continue
      const list = records[t] ?? []
      for (const r of rows) list.push(r)
      records[t] = list
    }
    if (d.cases.length || d.persons.length || d.ledger.length) maxRev.set(d.unit.code, d.maxRev)
  }
  const province = h.units.find((u) => u.level === 'province')!
  const supreme = h.units.find((u) => u.code === province.parentCode)!
  const genMs = performance.now() - g0

  // ---- keys, enrolment bundle, the archive bundle (not timed) ----
  const senderKeys = generateOfficeKeys({ unitCode: province.code, createdAt: T })
  const receiver = await createSealedOfficeKeys(supreme.code, PASSPHRASE)
  const senderUnit = {
    ...province,
    publicKey: canonicalJson(publicKeyRecord(senderKeys)),
    fingerprint: formatFingerprint(senderKeys.keyId),
  }
  const unitRows = h.units
    .filter((u) => u.code !== supreme.code)
    .map((u) => (u.code === province.code ? senderUnit : u)) as unknown as Record<string, unknown>[]
  const tables: Record<string, Record<string, unknown>[]> = { units: unitRows, ...records }
  const sender = { keys: senderKeys, unitCode: province.code, unitName: province.name, level: province.level }
  const enrolment = packBundle({
    kind: 'enrollment',
    sender,
    receiver: null,
    channelSeq: 1,
    prevBundleHash: null,
    origins: [],
    tables: { units: { count: 1 } },
    auditHead: { seq: 0, hash: '0'.repeat(64) },
    files: [{ name: 'units.ndjson', bytes: toNdjson([senderUnit]) }],
    generator: GENERATOR,
  })
  const p0 = performance.now()
  const originCodes = [...maxRev.keys()].sort()
  const split = await splitArchive(originCodes, {}, memoryReader(records), PART_BUDGET, { units: unitRows })
  const counts: Record<string, number> = {}
  const fileMB: Record<string, number>[] = []
  let ndjsonBytes = 0
  const packedParts: ReturnType<typeof packBundle>[] = []
  for (const part of split) {
    const files = Object.entries(part.tables).map(([t, rows]) => ({ name: `${t}.ndjson`, bytes: toNdjson(rows) }))
    const summary = Object.fromEntries(
      Object.entries(part.tables).map(([t, rows]) => {
        let fen = 0
        let any = false
        for (const r of rows)
          if (typeof r.amountFen === 'number') {
            fen += r.amountFen
            any = true
          }
        counts[t] = (counts[t] ?? 0) + rows.length
        return [t, { count: rows.length, ...(any ? { totals: { amountFen: fen } } : {}) }]
      }),
    )
    packedParts.push(
      packBundle({
        kind: 'archive',
        sender,
        receiver: { unitCode: supreme.code, keys: receiver.record },
        channelSeq: packedParts.length + 1,
        prevBundleHash: packedParts.at(-1)?.bundleHash ?? null,
        origins: part.origins,
        tables: summary,
        auditHead: { seq: 0, hash: '0'.repeat(64) },
        files,
        generator: GENERATOR,
      }),
    )
    ndjsonBytes += files.reduce((sum, f) => sum + f.bytes.length, 0)
    fileMB.push(Object.fromEntries(files.map((f) => [f.name, +(f.bytes.length / 2 ** 20).toFixed(1)])))
    part.tables = {} // from here on the records exist only as the bundles' bytes
  }
  const packMs = performance.now() - p0
  // The units rows travel in every part; count the records once.
  const totalRecords = Object.entries(counts).reduce((sum, [t, n]) => sum + (t === 'units' ? 0 : n), 0)
  const partRecords = split.map((part) => part.records + unitRows.length)
  for (const t of Object.keys(tables)) delete tables[t]
  for (const t of Object.keys(records)) delete records[t]
  console.log(
    JSON.stringify({
      cases: counts.cases,
      records: totalRecords,
      parts: packedParts.length,
      counts,
      ndjsonMB: +(ndjsonBytes / 2 ** 20).toFixed(1),
      fileMB,
      bundleMB: packedParts.map((b) => +(b.bytes.length / 2 ** 20).toFixed(1)),
      genS: +(genMs / 1000).toFixed(1),
      packS: +(packMs / 1000).toFixed(1),
    }),
  )

  const services = createServices({
    mode: 'web',
    appVersion: '0.0.0-bench',
    productName: '司法救助工作台',
    platform: 'linux',
    dataDir: '/tmp',
    exportDir: '/tmp',
    backupDir: '/tmp',
  })
  const receiverKeys = await unsealPrivateKeys(receiver.sealed, PASSPHRASE)
  const bench = await openBenchPage('exchangeImport.ts')
  console.log(
    `load average before the rounds: ${(await import('node:os'))
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  )
  const page = bench.page
  const rounds: Record<string, number>[] = []
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const r: Record<string, number> = Object.fromEntries(
        [
          'container',
          'decrypt',
          'unzip',
          'parse',
          'open',
          'serialise',
          'fetch',
          'preview',
          'commit',
          'raw',
          'openNodeMB',
          'commitChromeMB',
          'rawChromeMB',
          'peakChromeMB',
          'peakNodeMB',
          'floorNodeCpu',
          'serialiseCpu',
          'openCpu',
          'fetchCpu',
          'previewCpu',
          'commitCpu',
          'rawCpu',
        ].map((k) => [k, 0]),
      )
      // ---- the receiving office (not timed) ----
      const dbName = `bench-import-${round}`
      const rawName = `bench-raw-${round}`
      await call(page, 'setupReceiver', dbName, {
        setup: {
          unit: {
            name: supreme.name,
            shortName: '高检',
            code: supreme.code,
            level: 'supreme',
          },
          admin: {
            username: 'admin',
            displayName: '王管理',
            passwordHash: `scrypt$15$8$1$${'A'.repeat(24)}$${'B'.repeat(44)}`,
          },
        },
        officeKey: receiver,
      })
      const enrolled = await openBytes(enrolment.bytes, {
        expectedReceiverUnit: supreme.code,
        trusted: [],
        allowEnrollment: true,
      })
      await call(page, 'enroll', enrolled, formatFingerprint(senderKeys.keyId))

      const chunks: [string, string][] = []
      for (const [k, packed] of packedParts.entries()) {
        // ---- floor, Node: decrypt + unzip + parse ----
        const floorCpu0 = nodeCpuS()
        let f0 = performance.now()
        const outer = readZip(packed.bytes, { layer: 'outer', maxEntries: 3, allowDeflate: false })
        const manifestBytes = extractEntry(packed.bytes, outer[0], 'outer')
        const payload = extractEntry(packed.bytes, outer[2], 'outer', false)
        const manifest = decodeManifest(manifestBytes, BUNDLE_LIMITS)
        r.container += performance.now() - f0
        f0 = performance.now()
        const inner = decryptPayload({
          ciphertext: payload,
          manifest,
          manifestBytes,
          receiverEncryptionPrivateKey: receiverKeys.encryptionPrivateKey,
        })
        r.decrypt += performance.now() - f0
        f0 = performance.now()
        const plain = readZip(inner, { layer: 'payload', maxEntries: 100, allowDeflate: true }).map((e) =>
          extractEntry(inner, e, 'payload'),
        )
        r.unzip += performance.now() - f0
        f0 = performance.now()
        let parsed = 0
        for (const bytes of plain) {
          const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8')
          for (const line of text.split('\n')) if (line) parsed += JSON.parse(line) ? 1 : 0
        }
        r.parse += performance.now() - f0
        r.floorNodeCpu += (nodeCpuS() - floorCpu0) * 1000
        plain.length = 0
        if (parsed !== partRecords[k]) throw new Error(`parsed ${parsed} ≠ ${partRecords[k]}`)

        // ---- app: open in the main process, through the IPC contract ----
        const b64 = Buffer.from(packed.bytes).toString('base64')
        const opened = await sampled(bench.profile, async () => {
          const t = performance.now()
          const res = await dispatch(services, 'exchange:open', {
            bytes: b64,
            sealed: receiver.sealed,
            passphrase: PASSPHRASE,
            expectedReceiverUnit: supreme.code,
            trusted: [publicKeyRecord(senderKeys)],
            allowEnrollment: true,
          })
          if (!res.ok) throw new Error(res.error.message)
          return { value: res.value as OpenResult, ms: performance.now() - t }
        })
        r.open += opened.value.ms
        r.openNodeMB = Math.max(r.openNodeMB, opened.node)
        // ---- transfer: JSON chunks served to the page ----
        const { tables: openedTables, manifest: m, ...rest } = opened.value.value
        const serialiseCpu0 = nodeCpuS()
        const t0 = performance.now()
        const partChunks: [string, string][] = []
        for (const [table, rows] of Object.entries(openedTables)) {
          for (let i = 0; i < rows.length; i += CHUNK) {
            const file = `opened-${round}-${k}-${table}-${i / CHUNK}.json`
            await writeFile(join(bench.dir, file), JSON.stringify(rows.slice(i, i + CHUNK)))
            partChunks.push([table, file])
          }
        }
        r.serialise += performance.now() - t0
        r.serialiseCpu += (nodeCpuS() - serialiseCpu0) * 1000
        chunks.push(...partChunks)
        const received = await sampled(bench.profile, () =>
          call<{ ms: number; records: number }>(page, 'receive', { manifest: m, rest, chunks: partChunks }),
        )
        r.fetch += received.value.ms
        // ---- page: preview, commit ----
        const prev = await sampled(bench.profile, () => call<{ ms: number; totals: unknown }>(page, 'preview'))
        r.preview += prev.value.ms
        const done = await sampled(bench.profile, () => call<{ ms: number; counts: unknown }>(page, 'commit'))
        r.commit += done.value.ms
        r.commitChromeMB = Math.max(r.commitChromeMB, done.chrome)
        // ---- floor, page: bare IndexedDB write of the same records ----
        const raw = await sampled(bench.profile, () =>
          call<{ ms: number; loopMs: number }>(page, 'rawWrite', `${rawName}-${k}`),
        )
        r.raw += raw.value.ms
        r.rawChromeMB = Math.max(r.rawChromeMB, raw.chrome)
        // CPU milliseconds per stage: the main-process side in Node, the page's stages in Chromium (all its processes,
        // including the IndexedDB backend)
        r.openCpu += opened.nodeCpu * 1000
        r.fetchCpu += received.chromeCpu * 1000
        r.previewCpu += prev.chromeCpu * 1000
        r.commitCpu += done.chromeCpu * 1000
        r.rawCpu += raw.chromeCpu * 1000
        r.peakChromeMB = Math.max(r.peakChromeMB, received.chrome, prev.chrome, done.chrome, raw.chrome)
        r.peakNodeMB = Math.max(r.peakNodeMB, opened.node, received.node, prev.node, done.node)
        console.log(
          JSON.stringify({ round, part: k + 1, previewTotals: prev.value.totals, committed: done.value.counts }),
        )
      }
      r.transfer = r.serialise + r.fetch
      r.transferCpu = r.serialiseCpu + r.fetchCpu
      r.floorCpu = r.rawCpu + r.floorNodeCpu
      r.appCpu = r.openCpu + r.transferCpu + r.previewCpu + r.commitCpu
      r.ratioCpu = r.appCpu / r.floorCpu
      r.ratioCpuNoTransfer = (r.openCpu + r.previewCpu + r.commitCpu) / r.floorCpu
      r.floor = r.raw + r.decrypt + r.unzip + r.parse
      r.app = r.open + r.transfer + r.preview + r.commit
      r.ratio = r.app / r.floor
      r.ratioNoTransfer = (r.open + r.preview + r.commit) / r.floor
      console.log(
        JSON.stringify({
          round,
          ...Object.fromEntries(
            Object.entries(r).map(([k, v]) => [k, k.startsWith('ratio') ? +v.toFixed(2) : Math.round(v)]),
          ),
        }),
      )
      rounds.push(r)
      await call(page, 'drop', [dbName, ...packedParts.map((_, k) => `${rawName}-${k}`)])
      for (const [, file] of chunks) await (await import('node:fs/promises')).rm(join(bench.dir, file), { force: true })
    }
  } finally {
    await bench.close()
  }
  const m = (k: string) => median(rounds.map((r) => r[k]))
  const s = (k: string) => (m(k) / 1000).toFixed(1)
  console.log(`\nmachine: ${await machine()}`)
  console.log(
    `bundle: ${counts.cases} cases, ${totalRecords} records (${Object.entries(counts)
      .map(([t, n]) => `${t} ${n}`)
      .join(
        ', ',
      )}), NDJSON ${(ndjsonBytes / 2 ** 20).toFixed(0)} MiB in ${packedParts.length} part(s), bundle files ${packedParts.map((b) => (b.bytes.length / 2 ** 20).toFixed(0)).join(' + ')} MiB; rounds ${ROUNDS}`,
  )
  console.log('| stage | median wall (s) | median CPU (s) |')
  const cpuOf: Record<string, string> = {
    parse: 'floorNodeCpu',
    raw: 'rawCpu',
    floor: 'floorCpu',
    open: 'openCpu',
    serialise: 'serialiseCpu',
    transfer: 'transferCpu',
    preview: 'previewCpu',
    commit: 'commitCpu',
    app: 'appCpu',
  }
  for (const k of [
    'container',
    'decrypt',
    'unzip',
    'parse',
    'raw',
    'floor',
    'open',
    'serialise',
    'fetch',
    'transfer',
    'preview',
    'commit',
    'app',
  ])
    console.log(`| ${k} | ${s(k)} | ${cpuOf[k] ? s(cpuOf[k]) : ''} |`)
  console.log(
    `ratio app / floor: median ${m('ratio').toFixed(2)} (per round ${rounds.map((r) => r.ratio.toFixed(2)).join(', ')}); without the transfer ${m('ratioNoTransfer').toFixed(2)}`,
  )
  console.log(
    `ratio by CPU time: ${m('ratioCpu').toFixed(2)}; without the transfer ${m('ratioCpuNoTransfer').toFixed(2)} (the 'parse' CPU row is decrypt + unzip + parse together)`,
  )
  console.log(
    `load average at the end: ${(await import('node:os'))
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  )
  console.log(
    `peak memory: Node (main process side) ${m('peakNodeMB').toFixed(0)} MB RSS; Chromium ${m('peakChromeMB').toFixed(0)} MB PSS (commit ${m('commitChromeMB').toFixed(0)}, raw ${m('rawChromeMB').toFixed(0)})`,
  )
})
