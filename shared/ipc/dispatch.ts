import { z } from 'zod'
import { type AppError, appError, fail, ok, type Result } from '../errors'
import { CodedError } from '../errors/coded'
import { describeZodError } from '../errors/zodProblems'
import { channelLabels } from './channels'
import { type Channel, contract, isChannel, type ParsedArgsOf, type ResultOf } from './contract'

/** What the main process implements: one async function per channel, receiving already-validated arguments. */
export type Services = { [C in Channel]: (args: ParsedArgsOf<C>) => Promise<ResultOf<C>> }

/**
 * Validates a call against the contract, runs the service and validates its result. Used by the Electron IPC
 * handlers and by the browser-mode bridge alike, so both refuse the same malformed calls before any side effect.
 */
export async function dispatch(services: Services, channel: unknown, rawArgs: unknown): Promise<Result<unknown>> {
  if (!isChannel(channel)) return fail(appError('ipc.unknown-channel', { channel: String(channel).slice(0, 80) }))
  const spec = contract[channel]
  const parsed = spec.args.safeParse(rawArgs)
  if (!parsed.success) {
    return fail(
      appError('ipc.invalid-args', { channel: channelLabels[channel], detail: describeZodError(parsed.error) }),
    )
  }
  let value: unknown
  try {
    const service = services[channel] as (args: unknown) => Promise<unknown>
    value = await service(parsed.data)
  } catch (e) {
    return fail(toAppError(e))
  }
  const checked = spec.result.safeParse(value)
  if (!checked.success) return fail(appError('ipc.invalid-result', { channel: channelLabels[channel] }))
  return ok(checked.data)
}

export function toAppError(e: unknown): AppError {
  if (e instanceof CodedError) return appError(e.code, e.params)
  // A service that validated with `parse` and threw: its ZodError's own message is English JSON.
  if (e instanceof z.ZodError) return appError('ipc.internal', { detail: describeZodError(e) })
  const detail = e instanceof Error ? e.message : String(e)
  return appError('ipc.internal', { detail: detail.slice(0, 300) })
}
