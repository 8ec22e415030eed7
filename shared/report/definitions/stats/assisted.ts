import type { InputTally } from '../../source'
import type { StatsCase } from './input'

/* Who of the persons a case lists is a 救助对象 (docs/reports.md §3 “人数”). */

/**
 * The ID number listed on a case that is not a 救助对象 (docs/reports.md §3 “人数”), or undefined when every listed
 * person is one. When the case names a victim other than the applicant, one of the two is not assisted: a victim who
 * died is not (the close relative who applied is the 救助对象), and when the victim is alive the applicant only acted
 * for them (a minor's parent as 法定代理人, a 委托代理人, a relative applying on the victim's behalf) — the victim is
 * the 救助对象. `personIdNumbers` lists the applicant's ID number first and the victim's second (case.open and the
 * data generator write it so).
 */
export function notAssistedId(c: StatsCase, ids: readonly string[], h: InputTally['hasher']): string | undefined {
  const applicant = h.s(c.applicantId)
  const victim = h.s(c.victimId)
  if (applicant === undefined || victim === undefined || applicant === victim || ids.length < 2) return undefined
  const outcomes = h.list(c.victim?.outcomes)
  const died = outcomes?.includes('death') === true
  const out = ids[died ? 1 : 0]
  return out === ids[died ? 0 : 1] ? undefined : out
}

/** 救助人数 of a case: its distinct listed persons other than `notAssisted`, at least 1. */
export function assistedCount(ids: readonly string[], notAssisted: string | undefined): number {
  const n = ids.length
  let distinct = 0
  outer: for (let i = 0; i < n; i++) {
    if (ids[i] === notAssisted) continue
    for (let j = 0; j < i; j++) if (ids[j] === ids[i]) continue outer
    distinct++
  }
  return distinct === 0 ? 1 : distinct
}
