import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { actOnCase, execute } from '../../../renderer/src/db'
import type { UnitRow } from '../../../renderer/src/db/database'
import type { ArchivePlan } from '../../../renderer/src/db/exchange'
import {
  commitImport,
  confirmImport,
  descendantsOf,
  EX,
  exportArchive,
  type InChannelRow,
  inspectPicked,
  type OriginRow,
  openPicked,
  previewImport,
} from '../../../renderer/src/db/exchange'
import type { Case } from '../../../shared/domain/schemas'
import { IMPORT_JUMP_LIMITS } from '../../../shared/exchange/limits'
import { snapshot } from '../db/fixtures'
import {
  APPLICANT_ID,
  enroll,
  exRow,
  importFile,
  onlyPart,
  openApplication,
  PASSPHRASE,
  procuratorOf,
  signedByHand,
  startTestOffice,
  type TestOffice,
} from './offices'

/**
 * Forged hierarchy and forged numbering in validly signed archives (docs/exchange.md “单位目录以本院为准”,
 * “序号与版本号的跳跃上限”; docs/reliability.md “上报数据中的伪造单位目录与跳跃”). The district 朝阳 (110105) signs
 * archives by hand with its REAL key, encrypted to its enrolled city, so they pass every check of the format layer,
 * and tries what an adversary reported: placing its sibling 东城 (110101) under itself to overwrite the sibling's case
 * and high-water mark, re-parenting the city itself or the province above it, records whose id names another office,
 * a channel number of 2^31−1, a revTo of 2^53−1; the city does the same to the province. Each goes through the real
 * path — pick (inspect), open, preview, and the commit command on its own — and must be refused at every step with
 * a Chinese reason, the receiver's store unchanged. Legitimate paths still go through: a new county first reaching
 * the province in its city's archive, ordinary incremental uploads, gaps within the bounds.
 */
let basic: TestOffice
let sibling: TestOffice
let city: TestOffice
let province: TestOffice
let siblingCase: Case
let basicCase: Case

const tally = new Map<string, { tried: number; refused: number; accepted: number; crashed: number }>()
const count = (klass: string, outcome: 'refused' | 'accepted' | 'crashed') => {
  const t = tally.get(klass) ?? { tried: 0, refused: 0, accepted: 0, crashed: 0 }
  t.tried++
  t[outcome]++
  tally.set(klass, t)
}

beforeAll(async () => {
  ;[basic, sibling, city, province] = await Promise.all([
    startTestOffice('basic', PASSPHRASE.basic),
    startTestOffice('otherBasic', 'Dongcheng2026ab'),
    startTestOffice('city', PASSPHRASE.city),
    startTestOffice('province', PASSPHRASE.province),
  ])
  for (const [receiver, sender] of [
    [city, basic],
    [basic, city],
    [city, sibling],
    [sibling, city],
    [province, city],
    [city, province],
  ] as const) {
    await enroll(receiver, sender)
  }
  siblingCase = await openApplication(sibling, '张三', APPLICANT_ID)
  basicCase = await openApplication(basic)
  await importFile(city, await archiveOf(sibling))
  await importFile(city, await archiveOf(basic))
}, 120_000)
afterAll(() => {
  for (const o of [basic, sibling, city, province]) o?.db.close()
  const rows = [...tally.entries()].map(
    ([k, t]) => `| ${k} | ${t.tried} | ${t.refused} | ${t.accepted} | ${t.crashed} |`,
  )
  console.log(['| 攻击类别 | 尝试 | 拒绝 | 接受 | 崩溃 |', '|---|---|---|---|---|', ...rows].join('\n'))
})

/** The office's own archive, as its administrator exports it (one part). */
async function archiveOf(o: TestOffice): Promise<string> {
  const res = await exportArchive(o.db, o.admin, o.api, await o.unit(), o.passphrase)
  if (!res.ok) throw new Error(res.error.message)
  return o.file(onlyPart(res.value).fileName)
}

