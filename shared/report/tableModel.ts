import { z } from 'zod'

/**
 * The one table model every export uses (registers, reports, the audit log): the renderer previews it and the
 * main process lays it out in Excel with one generic writer. Money cells are integer fen and typed as such so the
 * writer formats them as 元 with two decimals; counts are integers; `percent` cells hold a fraction (0.5 = 50%);
 * `decimal` cells are printed with one decimal (averages); `change` cells hold a signed fraction printed as a 同比
 * percentage with its sign, '+12.5%' / '−3.0%' (shared/report/yoy.ts).
 * A numeric column may hold the text '—' for a cell that does not apply (printed centred, as on official forms).
 */
export const cellKindSchema = z.enum(['text', 'integer', 'fen', 'date', 'percent', 'decimal', 'change'])
export type CellKind = z.infer<typeof cellKindSchema>

export const cellValueSchema = z.union([z.string().max(32_767), z.number().finite(), z.null()])
export type CellValue = z.infer<typeof cellValueSchema>

const MAX_ROWS = 1_100_000
const MAX_CELLS_PER_ROW = 500
const MAX_TEXT = 32_767

/** Why a body row or cell is not acceptable, in Chinese, or undefined when it is (the rule of cellValueSchema). */
function badRow(row: unknown): string | undefined {
  if (!Array.isArray(row)) return '应为一行格子（数组）'
  if (row.length > MAX_CELLS_PER_ROW) return `一行最多 ${MAX_CELLS_PER_ROW} 格`
  for (let j = 0; j < row.length; j++) {
    const v = row[j]
    if (v === null) continue
    if (typeof v === 'number' ? !Number.isFinite(v) : typeof v !== 'string')
      return `第 ${j + 1} 格应为文字、有限的数字或空`
    if (typeof v === 'string' && v.length > MAX_TEXT) return `第 ${j + 1} 格文字超过 ${MAX_TEXT} 个字符（Excel 的上限）`
  }
  return undefined
}

/**
 * The body rows: each cell as cellValueSchema says, checked in one loop instead of a zod schema per cell — a 100k-row
 * detail has 1.5M cells, and parsing each through a union cost more than a fifth of writing the whole sheet
 * (docs/performance.md). The rows pass through as they are (not copied).
 */
export const tableRowsSchema = z
  .custom<CellValue[][]>((v) => Array.isArray(v), { message: '表格行应为数组' })
  .superRefine((rows, ctx) => {
    if (rows.length > MAX_ROWS) {
      ctx.addIssue({ code: 'custom', message: `表格最多 ${MAX_ROWS} 行` })
      return
    }
    for (let i = 0; i < rows.length; i++) {
      const reason = badRow(rows[i])
      if (reason) {
        ctx.addIssue({ code: 'custom', message: `第 ${i + 1} 行：${reason}`, path: [i] })
        return
      }
    }
  })

export const headerCellSchema = z
  .object({
    label: z.string().max(200),
    /** Columns this header spans (≥ 1). */
    colSpan: z.number().int().min(1).max(500).default(1),
    /** Header rows this cell spans (≥ 1). */
    rowSpan: z.number().int().min(1).max(10).default(1),
  })
  .strict()
export type HeaderCell = z.output<typeof headerCellSchema>

export const columnSchema = z
  .object({
    key: z.string().min(1).max(100),
    kind: cellKindSchema,
    /** Width in characters. */
    width: z.number().int().min(2).max(100).optional(),
  })
  .strict()

export const rowStyleSchema = z.enum(['subtotal', 'total', 'section'])
export type RowStyle = z.infer<typeof rowStyleSchema>

export const signaturesSchema = z
  .object({
    unitHead: z.string().max(50).optional(),
    preparer: z.string().max(50).optional(),
    reviewer: z.string().max(50).optional(),
    /** Written as given, e.g. '2026年1月5日'. */
    date: z.string().max(50).optional(),
    /** 联系电话 */
    phone: z.string().max(30).optional(),
  })
  .strict()
export type Signatures = z.infer<typeof signaturesSchema>

