import type { Case, CaseState } from '@shared/domain/schemas'
import { approvalCompleteLabel, stateLabelOf } from '@shared/domain/workflow'
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

/**
 * The state of a case as a tag, with the label derived from the record (`stateLabelOf`): a case whose approval round
 * is complete reads “审批完毕，待作出决定”, not “审批中”.
 */
export function StateTag({ record }: { record: Pick<Case, 'state' | 'approvalRound' | 'approvals'> }) {
  const label = stateLabelOf(record)
  const color = label === approvalCompleteLabel ? 'geekblue' : (colors[record.state] ?? 'processing')
  return <Tag color={color}>{label}</Tag>
}
