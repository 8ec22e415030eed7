import { mayExportFull } from '@shared/domain/access'
import { departmentName } from '@shared/domain/departments'
import { formatYuan } from '@shared/domain/money'
import { fundSourceLabels, priorityGroupLabels } from '@shared/domain/schemas/labels'
import {
  categoryLabel,
  compareCells,
  defaultPeriod,
  describeFilter,
  leadingFrozen,
  type RegisterColumn,
  type RegisterDefinition,
  type RegisterFilter,
  type RegisterId,
  type RegisterRow,
  registerCell,
  registers,
  registerTableModel,
  registerTotals,
  rowPredicate,
  type SavedView,
  unitWithSubordinates,
} from '@shared/registers'
import { chinaDateOf, chinaFileStamp } from '@shared/util/clock'
import {
  columnVisibilityFeature,
  createSortedRowModel,
  rowSortingFeature,
  type SortingState,
  tableFeatures,
  useTable,
} from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { App, Button, Checkbox, Popover, Space, Tag, Typography } from 'antd'

import {
  type Dispatch,
  memo,
  type ReactNode,
  type SetStateAction,
  useDeferredValue,
  useInsertionEffect,
  useMemo,
  useRef,
  useState,
} from 'react'
import { useSession } from '../../app/session'
import { useAction } from '../../app/useAction'
import { useDepartmentNames } from '../../components/departmentNames'
import { useExportedNotice } from '../../components/ExportedFile'
import { formatInstant } from '../../components/format'
import { recordRegisterExport, registerUnits, useDbQuery } from '../../db'
import { api } from '../../platform/api'
import { RegisterFilters } from './RegisterFilters'
import { ensureRegisterTableStyle } from './registerTableStyle'
import { SavedViews } from './SavedViews'
import { useRegisterRows } from './useRegisterRows'

const ROW_HEIGHT = 32
const features = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  sortedRowModel: createSortedRowModel(),
})

/** A cell on screen: personal numbers are masked in every register (docs/security.md §7; search finds them whole). */
function cellText(col: RegisterColumn, v: RegisterRow['cells'][string]): string {
  if (v === null || v === undefined) return ''
  if (col.kind === 'fen' && typeof v === 'number') return formatYuan(v)
  return String(registerCell(col, v, false))
}

export interface RegisterViewProps {
  register: RegisterId
  go: (path: string) => void
  /** Reload trigger after a write elsewhere on the screen. */
  version?: number
  /** Buttons specific to the register (e.g. 登记捐助). */
  actions?: ReactNode
  /** Extra per-row action (e.g. a donation's notice), shown in a last column. */
  rowAction?: (row: RegisterRow) => ReactNode
  /** Height of the scrolling body in px. */
  height?: number
}

/**
 * The register's table: its columns sorted and shown as chosen, the rows in that order, and the columns on screen —
 * the key columns (案件编号, 申请人) first and pinned at the left while the rest scroll (RegisterGrid).
 */
function useRegisterTable(
  def: RegisterDefinition,
  rows: RegisterRow[],
  sorting: SortingState,
  setSorting: Dispatch<SetStateAction<SortingState>>,
  hidden: Record<string, boolean>,
  setHidden: Dispatch<SetStateAction<Record<string, boolean>>>,
) {
  const columns = useMemo(
    () =>
      def.columns.map((c) => ({
        id: c.key,
        header: c.title,
        accessorFn: (r: RegisterRow) => r.cells[c.key],
        sortFn: (a: { original: RegisterRow }, b: { original: RegisterRow }) =>
          compareCells(a.original.cells[c.key], b.original.cells[c.key]),
        meta: c,
      })),
    [def],
  )
  const table = useTable({
    features,
    columns: columns as never,
    data: rows,
    getRowId: (r: RegisterRow) => r.key,
    state: { sorting, columnVisibility: hidden },
    onSortingChange: setSorting,
    onColumnVisibilityChange: setHidden,
    enableSortingRemoval: true,
  } as never) as unknown as {
    getRowModel(): { rows: { id: string; original: RegisterRow }[] }
    getVisibleLeafColumns(): {
      id: string
      getIsSorted(): false | 'asc' | 'desc'
      toggleSorting(desc?: boolean, multi?: boolean): void
    }[]
  }
  const viewRows = table.getRowModel().rows
  const leaves = table.getVisibleLeafColumns()
  const visible = [
    ...def.frozen.flatMap((key) => leaves.filter((c) => c.id === key)),
    ...leaves.filter((c) => !def.frozen.includes(c.id)),
  ]
  const visibleDefs = visible.map((c) => def.columns.find((d) => d.key === c.id) as RegisterColumn)
  const pinned = leadingFrozen(def, visibleDefs)
  return { viewRows, visible, visibleDefs, pinned }
}

