import { z } from 'zod'

/**
 * The one table model every export uses (registers, reports, the audit log): the renderer previews it and the
 * main process lays it out in Excel with one generic writer. Money cells are integer fen and typed as such so the
 * writer formats them as 元 with two decimals; counts are integers.
 */
export const cellKindSchema = z.enum(['text', 'integer', 'fen', 'date'])
export type CellKind = z.infer<typeof cellKindSchema>

export const cellValueSchema = z.union([z.string().max(32_767), z.number().finite(), z.null()])
export type CellValue = z.infer<typeof cellValueSchema>

export const headerCellSchema = z
  .object({
    label: z.string().max(200),
    /** Columns this header spans (≥ 1). */
    colSpan: z.number().int().min(1).max(500).default(1),
    /** Header rows this cell spans (≥ 1). */
    rowSpan: z.number().int().min(1).max(10).default(1),
  })
  .strict()

export const columnSchema = z
  .object({
    key: z.string().min(1).max(100),
    kind: cellKindSchema,
    /** Width in characters. */
    width: z.number().int().min(2).max(100).optional(),
  })
  .strict()

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
    rows: z.array(z.array(cellValueSchema).max(500)).max(1_100_000),
    /** Rows with style 'subtotal' or 'total' are printed bold. Index into rows. */
    rowStyles: z.record(z.string(), z.enum(['subtotal', 'total'])).default({}),
    footnotes: z.array(z.string().max(2000)).max(50).default([]),
    /** 填报人 / 审核人 / 填报日期 lines. */
    signatureLine: z.boolean().default(false),
    provenance: z.array(z.string().max(2000)).max(200).default([]),
  })
  .strict()
export type TableModel = z.input<typeof tableModelSchema>
export type TableModelParsed = z.output<typeof tableModelSchema>
