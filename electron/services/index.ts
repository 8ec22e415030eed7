import { writeFile } from 'node:fs/promises'
import type { Services } from '../../shared/ipc/dispatch'
import { createAuditAnchors, type KeyProtector } from './auditAnchor'
import { listBackups, readBackup, writeBackup } from './backup'
import {
  bytesFromBase64,
  checkRotation,
  createSealedOfficeKeys,
  inspectBytes,
  openBytes,
  packToFolder,
  resealOfficeKeys,
  rotateSealedOfficeKeys,
} from './bundle/appExchange'
import { unsealPrivateKeys } from './bundle/keys'
import { transferServices } from './bundle/transferServices'
import { exportWorkbook } from './excel/exportWorkbook'
import { fileInFolder, writeAtomically } from './files'
import { hashPassword, verifyPassword } from './passwords'
import { createPasswordThrottle } from './passwordThrottle'
import { chromiumPdf } from './pdf/chromiumPdf'

/** Where the main-process services run and where they may write. */
export interface ServiceContext {
  mode: 'electron' | 'web'
  appVersion: string
  productName: string
  platform: string
  /** The profile's data folder (Electron userData, or the browser-mode profile folder). */
  dataDir: string
  /** Exports (xlsx, pdf) are written here and nowhere else. */
  exportDir: string
  /** Encrypted backups are written to and read from here. */
  backupDir: string
  /** Turns a document's HTML into PDF bytes: Electron's printToPDF, or headless Chromium in browser mode. */
  renderPdf?: (html: string) => Promise<Buffer>
  /**
   * Seals the audit anchor's key with the operating system (Electron safeStorage). Absent in browser mode, in tests
   * and where the OS offers no keyring: the key is then a 0600 file in dataDir (docs/security.md §5).
   */
  keyProtector?: KeyProtector
}

/**
 * The main-process services as plain Node functions, one per channel of the IPC contract. Electron's ipcMain
 * handlers and the browser-mode loopback bridge both call exactly these, after `dispatch` has validated the call.
 */
export function createServices(ctx: ServiceContext): Services {
  // one per set of services, so one per process: the password channels' rate limits (docs/security.md §3)
  const passwords = createPasswordThrottle()
  // where this office's audit chain stood, outside the page's reach (docs/security.md §5)
  const anchors = createAuditAnchors(ctx.dataDir, ctx.keyProtector)
  const transfer = transferServices(ctx.exportDir, ctx.renderPdf ?? chromiumPdf)
  return {
    'system:info': async () => ({
      appVersion: ctx.appVersion,
      productName: ctx.productName,
      mode: ctx.mode,
      dataDir: ctx.dataDir,
      exportDir: ctx.exportDir,
      platform: ctx.platform,
    }),
    'auth:hashPassword': async ({ password }) => ({ hash: await passwords.serial(() => hashPassword(password)) }),
    'auth:verifyPassword': ({ password, hash }) => passwords.verify(hash, () => verifyPassword(password, hash)),
    // the tables arrive checked and parsed against tableModelSchema by the contract (dispatch)
    'excel:exportTable': async ({ fileName, table }) => {
      const { path, rows } = await exportWorkbook(ctx.exportDir, fileName, [table])
      return { path, rows: rows[0] }
    },
    'excel:exportWorkbook': ({ fileName, tables }) => exportWorkbook(ctx.exportDir, fileName, tables),
    'backup:write': ({ fileName, ...input }) => writeBackup(ctx.backupDir, fileName, input),
    'backup:read': ({ fileName, password }) => readBackup(ctx.backupDir, fileName, password),
    'backup:list': async () => ({ dir: ctx.backupDir, backups: await listBackups(ctx.backupDir) }),
    'pdf:render': async ({ fileName, html }) => {
      const name = fileName.toLowerCase().endsWith('.pdf') ? fileName : `${fileName}.pdf`
      const target = fileInFolder(ctx.exportDir, name)
      const bytes = await (ctx.renderPdf ?? chromiumPdf)(html)
      await writeAtomically(target, (tmp) => writeFile(tmp, bytes))
      return { path: target, bytes: bytes.length }
    },
    'exchange:createKeys': ({ unitCode, passphrase }) => createSealedOfficeKeys(unitCode, passphrase),
    'exchange:changePassphrase': async ({ sealed, passphrase, newPassphrase }) => ({
      sealed: await resealOfficeKeys(sealed, passphrase, newPassphrase),
    }),
    'exchange:checkPassphrase': async ({ sealed, passphrase }) => ({
      keyId: (await unsealPrivateKeys(sealed, passphrase)).keyId,
    }),
    // no bundle leaves an office whose audit chain does not match its anchor
    'exchange:pack': async (req) => {
      await anchors.guardExport(req.sender.unitCode, req.auditHead)
      return packToFolder(ctx.exportDir, req)
    },
    'exchange:inspect': async ({ bytes }) => inspectBytes(bytesFromBase64(bytes)),
    'exchange:open': ({ bytes, ...req }) => openBytes(bytesFromBase64(bytes), req),
    'exchange:rotateKeys': ({ sealed, passphrase }) => rotateSealedOfficeKeys(sealed, passphrase),
    'exchange:verifyRotation': async ({ rotation, previous }) => checkRotation(rotation, previous),
    ...transfer,
    'transfer:pack': async (req) => {
      await anchors.guardExport(req.sender.unitCode, req.auditHead)
      return transfer['transfer:pack'](req)
    },
    'audit:anchor': (req) => anchors.check(req),
    'audit:anchorInfo': ({ profile, unitCode }) => anchors.info(profile, unitCode),
    'audit:resetAnchor': (req) => anchors.reset({ ...req, links: [] }),
  }
}
