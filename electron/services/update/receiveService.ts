import type { ArgsOf, ResultOf } from '../../../shared/ipc/contract'
import { bytesFromBase64 } from '../bundle/appExchange'
import type { TrustedSenderLookup } from '../bundle/open'
import { receiveUpdatePackage } from './writeInstaller'

/**
 * `update:receive` (docs/packaging.md §7): the page names this office and the keys it trusts; the running version,
 * platform and architecture are this process's own, so a page cannot claim an older app to get a downgrade through.
 */
export function receiveUpdateService(ctx: { exportDir: string; appVersion: string; platform: string }) {
  return async (req: ArgsOf<'update:receive'>): Promise<ResultOf<'update:receive'>> => {
    const trusted: TrustedSenderLookup = (unitCode, keyId) =>
      req.trusted.find((r) => r.unitCode === unitCode && r.keyId === keyId)
    const r = await receiveUpdatePackage(
      bytesFromBase64(req.bytes),
      {
        unitCode: req.unitCode,
        level: req.level,
        trusted,
        runningVersion: ctx.appVersion,
        storeSchemaVersion: req.storeSchemaVersion,
        platform: ctx.platform,
        arch: process.arch,
      },
      ctx.exportDir,
    )
    return {
      update: r.update,
      runningVersion: ctx.appVersion,
      ...(r.relayedBy ? { relayedBy: r.relayedBy } : {}),
      folder: r.folder,
      path: r.path,
      summary: r.summary,
    }
  }
}
