import { updateSettingSchema } from '@shared/domain/settings'
import type { z } from 'zod'
import type { CommandSpec } from './execute'

export const updateSetting: CommandSpec<z.infer<typeof updateSettingSchema>, void> = {
  name: 'settings.update',
  input: updateSettingSchema,
  tables: ['settings'],
  async run(ctx, { key, value }) {
    await ctx.put('settings', key, { key, value })
  },
}