/**
 * One register (台账): period, office (own and subordinates' replicas), state, category, origin, priority group and
 * fund source filters, search by name / ID number / case number, sort by any column, column chooser, saved views,
 * a totals row over the current view, click-through to the case, and export of exactly the current view to Excel
 * by the main process. Rows stream in (first page first); the body is virtualised.
 */
export function RegisterView({ register, go, version = 0, actions, rowAction, height = 520 }: RegisterViewProps) {
  const def = registers[register]
  const { store, unit, user, actor } = useSession()
  const { message } = App.useApp()
  const notice = useExportedNotice()
  const departmentNames = useDepartmentNames()
  const [period, setPeriod] = useState<{ from?: string; to?: string }>(() => defaultPeriod(chinaDateOf(Date.now())))
  const [filter, setFilter] = useState<RegisterFilter>({})
  const [office, setOffice] = useState<{ unit: string; subordinates: boolean } | undefined>()
  const [searchText, setSearchText] = useState('')
  const [sorting, setSorting] = useState<SortingState>([{ id: 'date', desc: true }])
  const [hidden, setHidden] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(def.columns.filter((c) => c.hidden).map((c) => [c.key, false])),
  )
  const [viewName, setViewName] = useState<string>()
  const exporting = useAction()
  // whole ID numbers in an export only for a role that needs them, only when ticked, and audited either way
  const mayFull = mayExportFull(actor.roles)
  const [fullNumbers, setFullNumbers] = useState(false)
  const loaded = useRegisterRows(register, period.from, period.to, version)
  const units = useDbQuery(() => store.read(registerUnits), [store]) ?? []

  const unitScope = useMemo(() => {
    if (!office) return undefined
    return office.subordinates ? unitWithSubordinates(office.unit, units) : [office.unit]
  }, [office, units])
  const deferredSearch = useDeferredValue(searchText)
  const effective: RegisterFilter = useMemo(
    () => ({ ...filter, ...period, units: unitScope, search: deferredSearch }),
    [filter, period, unitScope, deferredSearch],
  )
  const rows = useMemo(() => loaded.rows.filter(rowPredicate(effective)), [loaded.rows, effective])
  const totals = useMemo(() => registerTotals(def, rows), [def, rows])

  const { viewRows, visible, visibleDefs, pinned } = useRegisterTable(def, rows, sorting, setSorting, hidden, setHidden)

  const unitName = (code: string) =>
    units.find((u) => u.code === code)?.shortName || units.find((u) => u.code === code)?.name || code
  const filterLines = () =>
    describeFilter(def, effective, {
      units: (codes) =>
        office ? `${unitName(office.unit)}${office.subordinates ? '及下级院' : ''}` : codes.join('、'),
      category: categoryLabel,
      origin: (c) => departmentName(c, departmentNames),
      group: (c) => priorityGroupLabels[c as keyof typeof priorityGroupLabels] ?? c,
      source: (c) => fundSourceLabels[c as keyof typeof fundSourceLabels] ?? c,
    })

  async function exportView() {
    const full = mayFull && fullNumbers
    const res = await exporting.run(async (st) => {
      const audited = await st.execute(recordRegisterExport, {
        register: def.title,
        rows: viewRows.length,
        fullNumbers: full,
      })
      if (!audited.ok) return audited
      const model = registerTableModel(
        def,
        visibleDefs,
        viewRows.map((r) => r.original),
        {
          unitName: unit.name,
          periodLabel: period.from || period.to ? `${period.from ?? '最早'} 至 ${period.to ?? '最近'}` : '全部',
          generatedAt: formatInstant(new Date().toISOString()),
          generatedBy: user.displayName,
          filterLines: filterLines(),
          fullNumbers: full,
        },
      )
      return api.excelExportTable({ fileName: `${def.title}-${chinaFileStamp(Date.now())}`, table: model })
    })
    if (res.ok) notice(`已导出 ${viewRows.length} 条`, res.value.path)
    else message.error(res.error.message)
  }

  function applyView(v: SavedView) {
    setViewName(v.name)
    setHidden(Object.fromEntries(v.hidden.map((k) => [k, false])))
    setSorting(v.sort.map((s) => ({ ...s })))
    const { from, to, search, units: _u, ...rest } = v.filter
    setFilter(rest)
    setPeriod({ from, to })
    setSearchText(search ?? '')
    setOffice(v.office)
  }

  /** What 保存视图 keeps: the columns hidden, the sort, the filters and the office (not the name). */
  function currentView(): Omit<SavedView, 'name'> {
    return {
      register,
      hidden: Object.entries(hidden)
        .filter(([, shown]) => shown === false)
        .map(([k]) => k),
      sort: sorting.map((s) => ({ id: s.id, desc: s.desc })),
      filter: { ...filter, ...period, ...(searchText.trim() ? { search: searchText.trim() } : {}) },
      ...(office ? { office } : {}),
    }
  }

  const columnChooser = (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(2, 170px)', gap: 4 }}>
      {def.columns.map((c) => (
        <Checkbox
          key={c.key}
          checked={hidden[c.key] !== false}
          disabled={c.key === 'date'}
          onChange={(e) => setHidden((h) => ({ ...h, [c.key]: e.target.checked }))}
        >
          {c.title}
        </Checkbox>
      ))}
    </div>
  )

  const status = loaded.error
    ? `载入出错：${loaded.error}`
    : loaded.progress.done
      ? `共 ${loaded.rows.length} 条，当前显示 ${rows.length} 条`
      : `正在载入……已载入 ${loaded.rows.length} 条，当前显示 ${rows.length} 条`

  return (
    <section aria-label={def.title} data-testid={`register-${register}`}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {def.scope}
      </Typography.Paragraph>
      <RegisterFilters
        def={def}
        units={units}
        period={period}
        onPeriod={setPeriod}
        filter={filter}
        onFilter={setFilter}
        office={office}
        onOffice={setOffice}
        searchText={searchText}
        onSearchText={setSearchText}
      />
      <Space wrap style={{ marginBottom: 8, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Button
            onClick={() => {
              setFilter({})
              setOffice(undefined)
              setSearchText('')
            }}
          >
            清除筛选
          </Button>
          <Popover content={columnChooser} title="显示的列" trigger="click" placement="bottomLeft">
            <Button>选择列</Button>
          </Popover>
          <SavedViews
            register={register}
            viewName={viewName}
            onViewName={setViewName}
            current={currentView}
            onApply={applyView}
          />
          <Button type="primary" onClick={exportView} loading={exporting.busy} disabled={!loaded.progress.done}>
            导出 Excel
          </Button>
          {mayFull && (
            <Checkbox checked={fullNumbers} onChange={(e) => setFullNumbers(e.target.checked)}>
              导出完整号码
            </Checkbox>
          )}
          {actions}
        </Space>
        <Typography.Text type="secondary" role="status" data-testid="register-status">
          {status}
        </Typography.Text>
      </Space>
      <RegisterGrid
        viewRows={viewRows}
        visible={visible}
        visibleDefs={visibleDefs}
        totals={totals}
        rowAction={rowAction}
        go={go}
        height={height}
        pinned={pinned}
        empty={loaded.progress.done && rows.length === 0}
      />
      {!loaded.progress.done && (
        <Tag color="processing" style={{ marginTop: 8 }}>
          其余记录正在后台载入，合计随之更新
        </Tag>
      )}
    </section>
  )
}

interface GridColumn {
  id: string
  getIsSorted(): false | 'asc' | 'desc'
  toggleSorting(desc?: boolean, multi?: boolean): void
}

/** Column widths in px: fixed, so rows scrolling in never re-lay out the table (width is in characters). */
const SERIAL_PX = 64
const ACTION_PX = 96
const colPx = (d: RegisterColumn) => (d.width ?? 10) * 9 + 16

/**
 * The scrolling body: only the visible rows are in the DOM (@tanstack/react-virtual). It owns the virtualizer, so a
 * scroll re-renders this grid only, not the filters and toolbar above it; rows are memoised, so a scroll renders
 * only the rows that come into view; the table has a fixed layout (column widths from `<colgroup>`), so rows coming
 * into view do not make the browser measure every cell again.
 */
const RegisterGrid = memo(function RegisterGrid({
  viewRows,
  visible,
  visibleDefs,
  totals,
  rowAction,
  go,
  height,
  pinned,
  empty,
}: {
  viewRows: { id: string; original: RegisterRow }[]
  visible: GridColumn[]
  visibleDefs: RegisterColumn[]
  totals: { count: number; sums: Record<string, number> }
  rowAction?: (row: RegisterRow) => ReactNode
  go: (path: string) => void
  height: number
  /** How many leading columns stay at the left (sticky) while the rest scroll sideways. */
  pinned: number
  empty: boolean
}) {
  useInsertionEffect(ensureRegisterTableStyle, [])
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: viewRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  })
  const items = virtualizer.getVirtualItems()
  const padTop = items.length ? items[0].start : 0
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0
  const widths = useMemo(() => visibleDefs.map(colPx), [visibleDefs])
  const classes = useMemo(
    () => visibleDefs.map((d, i) => pinnedClass(cellClass(d.kind), i, pinned)),
    [visibleDefs, pinned],
  )
  // the left offset of each pinned column, as CSS variables the pin classes read (rows keep no inline styles)
  const pinOffsets = useMemo(() => {
    const vars: Record<string, string> = {}
    let left = SERIAL_PX
    for (let i = 0; i < pinned; i++) {
      vars[`--pin-${i}`] = `${left}px`
      left += widths[i]
    }
    return vars
  }, [widths, pinned])
  const tableWidth = SERIAL_PX + widths.reduce((a, b) => a + b, 0) + (rowAction ? ACTION_PX : 0)
  return (
    <div
      ref={scrollRef}
      style={{ height, overflow: 'auto', border: '1px solid #f0f0f0', borderRadius: 6 }}
      data-testid="register-scroll"
    >
      <table
        className="register-table"
        style={{
          borderCollapse: 'separate',
          borderSpacing: 0,
          tableLayout: 'fixed',
          width: tableWidth,
          minWidth: '100%',
          fontSize: 13,
          ...pinOffsets,
        }}
      >
        <colgroup>
          <col style={{ width: SERIAL_PX }} />
          {visibleDefs.map((d, i) => (
            <col key={d.key} style={{ width: widths[i] }} />
          ))}
          {rowAction && <col style={{ width: ACTION_PX }} />}
        </colgroup>
        <thead style={{ position: 'sticky', top: 0, zIndex: 2, background: '#fafafa' }}>
          <tr>
            <th className="pin-serial">序号</th>
            {visible.map((col, i) => {
              const sorted = col.getIsSorted()
              const d = visibleDefs[i]
              return (
                <th
                  key={col.id}
                  title={d.title}
                  className={classes[i]}
                  style={{ cursor: 'pointer' }}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                  onClick={(e) => col.toggleSorting(sorted === 'asc', e.shiftKey)}
                >
                  {d.title}
                  {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                </th>
              )
            })}
            {rowAction && <th>操作</th>}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr style={{ height: padTop }}>
              <td colSpan={visible.length + 2} />
            </tr>
          )}
          {items.map((item) => {
            const row = viewRows[item.index]
            return (
              <GridRow
                key={row.id}
                row={row.original}
                index={item.index}
                defs={visibleDefs}
                classes={classes}
                rowAction={rowAction}
                go={go}
              />
            )
          })}
          {padBottom > 0 && (
            <tr style={{ height: padBottom }}>
              <td colSpan={visible.length + 2} />
            </tr>
          )}
        </tbody>
        <tfoot style={{ position: 'sticky', bottom: 0, zIndex: 2, background: '#fffbe6', fontWeight: 600 }}>
          <tr data-testid="register-totals">
            <td className="pin-serial">合计</td>
            <td className={classes[0]}>{`（${totals.count} 条）`}</td>
            {visibleDefs.slice(1).map((d, i) => (
              <td key={d.key} className={classes[i + 1]}>
                {d.total === 'sum' ? formatYuan(totals.sums[d.key] ?? 0) : ''}
              </td>
            ))}
            {rowAction && <td />}
          </tr>
        </tfoot>
      </table>
      {empty && <div style={{ padding: 24, textAlign: 'center', color: '#999' }}>没有符合条件的记录</div>}
    </div>
  )
})

