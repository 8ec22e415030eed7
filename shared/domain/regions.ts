/**
 * Names of administrative divisions for printing (GB/T 2260). The app prints a region by name, never by its code
 * (“江苏省”, not “地区代码320000”). Province-level names are listed here (H: GB/T 2260); a prefecture or county code
 * is named after a known unit whose region it is (the office itself or a unit in its directory: “南京市鼓楼区人民检察院”
 * gives “南京市鼓楼区”), since the app carries no national table below the province.
 */
export const PROVINCE_NAMES: Readonly<Record<string, string>> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
}

/** A unit that names a region: its GB/T 2260 code and its full name (“…人民检察院”). */
export interface RegionNamer {
  regionCode?: string
  name: string
}

const PROCURATORATE = /(人民检察院|检察院)(.*分院)?$/

/**
 * The printed name of a 6-digit region code: the province's name for “xx0000”; for a lower level, the region part of
 * a known unit's name for that code; else the province's name with the code in brackets, so the reader still sees
 * where (“江苏省（地区代码320105）”). Unknown codes print as “地区代码…”.
 */
export function regionName(code: string, units: readonly RegionNamer[] = []): string {
  const province = PROVINCE_NAMES[code.slice(0, 2)]
  if (province && code.endsWith('0000')) return province
  const unit = units.find((u) => u.regionCode === code && PROCURATORATE.test(u.name))
  if (unit) {
    const place = unit.name.replace(PROCURATORATE, '')
    return place.startsWith(province ?? '\u0000') || !province ? place : `${province}${place}`
  }
  return province ? `${province}（地区代码${code}）` : `地区代码${code}`
}
