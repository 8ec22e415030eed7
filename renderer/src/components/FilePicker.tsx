import { Button, Space, Typography } from 'antd'
import { useRef } from 'react'

/**
 * Picks one file with a Chinese button and names the file chosen (the browser's own file control labels itself in
 * the browser's language). The hidden input keeps `inputLabel` as its accessible name; it is emptied after each
 * pick, so picking the same file again is a new pick.
 */
export function FilePicker({
  label,
  inputLabel,
  accept,
  chosen,
  disabled,
  onPick,
}: {
  label: string
  inputLabel: string
  accept: string
  chosen?: string
  disabled?: boolean
  onPick: (file: File | undefined) => void
}) {
  const input = useRef<HTMLInputElement>(null)
  return (
    <Space wrap>
      <Button onClick={() => input.current?.click()} disabled={disabled}>
        {label}
      </Button>
      <Typography.Text type="secondary">{chosen ?? '未选择文件'}</Typography.Text>
      <input
        ref={input}
        type="file"
        accept={accept}
        aria-label={inputLabel}
        style={{ display: 'none' }}
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          onPick(file)
        }}
      />
    </Space>
  )
}
