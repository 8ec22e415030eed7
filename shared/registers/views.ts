import { z } from 'zod'
import { registerIds } from './types'

/** A saved register view as stored per user (settings key `registerViews:<userId>`). */
const list = z.array(z.string().max(100)).max(200).optional()
export const savedViewSchema = z
  .object({
    name: z.string().trim().min(1, '请填写视图名称').max(40, '视图名称不能超过 40 个字'),
    register: z.enum(registerIds),
    hidden: z.array(z.string().max(60)).max(60),
    sort: z.array(z.object({ id: z.string().max(60), desc: z.boolean() }).strict()).max(5),
    filter: z
      .object({
        from: z.string().max(10).optional(),
        to: z.string().max(10).optional(),
        states: list,
        categories: list,
        origins: list,
        groups: list,
        sources: list,
        units: z
          .array(z.string().regex(/^\d{6}$/))
          .max(5000)
          .optional(),
        search: z.string().max(100).optional(),
      })
      .strict(),
    office: z
      .object({ unit: z.string().regex(/^\d{6}$/), subordinates: z.boolean() })
      .strict()
      .optional(),
  })
  .strict()

export const MAX_SAVED_VIEWS = 50

export function registerViewsKey(userId: string): string {
  return `registerViews:${userId}`
}

export const savedViewsSchema = z.array(savedViewSchema).max(MAX_SAVED_VIEWS)
