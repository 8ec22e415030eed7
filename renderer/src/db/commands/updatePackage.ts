import type { Result } from '@shared/errors'
import type { DesktopApi } from '@shared/ipc/api'
import type { ResultOf } from '@shared/ipc/contract'
import type { JiuzhuDb, UnitRow } from '../database'
import { trustedOffices } from '../exchange'

/**
 * 导入软件更新包 (docs/packaging.md §7): the main process verifies the picked package against the offices this office
 * trusts (enrolled, or from the signed unit directory; keys retired or revoked here are left out) and the running app,
 * then writes the installer for IT. Nothing in the store changes, whether it is accepted or refused.
 */
export async function receiveUpdate(
  db: JiuzhuDb,
  api: Pick<DesktopApi, 'updateReceive'>,
  own: UnitRow,
  bytes: string,
): Promise<Result<ResultOf<'update:receive'>>> {
  const offices = await db.transaction('r', db.exchange, () => trustedOffices(db, own))
  const trusted = offices
    .filter((o) => o.unitCode !== own.code && !o.revokedKeys.some((r) => r.keyId === o.record.keyId))
    .map((o) => o.record)
  return api.updateReceive({ bytes, unitCode: own.code, level: own.level, storeSchemaVersion: db.verno, trusted })
}
