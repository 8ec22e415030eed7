import type { ChainVerdict } from '@shared/audit/chain'
import { auditHashLabels } from '@shared/audit/hashAlg'
import type { RecordCheck } from '@shared/audit/records'
import { commandLabel } from '@shared/domain/permissions'
import { ok } from '@shared/errors'
import { chinaFileStamp } from '@shared/util/clock'
import { Alert, App, Button, DatePicker, Input, Modal, Select, Space, Table, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { anchorIsBad, recheckAnchor, useAuditWatch } from '../../app/auditWatch'
import { useMessageReport } from '../../app/messageReport'
import { useSession } from '../../app/session'
import { useAction } from '../../app/useAction'
import { useExportedNotice } from '../../components/ExportedFile'
import { formatInstant } from '../../components/format'
import {
  type AuditChange,
  type AuditEvent,
  type AuditEventFilter,
  auditCommands,
  listUsers,
  queryAuditEvents,
  storedAuditHead,
  useDbQuery,
  verifyStoredAuditChain,
  verifyStoredRecords,
} from '../../db'
import { api } from '../../platform/api'

const PAGE = 50

/** “案件 朝检控救〔2026〕1号；人员 李四” */
const subjectsText = (e: AuditEvent) => e.subjects.join('；')
/** The filter as the screen offers it, in words (for the exported file's provenance). */
function filterText(f: AuditEventFilter, users: readonly { id: string; displayName: string }[]): string {
  const parts = [
    f.userId && `用户：${users.find((u) => u.id === f.userId)?.displayName ?? '（已删除的用户）'}`,
    f.command && `操作：${commandLabel(f.command)}`,
    f.search && `查找：${f.search}`,
    (f.from || f.to) && `日期：${f.from ?? '最早'} 至 ${f.to ?? '今'}`,
  ].filter(Boolean)
  return parts.length ? parts.join('；') : '全部'
}

const changeText = (c: AuditChange) => c.fields.map((f) => `${f.label}：${f.before} → ${f.after}`).join('；')

/**
 * 审计日志: who did what and when, one line per command (its records and their changes inside), with case numbers,
 * names and Chinese field names resolved when read, times in China time; search by case number, person, user and
 * date; chain verification; Excel export (one row per audit entry) for auditors.
 */
export function AuditTab() {
  const { store, unit, profile } = useSession()
  const [filter, setFilter] = useState<AuditEventFilter>({})
  const [page, setPage] = useState(0)
  const [verdict, setVerdict] = useState<ChainVerdict>()
  const [records, setRecords] = useState<RecordCheck>()
  // two actions that may run side by side, each with its own busy button
  const verification = useAction(useMessageReport())
  const exporting = useAction(useMessageReport())
  const notice = useExportedNotice()
  const users = useDbQuery(() => store.read(listUsers), [store]) ?? []
  const commands = useDbQuery(() => store.read(auditCommands), [store]) ?? []
  const result = useDbQuery(() => store.read(queryAuditEvents, filter, page, PAGE), [store, filter, page])

  /** 校验审计链: the chain, every record against its last audit entry, and the anchor kept by the main process. */
  async function verifyAll() {
    await verification.run(async (s) => {
      setVerdict(await s.read(verifyStoredAuditChain))
      setRecords(await s.read(verifyStoredRecords))
      return ok(await s.read(recheckAnchor, profile))
    })
  }

  function update(patch: Partial<AuditEventFilter>) {
    setFilter((f) => ({ ...f, ...patch }))
    setPage(0)
  }

  async function exportLog() {
    const res = await exporting.run(async (s) => {
      const all = await s.read(queryAuditEvents, filter, 0, Number.MAX_SAFE_INTEGER)
      const rows = all.events.flatMap((e) => e.changes.map((c) => ({ e, c }))).sort((a, b) => a.c.seq - b.c.seq)
      return api.excelExportTable({
        fileName: `审计日志-${chinaFileStamp(Date.now())}`,
        table: {
          title: '审计日志',
          unitName: unit.name,
          periodLabel: filter.from || filter.to ? `${filter.from ?? '最早'} 至 ${filter.to ?? '今'}` : '全部',
          sheetName: '审计日志',
          headerRows: [
            [
              { label: '序号' },
              { label: '时间（北京时间）' },
              { label: '用户' },
              { label: '操作' },
              { label: '数据表' },
              { label: '记录' },
              { label: '变更内容（原值 → 新值）' },
              { label: '校验值' },
            ],
          ],
          columns: [
            { key: 'seq', kind: 'integer', width: 8 },
            { key: 'at', kind: 'text', width: 20 },
            { key: 'user', kind: 'text', width: 12 },
            { key: 'command', kind: 'text', width: 14 },
            { key: 'table', kind: 'text', width: 12 },
            { key: 'entity', kind: 'text', width: 34 },
            { key: 'changes', kind: 'text', width: 80 },
            { key: 'hash', kind: 'text', width: 20 },
          ],
          rows: rows.map(({ e, c }) => [
            c.seq,
            formatInstant(e.at),
            e.userName,
            e.label,
            c.tableLabel,
            c.subject ? `${c.subject}（${c.entityId}）` : c.entityId,
            changeText(c).slice(0, 32_000),
            c.hash,
          ]),
          footnotes: [
            `共 ${rows.length} 条（${all.total} 次操作）。每条记录的校验值由前一条的校验值和本条内容计算，任何改动、删除或调换顺序都会被发现。`,
          ],
          provenance: [
            `导出时间：${formatInstant(new Date().toISOString())}`,
            `筛选条件：${filterText(filter, users)}`,
          ],
        },
      })
    })
    if (res.ok) notice(`已导出 ${res.value.rows} 条审计记录`, res.value.path)
  }

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="用户"
          aria-label="按用户筛选"
          style={{ width: 160 }}
          options={users.map((u) => ({ value: u.id, label: u.displayName }))}
          onChange={(v) => update({ userId: v })}
        />
        <Select
          allowClear
          placeholder="操作"
          aria-label="按操作筛选"
          style={{ width: 180 }}
          options={commands.map((c) => ({ value: c, label: commandLabel(c) }))}
          onChange={(v) => update({ command: v })}
        />
        <Input.Search
          allowClear
          placeholder="案件编号、姓名、证件号码、用户或日期"
          aria-label="查找审计记录"
          style={{ width: 300 }}
          onSearch={(v) => update({ search: v.trim() || undefined })}
        />
        <DatePicker.RangePicker
          aria-label="按日期筛选"
          onChange={(r: [Dayjs | null, Dayjs | null] | null) =>
            update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })
          }
        />
        <Button onClick={verifyAll} loading={verification.busy}>
          校验审计链
        </Button>
        <Button onClick={exportLog} loading={exporting.busy}>
          导出 Excel
        </Button>
      </Space>
      {verdict &&
        (verdict.ok ? (
          <Alert
            type="success"
            showIcon
            role="status"
            style={{ marginBottom: 12 }}
            title={`审计链完整：共 ${verdict.count} 条记录，校验算法 ${auditHashLabels[verdict.alg]}，未发现改动、删除或顺序调换。`}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 12 }}
            title={`审计链在第 ${verdict.brokenAt} 条处断开`}
            description={verdict.message}
          />
        ))}
      {records && <RecordsVerdict records={records} />}
      <AnchorPanel />
      <Table<AuditEvent>
        rowKey={(e) => e.seqs[0]}
        size="small"
        loading={!result}
        dataSource={result?.events ?? []}
        pagination={{
          current: page + 1,
          pageSize: PAGE,
          total: result?.total ?? 0,
          showSizeChanger: false,
          onChange: (p) => setPage(p - 1),
          showTotal: (t) => `共 ${t} 条`,
        }}
        expandable={{ expandedRowRender: (e) => <EventChanges event={e} /> }}
        columns={[
          {
            title: '序号',
            width: 90,
            render: (_, e) => (e.seqs.length > 1 ? `${e.seqs[0]}–${e.seqs.at(-1)}` : e.seqs[0]),
          },
          { title: '时间（北京时间）', render: (_, e) => formatInstant(e.at), width: 170 },
          { title: '用户', render: (_, e) => e.userName, width: 100 },
          { title: '操作', render: (_, e) => e.label, width: 170 },
          { title: '对象', render: (_, e) => subjectsText(e) || '—' },
          { title: '记录', render: (_, e) => `${e.changes.length} 条`, width: 70 },
        ]}
      />
    </div>
  )
}

