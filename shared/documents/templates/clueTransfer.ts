import { departmentName } from '../../domain/departments'
import {
  clueSourceLabels,
  externalBodyLabels,
  idTypeLabels,
  informMethodLabels,
  partyResponseLabels,
  sexLabels,
} from '../../domain/schemas'
import type { Block, FieldRow } from '../layout'
import { addressOf, personById } from './common'
import { numericDate } from './format'
import { defineTemplate } from './types'

/**
 * 司法救助线索移送表: a case-handling department (or an outside body) hands a clue to the 控申 department: the party,
 * the underlying case, the family's living conditions and whether the party was told of the right to apply
 * (docs/domain-reference.md §5 #0, §10.1 item 1; H: S33 杭锦旗, local). Rows for the sending and receiving departments' signatures.
 */
export const clueTransfer = defineTemplate({
  id: 'clue-transfer',
  title: '司法救助线索移送表',
  states: ['clue', 'informed'],
  steps: [],
  when: '办案部门发现可能符合救助条件的当事人、向控申部门移送线索时（线索）',
  gather(ctx, n) {
    const clue = n.need(ctx.clue, '线索记录')
    return { clue }
  },
  compose({ clue }, ctx) {
    const person = personById(ctx, clue.partyPersonId)
    const from =
      clue.source === 'case-department'
        ? clue.originDepartment
          ? departmentName(clue.originDepartment, ctx.departmentNames)
          : ''
        : (clue.externalBodyName ?? (clue.externalBody ? externalBodyLabels[clue.externalBody] : ''))
    const c = ctx.case
    const informing = clue.informing ?? c?.informing
    const rows: FieldRow[] = [
      [clue.source === 'case-department' ? '移送部门' : '移送单位', from],
      ['移送日期', numericDate(clue.referredOn)],
      ['线索来源', clueSourceLabels[clue.source]],
      ['原案件编号', clue.underlyingCaseNo ?? c?.underlyingCase?.caseNo ?? ''],
      ['当事人姓名', clue.partyName],
      ['性别', person?.sex ? sexLabels[person.sex] : ''],
      ['证件号码', person ? `${person.idNumber}（${idTypeLabels[person.idType]}）` : ''],
      ['联系电话', person?.phone ?? ''],
      ['住址', person ? addressOf(person) : '', 'wide'],
      ['案由（罪名）', c?.underlyingCase?.charge ?? '', 'wide'],
      ['家庭生活状况', clue.livingConditions ?? '', 'wide'],
      [
        '告知情况',
        informing
          ? `${numericDate(informing.date)}由${informing.byName}${informMethodLabels[informing.method]}，当事人${partyResponseLabels[informing.response]}${informing.responseNote ? `（${informing.responseNote}）` : ''}`
          : '尚未告知',
        'wide',
      ],
    ]
    const blocks: Block[] = [
      { kind: 'fields', columns: 2, rows },
      {
        kind: 'opinionRows',
        rows: [
          { label: '移送部门意见', text: '' },
          { label: '控申部门接收意见', text: '' },
        ],
      },
    ]
    return {
      layout: 'form',
      blocks,
      footer: ['本表一式两份，移送部门和控告申诉检察部门各存一份。'],
    }
  },
})