/** One row; memoised, so scrolling renders only the rows that come into view. */
const GridRow = memo(function GridRow({
  row: r,
  index,
  defs,
  classes,
  rowAction,
  go,
}: {
  row: RegisterRow
  index: number
  defs: RegisterColumn[]
  classes: (string | undefined)[]
  rowAction?: (row: RegisterRow) => ReactNode
  go: (path: string) => void
}) {
  return (
    <tr className="row" data-row-key={r.key}>
      <td className="num pin-serial">{index + 1}</td>
      {defs.map((d, i) => {
        const text = cellText(d, r.cells[d.key])
        return (
          <td key={d.key} className={classes[i]} title={text}>
            {d.key === 'caseNo' && r.caseId && text ? (
              <a
                href={`#/cases/${r.caseId}`}
                onClick={(e) => {
                  e.preventDefault()
                  go(`cases/${r.caseId}`)
                }}
              >
                {text}
              </a>
            ) : (
              text
            )}
          </td>
        )
      })}
      {rowAction && <td>{rowAction(r)}</td>}
    </tr>
  )
})

/** The pinned columns' classes (registerTableStyle.ts): sticky at their offset; the last one draws the edge. */
function pinnedClass(base: string | undefined, index: number, pinned: number): string | undefined {
  if (index >= pinned) return base
  return [base, 'pin', `pin-${index}`, index === pinned - 1 ? 'pin-last' : ''].filter(Boolean).join(' ')
}

/** Cell class (registerTable.css): money and counts right-aligned. */
function cellClass(kind: string): string | undefined {
  return kind === 'fen' || kind === 'integer' ? 'num' : undefined
}
