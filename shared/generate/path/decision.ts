import type { StageEnd } from './opening'
import type { PathPlanner } from './planner'

/**
 * 受理 and 开始审查 (ex-officio cases take the materials the office obtained at acceptance), and 先行救助 during
 * review when the scenario says so. A case already granted through 先行救助 skips this stage.
 */
export function acceptAndReview(p: PathPlanner): StageEnd {
  if (p.viaAdvance) return 'go'
  const { s, b } = p
  b.wait(0, 2)
  const acceptDate = b.date
  const exMaterials = s.start === 'ex-officio' ? p.received(p.required(false), acceptDate, true) : undefined
  b.step('accept', 'ks', 'accepted', () =>
    exMaterials ? { type: 'accept', date: acceptDate, materials: exMaterials } : { type: 'accept', date: acceptDate },
  )
  if (p.withdrawHere('accepted')) return 'stop'
  b.wait(0, 1)
  p.reviewStart = b.date
  const reviewDate = p.reviewStart
  b.step('begin-review', 'ks', 'review', () => ({ type: 'begin-review', date: reviewDate }))
  if (s.midAdvance) {
    b.wait(0, 2)
    p.viaAdvance = p.startAdvance('review')
  }
  return 'go'
}

/**
 * 审查核实, 提出意见 and approval — once more after a return (review again) or a disagreement (a revised amount) —
 * then the decision: 不予救助 (the path ends) or 救助决定 served.
 */
export function decide(p: PathPlanner): StageEnd {
  if (p.viaAdvance) return 'go'
  const { s, b, rng, f } = p
  p.review()
  if (p.withdrawHere('review')) return 'stop'
  p.propose(f.proposedFen)
  if (p.withdrawHere('opinion')) return 'stop'
  const result = p.approveRound(s.hiccup)
  if (result === 'return') {
    p.review()
    p.propose(f.proposedFen)
    p.approveRound('none')
  } else if (result === 'disagree') {
    p.propose(f.revisedFen)
    p.approveRound('none')
  }
  if (b.ended) return 'stop'
  b.wait(0, 1)
  const decisionDate = b.date
  const service = { serviceDate: decisionDate, serviceMethod: rng.chance(0.8) ? 'in-person' : 'post' } as const
  if (s.outcome === 'refuse') {
    const method = rng.chance(0.7) ? 'in-person' : 'phone'
    b.step('decide-refuse', 'ks', 'refused', () => ({
      type: 'decide-refuse',
      documentNo: p.doc('不救决'),
      ...service,
      explanation: { method, date: decisionDate },
    }))
    return 'stop'
  }
  b.step('decide-grant', 'ks', 'granted', () => ({ type: 'decide-grant', documentNo: p.doc('救决'), ...service }))
  return 'go'
}
