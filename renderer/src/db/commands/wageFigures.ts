import { officeWageFiguresSchema, WAGE_FIGURES_KEY } from '@shared/domain/wageFigures'
import { z } from 'zod'
import type { CommandSpec } from './execute'

const input = z.object({ figures: officeWageFiguresSchema }).strict()

/**
 * 录入职工月平均工资标准: the office keeps the figures published for its region (when no higher office sent a
 * standard down). The whole list is replaced, so the audit entry shows what changed; the cap of every later
 * proposal is computed from these (docs/domain-rules.md, wage base).
 */
export const recordWageFigures: CommandSpec<z.infer<typeof input>, void> = {
  name: 'wage.record',
  input,
  tables: ['settings'],
  async run(ctx, { figures }) {
    const sorted = [...figures].sort(
      (a, b) => a.regionCode.localeCompare(b.regionCode) || b.year - a.year || a.series.localeCompare(b.series),
    )
    await ctx.put('settings', WAGE_FIGURES_KEY, { key: WAGE_FIGURES_KEY, value: sorted })
  },
}
