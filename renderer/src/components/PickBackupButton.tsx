import type { ResultOf } from '@shared/ipc/contract'
import { encodeBase64 } from '@shared/util/base64'
import { Button } from 'antd'
import { useRef } from 'react'
import { useAction } from '../app/useAction'
import { api, isBrowserMode } from '../platform/api'

type BackupSummary = ResultOf<'backup:pick'>

/**
 * 选择备份文件…: a backup from anywhere on the computer (a USB stick, a download folder) is checked and copied into
 * the backup folder, then listed for restore. Desktop: the system's open dialog (IPC `backup:pick`); browser mode:
 * the browser's file picker, uploaded through the bridge (`backup:import`). A cancelled dialog is not an error.
 */
export function PickBackupButton({
  onPicked,
  onError,
}: {
  onPicked: (backup: BackupSummary) => void
  onError: (message: string) => void
}) {
  const input = useRef<HTMLInputElement>(null)
  const { run: act, busy } = useAction()
  async function run(call: () => ReturnType<typeof api.backupPick>) {
    const res = await act(call, { handles: ['backup.pick-cancelled'] })
    if (res.ok) onPicked(res.value)
    else if (res.error.code !== 'backup.pick-cancelled') onError(res.error.message)
  }
  async function upload(file: File | undefined) {
    if (!file) return
    const bytes = encodeBase64(new Uint8Array(await file.arrayBuffer()))
    await run(() => api.backupImport({ fileName: file.name, bytes }))
    if (input.current) input.current.value = ''
  }
  return (
    <>
      <Button
        loading={busy}
        onClick={() => (isBrowserMode ? input.current?.click() : void run(() => api.backupPick({})))}
      >
        选择备份文件…
      </Button>
      {isBrowserMode && (
        <input
          ref={input}
          type="file"
          accept=".jzbak"
          aria-label="上传备份文件"
          style={{ display: 'none' }}
          onChange={(e) => void upload(e.target.files?.[0])}
        />
      )}
    </>
  )
}
