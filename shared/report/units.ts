import { type UnitLevel, unitLevelLabels, unitLevels } from '../domain/officeSetup'

/** A procuratorate as reports need it: a subset of the unit directory entry (schemas/directory.ts `Unit`). */
export interface ReportUnit {
  code: string
  name: string
  shortName?: string
  level?: UnitLevel
  parentCode?: string
}

/**
 * Whose report it is: the reporting office (填报单位) and, at higher levels, the unit directory, so that records
 * of subordinate offices roll up under their parents. Without a directory every record read is in scope.
 */
export interface ReportScope {
  unitCode: string
  /** Overrides the directory name of the reporting office. */
  unitName?: string
  units?: readonly ReportUnit[]
}

/** One row of a roll-up: its label, which offices it sums, and how it is printed. */
export interface RollupRow {
  label: string
  /** Offices whose figures the row adds up. */
  members: readonly string[]
  style?: 'subtotal' | 'total'
  /** The office of an office row. */
  unitCode?: string
  /** Nesting depth (0 = the reporting office and its direct subordinates' groups). */
  depth: number
}

const INDENT = '　'

/** Index over the directory for one reporting office: which records are in scope and how offices nest. */
export class ScopeIndex {
  readonly root: ReportUnit
  private readonly byCode = new Map<string, ReportUnit>()
  private readonly children = new Map<string, string[]>()
  private readonly inScopeCache = new Map<string, boolean>()
  readonly hasDirectory: boolean
  /** The reporting office has no parent in the directory (offices missing from the directory then count). */
  readonly isTop: boolean

  constructor(readonly scope: ReportScope) {
    for (const u of scope.units ?? []) this.byCode.set(u.code, u)
    this.hasDirectory = this.byCode.size > 0
    for (const u of this.byCode.values()) {
      if (!u.parentCode || u.parentCode === u.code) continue
      const list = this.children.get(u.parentCode)
      if (list) list.push(u.code)
      else this.children.set(u.parentCode, [u.code])
    }
    for (const list of this.children.values()) list.sort()
    const found = this.byCode.get(scope.unitCode)
    this.isTop = !found?.parentCode || !this.byCode.has(found.parentCode)
    this.root = {
      ...(found ?? { code: scope.unitCode, name: scope.unitName ?? scope.unitCode }),
      ...(scope.unitName ? { name: scope.unitName } : {}),
    }
  }

  unit(code: string): ReportUnit | undefined {
    return this.byCode.get(code)
  }

  /** The short name of an office (charts), else its name, else the code. Forms print `fullNameOf`. */
  nameOf(code: string): string {
    if (code === this.root.code) return this.root.shortName || this.root.name
    const u = this.byCode.get(code)
    return u ? u.shortName || u.name : code
  }

  /** The name printed on forms and roll-ups: the full name (…人民检察院), else the code. */
  fullNameOf(code: string): string {
    if (code === this.root.code) return this.root.name
    return this.byCode.get(code)?.name ?? code
  }

  /** True when the office is in the directory. */
  known(code: string): boolean {
    return code === this.root.code || this.byCode.has(code)
  }

  /**
   * True when records owned by `code` belong in this office's reports: the office itself, its subordinates at any
   * depth, and — when the reporting office is the top of the directory given, so that nothing is silently dropped —
   * offices missing from the directory. Offices that the directory places outside the reporting office's subtree
   * are out of scope.
   */
  inScope(code: string): boolean {
    let v = this.inScopeCache.get(code)
    if (v !== undefined) return v
    v = true
    if (this.hasDirectory && code !== this.root.code && !this.byCode.has(code)) v = this.isTop
    else if (this.hasDirectory && code !== this.root.code) {
      v = false
      const seen = new Set<string>()
      for (let c: string | undefined = code; c !== undefined && !seen.has(c); c = this.byCode.get(c)?.parentCode) {
        seen.add(c)
        if (c === this.root.code) {
          v = true
          break
        }
      }
    }
    this.inScopeCache.set(code, v)
    return v
  }

  /** Directory offices of the subtree (the root first, then depth-first by code). */
  subtree(code = this.root.code): string[] {
    const out: string[] = []
    const walk = (c: string, seen: Set<string>) => {
      if (seen.has(c)) return
      seen.add(c)
      out.push(c)
      for (const k of this.children.get(c) ?? []) walk(k, seen)
    }
    walk(code, new Set())
    return out
  }

  childrenOf(code: string): readonly string[] {
    return this.children.get(code) ?? []
  }

  levelOf(code: string): UnitLevel | undefined {
    return code === this.root.code ? this.root.level : this.byCode.get(code)?.level
  }

  /**
   * Rows of a roll-up (汇总表) for the offices in scope, labelled with full names: the reporting office's own row, then for each direct
   * subordinate its subtree — its own row (本院/本级), its subordinates, and a 小计 when it has any — nested to any
   * depth; offices with data but missing from the directory after that; then one 其中 row per level (subtotals by
   * level: 省级院/市级院/基层院) when the scope spans more than one level; and the 合计 last.
   */
  rollupRows(officesWithData: Iterable<string>): RollupRow[] {
    const rows: RollupRow[] = []
    const placed = new Set<string>()
    const emit = (code: string, depth: number): string[] => {
      placed.add(code)
      const kids = this.childrenOf(code).filter((k) => !placed.has(k))
      const label = INDENT.repeat(depth) + this.fullNameOf(code) + (kids.length > 0 ? '（本级）' : '')
      rows.push({ label, members: [code], unitCode: code, depth })
      if (kids.length === 0) return [code]
      const all = [code]
      for (const k of kids) all.push(...emit(k, depth + 1))
      if (code !== this.root.code) {
        rows.push({
          label: `${INDENT.repeat(depth)}${this.fullNameOf(code)}小计`,
          members: all,
          style: 'subtotal',
          depth,
        })
      }
      return all
    }
    const all = emit(this.root.code, 0)
    const outside = [...new Set(officesWithData)].filter((c) => !placed.has(c) && this.inScope(c)).sort()
    for (const code of outside) {
      rows.push({ label: `${INDENT}${code}（未在单位目录中）`, members: [code], unitCode: code, depth: 1 })
      all.push(code)
    }
    const byLevel = new Map<UnitLevel, string[]>()
    for (const code of all) {
      const level = this.levelOf(code)
      if (!level) continue
      const list = byLevel.get(level)
      if (list) list.push(code)
      else byLevel.set(level, [code])
    }
    if (byLevel.size > 1) {
      let first = true
      for (const level of unitLevels) {
        const members = byLevel.get(level)
        if (!members) continue
        rows.push({
          label: `${first ? '其中：' : INDENT.repeat(3)}${unitLevelLabels[level]}`,
          members,
          style: 'subtotal',
          depth: 0,
        })
        first = false
      }
    }
    rows.push({ label: '合计', members: all, style: 'total', depth: 0 })
    return rows
  }
}
