import { addCalendarDaysDeadline } from '../../domain/calendar'
import { toEpochDay } from '../../domain/dates'
import type { MaterialEntry, MaterialItem } from '../../domain/schemas'
import type { PathPlanner } from './planner'

/** What a stage leaves: the path goes on to the next stage, or it ended (or stopped) here. */
export type StageEnd = 'go' | 'stop'

/**
 * The first action: a clue that stays a clue (start 'none'); 先行救助 straight from the clue; 依职权启动; or an
 * application — with 补正 (answered in time or abandoned) and a refusal as out of scope.
 */
export function openCase(p: PathPlanner): StageEnd {
  const { s, b } = p
  if (s.start === 'none') {
    if (s.stopAt === 'clue') {
      b.stopDate = p.openDate
      b.stopReached = p.openDate <= p.ctx.asOf
    }
    return 'stop'
  }
  p.viaAdvance = s.start === 'advance' && p.startAdvance('clue')
  if (p.viaAdvance) return 'go'
  if (s.start === 'ex-officio') {
    const date = b.date
    p.governing = date
    b.step('start-ex-officio', 'ks', 'ex-officio', () => ({
      type: 'start-ex-officio',
      date,
      reason: '办案中发现被害人因案致困，符合救助条件，依职权启动救助程序。',
    }))
    return p.withdrawHere('ex-officio') ? 'stop' : 'go'
  }
  return apply(p)
}

/** 申请: the materials handed in (some missing when 补正 follows), 补正, withdrawal, and a refusal as out of scope. */
function apply(p: PathPlanner): StageEnd {
  const { s, b, rng } = p
  const date = b.date
  p.governing = date
  const needed = p.required(true)
  const missing: MaterialItem[] =
    s.supplement === 'none'
      ? []
      : rng.sample(
          needed.filter((i) => i !== 'application' && i !== 'identity'),
          rng.int(1, 2),
        )
  const materials = needed.map(
    (item): MaterialEntry =>
      missing.includes(item) ? { item, received: false } : { item, received: true, receivedDate: date },
  )
  const form = rng.chance(0.85) ? 'written' : 'oral'
  const capacity = p.f.capacity
  b.step('apply', 'ks', 'applied', () => ({ type: 'apply', date, form, capacity, materials }))
  if (s.supplement !== 'none') {
    b.wait(0, 5)
    const noticeDate = b.date
    b.step('request-supplement', 'ks', 'needs-supplement', () => ({
      type: 'request-supplement',
      noticeDate,
      missingItems: missing,
    }))
    const due = addCalendarDaysDeadline(noticeDate, p.ctx.rules.at(p.governing).rules.timeLimits.supplementDays.value)
    if (s.supplement === 'abandoned') {
      b.t = toEpochDay(due)
      b.wait(1, 10)
      b.step('deem-abandoned', 'ks', 'abandoned', () => ({ type: 'deem-abandoned' }))
      return 'stop'
    }
    b.wait(3, 25)
    if (b.date > due) b.t = toEpochDay(due)
    const receivedDate = b.date
    const more = p.received(missing, receivedDate)
    b.step('receive-supplement', 'ks', 'applied', () => ({
      type: 'receive-supplement',
      receivedDate,
      materials: more,
    }))
  }
  if (p.withdrawHere('applied')) return 'stop'
  if (s.outOfScope) {
    b.wait(1, 8)
    const d = b.date
    const reasons = [rng.pick(['not-case-related', 'out-of-jurisdiction', 'no-harm'] as const)]
    b.step('refuse-out-of-scope', 'chief', 'refused', () => ({
      type: 'refuse-out-of-scope',
      date: d,
      reasons,
      documentNo: p.doc('不救决'),
      explanation: { method: 'in-person', date: d, note: '当面告知不予救助的理由并解释说明。' },
    }))
    return 'stop'
  }
  return 'go'
}
