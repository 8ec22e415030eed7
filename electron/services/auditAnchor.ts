import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { chmod, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CodedError } from '../../shared/errors/coded'
import { canonicalJson } from '../../shared/util/canonicalJson'
import { writeAtomically } from './files'

/**
 * 审计校验点 (docs/security.md §5): where the office's audit chain stood, kept by the main process outside the page's
 * reach, so that deleting or rewriting audit entries in IndexedDB — through DevTools, a script in the browser profile
 * or by editing its files — shows at the next start and stops every export.
 *
 * One file in the data folder, `audit-anchor.json`, holds for each profile and unit the number of audit entries
 * (`seq`, the last entry's sequence number), the last entry's hash, when it moved and its history (established,
 * re-established with a reason). The whole body is authenticated with HMAC-SHA-256 under a random 32-byte key in
 * `audit-anchor.key`. The key is sealed by the operating system (Electron `safeStorage`: DPAPI, Keychain, Secret
 * Service) when the app runs in Electron with a real keyring; in browser mode, in tests and on Linux without a keyring
 * it is a plain key file with permissions 0600 — it then only stops someone editing the anchor by hand without
 * reading the key, which the audit viewer says (keyProtection: 'file').
 *
 * The anchor moves only along the chain: the renderer reports its head after each write with the links
 * (seq, prevHash, hash) of the entries since the anchor, and the anchor advances only if the first link's prevHash is
 * the anchored hash. A chain rewritten below the anchor therefore never matches it again; entries deleted from the
 * tail leave fewer than the anchor counted. A mismatch found stays found for the life of the process.
 */
export const ANCHOR_FILE = 'audit-anchor.json'
export const ANCHOR_KEY_FILE = 'audit-anchor.key'

export type AnchorProfile = 'office' | 'demo'

/** Seals and unseals the anchor key with the operating system (Electron safeStorage). */
export interface KeyProtector {
  kind: 'safeStorage'
  encrypt(plain: Buffer): Buffer
  decrypt(sealed: Buffer): Buffer
}

export interface AnchorEvent {
  at: string
  kind: 'established' | 'reset'
  seq: number
  hash: string
  fromSeq?: number
  fromHash?: string
  /** What was found when it was re-established (behind, diverged, missing, forged …). */
  found?: string
  reason?: string
  by?: string
}

export interface AnchorEntry {
  profile: AnchorProfile
  unitCode: string
  seq: number
  hash: string
  updatedAt: string
  establishedAt: string
  /** The last 20 events: when the anchor was established and every time an administrator re-established it. */
  history: AnchorEvent[]
  /**
   * The last links the anchor moved over, [seq, hash]: a bundle packed just before the anchor moved on states a
   * head that is on the anchored chain, a little behind it, and is not refused for that.
   */
  recent?: [number, string][]
}

interface AnchorBody {
  version: 1
  /** Every write of the file: a persisted counter, so an older copy of a valid file can be told apart. */
  writes: number
  keyKind: 'safeStorage' | 'file'
  anchors: Record<string, AnchorEntry>
}

export type AnchorState = 'ok' | 'established' | 'need-tail' | 'behind' | 'diverged' | 'missing' | 'forged'
export const BAD_ANCHOR_STATES: readonly AnchorState[] = ['behind', 'diverged', 'missing', 'forged']

export interface AnchorLink {
  seq: number
  prevHash: string
  hash: string
}

export interface AnchorRequest {
  profile: AnchorProfile
  unitCode: string
  /** The last audit entry's sequence number (0 when there is none). */
  seq: number
  /** How many audit entries there are (equals seq for an intact chain). */
  count: number
  /** The last entry's hash (GENESIS when there is none). */
  head: string
  /** Links of the entries after the anchored one, in order (may be empty: the answer then says where to start). */
  links: AnchorLink[]
}

export interface AnchorAnswer {
  state: AnchorState
  /** need-tail: the first sequence number whose link the anchor needs. */
  from?: number
  /** Chinese: what was found (empty when ok). */
  detail: string
  anchor: AnchorEntry | null
  keyProtection: 'safeStorage' | 'file' | null
}