/** The next channel number the receiver expects from the sender. */
async function nextSeq(receiver: TestOffice, senderCode: string): Promise<number> {
  return ((await exRow<InChannelRow | undefined>(receiver, EX.in(senderCode)))?.lastReceivedSeq ?? 0) + 1
}

type Tables = Record<string, Record<string, unknown>[]>
/** A stored record as a plain row for a crafted bundle. */
const row = (r: object): Record<string, unknown> => ({ ...r })

async function unitRow(o: TestOffice, code: string): Promise<Record<string, unknown>> {
  const u = await o.db.units.get(code)
  if (!u) throw new Error(`no unit ${code} at ${o.name}`)
  return { ...u }
}

/**
 * A forged bundle `from` signs with its real key, tried at `to` through every step: refused at the pick (inspect),
 * at the preview, and by the commit command run on its own; the first refusal's code; the store unchanged.
 */
async function attempt(
  klass: string,
  from: TestOffice,
  to: TestOffice,
  spec: Parameters<typeof signedByHand>[1],
): Promise<string> {
  const own = await to.unit()
  const before = await snapshot(to.db)
  try {
    const bytes = await signedByHand(from, spec)
    const codes: string[] = []
    const inspected = await inspectPicked(to.db, to.api, own, bytes)
    if (!inspected.ok) codes.push(inspected.error.code)
    const opened = await openPicked(to.db, to.api, own, bytes, to.passphrase)
    if (!opened.ok) throw new Error(`open refused: ${opened.error.message}`)
    const preview = await previewImport(to.db, own, opened.value)
    // The commit as the operator's 确认导入 would run it after this preview, or the commit command on its own.
    const commit = preview.ok
      ? await confirmImport(to.db, to.admin, opened.value, preview.value.digest)
      : await execute(to.db, commitImport, to.admin, { bundle: opened.value, previewDigest: '0'.repeat(64) })
    for (const step of [preview, commit]) {
      if (step.ok) {
        count(klass, 'accepted')
        throw new Error(`accepted at ${step === preview ? 'the preview' : 'the commit'}`)
      }
      codes.push(step.error.code)
      expect(step.error.message).toMatch(/[\u4e00-\u9fff]/)
      expect(step.error.message).toContain('未做任何改动')
    }
    expect(await snapshot(to.db)).toEqual(before)
    // The same refusal at every step that refused.
    expect(new Set(codes).size, codes.join()).toBe(1)
    count(klass, 'refused')
    return `${codes[0]}: ${preview.ok ? '' : preview.error.message}`
  } catch (e) {
    if (!(e instanceof Error && e.message.startsWith('accepted'))) count(klass, 'crashed')
    throw e
  }
}

/** A legitimate bundle: imported (open → preview → commit); counted. */
async function legit(klass: string, to: TestOffice, bytes: string): Promise<ArchivePlan> {
  try {
    const plan = (await importFile(to, bytes)) as ArchivePlan
    count(klass, 'accepted')
    return plan
  } catch (e) {
    count(klass, 'refused')
    throw e
  }
}

const RE_PARENT_SIBLING = '重排隶属：把同级单位（东城）列在发送单位之下，改写其案件与持有版本'
const RE_PARENT_UP = '重排隶属：本院、上级院、已登记单位、发送单位自己、层级倒置、环'
const MOVE_KNOWN = '改变本院目录中已有单位的上级（省级院收到市级院的数据包）'
const ID_PREFIX = '记录编号前 6 位与所属单位不符'
const CHANNEL = '通道序号跳跃（2^31−1 等）'
const REV = '来源单位版本号跳跃（revTo 2^53−1 等）'
const LEGIT = '合法：新单位经市级院转报、正常增量上报、上限以内的跳跃'

