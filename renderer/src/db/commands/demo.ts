import { caseCounterName } from '@shared/domain/caseNumber'
import { localMeasuresSchema } from '@shared/domain/rulesets'
import { caseSchema } from '@shared/domain/schemas'
import { CodedError } from '@shared/errors/coded'
import { describeZodError } from '@shared/errors/zodProblems'
import type { DemoData } from '@shared/generate'
import { z } from 'zod'
import type { TableName, UnitRow, UserRow } from '../database'
import type { CommandSpec } from './execute'
import { OWN_UNIT_KEY } from './office'

/** The password of every account in the demo profile; shown on its sign-in screen (demo data is not real). */
export const DEMO_PASSWORD = 'Yanshi2026'
export const DEMO_PROFILE_KEY = 'demoProfile'

const row = z.record(z.string(), z.unknown())
const demoInput = z
  .object({
    data: z
      .object({
        unit: row,
        units: z.array(row).min(1),
        staff: z.array(
          z.object({
            id: z.string(),
            username: z.string(),
            displayName: z.string(),
            roles: z.array(z.string()),
            department: z.string(),
          }),
        ),
        wageTable: z.array(row),
        seed: z.string(),
        asOf: z.string(),
      })
      .loose(),
    adminId: z.string().min(1),
    passwordHash: z.string().min(1),
  })
  .strict()

const demoTables = ['persons', 'clues', 'cases', 'ledger', 'donations', 'referrals', 'followUps', 'materials'] as const

/**
 * 载入演示数据: fills the empty demo profile (a separate database, never the office's) with a generated office —
 * its unit, one account per role (password DEMO_PASSWORD), three years of cases in every state with their ledger,
 * donations, referrals and follow-ups, and the synthetic wage table as local measures — in one transaction.
 * Case-number counters continue after the generated numbers. Refused once the profile holds an office.
 */
export const loadDemoOffice: CommandSpec<z.infer<typeof demoInput>, { unitCode: string; cases: number }> = {
  name: 'office.setup',
  input: demoInput,
  tables: ['units', 'users', 'settings', 'localMeasures', ...demoTables],
  async run(ctx, input) {
    const data = input.data as unknown as DemoData
    if (await ctx.read.settings.get(OWN_UNIT_KEY)) throw new CodedError('setup.already-done')
    const unit = data.unit as unknown as UnitRow
    for (const u of data.units as unknown as UnitRow[]) await ctx.put('units', u.code, u)
    const base = {
      rev: await ctx.nextRev(),
      createdAt: ctx.now.instant,
      updatedAt: ctx.now.instant,
      createdBy: input.adminId,
      updatedBy: input.adminId,
    }
    const account = (id: string, username: string, displayName: string, roles: string[], department?: string) =>
      ({
        id,
        unitCode: unit.code,
        username,
        displayName,
        roles,
        ...(department ? { department } : {}),
        passwordHash: input.passwordHash,
        disabled: false,
        failedLogins: 0,
        mustChangePassword: false,
        ...base,
      }) satisfies UserRow
    await ctx.put('users', input.adminId, account(input.adminId, 'admin', '演示管理员', ['admin']))
    for (const s of data.staff)
      await ctx.put('users', s.id, account(s.id, s.username, s.displayName, s.roles, s.department))
    await ctx.put('settings', OWN_UNIT_KEY, { key: OWN_UNIT_KEY, value: unit.code })
    await ctx.put('settings', DEMO_PROFILE_KEY, { key: DEMO_PROFILE_KEY, value: { seed: data.seed, asOf: data.asOf } })

    for (const c of data.cases) {
      const checked = caseSchema.safeParse(c)
      if (!checked.success)
        throw new CodedError('command.invalid-input', {
          detail: `演示案件 ${c.caseNo ?? c.id}：${describeZodError(checked.error, 1)}`,
        })
    }
    for (const table of demoTables) {
      const records = data[table] as unknown as Record<string, unknown>[]
      await ctx.bulkInsert(table as TableName, records, { keepHistory: true })
    }
    const lastSeq = new Map<number, number>()
    for (const c of data.cases) {
      if (c.caseYear && c.caseSeq) lastSeq.set(c.caseYear, Math.max(lastSeq.get(c.caseYear) ?? 0, c.caseSeq))
    }
    for (const [year, seq] of lastSeq) await ctx.raiseCounter(caseCounterName(unit.code, year), seq)
    const measures = localMeasuresSchema.parse({
      schemaVersion: 1,
      id: 'demo-wages',
      title: '演示数据：职工月平均工资（合成）',
      document: '演示数据，非真实统计',
      scope: { unitCode: unit.code },
      effectiveDate: '2014-01-17',
      source: { document: '演示数据（合成，非真实统计）', confidence: 'L' },
      wageTable: data.wageTable,
    })
    await ctx.insert('localMeasures', { measures })
    return { unitCode: unit.code, cases: data.cases.length }
  },
}