/** The records one command wrote, each with what it stands for and its fields, old → new. */
function EventChanges({ event }: { event: AuditEvent }) {
  return (
    <div data-testid="audit-event-changes">
      {event.changes.map((c) => (
        <div key={c.seq} style={{ marginBottom: 8 }}>
          <Typography.Text strong>
            第 {c.seq} 条 · {c.tableLabel}
            {c.subject ? ` ${c.subject}` : ''}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
            {c.entityId}
          </Typography.Text>
          <Table
            size="small"
            pagination={false}
            rowKey="field"
            dataSource={c.fields}
            locale={{ emptyText: '内容未变' }}
            columns={[
              { title: '字段', dataIndex: 'label', width: 180 },
              {
                title: '原值',
                width: '38%',
                render: (_, f) => <Typography.Text type="secondary">{f.before}</Typography.Text>,
              },
              { title: '新值', width: '42%', dataIndex: 'after' },
            ]}
          />
        </div>
      ))}
    </div>
  )
}

/** 记录与审计日志: each record's current state against the last audit entry for it. */
function RecordsVerdict({ records }: { records: RecordCheck }) {
  const replicas = records.replicas
    ? `；其他单位的副本 ${records.replicas} 条不逐条比对（其内容由签名的数据包保证，来源单位持有原件）`
    : ''
  if (records.mismatches.length === 0) {
    return (
      <Alert
        type="success"
        showIcon
        role="status"
        style={{ marginBottom: 12 }}
        title={`记录与审计日志一致：${records.checked} 条记录的现状都与审计日志最后记载的相同${replicas}。`}
      />
    )
  }
  const total = records.mismatches.length + records.more
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 12 }}
      title={`${total} 条记录与审计日志不一致：这些记录在本软件之外被改动、添加或删除`}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="records-mismatches">
          {records.mismatches.map((m) => (
            <li key={`${m.kind}:${m.table}:${m.id}`}>{m.message}</li>
          ))}
          {records.more > 0 && <li>另有 {records.more} 条未列出。</li>}
          <li>
            已比对 {records.checked} 条{replicas}。
          </li>
        </ul>
      }
    />
  )
}

