import { signInBlocked } from '@shared/domain/accountPolicy'
import { type CommandName, commandLabel, mayRun, rolesFor } from '@shared/domain/permissions'
import { type Role, roleLabels } from '@shared/domain/roles'
import { appError, fail, ok, type Result } from '@shared/errors'
import { CodedError } from '@shared/errors/coded'
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
 * The only code that writes to the database. Validates the input with the shared schema, then — inside the
 * transaction — reads the acting user's stored account and checks ITS roles against the permission table, runs the
 * command, stamps `rev`, and appends the hash-chained audit entries — all in ONE strict-durability transaction. Any failure (a refusal thrown by the command, a full
 * disk, a closed database) rolls everything back and comes back as a coded error with a Chinese message.
 */
export async function execute<I, R>(
  db: JiuzhuDb,
  spec: CommandSpec<I, R>,
  actor: Actor,
  rawInput: unknown,
  options: ExecuteOptions = {},
): Promise<Result<R>> {
  const parsed = spec.input.safeParse(rawInput)
  if (!parsed.success) return fail(appError('command.invalid-input', { detail: describeZodError(parsed.error) }))
  const now = (options.clock ?? systemClock)()
  const tables = [...new Set<TableName>([...spec.tables, 'users', 'counters', 'audit'])]
  try {
    const result = await db.transaction('rw', tables, async () => {
      const acting = await storedActor(db, spec.name, actor, now)
      const ctx = new CommandContext(db, acting, now, spec.auditName?.(parsed.data) ?? spec.name, options.random)
      const value = await spec.run(ctx, parsed.data)
      await ctx.appendAudit()
      return value
    })
    return ok(result)
  } catch (e) {
    return fail(storageErrorFrom(e))
  }
}

/**
 * Who is acting, as this office's stored account says — read inside the command's transaction. The roles checked
 * against the permission table, and given to the command, are the STORED account's, whatever roles the caller's
 * actor object claims (a page edited in DevTools can pass any object; docs/security.md §5). A missing, disabled or
 * locked account, or one of another office, runs nothing.
 *
 * The one exception is the permission row 'bootstrap' (首次设置, and 载入演示数据 into the empty demo profile): no
 * account exists yet — the command creates the first administrator, whose id the actor carries — and each such
 * command refuses by itself once the profile holds an office (`setup.already-done`), so it cannot be used to act
 * as anyone in a set-up office. Restoring a backup is not a command (renderer/src/db/backup.ts restores only into
 * an empty profile).
 */
async function storedActor(db: JiuzhuDb, command: CommandName, actor: Actor, now: Now): Promise<Actor> {
  if (rolesFor(command) === 'bootstrap') return actor
  const account = await db.users.get(actor.userId)
  if (!account || account.unitCode !== actor.unitCode || signInBlocked(account, now.instant)) {
    throw new CodedError('command.unknown-account', {
      user: account?.displayName ?? actor.displayName ?? actor.userId,
      command: commandLabel(command),
    })
  }
  const roles = account.roles as Role[]
  if (!mayRun(roles, command)) {
    const allowed = rolesFor(command)
    throw new CodedError('command.permission-denied', {
      command: commandLabel(command),
      roles: roles.map((r) => roleLabels[r]).join('、') || '无角色',
      allowed: Array.isArray(allowed) ? allowed.map((r: Role) => roleLabels[r]).join('、') : '已登录用户',
    })
  }
  return { ...actor, roles, displayName: account.displayName }
}
