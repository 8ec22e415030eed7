import { App, Button, Space, Typography } from 'antd'
import type { ReactNode } from 'react'
import { api, isBrowserMode } from '../platform/api'

type Purpose = 'open' | 'print' | 'reveal'

const isPdf = (path: string) => path.toLowerCase().endsWith('.pdf')

/**
 * 打开 / 打印 a file this app has just written to its export folder (IPC `files:open`, which refuses any other path).
 * Desktop: the system's program opens it, and prints from its own 打印 (`reveal`: its folder is shown instead). Browser mode: a new tab shows it (a PDF in
 * the browser's viewer, which has 打印; an Excel file is handed over as a download). The tab is opened at the click,
 * before the call returns, so no popup blocker stops it.
 */
export function useOpenExported(): (path: string, purpose: Purpose) => Promise<void> {
  const { message } = App.useApp()
  return async (path, purpose) => {
    const tab = isBrowserMode ? window.open('', '_blank') : null
    const res = await api.filesOpen({ path, purpose })
    if (!res.ok) {
      tab?.close()
      message.error(res.error.message)
      return
    }
    if (res.value.url) {
      if (tab) tab.location.href = res.value.url
      else window.open(res.value.url, '_blank')
      if (purpose === 'print') message.info('已在新标签页中打开，请点击其中的打印按钮（或按 Ctrl+P）。')
    } else {
      message.info(
        purpose === 'print'
          ? '已用系统程序打开，请在其中选择“打印”。'
          : purpose === 'reveal'
            ? '已在文件夹中显示。'
            : '已用系统程序打开。',
      )
    }
  }
}

/** The buttons under a message about a written file: 打开, and 打印 for a PDF. */
export function ExportedFileActions({ path }: { path: string }) {
  const open = useOpenExported()
  return (
    <Space size="small">
      <Button size="small" onClick={() => void open(path, 'open')}>
        打开
      </Button>
      {isPdf(path) && (
        <Button size="small" onClick={() => void open(path, 'print')}>
          打印
        </Button>
      )}
    </Space>
  )
}

/** Where a file was saved, with 打开 / 打印: the body of every “已生成 / 已导出” message about a PDF or Excel file. */
export function ExportedFile({ path, children }: { path: string; children?: ReactNode }) {
  return (
    <div>
      {children}
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px', wordBreak: 'break-all' }}>
        保存位置：{path}
      </Typography.Paragraph>
      <ExportedFileActions path={path} />
    </div>
  )
}

/** A notice at the bottom right: “已生成 …” with where it was saved and 打开 / 打印. */
export function useExportedNotice(): (title: string, path: string, detail?: ReactNode) => void {
  const { notification } = App.useApp()
  return (title, path, detail) =>
    notification.success({
      key: path,
      title,
      description: <ExportedFile path={path}>{detail}</ExportedFile>,
      // long enough to reach 打开 / 打印 (the timer pauses while the pointer is over it), and out of the header's way
      duration: 30,
      placement: 'bottomRight',
    })
}
