import { ConfigProvider, Space } from 'antd'
import type { ReactNode } from 'react'

/** One line of a hand-laid form: a label, its inputs, and each problem with it in red underneath. */
export function FieldRow({
  label,
  errors,
  labelWidth = 200,
  children,
}: {
  label?: string
  errors: string[]
  labelWidth?: number
  children: ReactNode
}) {
  return (
    <div>
      <Space wrap>
        {label && <span style={{ display: 'inline-block', minWidth: labelWidth }}>{label}</span>}
        {children}
      </Space>
      {errors.map((e) => (
        <div key={e} style={{ color: '#cf1322', marginLeft: label ? labelWidth + 8 : 0 }} role="alert">
          {e}
        </div>
      ))}
    </div>
  )
}

/**
 * Dropdowns inside a scrolling dialog body open in place (next to their field) rather than on the page body, so
 * they scroll with the field instead of staying behind when the body scrolls.
 */
export function PopupsInPlace({ children }: { children: ReactNode }) {
  return <ConfigProvider getPopupContainer={(el) => el?.parentElement ?? document.body}>{children}</ConfigProvider>
}
