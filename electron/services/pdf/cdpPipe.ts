import type { Readable, Writable } from 'node:stream'

/** One message from Chromium over the DevTools pipe: a reply (id) or an event (method), per target session. */
export interface CdpMessage {
  id?: number
  method?: string
  // biome-ignore lint/suspicious/noExplicitAny: protocol payloads are untyped JSON
  params?: any
  // biome-ignore lint/suspicious/noExplicitAny: protocol payloads are untyped JSON
  result?: any
  error?: { code: number; message: string }
  sessionId?: string
}

/**
 * A minimal Chrome DevTools Protocol client over `--remote-debugging-pipe` (file descriptors 3 and 4,
 * NUL-terminated JSON): no port is opened, so no other program on the computer can drive the browser.
 */
export class CdpPipe {
  private nextId = 1
  private readonly pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>()
  private readonly listeners = new Set<(m: CdpMessage) => void>()
  private chunks: Buffer[] = []
  private closedWith: Error | undefined

  constructor(
    private readonly toBrowser: Writable,
    fromBrowser: Readable,
  ) {
    fromBrowser.on('data', (chunk: Buffer) => this.receive(chunk))
    fromBrowser.on('error', (e) => this.close(e))
    fromBrowser.on('close', () => this.close(new Error('DevTools 管道已关闭')))
    toBrowser.on('error', (e) => this.close(e))
  }

  // biome-ignore lint/suspicious/noExplicitAny: protocol payloads are untyped JSON
  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<any> {
    if (this.closedWith) return Promise.reject(this.closedWith)
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`)
    })
  }

  /** Calls `fn` for every event; returns a function that stops it. */
  on(fn: (m: CdpMessage) => void): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }

  /**
   * The first event matching `test`. Its listener's remover is pushed to `stops` (when given), so a caller that
   * gives up early can drop it: the pipe outlives any one document.
   */
  waitFor(test: (m: CdpMessage) => boolean, stops?: (() => void)[]): Promise<CdpMessage> {
    return new Promise((resolve, reject) => {
      if (this.closedWith) return reject(this.closedWith)
      const off = this.on((m) => {
        if (m.method === '__closed__') {
          off()
          reject(this.closedWith)
        } else if (test(m)) {
          off()
          resolve(m)
        }
      })
      stops?.push(off)
    })
  }

  close(reason: Error): void {
    if (this.closedWith) return
    this.closedWith = reason
    for (const p of this.pending.values()) p.reject(reason)
    this.pending.clear()
    for (const fn of [...this.listeners]) fn({ method: '__closed__' })
  }

  private receive(chunk: Buffer): void {
    let start = 0
    for (let i = chunk.indexOf(0); i !== -1; i = chunk.indexOf(0, start)) {
      this.chunks.push(chunk.subarray(start, i))
      const text = Buffer.concat(this.chunks).toString('utf8')
      this.chunks = []
      start = i + 1
      let message: CdpMessage
      try {
        message = JSON.parse(text) as CdpMessage
      } catch {
        this.close(new Error('DevTools 管道上收到无法解析的消息'))
        return
      }
      this.dispatch(message)
    }
    if (start < chunk.length) this.chunks.push(chunk.subarray(start))
  }

  private dispatch(m: CdpMessage): void {
    if (m.id !== undefined) {
      const p = this.pending.get(m.id)
      if (!p) return
      this.pending.delete(m.id)
      if (m.error) p.reject(new Error(`${m.error.message} (${m.error.code})`))
      else p.resolve(m.result)
      return
    }
    for (const fn of [...this.listeners]) fn(m)
  }
}
