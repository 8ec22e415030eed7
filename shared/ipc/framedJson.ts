/**
 * Results of any size over browser mode's loopback bridge (docs/exchange.md “大的结果经浏览器模式的桥接返回”). One `JSON.stringify` of a
 * large province's opened archive is ~0.5 GB of text, near V8's maximum string length, on both ends. So the bridge
 * answers a stream of lines, none of them large:
 *   - zero or more **frame** lines `{"at":[…path…],"items":[…]}`: a slice of a large array at that path of the
 *     result (object keys only, never into arrays), in order; frames of one path concatenate;
 *   - one last **skeleton** line: the result itself with every framed array written as `[]`.
 * A small result is just its JSON and a newline, so any JSON reader still understands it. Arrays are framed when
 * their elements' JSON exceeds `inlineChars`; a frame holds elements up to `frameChars` (an element larger than
 * that goes alone). Electron's IPC structured-clones results and does not need this.
 */
export const FRAME_CHARS = 4 * 1024 * 1024
export const INLINE_CHARS = 64 * 1024

type Path = string[]

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/** The result as lines (without their LF), frames first, the skeleton last. */
export function* encodeFramed(
  value: unknown,
  opts: { frameChars?: number; inlineChars?: number } = {},
): Generator<string> {
  const frameChars = opts.frameChars ?? FRAME_CHARS
  const inlineChars = opts.inlineChars ?? INLINE_CHARS

  function* walk(v: unknown, path: Path): Generator<string, unknown> {
    if (Array.isArray(v)) {
      const at = JSON.stringify(path)
      let pending: string[] = []
      let chars = 0
      let framed = false
      for (const el of v) {
        const text = JSON.stringify(el) ?? 'null'
        if (framed && chars > 0 && chars + text.length > frameChars) {
          yield `{"at":${at},"items":[${pending.join(',')}]}`
          pending = []
          chars = 0
        }
        pending.push(text)
        chars += text.length + 1
        if (!framed && chars > inlineChars) framed = true
      }
      if (!framed) return v
      if (pending.length) yield `{"at":${at},"items":[${pending.join(',')}]}`
      return []
    }
    if (!isPlainObject(v)) return v
    const out: Record<string, unknown> = {}
    for (const [key, child] of Object.entries(v)) {
      if (child === undefined) continue
      out[key] = yield* walk(child, [...path, key])
    }
    return out
  }

  const skeleton = yield* walk(value, [])
  yield JSON.stringify(skeleton) ?? 'null'
}

/** Rebuilds a result from its lines, one line at a time (see {@link encodeFramed}). */
export class FramedJsonDecoder {
  private last: unknown
  private lines = 0
  private readonly arrays = new Map<string, { path: Path; items: unknown[] }>()

  line(text: string): void {
    if (this.lines > 0) this.frame(this.last)
    this.last = JSON.parse(text)
    this.lines++
  }

  private frame(f: unknown): void {
    if (!isPlainObject(f) || !Array.isArray(f.at) || !Array.isArray(f.items)) throw new Error('桥接响应格式不正确')
    if (!f.at.every((k) => typeof k === 'string')) throw new Error('桥接响应格式不正确')
    const key = JSON.stringify(f.at)
    let entry = this.arrays.get(key)
    if (!entry) {
      entry = { path: f.at as Path, items: [] }
      this.arrays.set(key, entry)
    }
    for (const item of f.items) entry.items.push(item)
  }

  /** The whole result; throws when the stream was empty or a frame names no empty array of the skeleton. */
  finish(): unknown {
    if (this.lines === 0) throw new Error('桥接响应为空')
    const root = this.last
    for (const { path, items } of this.arrays.values()) {
      let holder: unknown = root
      for (const key of path.slice(0, -1)) {
        if (!isPlainObject(holder) || !Object.hasOwn(holder, key)) throw new Error('桥接响应格式不正确')
        holder = holder[key]
      }
      const leaf = path[path.length - 1]
      if (leaf === undefined || !isPlainObject(holder) || !Object.hasOwn(holder, leaf)) {
        throw new Error('桥接响应格式不正确')
      }
      const target = holder[leaf]
      if (!Array.isArray(target) || target.length !== 0) throw new Error('桥接响应格式不正确')
      holder[leaf] = items
    }
    return root
  }
}

/** Reads a framed response body chunk by chunk: no string longer than one line is ever built. */
export async function readFramed(body: ReadableStream<Uint8Array>): Promise<unknown> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const out = new FramedJsonDecoder()
  let pieces: string[] = []
  const take = (text: string) => {
    let start = 0
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      pieces.push(text.slice(start, nl))
      const line = pieces.join('')
      pieces = []
      if (line) out.line(line)
      start = nl + 1
    }
    if (start < text.length) pieces.push(text.slice(start))
  }
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    take(decoder.decode(value, { stream: true }))
  }
  take(`${decoder.decode()}\n`)
  return out.finish()
}
