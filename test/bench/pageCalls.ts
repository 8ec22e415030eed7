import { readdir, readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'

/** Calling a benchmark page's exported functions, and what its Chromium processes cost meanwhile. */

type Bench = Record<string, (...args: never[]) => unknown>
export const call = <T>(page: Page, fn: string, ...args: unknown[]) =>
  page.evaluate(
    ([f, a]) =>
      ((window as never as { bench: Bench }).bench[f as string] as (...x: unknown[]) => unknown)(...(a as unknown[])),
    [fn, args] as const,
  ) as Promise<T>

/** One /proc file of every Chromium process of this profile (browser, renderer, GPU, storage …). */
async function chromiumProcFiles(profile: string, file: 'smaps_rollup' | 'stat'): Promise<string[]> {
  const out: string[] = []
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    try {
      const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8')
      if (cmd.includes('chromium') && cmd.includes(profile)) out.push(await readFile(`/proc/${pid}/${file}`, 'utf8'))
    } catch {
      /* gone */
    }
  }
  return out
}

/** The PSS of this profile's Chromium processes, in MB. */
async function chromiumPssMb(profile: string): Promise<number> {
  let kb = 0
  for (const roll of await chromiumProcFiles(profile, 'smaps_rollup'))
    kb += Number(/^Pss:\s+(\d+)/m.exec(roll)?.[1] ?? 0)
  return kb / 1024
}

/** CPU seconds (user + system) used so far by this profile's Chromium processes (utime, stime: 100 ticks a second). */
async function chromiumCpuS(profile: string): Promise<number> {
  let ticks = 0
  for (const stat of await chromiumProcFiles(profile, 'stat')) {
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    ticks += Number(f[11]) + Number(f[12])
  }
  return ticks / 100
}

export const nodeCpuS = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}

/**
 * Peak memory while `run` runs (this process's RSS, the profile's Chromium PSS) and the CPU seconds each side used:
 * on a shared, loaded machine the CPU time is steadier than the wall time.
 */
export async function sampled<T>(
  profile: string,
  run: () => Promise<T>,
): Promise<{ value: T; node: number; chrome: number; nodeCpu: number; chromeCpu: number }> {
  let node = process.memoryUsage().rss / 2 ** 20
  let chrome = await chromiumPssMb(profile)
  const cpu0 = { node: nodeCpuS(), chrome: await chromiumCpuS(profile) }
  let busy = false
  const timer = setInterval(async () => {
    if (busy) return
    busy = true
    node = Math.max(node, process.memoryUsage().rss / 2 ** 20)
    chrome = Math.max(chrome, await chromiumPssMb(profile))
    busy = false
  }, 250)
  try {
    const value = await run()
    node = Math.max(node, process.memoryUsage().rss / 2 ** 20)
    chrome = Math.max(chrome, await chromiumPssMb(profile))
    return {
      value,
      node,
      chrome,
      nodeCpu: nodeCpuS() - cpu0.node,
      chromeCpu: (await chromiumCpuS(profile)) - cpu0.chrome,
    }
  } finally {
    clearInterval(timer)
  }
}
