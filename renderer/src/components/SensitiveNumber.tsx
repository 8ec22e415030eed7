import type { SensitiveField } from '@shared/domain/masking'
import { maskNumber, sensitiveFieldLabels } from '@shared/domain/masking'
import { App, Button } from 'antd'
import { useState } from 'react'
import { useSession } from '../app/session'
import { revealNumber } from '../db'

/**
 * An ID or bank account number of one of a case's persons, as the role sees it here (shared/domain/access.ts):
 * whole, or masked — with a 显示 button when the role may see it on demand; each 显示 runs the audited command
 * (查看完整证件号码 / 查看完整银行账号) and shows what it returns.
 */
export function SensitiveNumber(props: {
  caseId: string
  personId: string
  field: SensitiveField
  value: string
  view: 'full' | 'reveal' | 'masked'
}) {
  const { store } = useSession()
  const { message } = App.useApp()
  const [revealed, setRevealed] = useState<string>()
  const label = sensitiveFieldLabels[props.field]
  if (props.view === 'full' || revealed !== undefined) {
    return <span data-testid={`number-${props.field}`}>{revealed ?? props.value}</span>
  }
  async function reveal() {
    const res = await store.execute(revealNumber, {
      caseId: props.caseId,
      personId: props.personId,
      field: props.field,
    })
    if (res.ok) setRevealed(res.value)
    else message.error(res.error.message)
  }
  return (
    <span>
      <span data-testid={`number-${props.field}`}>{maskNumber(props.field, props.value)}</span>
      {props.view === 'reveal' && (
        <Button
          type="link"
          size="small"
          onClick={reveal}
          aria-label={`显示完整${label}`}
          title={`显示完整${label}（记入审计日志）`}
        >
          显示
        </Button>
      )}
    </span>
  )
}
