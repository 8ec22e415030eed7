import type { MessageParams } from '../../errors/types'
import { workflowMessages } from '../../errors/workflow'
import type { Refusal, RefusalCode } from './types'

/** Builds a refusal with its Chinese message from the one table (shared/errors/workflow.ts). */
export function refusal(code: RefusalCode, params: MessageParams = {}): Refusal {
  return { code, message: workflowMessages[`workflow.${code}`](params), params }
}
