import type { MessageParams, MessageTable } from './types'

/**
 * Codes raised by the field validators in shared/domain: identity documents (idcard.ts, identityDocuments.ts),
 * money (money.ts), calendar dates (dates.ts) and the working-day calendar (calendar.ts).
 * `doc` is the Chinese name of the identity document; amounts arrive formatted; dates as YYYY-MM-DD.
 */
export const validationMessages = {
  'idcard.empty': () => '未填写居民身份证号码。',
  'idcard.length': (p) =>
    `居民身份证号码应为 18 位（或旧式 15 位），您填写的是 ${p.length} 位。请对照证件逐位核对，不要漏填或多填。`,
  'idcard.chars': () =>
    '居民身份证号码只能由数字组成，18 位号码的最后一位可以是字母 X。请检查是否混入了空格、标点、其他字母或全角字符。',
  'idcard.region': (p) =>
    `居民身份证号码的前两位“${p.prefix}”不是有效的省级行政区划代码。请对照证件核对号码开头的地址码。`,
  'idcard.residence-permit': (p) =>
    `以“${p.prefix}”开头的号码属于港澳台居民居住证，不是居民身份证号码。请将证件类型改为“港澳台居民居住证”后再填写。`,
  'idcard.date': (p) => `居民身份证号码中的出生日期“${p.date}”不是有效日期。请对照证件核对第 7 至 14 位。`,
  'idcard.future': (p) =>
    `居民身份证号码中的出生日期 ${p.date} 晚于今天（${p.today}），号码有误。请对照证件核对第 7 至 14 位。`,
  'idcard.check': () => '居民身份证号码校验不通过，号码中有填错的数字。请对照证件逐位核对。',

  'iddoc.unknown-type': (p) => `不支持的证件类型“${p.type}”。请从列表中选择证件类型。`,
  'iddoc.empty': (p) => `未填写${p.doc}号码。`,
  'iddoc.length': (p) => `${p.doc}号码应为 ${p.expected}，您填写的是 ${p.length} 位。请对照证件逐位核对。`,
  'iddoc.format': (p) => `${p.doc}号码格式不正确：${p.rule}。请对照证件核对。`,
  'iddoc.prefix': (p) => `${p.doc}号码应以 ${p.expected} 开头。请对照证件核对，或检查证件类型是否选对。`,
  'iddoc.date': (p) => `${p.doc}号码中的出生日期“${p.date}”不是有效日期。请对照证件核对。`,
  'iddoc.future': (p) => `${p.doc}号码中的出生日期 ${p.date} 晚于今天（${p.today}），号码有误。请对照证件核对。`,
  'iddoc.check': (p) => `${p.doc}号码校验不通过，号码中有填错的字符。请对照证件逐位核对。`,
  'iddoc.too-long': (p) => `证件号码不能超过 ${p.max} 个字符。`,

  'money.empty': () => '未填写金额。',
  'money.format': (p) =>
    `金额“${p.text}”格式不正确。请只填写数字，可带小数点和千分位逗号，例如 12345.67 或 12,345.67（单位：元）。`,
  'money.decimals': (p) => `金额“${p.text}”的小数超过两位。金额只能精确到分（小数点后最多两位）。`,
  'money.negative': (p) => `金额“${p.text}”是负数。此处只能填写零或正数金额。`,
  'money.too-large': (p) => `金额“${p.text}”过大，超过了允许的最大金额 ${p.max}。请核对是否多填了数字。`,
  'money.not-fen': (p) => `金额必须是以分为单位的整数，收到 ${p.value}。`,
  'money.out-of-range': (p) => `金额 ${p.value} 分超出可写成中文大写的范围（0 至 ${p.max}）。`,

  'date.invalid': (p) => `“${p.value}”不是有效的日期，日期应写作 YYYY-MM-DD（例如 2025-01-31）。`,
  'date.count': (p) => `天数必须是非负整数，收到 ${p.value}。`,

  'calendar.invalid': (p) => `节假日数据不合格：${p.detail}。未采用该数据。`,
  'calendar.fallback': (p) =>
    `${p.years} 年的节假日安排尚未导入，已按周一至周五计算工作日，请导入最新节假日数据后复核。`,
} satisfies MessageTable

export type ValidationCode = keyof typeof validationMessages

/** Chinese text for one validation code, from the table above. */
export function validationMessage(code: ValidationCode, params: MessageParams = {}): string {
  return validationMessages[code](params)
}
