import { appMessages } from './app'
import { cryptoMessages } from './crypto'
import { exchangeAppMessages, exchangeMessages } from './exchange'
import { legacyImportMessages } from './legacyImport'
import { rulesMessages } from './rules'
import { securityMessages } from './security'
import { storeMessages } from './store'
import { transferMessages } from './transfer'
import type { MessageParams, MessageTable } from './types'
import { updateMessages } from './update'
import { validationMessages } from './validation'
import { workflowMessages } from './workflow'

export type { MessageFn, MessageParams, MessageTable } from './types'

/**
 * The one place where error codes become Chinese text. Each area keeps its table in this folder;
 * adding a code without a message fails to compile wherever the code is raised.
 */
export const messageTables = [
  appMessages,
  exchangeMessages,
  exchangeAppMessages,
  validationMessages,
  rulesMessages,
  workflowMessages,
  transferMessages,
  securityMessages,
  legacyImportMessages,
  storeMessages,
  updateMessages,
  cryptoMessages,
] as const satisfies readonly MessageTable[]

type KeysOf<T> = T extends readonly [infer H, ...infer R] ? keyof H | KeysOf<R> : never
export type ErrorCode = KeysOf<typeof messageTables>

const all: MessageTable = Object.assign({}, ...messageTables)

export interface AppError {
  code: ErrorCode
  message: string
  params?: MessageParams
}

/**
 * The Chinese text of a code. A refusal by a rule of law carries `basis` (the rule's source, shared/domain/findings.ts
 * `citationOf`), and the text then names it: “…（依据：《…》第四部分）”.
 */
export function messageFor(code: ErrorCode, params: MessageParams = {}): string {
  const fn = all[code]
  const text = fn ? fn(params) : `未知错误（${String(code)}）`
  return typeof params.basis === 'string' && params.basis ? `${text}（依据：${params.basis}）` : text
}

export function appError(code: ErrorCode, params: MessageParams = {}): AppError {
  return { code, message: messageFor(code, params), params }
}

export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E }
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value })
export const fail = <E = AppError>(error: E): Result<never, E> => ({ ok: false, error })
