import { forEachRecord } from '../../source'
import type { StatsInput } from './input'
import {
  C,
  F,
  GROUP_BIT,
  O_CLUE_SOURCE,
  O_CLUES,
  O_DONATIONS,
  O_DONOR,
  O_FOLLOW_UPS,
  O_INFORMED,
  O_REFERRAL_KIND,
  O_REFERRAL_SOCIAL,
  O_REFERRALS,
  SOCIAL,
} from './lines'
import type { StatsPass } from './pass'

/*
 * The statistics' passes over the tables other than cases and the ledger (cases.ts, ledger.ts): persons (priority
 * groups), clues (一), referrals and follow-ups (八), donations (九). Every record read is tallied.
 */

/** Persons: ID number → priority-group bit mask (only flagged persons are kept); read before the cases. */
export async function readPriorityFlags(pass: StatsPass, persons: StatsInput['persons']): Promise<Map<string, number>> {
  const flags = new Map<string, number>()
  await forEachRecord(persons, (p) => {
    const h = pass.tally.begin(p)
    if (!p.voided) {
      const id = h.s(p.idNumber)
      const list = h.list(p.priorityFlags)
      if (list.length > 0) {
        let mask = flags.get(id) ?? 0
        for (let i = 0; i < list.length; i++) mask |= GROUP_BIT.get(list[i]) ?? 0
        flags.set(id, mask)
      }
    }
    pass.tally.end('persons', p.ownerUnit, p.rev)
  })
  return flags
}

/**
 * Clues by referral date and source. 告知 is counted where it is recorded last: on the case (opening a case from a
 * clue copies the clue's 告知 onto it, cases.ts), and here on clues not (yet) converted to a case.
 */
export async function countClues(pass: StatsPass, clues: StatsInput['clues']): Promise<void> {
  await forEachRecord(clues, (c) => {
    const h = pass.tally.begin(c)
    const o = pass.admit(c)
    if (o) {
      const v = o.v
      if (pass.within(h.day(c.referredOn))) {
        v[O_CLUES + C]++
        const off = O_CLUE_SOURCE[h.s(c.source)]
        if (off !== undefined) v[off + C]++
      }
      const informed = h.day(c.informing?.date)
      if (pass.within(informed) && h.s(c.convertedCaseId) === undefined) {
        v[O_INFORMED + C]++
      }
    }
    pass.tally.end('clues', c.ownerUnit, c.rev)
  })
}

/** 多元救助 by kind, and the cases that had one; those of 小额应急性帮扶 cases are left out. */
export async function countReferrals(
  pass: StatsPass,
  referrals: StatsInput['referrals'],
  smallCases: ReadonlySet<string>,
): Promise<void> {
  await forEachRecord(referrals, (r) => {
    const h = pass.tally.begin(r)
    const o = pass.admit(r)
    if (o) {
      if (smallCases.has(h.s(r.caseId))) pass.excluded.smallEmergencyRelated++
      else if (pass.within(h.day(r.date))) {
        const kind = h.s(r.kind)
        o.v[O_REFERRALS + C]++
        const off = O_REFERRAL_KIND.get(kind)
        if (off !== undefined) o.v[off + C]++
        if (SOCIAL.has(kind)) o.v[O_REFERRAL_SOCIAL + C]++
        o.referralCases.add(r.caseId)
      }
    }
    pass.tally.end('referrals', r.ownerUnit, r.rev)
  })
}

/** 回访 (times); those of 小额应急性帮扶 cases are left out. */
export async function countFollowUps(
  pass: StatsPass,
  followUps: StatsInput['followUps'],
  smallCases: ReadonlySet<string>,
): Promise<void> {
  await forEachRecord(followUps, (f) => {
    const h = pass.tally.begin(f)
    const o = pass.admit(f)
    if (o) {
      if (h.b01(smallCases.has(f.caseId))) pass.excluded.smallEmergencyRelated++
      else if (pass.within(h.day(f.date))) o.v[O_FOLLOW_UPS + C]++
    }
    pass.tally.end('followUps', f.ownerUnit, f.rev)
  })
}

/** 接受社会捐助 by donor kind, by the day received. */
export async function countDonations(pass: StatsPass, donations: StatsInput['donations']): Promise<void> {
  await forEachRecord(donations, (d) => {
    const h = pass.tally.begin(d)
    const o = pass.admit(d)
    if (o && pass.within(h.day(d.receivedOn))) {
      const fen = h.n(d.amountFen)
      o.v[O_DONATIONS + C]++
      o.v[O_DONATIONS + F] += fen
      const off = O_DONOR.get(h.s(d.donor.kind))
      if (off !== undefined) {
        o.v[off + C]++
        o.v[off + F] += fen
      }
    }
    pass.tally.end('donations', d.ownerUnit, d.rev)
  })
}
