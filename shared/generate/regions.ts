import { PROVINCE_NAMES } from '../domain/regions'
import type { WageEntry } from '../domain/rulesets'

/**
 * Province-level divisions (GB/T 2260 codes and names, H — the same two-digit prefixes that idcard.ts accepts) with
 * the procuratorate's one-character short name and the approximate number of prefecture-level divisions (L, from
 * background knowledge; for 直辖市 the number of 分院). Below the province everything is made up (names.ts).
 */
export interface Province {
  code: string
  name: string
  /** 简称, used for unit short names (赣检, 京检 …). */
  abbr: string
  /** Prefecture-level units: cities, or 分院 for a municipality. */
  cities: number
  municipality?: true
  /** Districts/counties of a municipality (its basic offices). */
  districts?: number
  /** Relative level of wages against the national average (synthetic, for the wage table). */
  wageFactor: number
}

export const PROVINCES: readonly Province[] = [
  {
    code: '11',
    name: PROVINCE_NAMES['11']!,
    abbr: '京',
    cities: 4,
    municipality: true,
    districts: 16,
    wageFactor: 1.6,
  },
  {
    code: '12',
    name: PROVINCE_NAMES['12']!,
    abbr: '津',
    cities: 3,
    municipality: true,
    districts: 16,
    wageFactor: 1.15,
  },
  { code: '13', name: PROVINCE_NAMES['13']!, abbr: '冀', cities: 11, wageFactor: 0.82 },
  { code: '14', name: PROVINCE_NAMES['14']!, abbr: '晋', cities: 11, wageFactor: 0.82 },
  { code: '15', name: PROVINCE_NAMES['15']!, abbr: '蒙', cities: 12, wageFactor: 0.9 },
  { code: '21', name: PROVINCE_NAMES['21']!, abbr: '辽', cities: 14, wageFactor: 0.83 },
  { code: '22', name: PROVINCE_NAMES['22']!, abbr: '吉', cities: 9, wageFactor: 0.8 },
  { code: '23', name: PROVINCE_NAMES['23']!, abbr: '黑', cities: 13, wageFactor: 0.76 },
  {
    code: '31',
    name: PROVINCE_NAMES['31']!,
    abbr: '沪',
    cities: 3,
    municipality: true,
    districts: 16,
    wageFactor: 1.6,
  },
  { code: '32', name: PROVINCE_NAMES['32']!, abbr: '苏', cities: 13, wageFactor: 1.05 },
  { code: '33', name: PROVINCE_NAMES['33']!, abbr: '浙', cities: 11, wageFactor: 1.12 },
  { code: '34', name: PROVINCE_NAMES['34']!, abbr: '皖', cities: 16, wageFactor: 0.88 },
  { code: '35', name: PROVINCE_NAMES['35']!, abbr: '闽', cities: 9, wageFactor: 0.9 },
  { code: '36', name: PROVINCE_NAMES['36']!, abbr: '赣', cities: 11, wageFactor: 0.82 },
  { code: '37', name: PROVINCE_NAMES['37']!, abbr: '鲁', cities: 16, wageFactor: 0.88 },
  { code: '41', name: PROVINCE_NAMES['41']!, abbr: '豫', cities: 17, wageFactor: 0.75 },
  { code: '42', name: PROVINCE_NAMES['42']!, abbr: '鄂', cities: 13, wageFactor: 0.87 },
  { code: '43', name: PROVINCE_NAMES['43']!, abbr: '湘', cities: 14, wageFactor: 0.83 },
  { code: '44', name: PROVINCE_NAMES['44']!, abbr: '粤', cities: 21, wageFactor: 1.1 },
  { code: '45', name: PROVINCE_NAMES['45']!, abbr: '桂', cities: 14, wageFactor: 0.82 },
  { code: '46', name: PROVINCE_NAMES['46']!, abbr: '琼', cities: 4, wageFactor: 0.9 },
  {
    code: '50',
    name: PROVINCE_NAMES['50']!,
    abbr: '渝',
    cities: 5,
    municipality: true,
    districts: 38,
    wageFactor: 0.93,
  },
  { code: '51', name: PROVINCE_NAMES['51']!, abbr: '川', cities: 21, wageFactor: 0.9 },
  { code: '52', name: PROVINCE_NAMES['52']!, abbr: '黔', cities: 9, wageFactor: 0.88 },
  { code: '53', name: PROVINCE_NAMES['53']!, abbr: '滇', cities: 16, wageFactor: 0.9 },
  { code: '54', name: PROVINCE_NAMES['54']!, abbr: '藏', cities: 7, wageFactor: 1.3 },
  { code: '61', name: PROVINCE_NAMES['61']!, abbr: '陕', cities: 10, wageFactor: 0.88 },
  { code: '62', name: PROVINCE_NAMES['62']!, abbr: '甘', cities: 14, wageFactor: 0.8 },
  { code: '63', name: PROVINCE_NAMES['63']!, abbr: '青', cities: 8, wageFactor: 0.98 },
  { code: '64', name: PROVINCE_NAMES['64']!, abbr: '宁', cities: 5, wageFactor: 0.93 },
  { code: '65', name: PROVINCE_NAMES['65']!, abbr: '新', cities: 14, wageFactor: 0.9 },
]

/**
 * National average annual wage of employees in urban non-private units (城镇非私营单位就业人员年平均工资), in 元,
 * as published by 国家统计局 (L: figures from background knowledge, rounded; 2024–2026 extrapolated by +3 %/year).
 * The generator multiplies them by a province factor to make a plausible but **synthetic** wage table.
 */
const NATIONAL_ANNUAL_WAGE: Readonly<Record<number, number>> = {
  2012: 46769,
  2013: 51483,
  2014: 56360,
  2015: 62029,
  2016: 67569,
  2017: 74318,
  2018: 82413,
  2019: 90501,
  2020: 97379,
  2021: 106837,
  2022: 114029,
  2023: 120698,
}

function nationalAnnualWage(year: number): number {
  const known = NATIONAL_ANNUAL_WAGE[year]
  if (known !== undefined) return known
  if (year < 2012) return NATIONAL_ANNUAL_WAGE[2012]!
  let w = NATIONAL_ANNUAL_WAGE[2023]!
  for (let y = 2024; y <= year; y++) w = Math.round(w * 1.03)
  return w
}

export const WAGE_SOURCE = {
  document: '合成数据：全国城镇非私营单位平均工资（国家统计局公布数的约数）乘以省份系数，不是统计部门公布的各省数字',
  confidence: 'L',
  note: '仅供演示和测试；实际办案须使用统计部门公布的数字',
} as const

/** The synthetic monthly wage (分) of a province for a year: national annual wage × factor ÷ 12, to the 元. */
export function provinceMonthlyWageFen(province: Province, year: number): number {
  return Math.round((nationalAnnualWage(year) * province.wageFactor) / 12) * 100
}

/** Wage-table entries (rulesets.ts `WageEntry`) for the provinces and years given. */
export function wageTableFor(provinces: readonly Province[], fromYear: number, toYear: number): WageEntry[] {
  const out: WageEntry[] = []
  for (const p of provinces) {
    for (let year = fromYear; year <= toYear; year++) {
      out.push({
        regionCode: `${p.code}0000`,
        year,
        monthlyWageFen: provinceMonthlyWageFen(p, year),
        series: '职工',
        source: { ...WAGE_SOURCE },
      })
    }
  }
  return out
}
