import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices } from '../../../electron/services'
import { startWebServer, type WebServer } from '../../../electron/web/bridgeServer'

let dir: string
let server: WebServer

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'web-'))
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>测试</title>')
  server = await startWebServer({
    rendererDir: dir,
    services: createServices({
      mode: 'web',
      appVersion: '9',
      productName: '司法救助工作台',
      platform: 'linux',
      dataDir: dir,
      exportDir: join(dir, 'x'),
      backupDir: join(dir, 'b'),
    }),
  })
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
})
