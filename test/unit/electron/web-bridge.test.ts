import { randomBytes, scryptSync } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices } from '../../../electron/services'
import { startWebServer, type WebServer } from '../../../electron/web/bridgeServer'
import type { Services } from '../../../shared/ipc/dispatch'
import { dispatch } from '../../../shared/ipc/dispatch'
import { encodeFramed, FRAME_CHARS, FramedJsonDecoder, readFramed } from '../../../shared/ipc/framedJson'

let dir: string
let server: WebServer
let services: Services

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'web-'))
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>测试</title>')
  services = createServices({
    mode: 'web',
    appVersion: '9',
    productName: '司法救助工作台',
    platform: 'linux',
    dataDir: dir,
    exportDir: join(dir, 'x'),
    backupDir: join(dir, 'b'),
  })
  server = await startWebServer({ rendererDir: dir, services })
})
afterAll(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

function call(channel: string, body: unknown, headers: Record<string, string>) {
  return fetch(`${server.origin}/__bridge/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}

describe('browser mode: loopback bridge', () => {
  it('listens on 127.0.0.1 on a random port and prints a URL carrying the token in the fragment only', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(server.url).toBe(`${server.origin}/#token=${server.token}`)
    expect(server.token.length).toBeGreaterThanOrEqual(32)
  })

  it('serves the renderer with the CSP header, and nothing outside its folder', async () => {
    const res = await fetch(`${server.origin}/`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    const traversal = await fetch(`${server.origin}/..%2f..%2fetc%2fpasswd`)
    expect(traversal.status).toBe(403)
  })

  it('answers a call with the token from its own origin through the same contract', async () => {
    const res = await call('system:info', {}, { 'X-Bridge-Token': server.token, Origin: server.origin })
    const body = await res.json()
    expect(body).toMatchObject({ ok: true, value: { mode: 'web', productName: '司法救助工作台' } })
  })

  it('refuses calls without the token, with a wrong token, or from another origin', async () => {
    for (const headers of <Record<string, string>[]>[
      { Origin: server.origin },
      { 'X-Bridge-Token': 'wrong', Origin: server.origin },
      { 'X-Bridge-Token': server.token, Origin: 'http://evil.example' },
      { 'X-Bridge-Token': server.token },
    ]) {
      const res = await call('system:info', {}, headers)
      expect(res.status).toBe(403)
      const body = await res.json()
      expect(body.ok).toBe(false)
      expect(body.error.message).toMatch(/拒绝执行/)
    }
  })

  it('validates arguments exactly as the Electron IPC does', async () => {
    const res = await call(
      'auth:hashPassword',
      { password: 5 },
      { 'X-Bridge-Token': server.token, Origin: server.origin },
    )
    const body = await res.json()
    expect(body.ok).toBe(false)
    expect(body.error.code).toBe('ipc.invalid-args')
  })

  it('a channel name with a malformed %-encoding is a 400 with a Chinese message, not a 500', async () => {
    const headers = { 'X-Bridge-Token': server.token, Origin: server.origin }
    for (const channel of ['system%3info', '%E0%A4%A', 'system:info%', '%ZZ', '%C0%AF']) {
      const res = await call(channel, {}, headers)
      expect(res.status, channel).toBe(400)
      const body = await res.json()
      expect(body.ok, channel).toBe(false)
      expect(body.error.code, channel).toBe('ipc.invalid-args')
      expect(body.error.message, channel).toContain('调用名称中的百分号编码（%）不正确')
      expect(body.error.message, channel).toContain('操作未执行')
    }
    // a well-formed encoding still reaches the dispatcher (and names the channel)
    const encoded = await call('system%3Ainfo', {}, headers)
    expect(encoded.status).toBe(200)
    expect((await encoded.json()).ok).toBe(true)
  })
})

describe('browser mode: password verification through the bridge', () => {
  const auth = { 'X-Bridge-Token': '', Origin: '' }
  beforeAll(() => {
    auth['X-Bridge-Token'] = server.token
    auth.Origin = server.origin
  })
  const verify = async (password: string, hash: string) =>
    (await readFramed((await call('auth:verifyPassword', { password, hash }, auth)).body!)) as {
      ok: boolean
      value?: { ok: boolean }
      error?: { code: string; message: string }
    }

  it('a hash naming hostile scrypt parameters (logN 20, r 32, p 16) is refused before anything is derived', async () => {
    const hostile = `scrypt$20$32$16$${randomBytes(16).toString('base64')}$${randomBytes(32).toString('base64')}`
    const started = performance.now()
    const body = await verify('Mima2026abc', hostile)
    console.log(`bridge: hostile hash refused in ${(performance.now() - started).toFixed(1)} ms`)
    expect(body).toMatchObject({ ok: false, error: { code: 'auth.unsupported-hash' } })
  })

  it('failures for one hash are answered later and later; a try during the delay is refused', async () => {
    const salt = randomBytes(16)
    const key = scryptSync('Right2026x', salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 })
    const hash = ['scrypt', 15, 8, 1, salt.toString('base64'), key.toString('base64')].join('$')
    const times: number[] = []
    for (let i = 0; i < 3; i++) {
      const started = performance.now()
      expect(await verify(`Wrong2026x${i}`, hash)).toMatchObject({ ok: true, value: { ok: false } })
      times.push(performance.now() - started)
    }
    // the third failure's answer is held back 0.5 s (the two before are free)
    expect(times[2]).toBeGreaterThanOrEqual(450)
    // two tries at once: the first fails (held back 1 s), the second finds the hash still delayed
    const [a, b] = await Promise.all([verify('Wrong2026x3', hash), verify('Right2026x', hash)])
    expect(a).toMatchObject({ ok: true, value: { ok: false } })
    expect(b).toMatchObject({ ok: false, error: { code: 'auth.rate-limited' } })
    expect(b.error?.message).toMatch(/密码尝试过于频繁，请 \d+ 秒后再试/)
    console.log(`bridge: failure answers ${times.map((t) => t.toFixed(0)).join(', ')} ms; a parallel try refused`)
    // after the delay the right password is accepted and clears the count
    expect(await verify('Right2026x', hash)).toMatchObject({ ok: true, value: { ok: true } })
  })
})