describe('the district forges its sibling into its subtree: refused whole, nothing written', () => {
  it('the sibling under the district, its case rewritten as 999号 rev 900, origin up to 1000', async () => {
    const forgedCase = { ...siblingCase, caseNo: '某检控救〔2026〕999号', rev: 900 }
    const message = await attempt(RE_PARENT_SIBLING, basic, city, {
      channelSeq: await nextSeq(city, '110105'),
      tables: {
        units: [await unitRow(basic, '110105'), { ...(await unitRow(city, '110101')), parentCode: '110105', rev: 99 }],
        cases: [forgedCase],
      },
      origins: [
        { unitCode: '110101', revFrom: 1, revTo: 1000 },
        { unitCode: '110105', revFrom: 1, revTo: 1000 },
      ],
    })
    expect(message).toMatch(/^exchange\.unit-not-below: /)
    expect(message).toContain('北京市东城区人民检察院')
    expect(message).toContain('本院登记的另一单位')
    expect(await city.db.cases.get(siblingCase.id)).toEqual(siblingCase)
    expect(await city.db.units.get('110101')).toMatchObject({ parentCode: '110300' })
    expect(await exRow<OriginRow>(city, EX.origin('110101'))).toMatchObject({ via: '110101' })
  })

  it('the sibling’s row unchanged, the sibling only declared as an origin, or a new unit under the sibling', async () => {
    const seq = await nextSeq(city, '110105')
    const forgedCase = row({ ...siblingCase, caseNo: '某检控救〔2026〕999号', rev: 900 })
    const origins = [
      { unitCode: '110101', revFrom: 1, revTo: 1000 },
      { unitCode: '110105', revFrom: 1, revTo: 1000 },
    ]
    const basicRow = await unitRow(basic, '110105')
    const siblingRow = await unitRow(city, '110101')
    const variants: Tables[] = [
      { units: [basicRow, siblingRow], cases: [forgedCase] },
      { units: [basicRow], cases: [forgedCase] },
      { cases: [forgedCase] },
    ]
    for (const tables of variants) {
      expect(await attempt(RE_PARENT_SIBLING, basic, city, { channelSeq: seq, tables, origins })).toMatch(
        /^exchange\.unit-not-below: /,
      )
    }
    const ghost = { ...siblingRow, code: '110199', name: '虚构的下级单位', shortName: '虚构', parentCode: '110101' }
    expect(
      await attempt(RE_PARENT_SIBLING, basic, city, { channelSeq: seq, tables: { units: [basicRow, ghost] } }),
    ).toContain('不是逐级隶属于发送单位的')
  })
})

describe('the district re-parents the city, the province above it, or itself: refused whole', () => {
  it('each variant is refused with its reason; the city still has only its two districts below it', async () => {
    const seq = await nextSeq(city, '110105')
    const basicRow = await unitRow(basic, '110105')
    const cityRow = await unitRow(city, '110300')
    const provinceRow = await unitRow(city, '110000')
    const under = (row: Record<string, unknown>) => ({ ...row, parentCode: '110105', rev: 999 })
    const supreme = {
      ...provinceRow,
      code: '100000',
      name: '最高人民检察院',
      shortName: '高检',
      level: 'supreme',
      parentCode: '110105',
    }
    const newCity = { ...basicRow, code: '110188', name: '虚构的分院', shortName: '虚构', level: 'city' }
    const loopA = { ...basicRow, code: '110177', name: '虚构甲', shortName: '甲', parentCode: '110178' }
    const loopB = { ...basicRow, code: '110178', name: '虚构乙', shortName: '乙', parentCode: '110177' }
    const variants: [Record<string, unknown>[], string][] = [
      [[basicRow, under(provinceRow)], '本院的上级院'],
      [[basicRow, under(cityRow)], '本院（110300）自己'],
      [[basicRow, supreme], '本院的上级院'],
      [[{ ...basicRow, parentCode: '110000' }], '发送单位自己的单位信息'],
      [[{ ...basicRow, level: 'city' }], '发送单位自己的单位信息'],
      [[basicRow, { ...newCity, parentCode: '110105' }], '不低于其上级单位'],
      // (a loop never reaches the sender; it is caught at its first step, where a level does not descend)
      [[basicRow, loopA, loopB], '不低于其上级单位'],
      [[basicRow, { ...basicRow, code: '110166', name: '目录条目', directoryOnly: true }], '目录条目'],
    ]
    for (const [units, reason] of variants) {
      const message = await attempt(RE_PARENT_UP, basic, city, { channelSeq: seq, tables: { units }, origins: [] })
      expect(message).toMatch(/^exchange\.unit-not-below: /)
      expect(message).toContain(reason)
    }
    const units = (await city.db.units.toArray()) as UnitRow[]
    expect(descendantsOf(units, '110300').sort()).toEqual(['110101', '110105'])
    expect(descendantsOf(units, '110105')).toEqual([])
  })
})

