import { addDays, isValidDate, toEpochDay } from '../domain/dates'
import { DEFAULT_CASE_NO_PATTERN } from '../domain/officeSetup'
import type { WageEntry } from '../domain/rulesets'
import type { Unit } from '../domain/schemas'
import { newRecordId } from '../util/recordId'
import { placeName } from './names'
import { Rng } from './random'
import { PROVINCES, type Province, wageTableFor } from './regions'

export type GenerateSize = 'demo' | 'province' | 'national'
export const generateSizes: readonly GenerateSize[] = ['demo', 'province', 'national']

/** The day the national system starts (2014 意见, 2014-01-17): no case is generated before a rule set is in force. */
export const FIRST_RULES_DATE = '2014-01-17'
/** Default "today" of a generated data set, so that the CLI's output is the same on every run. */
export const DEFAULT_AS_OF = '2026-11-30'

/** What each size means by default (docs/data-generator.md): offices, cases, years. */
export const sizeDefaults: Record<GenerateSize, { cases: number; years: number; duplicates: number }> = {
  demo: { cases: 300, years: 3, duplicates: 0 },
  province: { cases: 100_000, years: 10, duplicates: 12 },
  national: { cases: 1_000_000, years: 10, duplicates: 60 },
}

/** The office to own a demo data set, when the caller's office is not the generated one (载入演示数据). */
export interface DemoOfficeOverride {
  code: string
  name: string
  shortName: string
  regionCode?: string
  parentCode?: string
  parentName?: string
  caseNoPattern?: string
}

export interface GenerateOptions {
  size: GenerateSize
  /** Any number or text; default 1. */
  seed?: number | string
  /** The data set's "today" ('YYYY-MM-DD'): nothing is dated later. Default DEFAULT_AS_OF. */
  asOf?: string
  /** Total cases (default per size); smaller numbers make quick samples of the same shape. */
  cases?: number
  /** Years of history before `asOf` (default per size). */
  years?: number
  /** Demo only: generate the records for this office instead of a made-up county office. */
  office?: DemoOfficeOverride
  /** Cross-office near-duplicates to plant (default per size; demo has one office, so none). */
  duplicates?: number
}

/** A county-level area (or a city's own area) an office serves. */
export interface Area {
  regionCode: string
  /** e.g. 青川县, 安平区. */
  name: string
}

/** One office that generates records, with what its generator needs. */
export interface OfficeSpec {
  index: number
  unit: Unit
  province: Province
  /** The area the office serves (its households and addresses). */
  area: Area
  /** Other areas of the same province, for households elsewhere. */
  neighbours: readonly Area[]
  /** GB/T 2260-shaped address code used only by this office's persons' ID numbers, so IDs never collide. */
  idRegionCode: string
  caseCount: number
  /** Plant at least one case in every workflow state (demo office; first basic office of each province). */
  ensureEveryState: boolean
  /** Seed key of the office's random stream. */
  key: string
  /** Admin user id that stamped the unit and the office's setup. */
  adminId: string
}

/** A planted duplicate: one person assisted for one underlying case at two offices (docs/architecture.md §4). */
export interface DuplicatePlan {
  key: string
  /** Office where the underlying case is handled (案件管辖地). */
  first: string
  /** Second office (e.g. the 户籍地 office) that assists the same person for the same case later. */
  second: string
  /** Clue date at the first office; the second follows 20–200 days later. */
  firstDate: string
  secondDate: string
  /** The second office writes the underlying case number differently (a near-duplicate, not an exact one). */
  variant: 'exact' | 'near'
}

export interface Hierarchy {
  size: GenerateSize
  seed: string
  asOf: string
  fromDate: string
  years: number
  /** Every unit of the data set, parents first (directory entries included). */
  units: Unit[]
  /** Offices that generate records, in generation order. */
  offices: OfficeSpec[]
  wageTable: WageEntry[]
  duplicates: DuplicatePlan[]
  totalCases: number
}

const CN_ORDINAL = ['一', '二', '三', '四', '五', '六', '七', '八', '九']

interface Draft {
  code: string
  name: string
  shortName: string
  level: Unit['level']
  parentCode?: string
  parentName?: string
  regionCode?: string
  directoryOnly?: boolean
  area?: Area
  idRegionCode?: string
  province: Province
  weight: number
  ensureEveryState?: boolean
}

function two(n: number): string {
  return String(n).padStart(2, '0')
}