describe('framed results: one of any size never becomes a single string', () => {
  it('large arrays at any object path travel as frames and come back equal; small results stay plain JSON', () => {
    const big = Array.from({ length: 500 }, (_, i) => ({ id: `r${i}`, text: '案'.repeat(i % 40), n: i }))
    const value = {
      ok: true,
      value: { meta: { list: [1, 2, 3] }, tables: { cases: big, empty: [], persons: big.slice(0, 3) }, scans: big },
    }
    const lines = [...encodeFramed(value, { inlineChars: 1000, frameChars: 4000 })]
    expect(lines.length).toBeGreaterThan(10)
    for (const line of lines.slice(0, -1)) expect(line.length).toBeLessThan(4000 + 200)
    expect(JSON.parse(lines[lines.length - 1])).toEqual({
      ok: true,
      value: { meta: { list: [1, 2, 3] }, tables: { cases: [], empty: [], persons: big.slice(0, 3) }, scans: [] },
    })
    const decoder = new FramedJsonDecoder()
    for (const line of lines) decoder.line(line)
    expect(decoder.finish()).toEqual(value)
    expect([...encodeFramed({ ok: true, value: { a: [1] } })]).toEqual(['{"ok":true,"value":{"a":[1]}}'])
  })

  it('a frame that names no empty array of the result is refused', () => {
    for (const lines of [
      ['{"at":["value","x"],"items":[1]}', '{"value":{"x":[2]}}'],
      ['{"at":["value","y"],"items":[1]}', '{"value":{}}'],
      ['{"at":["value","x","z"],"items":[1]}', '{"value":{"x":[]}}'],
      ['{"items":[1]}', '{"value":{}}'],
    ]) {
      const decode = () => {
        const decoder = new FramedJsonDecoder()
        for (const line of lines) decoder.line(line)
        return decoder.finish()
      }
      expect(decode).toThrow('桥接响应格式不正确')
    }
  })

  it('an exchange:open result larger than V8 can hold as one string reaches the page intact through the bridge', async () => {
    // A real open result's shape (manifest from a real bundle), with records whose JSON is six times their size in
    // memory (control characters are escaped as \u0001): ~600 million characters of JSON, 100 MB held.
    const keys = await services['exchange:createKeys']({ unitCode: '110105', passphrase: 'Jiceng2026ab' })
    const packed = await services['exchange:pack']({
      sealed: keys.sealed,
      passphrase: 'Jiceng2026ab',
      kind: 'enrollment',
      sender: { unitCode: '110105', unitName: '北京市朝阳区人民检察院', level: 'basic' },
      receiver: null,
      channelSeq: 1,
      prevBundleHash: null,
      origins: [],
      auditHead: { seq: 0, hash: '0'.repeat(64) },
      tables: { units: [{ code: '110105' }] },
    })
    const record = { id: '110105-01KJV95K80KRZ9GV283ZJGDH4X', note: '\u0001'.repeat(1000) }
    const count = 100_000
    const result = {
      manifest: packed.manifest,
      bundleHash: packed.bundleHash,
      senderTrusted: true,
      senderFingerprint: 'ZT3B2-07M9A-F902E-65173',
      tables: { cases: Array.from({ length: count }, () => record), units: [{ code: '110105' }] },
    }
    const big = await startWebServer({
      rendererDir: dir,
      services: { ...services, 'exchange:open': async () => result },
    })
    try {
      const res = await fetch(`${big.origin}/__bridge/exchange:open`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Bridge-Token': big.token, Origin: big.origin },
        body: JSON.stringify({ bytes: 'AAAA', expectedReceiverUnit: '100000', trusted: [], allowEnrollment: false }),
      })
      let bytes = 0
      let longestLine = 0
      let lineLength = 0
      const counted = (res.body as ReadableStream<Uint8Array>).pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, out) {
            bytes += chunk.length
            let from = 0
            for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) {
              longestLine = Math.max(longestLine, lineLength + i - from)
              lineLength = 0
              from = i + 1
            }
            lineLength += chunk.length - from
            out.enqueue(chunk)
          },
        }),
      )
      const body = (await readFramed(counted)) as { ok: boolean; value: typeof result }
      expect(bytes).toBeGreaterThan(2 ** 29) // V8's longest string is 2^29 − 24 characters
      expect(longestLine).toBeLessThan(FRAME_CHARS + 7_000)
      expect(body.ok).toBe(true)
      expect(body.value.manifest).toEqual(packed.manifest)
      expect(body.value.tables.units).toEqual([{ code: '110105' }])
      expect(body.value.tables.cases).toHaveLength(count)
      expect(body.value.tables.cases[0]).toEqual(record)
      expect(body.value.tables.cases[count - 1]).toEqual(record)
      // Electron's IPC runs the same dispatch and structured-clones its value: the same result either way.
      const direct = await dispatch({ ...services, 'exchange:open': async () => result }, 'exchange:open', {
        bytes: 'AAAA',
        expectedReceiverUnit: '100000',
        trusted: [],
        allowEnrollment: false,
      })
      expect(structuredClone(direct)).toMatchObject({ ok: true, value: { bundleHash: packed.bundleHash } })
    } finally {
      await big.close()
    }
  }, 180_000)
})
