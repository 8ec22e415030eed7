import type { Signatures } from './tableModel'

/**
 * The furniture of a report form, worded once for the screen preview and the Excel sheet (the preview is the
 * exported sheet): the 表号 / 制表机关 line under the title, the signature line and the place for the seal.
 */

/** '表号：… 制表机关：…' (each part only when given), or '' when neither is. */
export function formLine(t: { formCode?: string; formIssuer?: string }): string {
  return [t.formCode ? `表号：${t.formCode}` : '', t.formIssuer ? `制表机关：${t.formIssuer}` : '']
    .filter(Boolean)
    .join('　　')
}

/** 单位负责人 / 审核人 / 填报人 / 联系电话 / 填报日期, each followed by its name (blank: signed by hand). */
export function signatureParts(s: Signatures): string[] {
  return [
    `单位负责人：${s.unitHead ?? ''}`,
    `审核人：${s.reviewer ?? ''}`,
    `填报人：${s.preparer ?? ''}`,
    `联系电话：${s.phone ?? ''}`,
    `填报日期：${s.date ?? ''}`,
  ]
}

/** The signature line as printed: 单位负责人 / 审核人 / 填报人 on the first line, 联系电话 / 填报日期 on the second. */
export function signatureLines(s: Signatures): string[][] {
  const parts = signatureParts(s)
  return [parts.slice(0, 3), parts.slice(3)]
}

/** Between the parts of a signature line (the sheet writes each line as one cell). */
export const SIGNATURE_GAP = '　　　　'

/** Where the office's seal goes, printed at the right under the signature line. */
export const SEAL_LABEL = '填报单位（盖章）'