/** Short names unique within a province: 青检, else 青川检. */
function shortNameFor(place: string, taken: Set<string>): string {
  for (const candidate of [`${place[0]}检`, `${place.slice(0, 2)}检`, `${place.slice(0, 2)}院`]) {
    if (!taken.has(candidate)) {
      taken.add(candidate)
      return candidate
    }
  }
  let i = 2
  while (taken.has(`${place.slice(0, 2)}检${i}`)) i++
  taken.add(`${place.slice(0, 2)}检${i}`)
  return `${place.slice(0, 2)}检${i}`
}

function uniquePlace(rng: Rng, used: Set<string>): string {
  for (;;) {
    const p = placeName(rng)
    if (!used.has(p)) {
      used.add(p)
      return p
    }
  }
}

/** Units of one province: the provincial office, its cities (or 分院) and their basic offices. */
function provinceDrafts(rng: Rng, province: Province, onlyOneBasic: boolean): Draft[] {
  const pc = province.code
  const used = new Set<string>()
  const shorts = new Set<string>([`${province.abbr}检`])
  const provinceName = `${province.name}人民检察院`
  const drafts: Draft[] = [
    {
      code: `${pc}0000`,
      name: provinceName,
      shortName: `${province.abbr}检`,
      level: 'province',
      parentCode: '100000',
      parentName: '最高人民检察院',
      regionCode: `${pc}0000`,
      area: { regionCode: `${pc}0100`, name: province.name },
      idRegionCode: `${pc}0100`,
      province,
      weight: 0.03,
      directoryOnly: onlyOneBasic || undefined,
    },
  ]
  const cityCount = onlyOneBasic ? 1 : province.cities
  const districtsPerBranch = province.municipality ? Math.ceil((province.districts ?? 16) / province.cities) : undefined
  let municipalDistrict = 2
  for (let k = 1; k <= cityCount; k++) {
    const cityPlace = province.municipality ? '' : uniquePlace(rng, used)
    const cityName = province.municipality ? `${province.name}` : `${cityPlace}市`
    const cityUnitName = province.municipality ? `${provinceName}第${CN_ORDINAL[k - 1]}分院` : `${cityName}人民检察院`
    const cityShort = province.municipality
      ? `${province.abbr}检${CN_ORDINAL[k - 1]}分`
      : shortNameFor(cityPlace, shorts)
    const cityCode = `${pc}${two(k)}00`
    drafts.push({
      code: cityCode,
      name: cityUnitName,
      shortName: cityShort,
      level: 'city',
      parentCode: `${pc}0000`,
      parentName: provinceName,
      ...(province.municipality ? {} : { regionCode: cityCode }),
      area: province.municipality
        ? { regionCode: `${pc}0100`, name: province.name }
        : { regionCode: `${pc}${two(k)}01`, name: cityName },
      idRegionCode: province.municipality ? `${pc}${two(k + 1)}00` : `${pc}${two(k)}01`,
      province,
      weight: onlyOneBasic ? 0 : 0.11,
      directoryOnly: onlyOneBasic || undefined,
    })
    const areas: { regionCode: string; name: string; unitName: string; place: string }[] = []
    if (onlyOneBasic) {
      const place = uniquePlace(rng, used)
      areas.push({ regionCode: `${pc}${two(k)}21`, name: `${place}县`, unitName: `${place}县人民检察院`, place })
    } else if (province.municipality) {
      const n = Math.min(districtsPerBranch!, (province.districts ?? 16) - (k - 1) * districtsPerBranch!)
      for (let i = 0; i < n; i++) {
        const place = uniquePlace(rng, used)
        const suffix = rng.chance(0.75) ? '区' : '县'
        const code = `${pc}01${two(municipalDistrict++)}`
        areas.push({
          regionCode: code,
          name: `${place}${suffix}`,
          unitName: `${province.name}${place}${suffix}人民检察院`,
          place,
        })
      }
    } else {
      const n = rng.int(4, 13)
      const districts = Math.min(n, k === 1 ? rng.int(4, 7) : rng.int(1, 3))
      const countyCities = n - districts > 2 && rng.chance(0.6) ? 1 : 0
      const counties = n - districts - countyCities
      for (let i = 0; i < districts; i++) {
        const place = uniquePlace(rng, used)
        areas.push({
          regionCode: `${pc}${two(k)}${two(i + 2)}`,
          name: `${place}区`,
          unitName: `${cityName}${place}区人民检察院`,
          place,
        })
      }
      for (let i = 0; i < counties; i++) {
        const place = uniquePlace(rng, used)
        areas.push({
          regionCode: `${pc}${two(k)}${two(21 + i)}`,
          name: `${place}县`,
          unitName: `${place}县人民检察院`,
          place,
        })
      }
      for (let i = 0; i < countyCities; i++) {
        const place = uniquePlace(rng, used)
        areas.push({
          regionCode: `${pc}${two(k)}${two(81 + i)}`,
          name: `${place}市`,
          unitName: `${place}市人民检察院`,
          place,
        })
      }
    }
    areas.forEach((a, i) => {
      drafts.push({
        code: `${pc}${two(k)}${two(i + 1)}`,
        name: a.unitName,
        shortName: shortNameFor(a.place, shorts),
        level: 'basic',
        parentCode: cityCode,
        parentName: cityUnitName,
        regionCode: a.regionCode,
        area: { regionCode: a.regionCode, name: a.name },
        idRegionCode: a.regionCode,
        province,
        weight: 0.86 * rng.logNormal(1, 0.45),
      })
    })
  }
  return drafts
}

