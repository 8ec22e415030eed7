import { appError, fail, type Result } from '@shared/errors'
import type { ResultOf } from '@shared/ipc/contract'
import type { JiuzhuDb, UnitRow } from '../../database'
import type { ExchangeApi } from '../export/pack'
import { trustedOffices } from '../reads'

/**
 * 导出可信单位目录: the keys this office trusts (its own, the enrolled offices', the signed unit directory's, with
 * the keys no longer trusted) written by the main process to the 导出 folder, for `npm run cli -- bundle verify
 * --trust <file>` (docs/bundle-format.md §10). Nothing in the store changes.
 */
export async function exportTrustDirectory(
  db: JiuzhuDb,
  api: Pick<ExchangeApi, 'exchangeExportTrust'>,
  own: UnitRow,
  now: number = Date.now(),
): Promise<Result<ResultOf<'exchange:exportTrust'>>> {
  const entries = await db.transaction('r', db.exchange, () => trustedOffices(db, own))
  if (entries.length === 0) return fail(appError('exchange.no-office-key'))
  return api.exchangeExportTrust({ unitCode: own.code, writtenAt: new Date(now).toISOString(), entries })
}
