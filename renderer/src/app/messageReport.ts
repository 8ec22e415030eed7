import { App } from 'antd'
import type { Report } from './useAction'

/**
 * A `useAction` report for a card without an alert of its own: the outcome shows as a passing message at the top of
 * the window (a refusal as an error message with its Chinese text, a success as a success message).
 */
export function useMessageReport(): Report {
  const { message } = App.useApp()
  return (outcome) => {
    if (!outcome) return
    const text = typeof outcome.detail === 'string' ? `${outcome.title}：${outcome.detail}` : outcome.title
    if (outcome.type === 'error') message.error(text)
    else if (outcome.type === 'warning') message.warning(text)
    else if (outcome.type === 'info') message.info(text)
    else message.success(text)
  }
}
