import { forEachRecord, type InputTally } from '../../source'
import type { StatsInput, StatsLedgerEntry } from './input'
import { F, O_FUND, O_FUNDS, type OfficeStats } from './lines'
import type { StatsPass } from './pass'

/**
 * 九 收到救助资金: allocations and donation entries in the period, net of the reversals dated in the period; entries
 * of 小额应急性帮扶 cases are left out. A reversal names its target, which may come before or after it. Reversals
 * are rare, so when the ledger source can be read again (an array or a function) the targets are looked up in a
 * second, cheap pass only if there are any; a one-shot stream instead keeps every counted entry's source by id
 * during the pass.
 */
export async function countLedger(
  pass: StatsPass,
  ledger: StatsInput['ledger'],
  smallCases: ReadonlySet<string>,
): Promise<void> {
  const reiterable = Array.isArray(ledger) || typeof ledger === 'function'
  const incoming = new Map<string, string>()
  const reversals: { office: OfficeStats; target: string; fen: number }[] = []
  const smallHit = (e: StatsLedgerEntry, h: InputTally['hasher']) => {
    // only whether the entry belongs to a small-emergency case matters to the figures, so only that is hashed
    if (e.caseId === undefined || !h.b01(smallCases.has(e.caseId))) return false
    pass.excluded.smallEmergencyRelated++
    return true
  }
  await forEachRecord(ledger, (e) => {
    const h = pass.tally.begin(e)
    const o = pass.admit(e)
    if (o) {
      const kind = h.s(e.kind)
      if (kind === 'allocation' || kind === 'donation') {
        if (!smallHit(e, h)) {
          const source = h.s(e.fundSource)
          if (!reiterable) incoming.set(e.id, source)
          if (pass.within(h.day(e.date))) {
            const fen = h.n(e.amountFen)
            o.v[O_FUNDS + F] += fen
            const off = O_FUND.get(source)
            if (off !== undefined) o.v[off + F] += fen
          }
        }
      } else if (kind === 'reversal' && !smallHit(e, h)) {
        const d = h.day(e.date)
        const target = h.s(e.reversesId)
        if (pass.within(d) && target !== undefined) reversals.push({ office: o, target, fen: h.n(e.amountFen) })
      }
    }
    pass.tally.end('ledger', e.ownerUnit, e.rev)
  })
  if (reversals.length > 0 && reiterable) {
    const targets = new Set(reversals.map((r) => r.target))
    await forEachRecord(ledger, (e) => {
      if ((e.kind === 'allocation' || e.kind === 'donation') && targets.has(e.id) && !e.voided) {
        if (pass.scope.inScope(e.ownerUnit) && !(e.caseId !== undefined && smallCases.has(e.caseId))) {
          incoming.set(e.id, e.fundSource)
        }
      }
    })
  }
  for (const r of reversals) {
    const source = incoming.get(r.target)
    if (source === undefined) continue
    r.office.v[O_FUNDS + F] -= r.fen
    const off = O_FUND.get(source)
    if (off !== undefined) r.office.v[off + F] -= r.fen
  }
}