const stateLabels: Record<string, string> = {
  ok: '一致',
  established: '已建立',
  'need-tail': '核对中',
  behind: '不一致：审计记录比校验点少',
  diverged: '不一致：审计记录被改写',
  missing: '不一致：校验点文件不见了',
  forged: '不一致：校验点文件被改动或无法验证',
}

/** 审计校验点: what the main process keeps, its state, its history; an administrator may re-establish it. */
function AnchorPanel() {
  const { store, unit, profile, user, actor } = useSession()
  const watch = useAuditWatch()
  const { message } = App.useApp()
  const [resetting, setResetting] = useState(false)
  const [reason, setReason] = useState('')
  const info = useDbQuery(async () => {
    // re-read whenever the watch state changes (the query itself reads the main process)
    void watch.checkedAt
    const res = await api.auditAnchorInfo({ profile, unitCode: unit.code })
    return res.ok ? res.value : undefined
  }, [profile, unit.code, watch.checkedAt])
  const anchor = info?.anchor ?? watch.anchor?.anchor ?? null
  const bad = anchorIsBad(watch)
  const protection =
    info?.keyProtection === 'safeStorage'
      ? '密钥由操作系统保护（safeStorage）'
      : info?.keyProtection === 'file'
        ? '密钥保存在本机数据文件夹中的文件里（仅本用户可读，权限 0600；浏览器模式或操作系统未提供密钥保护）'
        : '无'
  async function reset() {
    if (!actor.roles.includes('admin'))
      return void message.error('只有系统管理员可以重新建立审计校验点。未做任何改动。')
    if (reason.trim().length < 4)
      return void message.error('请写明重新建立审计校验点的原因（至少 4 个字）。未做任何改动。')
    const head = await store.read(storedAuditHead)
    const res = await api.auditResetAnchor({
      profile,
      unitCode: unit.code,
      ...head,
      reason: reason.trim(),
      by: `${user.displayName}（${user.username}）`,
    })
    if (!res.ok) return void message.error(res.error.message)
    setResetting(false)
    setReason('')
    message.success(`已按现有的 ${head.seq} 条审计记录重新建立校验点，原因已记入校验点的历史。`)
    await store.read(recheckAnchor, profile)
  }
  return (
    <div data-testid="audit-anchor-panel" style={{ marginBottom: 12 }}>
      <Alert
        type={bad ? 'error' : watch.anchorError ? 'warning' : 'info'}
        showIcon
        title={
          bad
            ? `审计校验点：${stateLabels[watch.anchor?.state ?? 'ok']}——${watch.anchor?.detail}`
            : watch.anchorError
              ? `审计校验点：无法核对（${watch.anchorError}）`
              : `审计校验点：${stateLabels[watch.anchor?.state ?? 'ok'] ?? '—'}${anchor ? `（第 ${anchor.seq} 条，${formatInstant(anchor.updatedAt)} 更新）` : ''}`
        }
        description={
          <div>
            <div>
              本机主进程在数据文件夹中另行保存审计日志的条数和最后一条的校验值，每次启动、登录、写入后和每次导出数据包前核对；
              {protection}。
            </div>
            {anchor && (
              <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                {anchor.history.map((h) => (
                  <li key={`${h.at}:${h.kind}`}>
                    {formatInstant(h.at)}{' '}
                    {h.kind === 'established'
                      ? `建立（第 ${h.seq} 条）`
                      : `重新建立：${h.fromSeq !== undefined ? `第 ${h.fromSeq} 条 → ` : ''}第 ${h.seq} 条；发现：${h.found || '—'}；原因：${h.reason ?? '—'}；操作人：${h.by ?? '—'}`}
                  </li>
                ))}
              </ul>
            )}
            {bad && actor.roles.includes('admin') && (
              <Button danger size="small" style={{ marginTop: 8 }} onClick={() => setResetting(true)}>
                重新建立校验点…
              </Button>
            )}
          </div>
        }
      />
      <Modal
        open={resetting}
        title="重新建立审计校验点"
        okText="重新建立"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        onOk={reset}
        onCancel={() => setResetting(false)}
      >
        <Typography.Paragraph>
          只有在查明原因、确属正当（例如硬盘损坏后从备份恢复）时才重新建立。校验点将按本机现有的审计记录重建，
          原来的条数、校验值、发现的问题、原因和操作人都记入校验点的历史，不能删除；上级院仍保存着本院此前上报时的审计链头。
        </Typography.Paragraph>
        <Input.TextArea
          aria-label="重新建立的原因"
          rows={3}
          maxLength={300}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="例如：3 月 5 日硬盘损坏，从 3 月 1 日的备份恢复，已报告上级院"
        />
      </Modal>
    </div>
  )
}