/** Largest-remainder apportionment of `total` over the weights (deterministic; sums exactly to total). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0)
  if (sum <= 0) return weights.map(() => 0)
  const exact = weights.map((w) => (total * w) / sum)
  const out = exact.map(Math.floor)
  let left = total - out.reduce((s, n) => s + n, 0)
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (let j = 0; left > 0; j = (j + 1) % order.length, left--) out[order[j]![1]]! += 1
  return out
}

function stamp(code: string, at: string, rng: Rng) {
  const adminId = newRecordId(code, Date.parse(at), (n) => rng.bytes(n))
  return { adminId, stamps: { rev: 1, createdAt: at, updatedAt: at, createdBy: adminId, updatedBy: adminId } }
}

/** Checks and completes the options (defaults per size). Throws RangeError on a bad value. */
export function resolveOptions(options: GenerateOptions) {
  const size = options.size
  if (!generateSizes.includes(size)) throw new RangeError(`未知的数据规模：${String(size)}`)
  const d = sizeDefaults[size]
  const asOf = options.asOf ?? DEFAULT_AS_OF
  if (!isValidDate(asOf) || asOf < '2015-01-01') throw new RangeError(`截止日期不正确：${asOf}`)
  const cases = options.cases ?? d.cases
  const years = options.years ?? d.years
  if (!Number.isInteger(cases) || cases < 0 || cases > 5_000_000) throw new RangeError(`案件数不正确：${cases}`)
  if (!Number.isInteger(years) || years < 1 || years > 12) throw new RangeError(`年数不正确：${years}`)
  let fromDate = addDays(`${Number(asOf.slice(0, 4)) - years}${asOf.slice(4)}`.replace('-02-29', '-02-28'), 1)
  if (fromDate < FIRST_RULES_DATE) fromDate = FIRST_RULES_DATE
  return {
    size,
    seed: String(options.seed ?? 1),
    asOf,
    fromDate,
    years,
    cases,
    duplicates: size === 'demo' ? 0 : (options.duplicates ?? d.duplicates),
    office: options.office,
  }
}

/**
 * The office hierarchy of a data set (docs/domain-reference.md §10.2): demo — one made-up county office (its city, province and
 * 最高人民检察院 as directory entries); province — one real province with made-up cities (市级院, or 分院 of a
 * municipality) and basic offices; national — 最高人民检察院 and all 31 provinces. Unit codes (the office's own
 * 6-digit code) and region codes (GB/T 2260 shape) are separate fields and differ for basic offices (§10.3).
 */
