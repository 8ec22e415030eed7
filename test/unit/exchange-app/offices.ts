import { encodeBase64 } from '../../../shared/util/base64'
import 'fake-indexeddb/auto'
import { createHash } from 'node:crypto'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServices } from '../../../electron/services'
import { unsealPrivateKeys } from '../../../electron/services/bundle/keys'
import { packBundle } from '../../../electron/services/bundle/pack'
import { attachScan, execute, openCase } from '../../../renderer/src/db'
import type { Actor } from '../../../renderer/src/db/commands/context'
import type { ExecuteOptions } from '../../../renderer/src/db/commands/execute'
import type { UpdateApi } from '../../../renderer/src/db/commands/updatePackage'
import type { JiuzhuDb, UnitRow } from '../../../renderer/src/db/database'
import type { ImportPlan } from '../../../renderer/src/db/exchange'
import {
  type ArchiveExport,
  type ArchivePartOutcome,
  auditHead,
  confirmEnrollment,
  confirmImport,
  EX,
  type ExchangeApi,
  exportAck,
  exportEnrollment,
  type OfficeKeyRow,
  type OpenedBundle,
  openPicked,
  type PeerRow,
  previewImport,
  setupOfficeWithKey,
} from '../../../renderer/src/db/exchange'
import { getOwnUnit } from '../../../renderer/src/db/queries/office'
import type { AuditHashAlg } from '../../../shared/audit/hashAlg'
import { residentIdCheckChar } from '../../../shared/domain/idcard'
import type { Case } from '../../../shared/domain/schemas'
import type { BundleKind, BundleManifest } from '../../../shared/exchange/manifest'
import { toNdjson } from '../../../shared/exchange/ndjson'
import { createApi } from '../../../shared/ipc/api'
import type { ResultOf } from '../../../shared/ipc/contract'
import { dispatch } from '../../../shared/ipc/dispatch'
import { ensureAccount } from '../db/accounts'
import { freshDb } from '../db/fixtures'

/**
 * Three office PCs for the exchange tests: each its own IndexedDB (fake-indexeddb) and its own main-process
 * services with their own export folder, talking through the real IPC contract (dispatch validates every call).
 */
export interface TestOffice {
  name: string
  db: JiuzhuDb
  api: ExchangeApi & UpdateApi
  exportDir: string
  admin: Actor
  passphrase: string
  /** The office key it was set up with (sealed with `passphrase`): another PC of the same office can be set up with it. */
  officeKey: ResultOf<'exchange:createKeys'>
  unit(): Promise<UnitRow>
  /** The bytes of a bundle this office wrote, as the operator would carry them (base64 for the contract). */
  file(fileName: string): Promise<string>
}

export const PASSPHRASE = { basic: 'Jiceng2026ab', city: 'Shiji2026abc', province: 'Shengji2026ab' }

export const UNITS = {
  supreme: {
    name: '最高人民检察院',
    shortName: '高检',
    code: '100000',
    level: 'supreme' as const,
  },
  province: {
    name: '北京市人民检察院',
    shortName: '京检',
    code: '110000',
    level: 'province' as const,
    parentCode: '100000',
    parentName: '最高人民检察院',
  },
  city: {
    name: '北京市人民检察院第三分院',
    shortName: '京三分检',
    code: '110300',
    level: 'city' as const,
    parentCode: '110000',
    parentName: '北京市人民检察院',
  },
  basic: {
    name: '北京市朝阳区人民检察院',
    shortName: '朝检',
    code: '110105',
    level: 'basic' as const,
    parentCode: '110300',
    parentName: '北京市人民检察院第三分院',
  },
  /** A procuratorate of another province: outside the tree of the others, it reaches them only by transfer packages. */
  outside: {
    name: '天津市和平区人民检察院',
    shortName: '和检',
    code: '120101',
    level: 'basic' as const,
    parentCode: '120100',
    parentName: '天津市人民检察院第一分院',
  },
  otherBasic: {
    name: '北京市东城区人民检察院',
    shortName: '东检',
    code: '110101',
    level: 'basic' as const,
    parentCode: '110300',
    parentName: '北京市人民检察院第三分院',
  },
}

let n = 0
/** What first-run setup needs of an office's unit (one of UNITS, or a generated unit). */
export type OfficeUnitSpec = (typeof UNITS)[keyof typeof UNITS] | (typeof UNITS)['city']

