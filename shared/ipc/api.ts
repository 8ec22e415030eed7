import type { Result } from '../errors'
import { channelNames } from './channels'
import type { ArgsOf, Channel, ResultOf } from './contract'

/** 'auth:hashPassword' → 'authHashPassword' */
type MethodName<C extends string> = C extends `${infer A}:${infer B}` ? `${A}${Capitalize<B>}` : never

export type DesktopApi = {
  [C in Channel as MethodName<C>]: (args: ArgsOf<C>) => Promise<Result<ResultOf<C>>>
}

export type Invoke = (channel: Channel, args: unknown) => Promise<Result<unknown>>

export function methodName(channel: string): string {
  const [a, b] = channel.split(':')
  return a + b.charAt(0).toUpperCase() + b.slice(1)
}

/**
 * Builds `window.api` from the contract and one transport: ipcRenderer.invoke in the preload, fetch to the
 * loopback bridge in browser mode. Exactly the contract's channels are exposed, nothing else.
 */
export function createApi(invoke: Invoke): DesktopApi {
  const api: Record<string, (args: unknown) => Promise<Result<unknown>>> = {}
  for (const channel of channelNames) {
    api[methodName(channel)] = (args: unknown) => invoke(channel, args ?? {})
  }
  return Object.freeze(api) as unknown as DesktopApi
}
