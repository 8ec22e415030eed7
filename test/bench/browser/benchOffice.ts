import { execute, setupOffice } from '../../../renderer/src/db'
import { JiuzhuDb } from '../../../renderer/src/db/database'
import type { AuditHashAlg } from '../../../shared/audit/hashAlg'

/** The administrator of the benchmarks' office (北京市朝阳区院). */
export const admin = { userId: '110105-01ARZ3NDEKTSV4RRFFQ69G5FAV', unitCode: '110105', roles: ['admin' as const] }

/**
 * A new record store named `name`, set up through the command layer as the office's first run does, with the
 * audit hash `auditHash` chosen (SHA-256 when not given).
 */
export async function freshOffice(name: string, auditHash?: AuditHashAlg): Promise<JiuzhuDb> {
  const db = new JiuzhuDb(name)
  await db.open()
  const res = await execute(db, setupOffice, admin, {
    unit: {
      name: '北京市朝阳区人民检察院',
      shortName: '朝检',
      code: '110105',
      level: 'basic',
      parentCode: '110300',
      parentName: '三分院',
    },
    admin: { username: 'admin', displayName: '王管理', passwordHash: 'x'.repeat(40) },
    auditHash,
  })
  if (!res.ok) throw new Error(res.error.message)
  return db
}
