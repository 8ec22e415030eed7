import { appMessages } from './app'
import { exchangeMessages } from './exchange'
import type { MessageParams, MessageTable } from './types'

export type { MessageFn, MessageParams, MessageTable } from './types'

/**
 * The one place where error codes become Chinese text. Each area keeps its table in this folder;
 * adding a code without a message fails to compile wherever the code is raised.
 */
const tables = [appMessages, exchangeMessages] as const satisfies readonly MessageTable[]

type KeysOf<T> = T extends readonly [infer H, ...infer R] ? keyof H | KeysOf<R> : never
export type ErrorCode = KeysOf<typeof tables>

const all: MessageTable = Object.assign({}, ...tables)

export interface AppError {
  code: ErrorCode
  message: string
  params?: MessageParams
}

export function messageFor(code: ErrorCode, params: MessageParams = {}): string {
  const fn = all[code]
  return fn ? fn(params) : `未知错误（${String(code)}）`
}

export function appError(code: ErrorCode, params: MessageParams = {}): AppError {
  return { code, message: messageFor(code, params), params }
}

export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E }
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value })
export const fail = <E = AppError>(error: E): Result<never, E> => ({ ok: false, error })
