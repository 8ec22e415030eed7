import { textSchema } from '@shared/domain/schemas/primitives'
import { CodedError } from '@shared/errors/coded'
import {
  contentHashOf,
  STANDARDS_FORMAT,
  type StandardsEdition,
  standardsContentSchema,
} from '@shared/exchange/downward'
import { z } from 'zod'
import type { CommandSpec } from '../commands/execute'
import { ownUnit, type StandardsRow } from './store'

/**
 * 组成标准下发版本 (docs/exchange.md §一.7): the local command that composes a standards edition for the offices
 * below, in one transaction with its audit entry.
 */

const composeInput = z
  .object({
    title: textSchema(100, '标准名称'),
    note: textSchema(2000, '说明').optional(),
    content: standardsContentSchema,
  })
  .strict()

/**
 * 编制标准: records this office's next standards edition (its own wage figures, calendar years, local measures and
 * rule-set updates). Numbered 1, 2, 3 …; identical content to the last edition is refused (nothing to publish).
 * The office's own rules use it at once; it goes down with the next standards bundle to each subordinate.
 */
export const composeStandards: CommandSpec<z.input<typeof composeInput>, StandardsEdition> = {
  name: 'standards.compose',
  input: composeInput as z.ZodType<z.input<typeof composeInput>>,
  tables: ['units', 'settings', 'standards', 'users'],
  async run(ctx, raw) {
    const input = composeInput.parse(raw)
    const own = await ownUnit(ctx)
    const held = (await ctx.read.standards.get(own.code)) as StandardsRow | undefined
    const contentHash = contentHashOf(input.content)
    if (held && held.edition.contentHash === contentHash) {
      throw new CodedError('exchange.standards-unchanged', { edition: held.edition.edition })
    }
    const edition: StandardsEdition = {
      format: STANDARDS_FORMAT,
      version: 1,
      issuer: own.code,
      issuerName: own.name,
      issuerLevel: own.level,
      edition: (held?.edition.edition ?? 0) + 1,
      issuedAt: ctx.now.instant,
      title: input.title,
      ...(input.note ? { note: input.note } : {}),
      content: input.content,
      contentHash,
    }
    await ctx.put('standards', own.code, {
      issuer: own.code,
      edition,
      source: 'own',
      receivedAt: ctx.now.instant,
      receivedBy: ctx.actor.userId,
    } satisfies StandardsRow)
    return edition
  },
}

// ---- 督导意见 --------------------------------------------------------------------------------------------------