export function buildHierarchy(options: GenerateOptions): Hierarchy {
  const o = resolveOptions(options)
  const rng = new Rng(`jiuzhu-generate/${o.seed}/${o.size}/hierarchy`)
  const at = `${o.fromDate}T00:00:00.000Z`
  let drafts: Draft[]
  if (o.size === 'national') {
    drafts = PROVINCES.flatMap((p) => provinceDrafts(rng.fork(p.code), p, false))
  } else {
    const province =
      o.office?.regionCode && PROVINCES.some((p) => p.code === o.office!.regionCode!.slice(0, 2))
        ? PROVINCES.find((p) => p.code === o.office!.regionCode!.slice(0, 2))!
        : o.size === 'demo'
          ? rng.pick(PROVINCES.filter((p) => !p.municipality))
          : rng.pick(PROVINCES.filter((p) => !p.municipality && p.cities >= 9))
    drafts = provinceDrafts(rng.fork(province.code), province, o.size === 'demo')
  }
  if (o.size === 'demo' && o.office) {
    const basic = drafts.find((d) => d.level === 'basic')!
    const regionCode = o.office.regionCode ?? basic.regionCode
    Object.assign(basic, {
      code: o.office.code,
      name: o.office.name,
      shortName: o.office.shortName,
      ...(o.office.parentCode ? { parentCode: o.office.parentCode, parentName: o.office.parentName } : {}),
      regionCode,
      idRegionCode: regionCode,
      area: { regionCode: regionCode!, name: o.office.name.replace(/人民检察院$/, '') || o.office.name },
    })
  }
  const supreme: Draft = {
    code: '100000',
    name: '最高人民检察院',
    shortName: '高检',
    level: 'supreme',
    province: PROVINCES[0]!,
    weight: 0,
    directoryOnly: o.size !== 'national' || undefined,
  }
  drafts.unshift(supreme)
  // The first basic office of each province gets a case in every state (the demo office is the only one).
  const seenProvince = new Set<string>()
  for (const d of drafts) {
    if (d.level === 'basic' && !seenProvince.has(d.province.code)) {
      seenProvince.add(d.province.code)
      d.ensureEveryState = true
    }
  }
  const producing = drafts.filter((d) => !d.directoryOnly && d.area && d.weight > 0)
  const quotas = apportion(
    o.cases,
    producing.map((d) => d.weight),
  )
  const units: Unit[] = []
  const offices: OfficeSpec[] = []
  const areasByProvince = new Map<string, Area[]>()
  for (const d of drafts) {
    if (d.level !== 'basic' || !d.area) continue
    const list = areasByProvince.get(d.province.code) ?? []
    list.push(d.area)
    areasByProvince.set(d.province.code, list)
  }
  for (const d of drafts) {
    const { adminId, stamps } = stamp(d.code, at, rng)
    const unit: Unit = {
      code: d.code,
      name: d.name,
      shortName: d.shortName,
      level: d.level,
      ...(d.parentCode ? { parentCode: d.parentCode, parentName: d.parentName } : {}),
      ...(d.regionCode ? { regionCode: d.regionCode } : {}),
      caseNoPattern: d.level === 'basic' && o.office?.caseNoPattern ? o.office.caseNoPattern : DEFAULT_CASE_NO_PATTERN,
      ...(d.directoryOnly ? { directoryOnly: true } : {}),
      ...stamps,
    }
    units.push(unit)
    const q = producing.indexOf(d)
    if (q < 0) continue
    const own = d.area!
    const neighbours = (areasByProvince.get(d.province.code) ?? []).filter((a) => a.regionCode !== own.regionCode)
    offices.push({
      index: offices.length,
      unit,
      province: d.province,
      area: own,
      neighbours: neighbours.length > 0 ? neighbours : [own],
      idRegionCode: d.idRegionCode!,
      caseCount: quotas[q]!,
      ensureEveryState: !!d.ensureEveryState,
      key: `jiuzhu-generate/${o.seed}/${o.size}/office/${d.code}`,
      adminId,
    })
  }
  const provinces = [...new Set(offices.map((x) => x.province))]
  const wageTable = wageTableFor(provinces, Number(o.fromDate.slice(0, 4)) - 2, Number(o.asOf.slice(0, 4)))
  return {
    size: o.size,
    seed: o.seed,
    asOf: o.asOf,
    fromDate: o.fromDate,
    years: o.years,
    units,
    offices,
    wageTable,
    duplicates: planDuplicates(rng.fork('duplicates'), offices, o.duplicates, o.fromDate, o.asOf),
    totalCases: o.cases,
  }
}

function planDuplicates(
  rng: Rng,
  offices: readonly OfficeSpec[],
  count: number,
  fromDate: string,
  asOf: string,
): DuplicatePlan[] {
  const basic = offices.filter((x) => x.unit.level === 'basic' && x.caseCount >= 20)
  const earliest = toEpochDay(fromDate) + 60
  const latest = toEpochDay(asOf) - 430
  if (basic.length < 2 || latest <= earliest) return []
  const plans: DuplicatePlan[] = []
  for (let i = 0; i < count; i++) {
    const first = rng.pick(basic)
    const sameProvince = basic.filter((x) => x !== first && x.province === first.province)
    const pool = sameProvince.length > 0 && rng.chance(0.85) ? sameProvince : basic.filter((x) => x !== first)
    const second = rng.pick(pool)
    const d1 = rng.int(earliest, latest)
    const d2 = d1 + rng.int(20, 200)
    plans.push({
      key: `dup-${i + 1}`,
      first: first.unit.code,
      second: second.unit.code,
      firstDate: addDays('1970-01-01', d1),
      secondDate: addDays('1970-01-01', Math.min(d2, latest + 200)),
      variant: rng.chance(0.5) ? 'exact' : 'near',
    })
  }
  return plans
}