export const provenanceTableSchema = z
  .object({
    headers: z.array(z.string().max(100)).min(1).max(40),
    rows: z.array(z.array(z.union([z.string().max(500), z.number().finite(), z.null()])).max(40)).max(100_000),
  })
  .strict()
export type ProvenanceTable = z.infer<typeof provenanceTableSchema>

/** Per office and table: how many records went in and their `rev` range (docs/architecture.md §4 change sequence). */
export const provenanceInputSchema = z
  .object({
    unitCode: z.string().max(20),
    unitName: z.string().max(200).optional(),
    tables: z.record(
      z.string().max(40),
      z.object({ count: z.number().int().nonnegative(), minRev: z.number().int(), maxRev: z.number().int() }).strict(),
    ),
    /** Highest `rev` of the office over all tables read ("records up to rev N"). */
    maxRev: z.number().int(),
    /** The exchange bundle the office's replicas came from, when known ("or bundle K"). */
    bundleId: z.string().max(100).optional(),
  })
  .strict()
export type ProvenanceInput = z.infer<typeof provenanceInputSchema>

export const provenanceInfoSchema = z
  .object({
    reportId: z.string().max(40),
    definitionVersion: z.number().int().positive(),
    generatedAt: z.string().max(40),
    generatedBy: z.string().max(100),
    parameters: z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean()])),
    inputs: z.array(provenanceInputSchema).max(100_000),
    excluded: z.record(z.string().max(40), z.number()),
    /** SHA-256 (hex) of the canonical JSON of the report id, version, parameters and the input summary. */
    inputHash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict()
export type ProvenanceInfo = z.infer<typeof provenanceInfoSchema>

export const tableModelSchema = z
  .object({
    title: z.string().min(1).max(200),
    /** 填报单位 */
    unitName: z.string().max(200).default(''),
    /** e.g. '2025年1月1日至2025年12月31日' */
    periodLabel: z.string().max(200).default(''),
    sheetName: z.string().min(1).max(31).default('Sheet1'),
    /**
     * Header rows, top to bottom. Cells are placed left to right, skipping positions covered by a rowSpan from an
     * earlier row (the usual HTML table rule). The leaf columns are given by `columns`.
     */
    headerRows: z.array(z.array(headerCellSchema).max(500)).min(1).max(10),
    columns: z.array(columnSchema).min(1).max(500),
    rows: tableRowsSchema,
    /**
     * Rows with style 'subtotal' or 'total' are printed bold; 'section' rows (一、二、… headings inside the body)
     * are printed bold with their first cell spanning the row. Index into rows.
     */
    rowStyles: z.record(z.string(), rowStyleSchema).default({}),
    footnotes: z.array(z.string().max(2000)).max(50).default([]),
    /** 填报人 / 审核人 / 填报日期 lines. */
    signatureLine: z.boolean().default(false),
    provenance: z.array(z.string().max(2000)).max(200).default([]),
    /** 表号 (e.g. '司法救助统计1表'), printed at the right of the line under the title (furniture.ts). */
    formCode: z.string().max(100).optional(),
    /** 制表机关, printed after the 表号. */
    formIssuer: z.string().max(100).optional(),
    /** e.g. '计量单位：件、人、元', printed at the left of the line under the title. */
    unitsNote: z.string().max(200).optional(),
    /** Leading columns frozen with the header (row labels of wide tables). */
    frozenColumns: z.number().int().min(0).max(10).optional(),
    /** Names filled in after 填报人/审核人/填报日期 (and 单位负责人 when given); blank lines to sign by hand otherwise. */
    signatures: signaturesSchema.optional(),
    /** Per-office input table (数据来源 sheet): one row per office, any number of offices. */
    provenanceTable: provenanceTableSchema.optional(),
    /** Machine-readable provenance (who, when, which inputs, hash), kept with the model for previews and tests. */
    provenanceInfo: provenanceInfoSchema.optional(),
  })
  .strict()
export type TableModel = z.input<typeof tableModelSchema>
export type TableModelParsed = z.output<typeof tableModelSchema>
