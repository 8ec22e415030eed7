import type { ErrorCode } from './index'
import type { MessageParams } from './types'

/** Thrown inside services when a coded, user-facing failure happens; the dispatcher turns it into an AppError. */
export class CodedError extends Error {
  readonly code: ErrorCode
  readonly params: MessageParams
  constructor(code: ErrorCode, params: MessageParams = {}) {
    super(code)
    this.name = 'CodedError'
    this.code = code
    this.params = params
  }
}
