import type { CellValue } from './tableModel'

/**
 * 同比 (year-on-year change) as statistics offices print it: (本期 − 上年同期) ÷ 上年同期, a percentage with one
 * decimal ("+12.5%", "−3.0%"); "—" when 上年同期 is 0 (no base to compare with) or the figure does not apply.
 * Held as a fraction already rounded to the printed decimal (0.125 = +12.5%) so the screen and Excel show the same
 * digits; halves round away from zero on both sides.
 */
export function yearOnYear(current: CellValue, prior: CellValue): number | '—' {
  if (typeof current !== 'number' || typeof prior !== 'number' || prior === 0) return '—'
  const diff = current - prior
  const tenths = Math.round((Math.abs(diff) * 1000) / Math.abs(prior))
  return tenths === 0 ? 0 : (Math.sign(diff) * tenths) / 1000
}

/** A 同比 fraction as printed: '+12.5%', '−3.0%' (U+2212), '0.0%'. */
export function formatChange(fraction: number): string {
  const text = `${(Math.abs(fraction) * 100).toFixed(1)}%`
  return fraction > 0 ? `+${text}` : fraction < 0 ? `−${text}` : text
}

/** The Excel number format printing a 同比 fraction like formatChange. */
export const CHANGE_FORMAT = '+0.0%;"−"0.0%;0.0%'
