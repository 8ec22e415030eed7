import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { appError, fail } from '../../shared/errors'
import { channels } from '../../shared/ipc/contract'
import { dispatch, type Services } from '../../shared/ipc/dispatch'
import { isAllowedOrigin } from '../window/policy'

/**
 * Registers one ipcMain handler per contract channel. Each handler first checks that the call comes from the
 * app's own top frame (checklist item 17: validate event.senderFrame), then lets `dispatch` validate the
 * arguments against the contract before the service runs.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, services: Services, origins: readonly string[]): void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, args: unknown) => {
      if (!isTrustedSender(event, origins)) return fail(appError('ipc.sender-denied'))
      return dispatch(services, channel, args)
    })
  }
}

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, origins: readonly string[]): boolean {
  const frame = event.senderFrame
  if (!frame) return false
  if (frame.parent !== null) return false
  return isAllowedOrigin(frame.url, origins)
}
