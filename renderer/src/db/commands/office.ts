import { DEFAULT_AUDIT_HASH } from '@shared/audit/hashAlg'
import { DEFAULT_CASE_NO_PATTERN, type OfficeSetup, officeSetupSchema } from '@shared/domain/officeSetup'
import { CodedError } from '@shared/errors/coded'
import type { UnitRow, UserRow } from '../database'
import type { CommandSpec } from './execute'

export const OWN_UNIT_KEY = 'ownUnitCode'

/**
 * 首次设置: records this office's unit (and its parent, as a directory entry) and the first administrator.
 * Refused once the office is set up. The acting user is the administrator being created. The audit chain's hash is
 * declared first, as entry 1 (shared/audit/hashAlg.ts): every entry of this office is sealed under it.
 */
export const setupOffice: CommandSpec<OfficeSetup, { unitCode: string; adminId: string }> = {
  name: 'office.setup',
  input: officeSetupSchema,
  tables: ['units', 'users', 'settings'],
  async run(ctx, { unit, admin, profile, auditHash }) {
    if (await ctx.read.settings.get(OWN_UNIT_KEY)) throw new CodedError('setup.already-done')
    await ctx.declareAuditHash(auditHash ?? DEFAULT_AUDIT_HASH)
    const base = {
      rev: await ctx.nextRev(),
      createdAt: ctx.now.instant,
      updatedAt: ctx.now.instant,
      createdBy: ctx.actor.userId,
      updatedBy: ctx.actor.userId,
    }
    const own: UnitRow = {
      code: unit.code,
      name: unit.name,
      shortName: unit.shortName,
      level: unit.level,
      parentCode: unit.level === 'supreme' ? undefined : unit.parentCode,
      parentName: unit.level === 'supreme' ? undefined : unit.parentName,
      regionCode: unit.regionCode || undefined,
      caseNoPattern: DEFAULT_CASE_NO_PATTERN,
      ...base,
    }
    await ctx.put('units', own.code, own)
    if (own.parentCode) {
      await ctx.put('units', own.parentCode, {
        code: own.parentCode,
        name: unit.parentName ?? '',
        shortName: '',
        level: parentLevel(unit.level),
        caseNoPattern: DEFAULT_CASE_NO_PATTERN,
        directoryOnly: true,
        ...base,
      } satisfies UnitRow)
    }
    const user: UserRow = {
      id: ctx.actor.userId,
      unitCode: unit.code,
      username: admin.username,
      displayName: admin.displayName,
      roles: ['admin'],
      passwordHash: admin.passwordHash,
      disabled: false,
      failedLogins: 0,
      mustChangePassword: false,
      ...base,
    }
    await ctx.put('users', user.id, user)
    await ctx.put('settings', OWN_UNIT_KEY, { key: OWN_UNIT_KEY, value: unit.code })
    if (profile && Object.keys(profile).length)
      await ctx.put('settings', 'officeProfile', { key: 'officeProfile', value: profile })
    return { unitCode: unit.code, adminId: user.id }
  },
}

function parentLevel(level: UnitRow['level']): UnitRow['level'] {
  return level === 'basic' ? 'city' : level === 'city' ? 'province' : 'supreme'
}
