import { mayExportFull, numberView } from '@shared/domain/access'
import { type SensitiveField, sensitiveFieldLabels } from '@shared/domain/masking'
import { roleLabels } from '@shared/domain/roles'
import { recordIdSchema } from '@shared/domain/schemas'
import { CodedError } from '@shared/errors/coded'
import { z } from 'zod'
import type { StoredRecord } from '../database'
import type { CommandSpec } from './execute'

const sensitiveFields = ['idNumber', 'bankAccount'] as const satisfies readonly SensitiveField[]

export const revealNumberInput = z
  .object({ caseId: recordIdSchema, personId: recordIdSchema, field: z.enum(sensitiveFields) })
  .strict()

/**
 * 显示 on the case page (docs/security.md §7): the whole ID or bank account number of one of the case's persons,
 * for a role that may see it there on demand. Writes nothing but the audit entries naming the case and the person
 * under 查看完整证件号码 / 查看完整银行账号, in the same transaction that reads the number.
 */
export const revealNumber: CommandSpec<z.infer<typeof revealNumberInput>, string> = {
  name: 'person.reveal',
  input: revealNumberInput,
  tables: ['cases', 'persons'],
  auditName: (input) => `person.reveal:${input.field}`,
  async run(ctx, { caseId, personId, field }) {
    if (numberView(ctx.actor.roles, field, 'case') === 'masked') {
      throw new CodedError('access.number-not-needed', {
        roles: ctx.actor.roles.map((r) => roleLabels[r]).join('、'),
        field: sensitiveFieldLabels[field],
      })
    }
    const c = (await ctx.noteRead('cases', caseId)) as StoredRecord
    const parties = [c.applicantId, c.victimId, (c.payment as { payeePersonId?: string } | undefined)?.payeePersonId]
    if (!parties.includes(personId)) throw new CodedError('command.not-found', { table: 'persons', id: personId })
    const person = (await ctx.noteRead('persons', personId)) as StoredRecord
    const value =
      field === 'idNumber' ? person.idNumber : (person.bankAccount as { accountNo?: string } | undefined)?.accountNo
    if (typeof value !== 'string') throw new CodedError('command.not-found', { table: 'persons', id: personId })
    return value
  },
}

export const recordRegisterExportInput = z
  .object({
    register: z.string().trim().min(1).max(40),
    rows: z.number().int().nonnegative(),
    fullNumbers: z.boolean(),
  })
  .strict()

/**
 * 导出台账: one audit entry per export, saying which register, how many rows and whether ID numbers went out whole
 * (only a role that needs them may tick it; docs/security.md §7). Runs before the file is written.
 */
export const recordRegisterExport: CommandSpec<z.infer<typeof recordRegisterExportInput>, void> = {
  name: 'register.export',
  input: recordRegisterExportInput,
  tables: [],
  async run(ctx, { register, rows, fullNumbers }) {
    if (fullNumbers && !mayExportFull(ctx.actor.roles)) {
      throw new CodedError('access.export-full-not-needed', {
        roles: ctx.actor.roles.map((r) => roleLabels[r]).join('、'),
      })
    }
    ctx.noteEvent(`export:${ctx.now.instant}`, {
      registerTitle: register,
      rowCount: rows,
      numbers: fullNumbers ? '完整号码' : '遮蔽号码',
    })
  },
}
