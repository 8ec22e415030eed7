import { monthsOf, type Period } from '../../period'
import { InputTally, type Stamped } from '../../source'
import { ScopeIndex } from '../../units'
import type { StatsOptions } from './input'
import { OfficeStats } from './lines'

/**
 * The state of one statistics collection shared by the per-table passes: the period as `YYYYMMDD` numbers, the
 * scope, the per-office counters, what was left out, and the tally of every record read (for the provenance hash).
 */
export class StatsPass {
  readonly period: Period
  /** First and last day of the period as YYYYMMDD numbers (the form FieldHasher.day returns). */
  readonly F0: number
  readonly T0: number
  readonly scope: ScopeIndex
  readonly tally = new InputTally()
  readonly months: string[]
  readonly mCount: number
  readonly offices = new Map<string, OfficeStats>()
  readonly excluded = { smallEmergencyCases: 0, smallEmergencyRelated: 0, voided: 0, outOfScope: 0 }
  /** 小额应急性帮扶 granted in the period: left out of the figures, stated in a footnote. */
  readonly small = { cases: 0, grantedFen: 0 }
  /** Category codes of granted cases seen (rows beyond the rule sets' in force). */
  readonly seenCategories = new Set<string>()
  private readonly y0: number
  private readonly m0: number
  private lastCode = ''
  private last: OfficeStats | undefined

  constructor(options: StatsOptions) {
    this.period = options.period
    this.F0 = Number(this.period.from.replaceAll('-', ''))
    this.T0 = Number(this.period.to.replaceAll('-', ''))
    this.scope = new ScopeIndex(options.scope)
    this.months = monthsOf(this.period)
    this.mCount = this.months.length
    this.y0 = Number(this.period.from.slice(0, 4))
    this.m0 = Number(this.period.from.slice(5, 7))
  }

  /** True when a YYYYMMDD day (0 when absent) is in the period. */
  within(ymd: number): boolean {
    return ymd >= this.F0 && ymd <= this.T0
  }

  /** Index of the month of a YYYYMMDD day in the period's months (may be outside 0..mCount-1). */
  monthIndex(ymd: number): number {
    return (Math.floor(ymd / 10_000) - this.y0) * 12 + (Math.floor(ymd / 100) % 100) - this.m0
  }

  /** Filters common to every table; returns the office's counters, or undefined when the record is not counted. */
  admit(r: Stamped): OfficeStats | undefined {
    if (r.voided) {
      this.excluded.voided++
      return undefined
    }
    const o = this.officeFor(r.ownerUnit)
    if (!o) this.excluded.outOfScope++
    return o
  }

  private officeFor(code: string): OfficeStats | undefined {
    if (code === this.lastCode && this.last) return this.last
    let o = this.offices.get(code)
    if (!o) {
      if (!this.scope.inScope(code)) return undefined
      o = new OfficeStats(this.mCount)
      this.offices.set(code, o)
    }
    this.lastCode = code
    this.last = o
    return o
  }
}
