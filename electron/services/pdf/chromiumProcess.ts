import { spawn } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { CodedError } from '../../../shared/errors/coded'
import { CdpPipe } from './cdpPipe'

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
]

export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv && existsSync(fromEnv)) return fromEnv
  return CANDIDATES.find((p) => existsSync(p))
}

/**
 * The account Chromium runs as when this process is root: `nobody` (65534 on Debian, UOS and most Linux
 * distributions). Chromium refuses to start its sandbox as root, and `--no-sandbox` is never passed.
 */
export const UNPRIVILEGED = { uid: 65534, gid: 65534 } as const

/**
 * The command line. No `--no-sandbox`; no URL (the page is opened over the DevTools pipe); scripts off in Blink;
 * no name resolution, no proxy, no background traffic (web fonts only from the app itself, ./fonts.ts). Exported for the test that asserts it.
 */
export function chromiumArgs(profileDir: string): string[] {
  return [
    '--headless',
    '--remote-debugging-pipe',
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-gpu',
    '--disable-extensions',
    '--disable-default-apps',
    '--disable-sync',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-domain-reliability',
    '--disable-breakpad',
    '--no-pings',
    '--no-proxy-server',
    '--host-resolver-rules=MAP * ~NOTFOUND',
    '--blink-settings=scriptEnabled=false',
    '--mute-audio',
    'about:blank',
  ]
}

/** One running headless Chromium, driven over its DevTools pipe, with its throw-away profile folder. */
export interface RunningChromium {
  pid: number
  cdp: CdpPipe
  /** Set once the process has exited: why, in Chinese (“Chromium 已退出（退出码 1）”). */
  exitReason(): string | undefined
  /** Resolves when the process has exited. */
  exited: Promise<void>
  /** Chromium's own last error line from its log, if any (e.g. “No usable sandbox!”). */
  lastError(): string | undefined
  /** Kills the process at once (a hung browser). */
  kill(): void
  /** Asks Chromium to close, kills it after 5 s, and removes the profile folder. */
  close(): Promise<void>
}

/** Profile folders of browsers still running, removed at exit even if close() was never reached. */
const liveProfiles = new Map<string, () => void>()
let exitHookInstalled = false
function removeAtExit(dir: string, kill: () => void): void {
  liveProfiles.set(dir, kill)
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.once('exit', () => {
    for (const [d, k] of liveProfiles) {
      k()
      rmSync(d, { recursive: true, force: true })
    }
  })
}

/** Profile folders are named after the process that started them: jiuzhu-pdf-<pid>-<random>. */
const PROFILE_PREFIX = 'jiuzhu-pdf-'

/**
 * Removes the profile folders left by processes that are gone (a server or test worker killed before it could
 * close its browser: its exit hook never ran). A folder whose process still runs, or that is not ours to remove,
 * is left alone.
 */
export async function removeLeftoverProfiles(dir = tmpdir()): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[])
  for (const name of names) {
    const pid = Number(new RegExp(`^${PROFILE_PREFIX}(\\d+)-`).exec(name)?.[1])
    if (!pid || pid === process.pid || isRunning(pid)) continue
    await rm(join(dir, name), { recursive: true, force: true }).catch(() => {})
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM' // someone else's process: running
  }
}

/**
 * Starts Chromium with a fresh profile in a temporary folder (chown'ed to `nobody` and started as `nobody` when
 * this process is root, UNPRIVILEGED). The child and its pipes do not keep this process alive: when it exits, the
 * pipe closes and Chromium with it; the exit hook also kills it and removes the profile.
 */
export async function launchChromium(): Promise<RunningChromium> {
  const exe = findChromium()
  if (!exe) throw new CodedError('pdf.no-browser')
  await removeLeftoverProfiles()
  const dir = await mkdtemp(join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`))
  const asRoot = process.getuid?.() === 0
  if (asRoot) await chown(dir, UNPRIVILEGED.uid, UNPRIVILEGED.gid)
  const proc = spawn(exe, chromiumArgs(join(dir, 'profile')), {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    ...(asRoot ? UNPRIVILEGED : {}),
    // as nobody, Chromium's caches and settings go to the throw-away folder, not root's home
    env: asRoot
      ? { ...process.env, HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'), XDG_CACHE_HOME: join(dir, 'cache') }
      : process.env,
  })
  let stderr = ''
  let exitReason: string | undefined
  proc.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000)
  })
  const cdp = new CdpPipe(proc.stdio[3] as Writable, proc.stdio[4] as Readable)
  proc.on('error', (e) => cdp.close(e))
  const exited = new Promise<void>((resolve) =>
    proc.on('exit', (code, signal) => {
      exitReason = `Chromium 已退出（${signal ?? `退出码 ${code}`}）`
      cdp.close(new Error(exitReason))
      resolve()
    }),
  )
  const alive = () => proc.exitCode === null && proc.signalCode === null
  const kill = () => {
    if (alive()) proc.kill('SIGKILL')
  }
  removeAtExit(dir, kill)
  // an idle browser must not keep the server, a test run or the CLI from exiting
  proc.unref()
  for (const s of [proc.stderr, proc.stdio[3], proc.stdio[4]]) (s as { unref?: () => void } | null)?.unref?.()
  let closing: Promise<void> | undefined
  return {
    pid: proc.pid ?? 0,
    cdp,
    exited,
    exitReason: () => exitReason,
    lastError: () => /ERROR[^\n]*\] ([^\n]+)/.exec(stderr)?.[1],
    kill,
    close: () => {
      closing ??= (async () => {
        if (alive()) {
          void cdp.send('Browser.close').catch(() => {})
          let timer: NodeJS.Timeout | undefined
          await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, 5_000)))])
          clearTimeout(timer)
          kill()
          await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, 1_000))])
        }
        await rm(dir, { recursive: true, force: true })
        liveProfiles.delete(dir)
      })()
      return closing
    },
  }
}