describe('records whose id names another office than their owner: refused whole', () => {
  it('a new id of the sibling, the sibling’s held case claimed by the district, an id of the city', async () => {
    const seq = await nextSeq(city, '110105')
    const origins = [{ unitCode: '110105', revFrom: 1, revTo: 1000 }]
    const squat = `110101-${basicCase.id.slice(7)}`
    const persons = await basic.db.persons.toArray()
    const variants: Tables[] = [
      { cases: [row({ ...basicCase, id: squat })] },
      { cases: [row({ ...siblingCase, ownerUnit: '110105', rev: 900 })] },
      { persons: [{ ...persons[0], id: `110300-${String(persons[0].id).slice(7)}` }] },
    ]
    for (const tables of variants) {
      const message = await attempt(ID_PREFIX, basic, city, { channelSeq: seq, tables, origins })
      expect(message).toMatch(/^exchange\.record-owner-mismatch: /)
      expect(message).toContain('前 6 位就是它的单位代码')
    }
    expect(await city.db.cases.get(squat)).toBeUndefined()
  })
})

describe('jumps: channel numbers and rev ranges are bounded', () => {
  it('channelSeq 2^31−1 (and other skips beyond 10 000) is refused at the pick, the preview and the commit', async () => {
    const last = (await nextSeq(city, '110105')) - 1
    for (const channelSeq of [2 ** 31 - 1, 2 ** 31 - 2, last + IMPORT_JUMP_LIMITS.channelSkip + 2]) {
      const message = await attempt(CHANNEL, basic, city, {
        channelSeq,
        tables: { units: [await unitRow(basic, '110105')] },
        origins: [],
      })
      expect(message).toMatch(/^exchange\.channel-jump: /)
      expect(message).toContain(`此包为第 ${channelSeq} 号`)
    }
    expect(await exRow<InChannelRow>(city, EX.in('110105'))).toMatchObject({ lastReceivedSeq: last })
  })

  it('revTo 2^53−1 (with or without a record at that rev) and a revTo just above the bound are refused', async () => {
    const seq = await nextSeq(city, '110105')
    const held = (await exRow<OriginRow>(city, EX.origin('110105'))).highWaterRev
    const units = [await unitRow(basic, '110105')]
    const max = Number.MAX_SAFE_INTEGER
    const { revsPerRecord, revMargin } = IMPORT_JUMP_LIMITS
    const variants: [Tables, number][] = [
      [{ units, cases: [row(basicCase)] }, max],
      [{ units, cases: [row({ ...basicCase, rev: max })] }, max],
      [{ units }, held + revMargin + 1],
      [{ units, cases: [row({ ...basicCase, rev: held + 1 })] }, held + revsPerRecord + revMargin + 1],
    ]
    for (const [tables, revTo] of variants) {
      const message = await attempt(REV, basic, city, {
        channelSeq: seq,
        tables,
        origins: [{ unitCode: '110105', revFrom: 1, revTo }],
      })
      expect(message).toMatch(/^exchange\.rev-jump: /)
      expect(message).toContain(`到第 ${revTo} 版`)
    }
    expect((await exRow<OriginRow>(city, EX.origin('110105'))).highWaterRev).toBe(held)
  })
})

