import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { userInfo } from 'node:os'
import { join, resolve } from 'node:path'
import { CodedError } from '../../shared/errors/coded'
import { writeAtomically } from './files'

/**
 * One store per office per PC (docs/packaging.md §5). The office's records live in the data folder of the system
 * account that runs the app (Electron userData: per Windows account, with the audit anchor's key sealed by that
 * account's DPAPI). A second account on the same PC would open an empty store and could set up the same office
 * again: two sets of records, two numbering sequences, two senders with one office code. So the first account's
 * data folder claims the office in a machine-wide folder, and every other account is refused with the reason.
 */

/**
 * The machine-wide folder every account may write: %ProgramData%\jiuzhu-desk on Windows (users may create files
 * there, only their creator may change them), /var/tmp/jiuzhu-desk on Linux (kept across restarts; created sticky
 * and world-writable, so nobody can remove another account's claim), /Users/Shared/jiuzhu-desk on macOS.
 */
export function machineStoreDir(platform: string, env: NodeJS.ProcessEnv): string {
  if (platform === 'win32') return join(env.ProgramData ?? 'C:\\ProgramData', 'jiuzhu-desk')
  if (platform === 'darwin') return '/Users/Shared/jiuzhu-desk'
  return '/var/tmp/jiuzhu-desk'
}

/** The system account running this process, as a user would name it (DOMAIN\user on Windows). */
export function systemAccount(platform: string = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  const name = userInfo().username
  return platform === 'win32' && env.USERDOMAIN ? `${env.USERDOMAIN}\\${name}` : name
}

interface Claim {
  unitCode: string
  unitName: string
  account: string
  dataDir: string
  since: string
  lastSeen: string
}

export interface ClaimRequest {
  unitCode: string
  unitName: string
  account: string
  dataDir: string
  now: Date
}

/**
 * Claims `unitCode` on this PC for `dataDir`, or confirms the claim it already holds; throws `store.claimed`
 * naming the holder when another account's data folder holds it. Returns 'unchecked' when the machine folder
 * cannot be written (the rule then cannot be enforced; nothing is refused for it).
 */
export async function claimStore(
  machineDir: string,
  req: ClaimRequest,
): Promise<{ status: 'held' | 'unchecked'; marker?: string }> {
  const dir = join(machineDir, 'stores')
  const marker = join(dir, `${req.unitCode}.json`)
  try {
    const created = await mkdir(dir, { recursive: true })
    if (created && process.platform !== 'win32') {
      await chmod(machineDir, 0o1777)
      await chmod(dir, 0o1777)
    }
  } catch {
    return { status: 'unchecked' }
  }
  let held: Claim | undefined
  try {
    held = JSON.parse(await readFile(marker, 'utf8')) as Claim
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code !== 'ENOENT') {
      throw new CodedError('store.claim-unreadable', { marker, detail: code ?? '内容不是有效的登记' })
    }
  }
  const now = req.now.toISOString()
  if (held && (held.account !== req.account || resolve(held.dataDir) !== resolve(req.dataDir))) {
    throw new CodedError('store.claimed', {
      unitCode: req.unitCode,
      unitName: held.unitName,
      account: held.account,
      dataDir: held.dataDir,
      since: held.since.slice(0, 10),
      marker,
    })
  }
  const claim: Claim = {
    unitCode: req.unitCode,
    unitName: req.unitName,
    account: req.account,
    dataDir: resolve(req.dataDir),
    since: held?.since ?? now,
    lastSeen: now,
  }
  try {
    await writeAtomically(marker, (tmp) => writeFile(tmp, `${JSON.stringify(claim, null, 2)}\n`, { mode: 0o644 }))
  } catch {
    // Another account's marker we may read but not replace is refused above; a write failing here is the folder.
    return { status: 'unchecked' }
  }
  return { status: 'held', marker }
}
