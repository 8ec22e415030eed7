import type { Informing } from '../../domain/schemas'
import type { Block } from '../layout'
import {
  accordingTo,
  applicantOf,
  contactText,
  docNoOf,
  ONE_TIME_SENTENCE,
  personById,
  rulesOf,
  underlyingText,
} from './common'
import { chineseDate } from './format'
import { defineTemplate } from './types'

/**
 * 国家司法救助告知书: the case-handling department tells a party who may be eligible that they can apply (docs/domain-reference.md §5
 * #1, §7; the duty to inform is H: S7, S9 and the SPP 2014 implementing opinion 四; the title is L). Content: the
 * base conditions, how to apply and with which materials, the "一般不予救助" situations, the one-time rule, whom to
 * contact; a receipt line for the party. Produced from the case or from the clue alone.
 */
export const informNotice = defineTemplate({
  id: 'inform-notice',
  title: '国家司法救助告知书',
  states: ['clue', 'informed'],
  steps: ['inform'],
  when: '办案部门告知当事人有权申请国家司法救助时（线索、已告知）',
  gather(ctx, n) {
    const c = ctx.case
    const clue = ctx.clue
    if (!c && !clue) n.fail('救助案件或线索记录')
    const person = applicantOf(ctx) ?? personById(ctx, c?.victimId) ?? personById(ctx, clue?.partyPersonId)
    const partyName = n.need(person?.name ?? clue?.partyName, '当事人姓名（案件未登记申请人或被害人，也没有线索记录）')
    const informing: Informing | undefined = c?.informing ?? clue?.informing
    return { partyName, informing }
  },
  compose({ partyName, informing }, ctx) {
    const rules = rulesOf(ctx)
    const underlying = ctx.case
      ? underlyingText(ctx.case)
      : ctx.clue?.underlyingCaseNo
        ? `${ctx.clue.underlyingCaseNo}案`
        : undefined
    const materials = rules
      ? rules.ruleSet.materials.filter((m) => m.requiredWhen === 'always').map((m) => m.label)
      : ['救助申请书或口头申请笔录', '身份证明', '实际损害结果证明', '生活困难证明', '已获赔偿或救助情况说明']
    const exclusions = rules?.ruleSet.exclusions.map((e) => e.text.replace(/[，,]?一般不予救助[。.]?$/, '')) ?? []
    const date = informing?.date ?? ctx.today
    const blocks: Block[] = [
      {
        kind: 'paragraph',
        text: `本院在办理${underlying ?? '案件'}过程中，了解到你因案件遭受损害，生活可能面临困难。${accordingTo(ctx)}，现将国家司法救助的有关事项告知如下：`,
      },
      {
        kind: 'paragraph',
        text: '一、因犯罪行为或者民事侵权行为遭受人身伤害或者重大财产损失，无法通过诉讼获得有效赔偿，生活面临急迫困难的，可以向本院申请国家司法救助。',
      },
      {
        kind: 'paragraph',
        text: `二、申请应当以书面形式提出；书面申请确有困难的，可以口头申请，由检察人员制作笔录。申请时应当提交：${materials.join('、')}。近亲属、法定代理人代为申请的，还应提交关系证明；委托他人代为申请的，还应提交授权委托书。`,
      },
    ]
    if (exclusions.length) {
      blocks.push({ kind: 'paragraph', text: `三、有下列情形之一的，一般不予救助：${exclusions.join('；')}。` })
    }
    blocks.push({
      kind: 'paragraph',
      text: `${exclusions.length ? '四' : '三'}、${ONE_TIME_SENTENCE}如有疑问，请与本院控告申诉检察部门联系（${contactText(ctx)}）。`,
    })
    const footer = ['本人已收到本告知书。当事人（签名）：　　　　　　　　年　　月　　日']
    return {
      docNo: docNoOf(ctx),
      to: `${partyName}：`,
      blocks,
      sign: { unit: ctx.office.name, date: chineseDate(date) },
      footer,
    }
  },
})