export async function startTestOffice(
  which: keyof typeof UNITS | OfficeUnitSpec,
  passphrase: string,
  /** A key made earlier (sealed with `passphrase`), e.g. by a previous release's fixtures; a new one by default. */
  officeKey?: ResultOf<'exchange:createKeys'>,
  /** 审计日志校验算法 chosen at setup (SHA-256 when not given). */
  auditHash?: AuditHashAlg,
): Promise<TestOffice> {
  const spec = typeof which === 'string' ? UNITS[which] : which
  const dir = await mkdtemp(join(tmpdir(), `exchange-${spec.code}-`))
  const exportDir = join(dir, '导出')
  const services = createServices({
    mode: 'web',
    appVersion: '0.1.0-test',
    productName: '司法救助工作台',
    platform: 'linux',
    dataDir: dir,
    exportDir,
    backupDir: join(dir, '备份'),
  })
  const api = createApi((channel, args) => dispatch(services, channel, args))
  const db = freshDb()
  await db.open()
  n++
  const admin: Actor = {
    userId: `${spec.code}-01ARZ3NDEKTSV4RRFFQ69G5F${String(n).padStart(2, '0')}`,
    unitCode: spec.code,
    roles: ['admin'],
  }
  const keys = officeKey
    ? { ok: true as const, value: officeKey }
    : await api.exchangeCreateKeys({ unitCode: spec.code, passphrase })
  if (!keys.ok) throw new Error(keys.error.message)
  const res = await execute(db, setupOfficeWithKey, admin, {
    setup: {
      unit: spec,
      admin: {
        username: 'admin',
        displayName: '王管理',
        passwordHash: `scrypt$15$8$1$${'A'.repeat(24)}$${'B'.repeat(44)}`,
      },
      auditHash,
    },
    officeKey: keys.value,
  })
  if (!res.ok) throw new Error(res.error.message)
  return {
    name: spec.name,
    db,
    api,
    exportDir,
    admin,
    passphrase,
    officeKey: keys.value,
    unit: async () => (await getOwnUnit(db)) as UnitRow,
    file: async (fileName) => encodeBase64(new Uint8Array(await readFile(join(exportDir, '数据交换', fileName)))),
  }
}

/** Opens a file another office wrote, as this office (throws on refusal). */
export async function open(office: TestOffice, bytes: string, passphrase?: string): Promise<OpenedBundle> {
  const res = await openPicked(office.db, office.api, await office.unit(), bytes, passphrase)
  if (!res.ok) throw new Error(res.error.message)
  return res.value
}

const validId = (first17: string) => first17 + residentIdCheckChar(first17)
export const APPLICANT_ID = validId('11010519800101002')

/** The office's 控申承办检察官 (the same id in every test office). */
export function procuratorOf(unitCode: string): Actor {
  return { userId: `${unitCode}-01J00000000000000000000002`, unitCode, roles: ['case-procurator'] }
}

/**
 * A case procurator of the office opens an application (one person, one case; application 2026-03-04 with all the
 * materials), optionally naming the underlying case and fixing the clock.
 */
export async function openApplication(
  office: TestOffice,
  name = '李四',
  id = APPLICANT_ID,
  opts: { underlyingCase?: { caseNo?: string; charge?: string }; clock?: ExecuteOptions['clock'] } = {},
): Promise<Case> {
  const unit = await office.unit()
  await ensureAccount(db(office), procuratorOf(unit.code))
  const res = await execute(
    db(office),
    openCase,
    procuratorOf(unit.code),
    {
      source: 'application',
      applicant: { name, idType: 'resident-id', idNumber: id, priorityFlags: [] },
      relation: 'self',
      ...(opts.underlyingCase ? { underlyingCase: opts.underlyingCase } : {}),
      victimInfo: { outcomes: ['serious-injury'] },
      clueDate: '2026-03-03',
      firstAction: {
        type: 'apply',
        date: '2026-03-04',
        form: 'written',
        capacity: 'self',
        materials: (['application', 'identity', 'harmProof', 'hardshipProof', 'compensationStatement'] as const).map(
          (item) => ({ item, received: true, receivedDate: '2026-03-04' }),
        ),
      },
    },
    opts.clock ? { clock: opts.clock } : {},
  )
  if (!res.ok) throw new Error(res.error.message)
  return res.value
}

/** 添加扫描件 (a PNG) to a case of the office, by its procurator; the attachment record. */
export async function attachScanTo(
  office: TestOffice,
  caseId: string,
  bytes: Uint8Array,
  name: string,
): Promise<Record<string, unknown>> {
  const res = await execute(db(office), attachScan, procuratorOf(office.admin.unitCode), {
    caseId,
    name,
    mime: 'image/png',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    blob: new Blob([Uint8Array.from(bytes)], { type: 'image/png' }),
  })
  if (!res.ok) throw new Error(res.error.message)
  return res.value as unknown as Record<string, unknown>
}

const db = (o: TestOffice) => o.db

/** A row of the office's exchange bookkeeping, typed. */
export async function exRow<T>(office: TestOffice, key: string): Promise<T> {
  return (await office.db.exchange.get(key)) as unknown as T
}

/** 入网登记 of `sender` at `receiver`: its enrollment bundle opened there, the fingerprint typed as read aloud. */
export async function enroll(receiver: TestOffice, sender: TestOffice): Promise<void> {
  await enrollWith(receiver, await enrollmentOf(sender))
}

