import { Alert } from 'antd'
import type { ReactNode } from 'react'

/** The result of an operation, kept on screen (file paths must stay readable, not vanish like a toast). */
export type Outcome = { type: 'success' | 'error' | 'info' | 'warning'; title: string; detail?: ReactNode }

export function OutcomeAlert({ outcome, testId }: { outcome?: Outcome; testId?: string }) {
  if (!outcome) return null
  return (
    <Alert
      type={outcome.type}
      showIcon
      title={outcome.title}
      description={outcome.detail}
      role={outcome.type === 'error' ? 'alert' : 'status'}
      data-testid={testId}
      style={{ marginBottom: 12 }}
    />
  )
}
