import { type CommandName, commandLabel, mayRun, rolesFor } from '@shared/domain/permissions'
import { roleLabels } from '@shared/domain/roles'
import { appError, fail, ok, type Result } from '@shared/errors'
import { describeZodError } from '@shared/errors/zodProblems'
import { type Now, nowFrom } from '@shared/util/clock'
import type { RandomBytes } from '@shared/util/recordId'
import type { z } from 'zod'
import type { JiuzhuDb, TableName } from '../database'
import { storageErrorFrom } from '../errors'
import { type Actor, CommandContext } from './context'

export interface CommandSpec<I, R> {
  /** The command's row in the permission table (shared/domain/permissions.ts), which also gives its Chinese name. */
  name: CommandName
  input: z.ZodType<I>
  /** Tables the command reads or writes; counters and audit are always included. */
  tables: readonly TableName[]
  /** The name recorded in the audit log when it is finer than the permission row (e.g. `case.act:pay`). */
  auditName?(input: I): string
  run(ctx: CommandContext, input: I): Promise<R>
}

export interface ExecuteOptions {
  clock?: () => Now
  random?: RandomBytes
}

const systemClock = () => nowFrom(Date.now())

/**
 * The only code that writes to the database. Checks the acting user's roles against the permission table,
 * validates the input with the shared schema, then runs the command, stamps `rev`, and appends the hash-chained
 * audit entries — all in ONE strict-durability transaction. Any failure (a refusal thrown by the command, a full
 * disk, a closed database) rolls everything back and comes back as a coded error with a Chinese message.
 */
export async function execute<I, R>(
  db: JiuzhuDb,
  spec: CommandSpec<I, R>,
  actor: Actor,
  rawInput: unknown,
  options: ExecuteOptions = {},
): Promise<Result<R>> {
  if (!mayRun(actor.roles, spec.name)) {
    const allowed = rolesFor(spec.name)
    return fail(
      appError('command.permission-denied', {
        command: commandLabel(spec.name),
        roles: actor.roles.map((r) => roleLabels[r]).join('、') || '无角色',
        allowed: Array.isArray(allowed)
          ? allowed.map((r: keyof typeof roleLabels) => roleLabels[r]).join('、')
          : '已登录用户',
      }),
    )
  }
  const parsed = spec.input.safeParse(rawInput)
  if (!parsed.success) return fail(appError('command.invalid-input', { detail: describeZodError(parsed.error) }))
  const now = (options.clock ?? systemClock)()
  const tables = [...new Set<TableName>([...spec.tables, 'counters', 'audit'])]
  try {
    const result = await db.transaction('rw', tables, async () => {
      const ctx = new CommandContext(db, actor, now, spec.auditName?.(parsed.data) ?? spec.name, options.random)
      const value = await spec.run(ctx, parsed.data)
      await ctx.appendAudit()
      return value
    })
    return ok(result)
  } catch (e) {
    return fail(storageErrorFrom(e))
  }
}
