import type { RuleRef } from '../findings'

/** One time limit with the rule text and source shown beside the deadline. */
export interface TimeLimit {
  value: number
  rule: RuleRef
}

/**
 * The workflow's time limits. Same shape as `EffectiveRules['timeLimits']` from shared/domain/rulesets.ts, so the
 * rule set in force with local measures merged (`applyLocalMeasures(...).timeLimits`) can be passed as is.
 */
export interface TimeLimits {
  decideWorkingDays: TimeLimit
  notifyCollectionWorkingDays: TimeLimit
  supplementNoticeWorkingDays: TimeLimit
  supplementDays: TimeLimit
  /** Extra working days when an outside body (e.g. 政法委) approves (S16 variant, M); absent nationally. */
  externalApprovalWorkingDays?: TimeLimit & { body: string }
}

const yijian = '《关于建立完善国家司法救助制度的意见（试行）》'
const xize = '人民检察院国家司法救助工作细则'

/**
 * Defaults when no rule set is passed: 10 working days from application to decision and 2 working days from the
 * funds' arrival to the notice to collect (2014 意见, H, S15); 补正 notice within 5 working days and 30 days to
 * supply (细则 as quoted by S8, H for 2016, M for 2021).
 */
export const defaultTimeLimits: TimeLimits = {
  decideWorkingDays: {
    value: 10,
    rule: {
      text: '收到救助申请后十个工作日内，作出是否给予救助和救助金额的决定。',
      source: { document: yijian, confidence: 'H', note: 'S15' },
    },
  },
  notifyCollectionWorkingDays: {
    value: 2,
    rule: {
      text: '救助资金拨付到位后二个工作日内，通知申请人领取。',
      source: { document: yijian, confidence: 'H', note: 'S15' },
    },
  },
  supplementNoticeWorkingDays: {
    value: 5,
    rule: {
      text: '申请材料不齐全的，应当当场或者在五个工作日内一次性告知申请人需要补正的全部材料。',
      source: { document: xize, confidence: 'H', note: 'S8（2016 细则）' },
    },
  },
  supplementDays: {
    value: 30,
    rule: {
      text: '申请人应当自收到补正告知之日起三十日内补正；期满未补正的，视为放弃救助申请。',
      source: { document: xize, confidence: 'H', note: 'S8（2016 细则）' },
    },
  },
}

/** 先行救助 has no day count: "立即" at every step (2016 细则 as quoted by S7, H; S17). */
export const advanceApprovalRule: RuleRef = {
  text: '先行救助：办案部门立即告知控申部门，控申部门立即审查并报检察长审批，救助后补办手续。',
  source: { document: '《人民检察院国家司法救助工作细则（试行）》', confidence: 'H', note: 'S7、S17' },
}
