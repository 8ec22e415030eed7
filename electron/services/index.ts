import { readFile, stat, writeFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { CodedError } from '../../shared/errors/coded'
import type { Services } from '../../shared/ipc/dispatch'
import { demoFileName, markDemoHtml, markDemoTable } from '../../shared/report/demoMark'
import { createAuditAnchors, type KeyProtector } from './auditAnchor'
import { importBackup, listBackups, readBackup, writeBackup } from './backup'
import {
  bytesFromBase64,
  checkRotation,
  checkSealedPassphrase,
  createSealedOfficeKeys,
  inspectBytes,
  openBytes,
  packToFolder,
  resealOfficeKeys,
  rotateSealedOfficeKeys,
} from './bundle/appExchange'
import { transferServices } from './bundle/transferServices'
import { writeTrustDirectory } from './bundle/trustDirectory'
import { exportWorkbook } from './excel/exportWorkbook'
import { exportedFile } from './exportedFile'
import type { ExportLinks } from './exportLinks'
import { fileInFolder, writeAtomically } from './files'
import { readLegacyFile } from './legacyImport'
import { hashPassword, verifyPassword } from './passwords'
import { createPasswordThrottle } from './passwordThrottle'
import { sharedChromiumPrinter } from './pdf/chromiumPrinter'
import { claimStore, systemAccount } from './storeClaims'
import { updateServices } from './update/updateServices'
import { handedOverInstaller } from './update/writeInstaller'

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
  /**
   * Turns a document's HTML into PDF bytes: Electron's printToPDF in a reused hidden window, or else the process's
   * kept-alive headless Chromium (browser mode, tests; electron/services/pdf/chromiumPrinter.ts).
   */
  renderPdf?: (html: string) => Promise<Buffer>
  /**
   * Seals the audit anchor's key with the operating system (Electron safeStorage). Absent in browser mode, in tests
   * and where the OS offers no keyring: the key is then a 0600 file in dataDir (docs/security.md §5).
   */
  keyProtector?: KeyProtector
  /** Desktop: opens a file with the system's program (Electron shell.openPath; '' on success, else a reason). */
  openPath?: (path: string) => Promise<string>
  /** Desktop: shows a file selected in the system's file manager (Electron shell.showItemInFolder). */
  showInFolder?: (path: string) => void
  /** Desktop: the system's open dialog for a backup file (undefined when cancelled). */
  pickBackupFile?: () => Promise<string | undefined>
  /** Browser mode: short-lived links the loopback server serves exported files under (打开 / 打印 in a new tab). */
  exportLinks?: ExportLinks
  /**
   * The machine-wide folder where the account holding each office's records on this PC is recorded
   * (docs/packaging.md §5). Electron: %ProgramData%\\jiuzhu-desk or /var/tmp/jiuzhu-desk; browser mode only with
   * `--machine-dir` (the browser profile is the store there).
   */
  machineDir?: string
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
  const renderPdf = ctx.renderPdf ?? ((html: string) => sharedChromiumPrinter().print(html))
  const transfer = transferServices(ctx.exportDir, renderPdf)
  return {
    'system:info': async () => ({
      appVersion: ctx.appVersion,
      productName: ctx.productName,
      mode: ctx.mode,
      dataDir: ctx.dataDir,
      exportDir: ctx.exportDir,
      platform: ctx.platform,
      arch: process.arch,
    }),
    'auth:hashPassword': async ({ password }) => ({ hash: await passwords.serial(() => hashPassword(password)) }),
    'auth:verifyPassword': ({ password, hash }) => passwords.verify(hash, () => verifyPassword(password, hash)),
    // the tables arrive checked and parsed against tableModelSchema by the contract (dispatch)
    // demo: the name and every sheet marked as demo (shared/report/demoMark.ts)
    'excel:exportTable': async ({ fileName, table, demo }) => {
      const marked = demo ? markDemoTable(table) : table
      const { path, rows } = await exportWorkbook(ctx.exportDir, demo ? demoFileName(fileName) : fileName, [marked])
      return { path, rows: rows[0] }
    },
    'excel:exportWorkbook': ({ fileName, tables, demo }) =>
      demo
        ? exportWorkbook(ctx.exportDir, demoFileName(fileName), tables.map(markDemoTable))
        : exportWorkbook(ctx.exportDir, fileName, tables),
    'backup:write': ({ fileName, ...input }) => writeBackup(ctx.backupDir, fileName, input),
    'backup:read': ({ fileName, password }) => readBackup(ctx.backupDir, fileName, password),
    'backup:list': async () => ({ dir: ctx.backupDir, backups: await listBackups(ctx.backupDir) }),
    'backup:pick': async () => {
      if (!ctx.pickBackupFile) throw new CodedError('backup.pick-unavailable')
      const picked = await ctx.pickBackupFile()
      if (!picked) throw new CodedError('backup.pick-cancelled')
      const size = await stat(picked).then(
        (s) => s.size,
        () => -1,
      )
      if (size < 0) throw new CodedError('backup.not-found', { name: basename(picked) })
      if (size > 1024 * 1024 * 1024) throw new CodedError('backup.damaged')
      return importBackup(ctx.backupDir, basename(picked), await readFile(picked))
    },
    'backup:import': ({ fileName, bytes }) => importBackup(ctx.backupDir, fileName, Buffer.from(bytes, 'base64')),
    'files:open': async ({ path, purpose }) => {
      // reveal: a PDF or Excel file the app wrote (全部生成's 打开文件夹), or an installer it handed over
      const file =
        purpose === 'reveal'
          ? await exportedFile(ctx.exportDir, path).catch(() => handedOverInstaller(ctx.exportDir, path))
          : await exportedFile(ctx.exportDir, path)
      // browser mode: a link the page offers as a download (an installer) or opens in a tab (PDF, Excel)
      if (ctx.exportLinks) return { url: ctx.exportLinks.issue(file) }
      if (purpose === 'reveal') {
        if (!ctx.showInFolder)
          throw new CodedError('file.open-failed', { name: basename(file), detail: '本机无法打开文件夹' })
        ctx.showInFolder(file)
        return {}
      }
      const problem = ctx.openPath ? await ctx.openPath(file) : 'no-opener'
      // shell.openPath's reason is English: the user is told in Chinese what to do instead
      if (problem) {
        throw new CodedError('file.open-failed', { name: basename(file), detail: '系统中没有能打开此类文件的程序' })
      }
      return {}
    },
    'pdf:render': async ({ fileName, html, demo }) => {
      const named = demo ? demoFileName(fileName) : fileName
      const name = named.toLowerCase().endsWith('.pdf') ? named : `${named}.pdf`
      const target = fileInFolder(ctx.exportDir, name)
      const bytes = await renderPdf(demo ? markDemoHtml(html) : html)
      await writeAtomically(target, (tmp) => writeFile(tmp, bytes))
      return { path: target, bytes: bytes.length }
    },
    'exchange:createKeys': ({ unitCode, passphrase }) => createSealedOfficeKeys(unitCode, passphrase),
    'exchange:changePassphrase': async ({ sealed, passphrase, newPassphrase }) => ({
      sealed: await resealOfficeKeys(sealed, passphrase, newPassphrase),
    }),
    'exchange:checkPassphrase': ({ sealed, passphrase }) => checkSealedPassphrase(sealed, passphrase),
    // no bundle leaves an office whose audit chain does not match its anchor
    'exchange:pack': async (req) => {
      await anchors.guardExport(req.sender.unitCode, req.auditHead)
      return packToFolder(ctx.exportDir, req)
    },
    'exchange:inspect': async ({ bytes }) => inspectBytes(bytesFromBase64(bytes)),
    'exchange:open': ({ bytes, ...req }) => openBytes(bytesFromBase64(bytes), req),
    'exchange:rotateKeys': ({ sealed, passphrase }) => rotateSealedOfficeKeys(sealed, passphrase),
    'exchange:verifyRotation': async ({ rotation, previous }) => checkRotation(rotation, previous),
    'exchange:exportTrust': (req) => writeTrustDirectory(ctx.exportDir, req),
    ...updateServices(ctx),
    ...transfer,
    'transfer:pack': async (req) => {
      await anchors.guardExport(req.sender.unitCode, req.auditHead)
      return transfer['transfer:pack'](req)
    },
    'audit:anchor': (req) => anchors.check(req),
    'audit:anchorInfo': ({ profile, unitCode }) => anchors.info(profile, unitCode),
    'audit:resetAnchor': (req) => anchors.reset({ ...req, links: [] }),
    'legacy:read': ({ fileName, bytes }) => readLegacyFile(bytesFromBase64(bytes), fileName),
    // the demo profile is a separate store that no office relies on: never claimed
    'store:claim': async ({ profile, unitCode, unitName }) =>
      profile === 'demo' || !ctx.machineDir
        ? { status: 'unchecked' as const }
        : claimStore(ctx.machineDir, {
            unitCode,
            unitName,
            account: systemAccount(),
            dataDir: ctx.dataDir,
            now: new Date(),
          }),
  }
}
