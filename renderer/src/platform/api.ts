import { appError, fail, type Result } from '@shared/errors'
import { createApi, type DesktopApi } from '@shared/ipc/api'
import { readFramed } from '@shared/ipc/framedJson'
import { currentProfile } from '../app/profile'

declare global {
  interface Window {
    api?: DesktopApi
  }
}

const TOKEN_KEY = 'jiuzhu-bridge-token'

/**
 * In Electron the preload has put the contract on window.api. In browser mode (`npm run web`) the same contract
 * is built here over the loopback bridge: the per-run token arrives in the URL fragment once, is kept in
 * sessionStorage for reloads, and is removed from the address bar.
 */
function bridgeToken(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash)
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1])
    history.replaceState(null, '', window.location.pathname + window.location.search)
    return match[1]
  }
  return sessionStorage.getItem(TOKEN_KEY)
}

function webApi(token: string | null): DesktopApi {
  return createApi(async (channel, args): Promise<Result<unknown>> => {
    if (!token) return fail(appError('ipc.unauthorized'))
    try {
      const res = await fetch(`/__bridge/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Bridge-Token': token },
        body: JSON.stringify(args),
      })
      // Framed lines (shared/ipc/framedJson.ts): a large result is rebuilt without ever being one string.
      return (res.body ? await readFramed(res.body) : await res.json()) as Result<unknown>
    } catch (e) {
      return fail(appError('ipc.internal', { detail: e instanceof Error ? e.message : String(e) }))
    }
  })
}

/**
 * Exports from the demo profile are always marked as demo (file name 【演示】, a watermark line on every sheet and
 * page; shared/report/demoMark.ts): the flag is added here, on the way to the main process, so no screen can forget.
 */
function markingDemoExports(base: DesktopApi, demo: boolean): DesktopApi {
  if (!demo) return base
  return Object.freeze({
    ...base,
    excelExportTable: (args) => base.excelExportTable({ ...args, demo: true }),
    excelExportWorkbook: (args) => base.excelExportWorkbook({ ...args, demo: true }),
    pdfRender: (args) => base.pdfRender({ ...args, demo: true }),
  })
}

export const api: DesktopApi = markingDemoExports(window.api ?? webApi(bridgeToken()), currentProfile() === 'demo')
export const isBrowserMode = !window.api
