import { z } from 'zod'
import { type WageEntry, wageSeriesSchema } from './rulesets'
import { positiveFenSchema, regionCodeSchema, textSchema } from './schemas/primitives'

/** The settings key under which an office keeps the wage figures it recorded itself. */
export const WAGE_FIGURES_KEY = 'wageFigures'

/**
 * One figure as an office records it from the statistics bureau's publication: region, year, series, the monthly
 * average wage in 分 and the publishing document (公布文件). It becomes a wage-table entry of confidence H.
 */
export const officeWageFigureSchema = z
  .object({
    regionCode: regionCodeSchema,
    year: z.number({ error: '请填写年度' }).int('年度须为整数').min(1990, '年度不能早于1990年').max(2200, '年度有误'),
    series: wageSeriesSchema,
    monthlyWageFen: positiveFenSchema,
    document: textSchema(120, '公布文件'),
  })
  .strict()
export type OfficeWageFigure = z.infer<typeof officeWageFigureSchema>

export const officeWageFiguresSchema = z
  .array(officeWageFigureSchema)
  .max(500, '工资标准最多500项')
  .superRefine((list, ctx) => {
    const seen = new Set<string>()
    list.forEach((w, i) => {
      const key = `${w.regionCode}/${w.year}/${w.series}`
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `地区 ${w.regionCode} ${w.year}年度（${w.series}）重复录入`,
        })
      seen.add(key)
    })
  })

/** The office's own figures as wage-table entries for the rules in force (rulesInForce `officeWages`). */
export function wageEntriesOf(figures: readonly OfficeWageFigure[]): WageEntry[] {
  return figures.map((w) => ({
    regionCode: w.regionCode,
    year: w.year,
    monthlyWageFen: w.monthlyWageFen,
    series: w.series,
    source: { document: w.document, confidence: 'H', note: '本院录入' },
  }))
}
