/**
 * Documents one after another: the kept-alive printer (Chromium in browser mode, the hidden window in the desktop
 * app) prints one page at a time; on two cores a second page at once only slows both.
 */
export function serially(): <T>(job: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve()
  return (job) => {
    const run = queue.then(job, job)
    queue = run.catch(() => {})
    return run
  }
}

/** `work`, or a rejection with “超过 N 秒未完成” when it has not settled within `ms`. */
export async function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`超过 ${Math.round(ms / 1000)} 秒未完成`)), ms)
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}