export interface AnchorInfo {
  anchor: AnchorEntry | null
  keyProtection: 'safeStorage' | 'file' | null
  fileState: 'ok' | 'none' | 'missing' | 'forged'
  fileDetail: string
  lastCheck: { state: AnchorState; detail: string; at: string } | null
}

type Loaded =
  | { status: 'none' }
  | { status: 'missing'; detail: string }
  | { status: 'forged'; detail: string }
  | { status: 'ok'; body: AnchorBody; key: Buffer; keyKind: 'safeStorage' | 'file' }

const HISTORY = 20
const RECENT = 64
const anchorKey = (profile: string, unitCode: string) => `${profile}/${unitCode}`

function when(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000)
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 16).replace('T', ' ')
}

function mac(key: Buffer, body: AnchorBody): string {
  return createHmac('sha256', key).update(canonicalJson(body)).digest('hex')
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex')
  const y = Buffer.from(b, 'hex')
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y)
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

export interface AuditAnchors {
  check(req: AnchorRequest): Promise<AnchorAnswer>
  reset(req: AnchorRequest & { reason: string; by: string }): Promise<AnchorAnswer>
  info(profile: AnchorProfile, unitCode: string): Promise<AnchorInfo>
  /** Throws `audit.export-refused` when a bundle carrying `auditHead` must not leave this office. */
  guardExport(unitCode: string, auditHead: { seq: number; hash: string }): Promise<void>
}

