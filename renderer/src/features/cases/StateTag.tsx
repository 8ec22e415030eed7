import { type CaseState, caseStateLabels } from '@shared/domain/schemas'
import { Tag } from 'antd'

const colors: Partial<Record<CaseState, string>> = {
  advance: 'magenta',
  'needs-supplement': 'orange',
  approval: 'blue',
  granted: 'cyan',
  refused: 'default',
  'awaiting-funds': 'gold',
  'awaiting-collection': 'gold',
  paid: 'green',
  archived: 'default',
  withdrawn: 'default',
  abandoned: 'default',
  recovery: 'red',
}

export function StateTag({ state }: { state: CaseState }) {
  return <Tag color={colors[state] ?? 'processing'}>{caseStateLabels[state]}</Tag>
}
