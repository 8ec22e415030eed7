import type { CdpMessage, CdpPipe } from './cdpPipe'
import { FONT_RESPONSE_HEADERS } from './fonts'
import { PDF_RESPONSE_HEADERS } from './policy'

/** One request the browser has paused, as the job in progress sees it. */
export interface PausedRequest {
  url: string
  resourceType: string
  frameId: string
}

/** What to do with a paused request: answer with the document or a font (base64 body), or refuse it. */
export type RequestAnswer = { kind: 'document'; body: string } | { kind: 'font'; body: string } | { kind: 'refuse' }

const headerList = (h: Readonly<Record<string, string>>) => Object.entries(h).map(([name, value]) => ({ name, value }))
const DOCUMENT_HEADERS = headerList(PDF_RESPONSE_HEADERS)
const FONT_HEADERS = headerList(FONT_RESPONSE_HEADERS)

/**
 * Browser-wide request interception (`Fetch` on the browser session, so every request of every page, frame, worker
 * and browser context pauses here first). Enabled once per browser; each request is handed to the one document
 * being printed (`answerWith`), and refused when none is (a page left over from an earlier document gets nothing).
 */
export async function interceptRequests(
  cdp: CdpPipe,
): Promise<{ answerWith(fn: ((r: PausedRequest) => RequestAnswer) | undefined): void }> {
  let current: ((r: PausedRequest) => RequestAnswer) | undefined
  cdp.on((m: CdpMessage) => {
    if (m.method !== 'Fetch.requestPaused') return
    const { requestId, request, resourceType, frameId } = m.params as {
      requestId: string
      request: { url: string }
      resourceType: string
      frameId: string
    }
    const answer = current?.({ url: request.url, resourceType, frameId }) ?? { kind: 'refuse' }
    const send =
      answer.kind === 'refuse'
        ? // aborted documents leave the frame empty instead of showing an error page in the PDF
          cdp.send(
            'Fetch.failRequest',
            { requestId, errorReason: resourceType === 'Document' ? 'Aborted' : 'BlockedByClient' },
            m.sessionId,
          )
        : cdp.send(
            'Fetch.fulfillRequest',
            {
              requestId,
              responseCode: 200,
              responseHeaders: answer.kind === 'document' ? DOCUMENT_HEADERS : FONT_HEADERS,
              body: answer.body,
            },
            m.sessionId,
          )
    void send.catch(() => {})
  })
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] })
  return {
    answerWith: (fn) => {
      current = fn
    },
  }
}
