/**
 * Font families of printed documents (docs/documents.md “字体”). The official layout asks for 仿宋 body text, 小标宋
 * titles and 黑体 headings; each stack first names the fonts an office PC has (Windows: 仿宋_GB2312 / FangSong,
 * 方正小标宋, SimHei), then the OFL TrueType fonts the app ships and the PDF service serves to the page
 * (electron/services/pdf/fonts.ts), then 宋体. The CFF-outline fonts installed on Linux (Noto CJK) are never named:
 * Chromium would embed them as Type 3 fonts.
 */
export const DOCUMENT_FONT_FAMILIES = {
  /** Noto Serif SC, simplified-Chinese range, 400 and 700 */
  serif: 'JZ Serif',
  /** Noto Serif SC's numbered subsets, for rare characters outside that range */
  serifExtra: 'JZ Serif Ext',
  /** Noto Sans SC 500, for 黑体 */
  sans: 'JZ Sans',
} as const

const q = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ')
const F = DOCUMENT_FONT_FAMILIES

/** 仿宋 for body text. */
export const FANGSONG_STACK = q([
  '仿宋_GB2312',
  'FangSong_GB2312',
  '仿宋',
  'FangSong',
  'STFangsong',
  F.serif,
  F.serifExtra,
  '宋体',
  'SimSun',
])
/** 小标宋 for titles (the shipped serif in bold where the PC has no 小标宋). */
export const XIAOBIAOSONG_STACK = q([
  '方正小标宋简体',
  '方正小标宋_GBK',
  'FZXiaoBiaoSong-B05S',
  F.serif,
  F.serifExtra,
  '宋体',
  'SimSun',
])
/** 黑体 for headings. */
export const HEITI_STACK = q(['黑体', 'SimHei', F.sans, F.serif, F.serifExtra])