export function createAuditAnchors(
  dataDir: string,
  protector?: KeyProtector,
  now: () => string = () => new Date().toISOString(),
): AuditAnchors {
  const file = join(dataDir, ANCHOR_FILE)
  const keyFile = join(dataDir, ANCHOR_KEY_FILE)
  const lastChecks = new Map<string, { state: AnchorState; detail: string; at: string }>()
  let queue: Promise<unknown> = Promise.resolve()
  /** One anchor operation at a time: each reads, checks and rewrites the whole file. */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn)
    queue = run.catch(() => undefined)
    return run
  }

  async function readKey(): Promise<{ key: Buffer; kind: 'safeStorage' | 'file' } | { error: string }> {
    let parsed: { kind?: unknown; sealed?: unknown; key?: unknown }
    try {
      parsed = JSON.parse(await readFile(keyFile, 'utf8'))
    } catch {
      return { error: '校验点密钥文件无法读取' }
    }
    if (parsed.kind === 'file' && typeof parsed.key === 'string' && /^[0-9a-f]{64}$/.test(parsed.key)) {
      return { key: Buffer.from(parsed.key, 'hex'), kind: 'file' }
    }
    if (parsed.kind === 'safeStorage' && typeof parsed.sealed === 'string') {
      if (!protector) return { error: '校验点密钥由操作系统保护，但现在无法使用操作系统的密钥保护' }
      try {
        const key = protector.decrypt(Buffer.from(parsed.sealed, 'base64'))
        if (key.length !== 32) return { error: '校验点密钥无法解开' }
        return { key, kind: 'safeStorage' }
      } catch {
        return { error: '校验点密钥无法解开（不是本机本用户保护的密钥）' }
      }
    }
    return { error: '校验点密钥文件格式不对' }
  }

  async function newKey(): Promise<{ key: Buffer; kind: 'safeStorage' | 'file' }> {
    const key = randomBytes(32)
    if (protector) {
      const sealed = protector.encrypt(key).toString('base64')
      await writeAtomically(keyFile, (tmp) => writeFile(tmp, JSON.stringify({ kind: 'safeStorage', sealed })))
      return { key, kind: 'safeStorage' }
    }
    await writeAtomically(keyFile, (tmp) =>
      writeFile(tmp, JSON.stringify({ kind: 'file', key: key.toString('hex') }), { mode: 0o600 }),
    )
    await chmod(keyFile, 0o600).catch(() => undefined)
    return { key, kind: 'file' }
  }

  async function load(): Promise<Loaded> {
    const hasFile = await exists(file)
    const hasKey = await exists(keyFile)
    if (!hasFile && !hasKey) return { status: 'none' }
    if (!hasFile) {
      return {
        status: 'missing',
        detail: '本机校验点文件不见了（其密钥仍在）：校验点文件被删除或移走',
      }
    }
    if (!hasKey) return { status: 'forged', detail: '本机校验点的密钥文件不见了，校验点无法验证：密钥被删除或移走' }
    const k = await readKey()
    if ('error' in k) return { status: 'forged', detail: `${k.error}，校验点无法验证` }
    let parsed: { body?: AnchorBody; mac?: unknown }
    try {
      parsed = JSON.parse(await readFile(file, 'utf8'))
    } catch {
      return { status: 'forged', detail: '本机校验点文件无法读取或已损坏' }
    }
    const body = parsed.body
    if (
      !body ||
      typeof body !== 'object' ||
      typeof parsed.mac !== 'string' ||
      !/^[0-9a-f]{64}$/.test(parsed.mac) ||
      !sameHex(mac(k.key, body), parsed.mac)
    ) {
      return { status: 'forged', detail: '本机校验点文件的认证码不符：校验点文件被改动或伪造' }
    }
    if (body.version !== 1 || typeof body.anchors !== 'object' || body.anchors === null) {
      return { status: 'forged', detail: '本机校验点文件的版本或格式不对' }
    }
    return { status: 'ok', body, key: k.key, keyKind: k.kind }
  }

  async function save(body: AnchorBody, key: Buffer): Promise<void> {
    const next = { ...body, writes: body.writes + 1 }
    const text = `${JSON.stringify({ body: next, mac: mac(key, next) })}\n`
    await writeAtomically(file, (tmp) => writeFile(tmp, text, { mode: 0o600 }))
  }

  function establish(req: AnchorRequest, at: string, event?: Partial<AnchorEvent>): AnchorEntry {
    return {
      profile: req.profile,
      unitCode: req.unitCode,
      seq: req.seq,
      hash: req.head,
      updatedAt: at,
      establishedAt: at,
      history: [{ at, kind: 'established', seq: req.seq, hash: req.head, ...event }],
    }
  }

  function remember(req: { profile: string; unitCode: string }, answer: AnchorAnswer): AnchorAnswer {
    if (answer.state !== 'need-tail') {
      lastChecks.set(anchorKey(req.profile, req.unitCode), { state: answer.state, detail: answer.detail, at: now() })
    }
    return answer
  }

  /** What the request shows against an anchor, and the anchor after following the links (unchanged when bad). */
  function compare(a: AnchorEntry, req: AnchorRequest): { state: AnchorState; detail: string; from?: number } {
    if (req.count < a.seq || req.seq < a.seq) {
      const have = Math.min(req.count, req.seq)
      return {
        state: 'behind',
        detail: `本机校验点记有 ${a.seq} 条审计记录（${when(a.updatedAt)} 更新），现在只有 ${have} 条：有审计记录被删除，或本院数据被换成了较早的备份`,
      }
    }
    if (req.count < req.seq) {
      return {
        state: 'behind',
        detail: `审计记录的序号到第 ${req.seq} 条，但只有 ${req.count} 条：其中有记录被删除`,
      }
    }
    if (req.seq === a.seq) {
      if (req.head === a.hash) return { state: 'ok', detail: '' }
      return {
        state: 'diverged',
        detail: `第 ${a.seq} 条审计记录的校验值与本机校验点（${when(a.updatedAt)} 更新）不符：该条或其之前的审计记录被改写`,
      }
    }
    return { state: 'need-tail', detail: '', from: a.seq + 1 }
  }

  /** Follows the links from the anchor; returns the advanced anchor or why it cannot advance. */
  function follow(a: AnchorEntry, req: AnchorRequest): { entry: AnchorEntry; state: AnchorState; detail: string } {
    let seq = a.seq
    let hash = a.hash
    const recent: [number, string][] = [...(a.recent ?? [])]
    for (const link of req.links) {
      if (link.seq <= seq) continue
      if (link.seq !== seq + 1 || link.prevHash !== hash) {
        return {
          entry: a,
          state: 'diverged',
          detail: `第 ${link.seq} 条审计记录不接在本机校验点的第 ${a.seq} 条之后（${when(a.updatedAt)} 更新）：第 ${a.seq} 条或其之前的审计记录被改写`,
        }
      }
      recent.push([seq, hash])
      seq = link.seq
      hash = link.hash
      if (seq >= req.seq) break
    }
    if (seq === req.seq && hash !== req.head) {
      return {
        entry: a,
        state: 'diverged',
        detail: `第 ${seq} 条审计记录的校验值与报告的链头不符`,
      }
    }
    const entry = seq === a.seq ? a : { ...a, seq, hash, updatedAt: now(), recent: recent.slice(-RECENT) }
    return { entry, state: seq === req.seq ? 'ok' : 'need-tail', detail: '' }
  }

  async function check(req: AnchorRequest): Promise<AnchorAnswer> {
    const loaded = await load()
    const k = anchorKey(req.profile, req.unitCode)
    if (loaded.status === 'missing' || loaded.status === 'forged') {
      return remember(req, { state: loaded.status, detail: loaded.detail, anchor: null, keyProtection: null })
    }
    // What was found stays found for the life of this process (until an administrator re-establishes the anchor):
    // later writes must not make it look mended, and the renderer reports a cheap head after each write. A new
    // finding replaces it; a report that would be fine does not, and the anchor does not move meanwhile.
    const last = lastChecks.get(k)
    const found = last && BAD_ANCHOR_STATES.includes(last.state) ? last : undefined
    if (loaded.status === 'none' || !loaded.body.anchors[k]) {
      const at = now()
      const key = loaded.status === 'ok' ? { key: loaded.key, kind: loaded.keyKind } : await newKey()
      const body: AnchorBody =
        loaded.status === 'ok' ? loaded.body : { version: 1, writes: 0, keyKind: key.kind, anchors: {} }
      const entry = establish(req, at)
      await save({ ...body, anchors: { ...body.anchors, [k]: entry } }, key.key)
      return remember(req, {
        state: 'established',
        detail:
          req.seq > 0
            ? `本机此前没有本单位的审计校验点（首次使用有校验点的版本，或校验点文件连同其密钥被删除），已按现有的 ${req.seq} 条审计记录建立`
            : '',
        anchor: entry,
        keyProtection: key.kind,
      })
    }
    const a = loaded.body.anchors[k]
    const first = compare(a, req)
    const stillFound = (): AnchorAnswer => ({
      state: found?.state ?? 'behind',
      detail: found?.detail ?? '',
      anchor: a,
      keyProtection: loaded.keyKind,
    })
    if (first.state !== 'need-tail') {
      if (found && first.state === 'ok') return stillFound()
      return remember(req, { ...first, anchor: a, keyProtection: loaded.keyKind })
    }
    const followed = follow(a, req)
    if (found) {
      if (BAD_ANCHOR_STATES.includes(followed.state)) {
        return remember(req, {
          state: followed.state,
          detail: followed.detail,
          anchor: a,
          keyProtection: loaded.keyKind,
        })
      }
      return stillFound()
    }
    if (followed.entry !== a) {
      await save({ ...loaded.body, anchors: { ...loaded.body.anchors, [k]: followed.entry } }, loaded.key)
    }
    const answer: AnchorAnswer = {
      state: followed.state,
      detail: followed.detail,
      anchor: followed.entry,
      keyProtection: loaded.keyKind,
    }
    if (followed.state === 'need-tail') answer.from = followed.entry.seq + 1
    return remember(req, answer)
  }

  async function reset(req: AnchorRequest & { reason: string; by: string }): Promise<AnchorAnswer> {
    const loaded = await load()
    const k = anchorKey(req.profile, req.unitCode)
    const at = now()
    let body: AnchorBody
    let key: { key: Buffer; kind: 'safeStorage' | 'file' }
    let found: string
    let previous: AnchorEntry | undefined
    if (loaded.status === 'ok') {
      body = loaded.body
      key = { key: loaded.key, kind: loaded.keyKind }
      previous = body.anchors[k]
      const last = lastChecks.get(k)
      found = !previous ? '无校验点' : last && BAD_ANCHOR_STATES.includes(last.state) ? last.detail : ''
    } else {
      // A damaged or unverifiable file is kept beside the new one for whoever investigates.
      if (loaded.status === 'forged' && (await exists(file))) await rename(file, `${file}.replaced-${Date.now()}`)
      if (loaded.status !== 'none' && (await exists(keyFile))) {
        await rename(keyFile, `${keyFile}.replaced-${Date.now()}`)
      }
      key = await newKey()
      body = { version: 1, writes: 0, keyKind: key.kind, anchors: {} }
      found = loaded.status === 'none' ? '无校验点' : loaded.detail
    }
    const event: AnchorEvent = {
      at,
      kind: 'reset',
      seq: req.seq,
      hash: req.head,
      ...(previous ? { fromSeq: previous.seq, fromHash: previous.hash } : {}),
      ...(found ? { found: found.slice(0, 300) } : {}),
      reason: req.reason.slice(0, 300),
      by: req.by.slice(0, 60),
    }
    const entry: AnchorEntry = previous
      ? {
          ...previous,
          seq: req.seq,
          hash: req.head,
          updatedAt: at,
          recent: [],
          history: [...previous.history, event].slice(-HISTORY),
        }
      : { ...establish(req, at), history: [event] }
    await save({ ...body, anchors: { ...body.anchors, [k]: entry } }, key.key)
    return remember(req, { state: 'ok', detail: '', anchor: entry, keyProtection: key.kind })
  }

  async function info(profile: AnchorProfile, unitCode: string): Promise<AnchorInfo> {
    const loaded = await load()
    const last = lastChecks.get(anchorKey(profile, unitCode)) ?? null
    if (loaded.status !== 'ok') {
      return {
        anchor: null,
        keyProtection: null,
        fileState: loaded.status,
        fileDetail: loaded.status === 'none' ? '' : loaded.detail,
        lastCheck: last,
      }
    }
    return {
      anchor: loaded.body.anchors[anchorKey(profile, unitCode)] ?? null,
      keyProtection: loaded.keyKind,
      fileState: 'ok',
      fileDetail: '',
      lastCheck: last,
    }
  }

  async function guardExport(unitCode: string, head: { seq: number; hash: string }): Promise<void> {
    const loaded = await load()
    if (loaded.status === 'missing' || loaded.status === 'forged') {
      throw new CodedError('audit.export-refused', { detail: loaded.detail })
    }
    if (loaded.status === 'none') return
    const mine = Object.values(loaded.body.anchors).filter((a) => a.unitCode === unitCode)
    if (mine.length === 0) return
    const problems: string[] = []
    for (const a of mine) {
      const last = lastChecks.get(anchorKey(a.profile, a.unitCode))
      if (last && BAD_ANCHOR_STATES.includes(last.state)) {
        problems.push(last.detail)
        continue
      }
      if (head.seq < a.seq && (a.recent ?? []).some(([seq, hash]) => seq === head.seq && hash === head.hash)) return
      if (head.seq < a.seq) {
        problems.push(`数据包记载的审计链头是第 ${head.seq} 条，本机校验点记有 ${a.seq} 条：有审计记录被删除`)
        continue
      }
      if (head.seq === a.seq && head.hash !== a.hash) {
        problems.push(`数据包记载的第 ${head.seq} 条审计记录的校验值与本机校验点不符：审计记录被改写`)
        continue
      }
      return
    }
    throw new CodedError('audit.export-refused', { detail: problems[0] })
  }

  return {
    check: (req) => serial(() => check(req)),
    reset: (req) => serial(() => reset(req)),
    info: (profile, unitCode) => serial(() => info(profile, unitCode)),
    guardExport: (unitCode, head) => serial(() => guardExport(unitCode, head)),
  }
}
