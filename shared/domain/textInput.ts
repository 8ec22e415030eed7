/**
 * Clean-up of what clerks type or paste into the forms, applied as they type (the schemas then check the result):
 * numbers copied from a scan or a chat arrive with spaces, full-width digits or a full-width space, names typed on
 * a Chinese input method with stray spaces. Nothing is refused here; the schemas still refuse what stays wrong.
 */

/** Full-width ASCII (！ to ～, U+FF01–U+FF5E) → half-width, and the ideographic space (U+3000) → a space. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ')
}

/**
 * An identity-document or bank-account number as pasted: full-width characters made half-width and every space
 * removed (“1101 0519 8001 0100 2X”, “６２２８ ４８００…”). Letters are left as they are: the ID parsers upper-case.
 */
export function cleanNumberInput(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, '')
}

const latin = /\p{Script=Latin}/u

/**
 * A person's name as typed: full-width spaces made half-width, leading and repeated spaces dropped, and a space kept
 * only between two Latin-script letters (“John Smith”); beside a Chinese character it goes (“陈  小 明” → “陈小明”).
 * A space at the end stays after a Latin letter, so that a Latin name can still be typed word by word.
 */
export function cleanNameInput(text: string): string {
  const s = text
    .replace(/\u3000/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^ /, '')
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (c !== ' ') {
      out += c
      continue
    }
    const before = s[i - 1] ?? ''
    const after = s[i + 1]
    if (after === undefined ? latin.test(before) : latin.test(before) && latin.test(after)) out += c
  }
  return out
}