/** The office's 入网登记包 (the file's bytes) and its key fingerprint as it would be read aloud. */
export interface Enrollment {
  bytes: string
  fingerprint: string
}

/** 生成入网登记包 at `sender`: the file it wrote, to be taken to one receiver or several. */
export async function enrollmentOf(sender: TestOffice): Promise<Enrollment> {
  const res = await exportEnrollment(sender.db, sender.admin, sender.api, await sender.unit(), sender.passphrase)
  if (!res.ok) throw new Error(res.error.message)
  const fingerprint = (await exRow<OfficeKeyRow>(sender, EX.officeKey)).fingerprint
  return { bytes: await sender.file(res.value.fileName), fingerprint }
}

/** 入网登记 at `receiver` of a sender's enrollment file (throws on refusal). */
export async function enrollWith(receiver: TestOffice, enrollment: Enrollment): Promise<void> {
  const bundle = await open(receiver, enrollment.bytes)
  const done = await confirmEnrollment(receiver.db, receiver.admin, bundle, enrollment.fingerprint)
  if (!done.ok) throw new Error(done.error.message)
}

/** Opens, previews and commits a bundle file at `to` (throws on refusal); the plan the preview showed. */
export async function importFile(to: TestOffice, bytes: string): Promise<ImportPlan> {
  const bundle = await open(to, bytes, to.passphrase)
  const preview = await previewImport(to.db, await to.unit(), bundle)
  if (!preview.ok) throw new Error(preview.error.message)
  const committed = await confirmImport(to.db, to.admin, bundle, preview.value.digest)
  if (!committed.ok) throw new Error(committed.error.message)
  return preview.value.plan
}

/** 生成回执 at `from` for a bundle it imported, and the ack imported at `to`; the plan the ack's preview showed. */
export async function ackBack(from: TestOffice, to: TestOffice, receivedBundleId: string): Promise<ImportPlan> {
  const ack = await exportAck(from.db, from.admin, from.api, await from.unit(), from.passphrase, receivedBundleId)
  if (!ack.ok) throw new Error(ack.error.message)
  return importFile(to, await from.file(ack.value.fileName))
}

/**
 * A bundle `from` signs by hand with its real key, encrypted to its enrolled parent (or open, for `receiver: null`),
 * with whatever records, totals and payload files a test wants: what a faulty or forged sender could produce. The
 * file as the operator would carry it (base64).
 */
export async function signedByHand(
  from: TestOffice,
  spec: {
    kind?: BundleKind
    channelSeq: number
    tables: Record<string, Record<string, unknown>[]>
    origins?: BundleManifest['origins']
    totals?: Record<string, number>
    /** `attachments/<id>` payload files (or any other name). */
    files?: { name: string; bytes: Uint8Array }[]
    receiver?: null
  },
): Promise<string> {
  const unit = await from.unit()
  const key = await exRow<OfficeKeyRow>(from, EX.officeKey)
  const keys = await unsealPrivateKeys(key.sealed, from.passphrase)
  const parent = await exRow<PeerRow>(from, EX.peer(unit.parentCode as string))
  const packed = packBundle({
    kind: spec.kind ?? 'archive',
    sender: { keys, unitCode: unit.code, unitName: unit.name, level: unit.level },
    receiver: spec.receiver === null ? null : { unitCode: parent.unitCode, keys: parent.record },
    channelSeq: spec.channelSeq,
    prevBundleHash: null,
    origins: spec.origins ?? [{ unitCode: unit.code, revFrom: 1, revTo: 1000 }],
    tables: Object.fromEntries(
      Object.entries(spec.tables).map(([t, rows]) => [
        t,
        { count: rows.length, ...(spec.totals?.[t] !== undefined ? { totals: { amountFen: spec.totals[t] } } : {}) },
      ]),
    ),
    auditHead: await auditHead(from.db),
    files: [
      ...Object.entries(spec.tables).map(([t, rows]) => ({ name: `${t}.ndjson`, bytes: toNdjson(rows) })),
      ...(spec.files ?? []),
    ],
  })
  return encodeBase64(packed.bytes)
}

/** The one part of an archive export that fits in one bundle (throws if the export was split). */
export function onlyPart(exported: ArchiveExport): ArchivePartOutcome {
  if (exported.parts.length !== 1) throw new Error(`expected one part, got ${exported.parts.length}`)
  return exported.parts[0]
}

/** The 基层院 and its 市级院, each enrolled at the other (fingerprints typed as read aloud). */
export async function startEnrolledPair(
  /** The basic office's 审计日志校验算法 (SHA-256 when not given). */
  basicAuditHash?: AuditHashAlg,
): Promise<[basic: TestOffice, city: TestOffice]> {
  const [basic, city] = await Promise.all([
    startTestOffice('basic', PASSPHRASE.basic, undefined, basicAuditHash),
    startTestOffice('city', PASSPHRASE.city),
  ])
  await enroll(city, basic)
  await enroll(basic, city)
  return [basic, city]
}
