import type { RecordCheck } from '@shared/audit/records'
import { Alert } from 'antd'
import { useSyncExternalStore } from 'react'
import {
  type AnchorAnswer,
  type JiuzhuDb,
  type Profile,
  START_CHECK_TABLES,
  syncAuditAnchor,
  verifyStoredRecords,
  watchAuditHead,
} from '../db'
import { api } from '../platform/api'

/**
 * 审计校验点 in the page (docs/security.md §5): at every start, after each sign-in and after every committed write, the
 * audit head goes to the main process, which compares it with the anchor it keeps and moves the anchor along the
 * chain. At start the small tables that grant rights or name the office (accounts, units, settings, exchange state)
 * are also compared with the audit log. Whatever does not match shows as a red banner on every screen that cannot
 * be closed; the main process refuses every bundle export meanwhile.
 */
export interface AuditWatchState {
  anchor?: AnchorAnswer
  /** The anchor could not be asked (the bridge or IPC failed). */
  anchorError?: string
  /** The start-up comparison of accounts, units, settings and exchange state with the audit log. */
  records?: RecordCheck
  /** Said once: the anchor was established now over existing entries (first start of this version, or deleted). */
  notice?: string
  checkedAt?: string
}

const BAD = new Set(['behind', 'diverged', 'missing', 'forged'])
let state: AuditWatchState = {}
const listeners = new Set<() => void>()

function set(patch: Partial<AuditWatchState>): void {
  state = { ...state, ...patch, checkedAt: new Date().toISOString() }
  for (const l of listeners) l()
}

export function useAuditWatch(): AuditWatchState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => state,
  )
}

export function anchorIsBad(s: AuditWatchState): boolean {
  return Boolean(s.anchor && BAD.has(s.anchor.state))
}

let running: Promise<void> | undefined
let again = false

/** Set up in this session (first-run setup, a restore, the demo load): an anchor established now is expected. */
let quiet = false

let againCount = false

/**
 * Reports the head once (queued behind a report in flight, never two at once). `count: false` after a write: the log
 * is counted at start, after sign-in and at 校验审计链.
 */
export function recheckAnchor(db: JiuzhuDb, profile: Profile, count = true): Promise<void> {
  if (running) {
    again = true
    againCount ||= count
    return running
  }
  let withCount = count
  running = (async () => {
    try {
      do {
        again = false
        const res = await syncAuditAnchor(db, api, profile, { count: withCount })
        withCount = againCount
        againCount = false
        if (!res) continue
        if (res.ok) {
          const established = res.value.state === 'established' && res.value.detail && !quiet
          set({ anchor: res.value, anchorError: undefined, ...(established ? { notice: res.value.detail } : {}) })
        } else set({ anchorError: res.error.message })
      } while (again)
    } finally {
      running = undefined
    }
  })()
  return running
}

/** Compares the small tables with the audit log (start-up and after sign-in). */
export async function recheckRecords(db: JiuzhuDb): Promise<void> {
  try {
    set({ records: await verifyStoredRecords(db, { tables: START_CHECK_TABLES, byRecord: true }) })
  } catch {
    // a failed read is the database's problem, shown where it is used
  }
}

/**
 * Starts watching a profile: one check now, then after every committed write (debounced). `setUpNow`: the profile
 * was set up (or restored, or loaded with demo data) in this session, so no notice that the anchor was established.
 */
export function watchAudit(db: JiuzhuDb, profile: Profile, setUpNow = false): () => void {
  state = {}
  quiet = setUpNow
  void recheckAnchor(db, profile)
  void recheckRecords(db)
  let timer: ReturnType<typeof setTimeout> | undefined
  let first = true
  const stop = watchAuditHead(db, () => {
    if (first) {
      first = false
      return
    }
    clearTimeout(timer)
    timer = setTimeout(() => void recheckAnchor(db, profile, false), 150)
  })
  return () => {
    clearTimeout(timer)
    stop()
  }
}

/** The red banner (cannot be closed) while the audit log and the anchor or the records disagree. */
export function AuditBanner() {
  const s = useAuditWatch()
  const mismatches = s.records?.mismatches ?? []
  return (
    <>
      {anchorIsBad(s) && (
        <Alert
          type="error"
          showIcon
          banner
          role="alert"
          data-testid="audit-anchor-banner"
          title={`审计记录与本机保存的校验点不一致：${s.anchor?.detail}`}
          description="审计记录在本软件之外被删除或改写，或本院数据被换成了较早的备份。查明之前本机不能导出数据包。请系统管理员在“用户与审计 → 审计日志”中查看校验点情况并报告；确属从备份恢复等正当原因的，可在该处写明原因后重新建立校验点。"
        />
      )}
      {mismatches.length > 0 && (
        <Alert
          type="error"
          showIcon
          banner
          role="alert"
          data-testid="audit-records-banner"
          title={`${mismatches.length + (s.records?.more ?? 0)} 条账号、单位或设置记录与审计日志不一致（未经本软件改动）`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {mismatches.slice(0, 5).map((m) => (
                <li key={`${m.table}:${m.id}`}>{m.message}</li>
              ))}
              {mismatches.length > 5 && <li>……详见“用户与审计 → 审计日志 → 校验审计链”。</li>}
            </ul>
          }
        />
      )}
      {s.notice && <Alert type="warning" showIcon banner closable title={`审计校验点：${s.notice}。`} />}
      {s.anchorError && <Alert type="warning" showIcon banner title={`无法核对审计校验点：${s.anchorError}`} />}
    </>
  )
}