describe('legitimate paths still go through', () => {
  it('new counties reach the province only through their city’s archive, placed under the city', async () => {
    expect(await province.db.units.get('110105')).toBeUndefined()
    const plan = await legit(LEGIT, province, await archiveOf(city))
    expect(plan.groups.filter((g) => g.table === 'units').map((g) => [g.unitCode, g.new, g.unchanged])).toEqual([
      ['110101', 1, 0],
      ['110105', 1, 0],
      ['110300', 0, 1],
    ])
    expect(plan.totals.rejected).toBe(0)
    expect(await province.db.cases.get(siblingCase.id)).toEqual(siblingCase)
    expect(await province.db.units.get('110105')).toMatchObject({ parentCode: '110300' })
    const units = (await province.db.units.toArray()) as UnitRow[]
    expect(descendantsOf(units, '110000').sort()).toEqual(['110101', '110105', '110300'])
  })

  it('the city cannot move a county the province already places, nor place a new one under the province', async () => {
    const seq = await nextSeq(province, '110300')
    const cityRow = await unitRow(city, '110300')
    const basicRow = await unitRow(city, '110105')
    const variants: [Record<string, unknown>[], string][] = [
      [[cityRow, { ...basicRow, parentCode: '110101', rev: 99 }], '改为属于'],
      [[cityRow, { ...basicRow, level: 'city', rev: 99 }], '改为属于'],
      [[cityRow, { ...basicRow, code: '110155', name: '虚构院', parentCode: '110000' }], '不是逐级隶属于发送单位的'],
      [[{ ...cityRow, parentCode: '100000' }], '发送单位自己的单位信息'],
      [
        [cityRow, { ...cityRow, code: '100000', name: '最高人民检察院', level: 'supreme', parentCode: '110300' }],
        '上级院',
      ],
    ]
    for (const [units, reason] of variants) {
      const message = await attempt(MOVE_KNOWN, city, province, { channelSeq: seq, tables: { units }, origins: [] })
      expect(message).toMatch(/^exchange\.unit-not-below: /)
      expect(message).toContain(reason)
    }
  })

  it('ordinary incremental uploads of the district and of the real sibling are taken; the sibling’s case is its own', async () => {
    const accept = async (o: TestOffice, c: Case) => {
      const res = await execute(o.db, actOnCase, procuratorOf(c.ownerUnit), {
        caseId: c.id,
        expectedRev: c.rev,
        action: { type: 'accept', date: '2026-03-05' },
      })
      if (!res.ok) throw new Error(res.error.message)
      return res.value as unknown as Case
    }
    const b = await accept(basic, basicCase)
    const s = await accept(sibling, siblingCase)
    const fromBasic = await legit(LEGIT, city, await archiveOf(basic))
    expect(fromBasic.totals).toMatchObject({ updated: 1, rejected: 0 })
    const fromSibling = await legit(LEGIT, city, await archiveOf(sibling))
    expect(fromSibling.totals).toMatchObject({ updated: 1, rejected: 0 })
    expect(await city.db.cases.get(b.id)).toEqual(b)
    expect(await city.db.cases.get(s.id)).toEqual(s)
    expect(await exRow<OriginRow>(city, EX.origin('110101'))).toMatchObject({ highWaterRev: s.rev, via: '110101' })
    expect(await exRow<OriginRow>(city, EX.origin('110105'))).toMatchObject({ highWaterRev: b.rev, via: '110105' })
    const relay = await legit(LEGIT, province, await archiveOf(city))
    expect(relay.totals.rejected).toBe(0)
    expect(await province.db.cases.get(s.id)).toEqual(s)
  })

  it('a skip of exactly 10 000 numbers and a revTo exactly at the bound are taken', async () => {
    const seq = (await nextSeq(city, '110105')) + IMPORT_JUMP_LIMITS.channelSkip
    const held = (await exRow<OriginRow>(city, EX.origin('110105'))).highWaterRev
    const revTo = held + IMPORT_JUMP_LIMITS.revMargin
    const plan = await legit(
      LEGIT,
      city,
      await signedByHand(basic, {
        channelSeq: seq,
        tables: { units: [await unitRow(basic, '110105')] },
        origins: [{ unitCode: '110105', revFrom: held + 1, revTo }],
      }),
    )
    expect(plan.channelGaps.length).toBeGreaterThan(0)
    expect(await exRow<OriginRow>(city, EX.origin('110105'))).toMatchObject({ highWaterRev: revTo })
  })
})
