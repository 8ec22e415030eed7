import type { Rng } from './random'

/**
 * Vocabulary for synthetic people, places and organisations. Surname weights follow the published order of the
 * most common surnames (公安部户政管理研究中心 annual name reports, 2019–2020; percentages rounded, L — from
 * background knowledge, not checked against the reports). Given-name characters are common modern choices. Place
 * names below the province level are made up from two syllables (see regions.ts), so demo data can never be
 * mistaken for a real office's records.
 */

/** [surname, share of the population in ‰] — the 60 most common surnames, ≈ 80 % of the population. */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 71],
  ['李', 70],
  ['张', 67],
  ['刘', 54],
  ['陈', 45],
  ['杨', 31],
  ['黄', 22],
  ['赵', 20],
  ['吴', 19],
  ['周', 19],
  ['徐', 15],
  ['孙', 15],
  ['马', 14],
  ['朱', 13],
  ['胡', 12],
  ['郭', 11],
  ['何', 11],
  ['高', 10],
  ['林', 10],
  ['罗', 9],
  ['郑', 8],
  ['梁', 8],
  ['谢', 7],
  ['宋', 6],
  ['唐', 6],
  ['许', 6],
  ['韩', 6],
  ['冯', 5],
  ['邓', 5],
  ['曹', 5],
  ['彭', 5],
  ['曾', 5],
  ['肖', 5],
  ['田', 4],
  ['董', 4],
  ['袁', 4],
  ['潘', 4],
  ['于', 4],
  ['蒋', 4],
  ['蔡', 4],
  ['余', 4],
  ['杜', 4],
  ['叶', 4],
  ['程', 4],
  ['苏', 3],
  ['魏', 3],
  ['吕', 3],
  ['丁', 3],
  ['任', 3],
  ['沈', 3],
  ['姚', 3],
  ['卢', 3],
  ['姜', 3],
  ['崔', 3],
  ['钟', 3],
  ['谭', 3],
  ['陆', 3],
  ['汪', 3],
  ['范', 3],
  ['金', 3],
]

const MALE_CHARS = [
  ...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林阳建国峰志海文德成兵亮东生春金福贵荣祥发',
]
const FEMALE_CHARS = [...'芳娜敏静丽艳娟霞秀英玲桂兰燕萍红梅琳雪婷洁慧倩颖莉晶佳欣怡萱琪菊凤琴云莲翠珍玉素月美淑丹']

export type SexCode = 'male' | 'female'

/** A Chinese full name: surname plus one (30 %) or two (70 %) given-name characters. */
export function personName(rng: Rng, sex: SexCode): string {
  const surname = rng.weighted(SURNAMES)
  const chars = sex === 'male' ? MALE_CHARS : FEMALE_CHARS
  const given = rng.chance(0.3) ? rng.pick(chars) : rng.pick(chars) + rng.pick(chars)
  return surname + given
}

/** First and second syllables of made-up place names (each pair reads like a county name, e.g. 青川, 安平). */
const PLACE_FIRST = [...'青云安平永清丰长宁新江河白石金龙凤松桂兴泰和福庆临双古阳明德武文光华广宜乐康万鹤鸣枫柳梅竹']
const PLACE_SECOND = [...'山水江河阳平安宁城丰林川溪源口湖原台田泉峰岭陵谷坪塘湾洲沙桥']

/** A made-up two-character place name. */
export function placeName(rng: Rng): string {
  let a = rng.pick(PLACE_FIRST)
  let b = rng.pick(PLACE_SECOND)
  while (a === b) {
    a = rng.pick(PLACE_FIRST)
    b = rng.pick(PLACE_SECOND)
  }
  return a + b
}

const ROADS = ['人民', '建设', '解放', '中山', '胜利', '和平', '文化', '新华', '光明', '幸福', '团结', '健康']

/** A rural household address (镇/乡 + 村 + 组) or a town address (路 + 号 + 栋/单元/室). */
export function address(rng: Rng, county: string): string {
  if (rng.chance(0.62)) {
    const town = placeName(rng) + (rng.chance(0.7) ? '镇' : '乡')
    return `${county}${town}${placeName(rng)}村${rng.int(1, 12)}组${rng.int(1, 80)}号`
  }
  const road = rng.chance(0.5) ? rng.pick(ROADS) : placeName(rng)
  return `${county}${road}路${rng.int(1, 399)}号${rng.int(1, 30)}栋${rng.int(1, 6)}单元${rng.int(1, 32)}0${rng.int(1, 4)}室`
}

/** A mainland mobile number (11 digits, common prefixes). */
export function mobile(rng: Rng): string {
  const prefix = rng.pick(['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '155'])
  const more = rng.pick(['158', '159', '166', '176', '177', '180', '181', '186', '187', '188', '189', '199'])
  let s = rng.chance(0.5) ? prefix : more
  for (let i = 0; i < 8; i++) s += String(rng.int(0, 9))
  return s
}

const BANKS = [
  ['中国农业银行', 30],
  ['中国邮政储蓄银行', 22],
  ['中国工商银行', 14],
  ['中国建设银行', 14],
  ['中国银行', 8],
  ['农村商业银行', 12],
] as const

/** A debit-card account at a common bank's branch in the county. */
export function bankAccount(rng: Rng, county: string, holder: string) {
  const bank = rng.weighted(BANKS)
  const branch = `${county}${rng.chance(0.5) ? '支行' : `${placeName(rng)}${rng.chance(0.5) ? '分理处' : '支行'}`}`
  let accountNo = rng.pick(['622848', '621799', '622202', '622700', '621661', '623058'])
  for (let i = 0; i < 13; i++) accountNo += String(rng.int(0, 9))
  return { bank: `${bank}${branch}`, accountName: holder, accountNo }
}

const COMPANY_KINDS = [
  '建设集团有限公司',
  '实业有限公司',
  '食品有限公司',
  '商贸有限公司',
  '科技有限公司',
  '药业有限公司',
]

/** A donor: a local company (60 %), a social organisation (20 %) or an individual (20 %). */
export function donor(rng: Rng, county: string): { name: string; kind: 'company' | 'organisation' | 'individual' } {
  const kind = rng.weighted([
    ['company', 60],
    ['organisation', 20],
    ['individual', 20],
  ] as const)
  if (kind === 'company') return { kind, name: `${county}${placeName(rng)}${rng.pick(COMPANY_KINDS)}` }
  if (kind === 'organisation') {
    return { kind, name: `${county}${rng.pick(['慈善总会', '红十字会', '爱心基金会', '志愿者协会', '律师协会'])}` }
  }
  return { kind, name: personName(rng, rng.chance(0.5) ? 'male' : 'female') }
}
