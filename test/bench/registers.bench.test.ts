import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { it } from 'vitest'
import { writeTableXlsx } from '../../electron/services/excel/writeTable'
import type { RegisterId } from '../../shared/registers'
import { type CellValue, type TableModel, tableModelSchema } from '../../shared/report/tableModel'
import { machine, median, openBenchPage } from './browserHarness'
import { call } from './pageCalls'

/**
 * Issue 7 benchmark (figures in docs/performance.md). In one Chromium page with real IndexedDB: BENCH_N cases
 * (default 1,000,000) of ten years in BENCH_OFFICES offices (default 100), with parties, clues, the ledger entries
 * of their steps, donations and follow-ups; then
 *  1. first screen of each register: time to its first page of rows (newest first), for the current year;
 *  2. the whole year streamed;
 *  3. filter change answered in memory over the year's rows (state, category, search, office);
 *  4. export of a 100k-row view: table model in the page, across to Node, contract check (zod, as the IPC
 *     dispatch does) and the generic writer, vs a bare exceljs streaming write (WorkbookWriter, no styles,
 *     addRow().commit()) of the same cells, same run.
 * Run: BENCH_N=1000000 BENCH_ROUNDS=3 npm run bench -- test/bench/registers.bench.test.ts
 * A national fill takes about an hour here; to do it once and measure again later, keep the profile:
 *   BENCH_PROFILE=/tmp/bench-national BENCH_FILL_ONLY=1 BENCH_N=1000000 npm run bench -- … -t national
 *   BENCH_PROFILE=/tmp/bench-national BENCH_N=1000000 npm run bench -- … -t national
 */

const N = Number(process.env.BENCH_N ?? 1_000_000)
const OFFICES = Number(process.env.BENCH_OFFICES ?? 100)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const EXPORT_ROWS = Number(process.env.BENCH_EXPORT ?? 100_000)
const YEAR = { from: '2026-01-01', to: '2026-12-31' }
/** A profile directory kept between runs: the store is filled once (and an interrupted fill goes on). */
const PROFILE = process.env.BENCH_PROFILE
/** Only fill the store (with BENCH_PROFILE: prepare it for later measuring runs). */
const FILL_ONLY = process.env.BENCH_FILL_ONLY === '1'
/** Time only these registers (comma-separated ids), and with BENCH_FIRST_ONLY=1 only their first screens. */
const ONLY_REGISTERS = process.env.BENCH_REGISTERS?.split(',')
const FIRST_ONLY = process.env.BENCH_FIRST_ONLY === '1'

it('registers at national scale: first screen, filter change, 100k-row export', async () => {
  const bench = await openBenchPage(
    'registers.ts',
    PROFILE ? { profile: PROFILE, port: Number(process.env.BENCH_PORT ?? 5391) } : undefined,
  )
  const page = bench.page
  const registersToTime = (
    ['clues', 'applications', 'decisions', 'payments', 'ledger', 'donations', 'recoveries', 'followUps'] as RegisterId[]
  ).filter((r) => !ONLY_REGISTERS || ONLY_REGISTERS.includes(r))
  const dir = await mkdtemp(join(tmpdir(), 'bench-registers-'))
  try {
    const filled = await call<Record<string, number>>(page, 'fill', N, OFFICES)
    console.log(JSON.stringify({ filled }))
    if (FILL_ONLY) return
    const first: Record<string, number[]> = {}
    const full: Record<string, number[]> = {}
    const rowsOf: Record<string, number> = {}
    for (let round = 0; round < ROUNDS; round++) {
      for (const r of registersToTime) {
        const x = await call<{ firstMs: number; fullMs: number; rows: number; firstRows: number }>(
          page,
          'firstScreen',
          r,
          YEAR.from,
          YEAR.to,
        )
        first[r] = [...(first[r] ?? []), x.firstMs]
        full[r] = [...(full[r] ?? []), x.fullMs]
        rowsOf[r] = x.rows
        console.log(JSON.stringify({ round, ...x }))
      }
    }
    if (FIRST_ONLY) {
      for (const r of registersToTime)
        console.log(`| ${r} | ${rowsOf[r]} | ${median(first[r]).toFixed(0)} | ${median(full[r]).toFixed(0)} |`)
      return
    }
    // filter changes over the year's 受理台账 rows held in memory
    const held = await call<{ rows: number; ms: number }>(page, 'hold', 'applications', YEAR.from, YEAR.to)
    const filters: [string, Record<string, unknown>][] = [
      ['state 已发放', { states: ['paid'] }],
      ['category + priority group', { categories: ['2021-serious-injury'], groups: ['minor'] }],
      ['search by name', { search: '王伟' }],
      ['office', { units: ['110105'] }],
      ['cleared', {}],
    ]
    const filterMs: Record<string, number[]> = {}
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, f] of filters) {
        const x = await call<{ rows: number; ms: number }>(page, 'filterChange', f)
        filterMs[name] = [...(filterMs[name] ?? []), x.ms]
      }
    }
    // a period change goes back to the index: the new first page
    const periodMs: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const x = await call<{ firstMs: number }>(page, 'firstScreen', 'applications', '2024-01-01', '2024-12-31')
      periodMs.push(x.firstMs)
    }
    // export of a 100k-row view
    const all = await call<{ rows: number; ms: number }>(page, 'hold', 'applications', '2025-01-01', '2026-12-31')
    const exports: { model: number; transfer: number; check: number; writer: number; bare: number; ours: number }[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const t0 = performance.now()
      const { model, ms } = await call<{ model: TableModel; ms: number }>(
        page,
        'exportModel',
        'applications',
        EXPORT_ROWS,
      )
      const transfer = performance.now() - t0 - ms
      const c0 = performance.now()
      const parsed = tableModelSchema.parse(model)
      const check = performance.now() - c0
      const kinds = parsed.columns.map((c) => c.kind)
      const cells: CellValue[][] = parsed.rows.map((row) =>
        row.map((v, i) => (kinds[i] === 'fen' && typeof v === 'number' ? v / 100 : v)),
      )
      const b0 = performance.now()
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
        filename: join(dir, `bare-${round}.xlsx`),
        useStyles: false,
        useSharedStrings: false,
      })
      const ws = wb.addWorksheet('台账')
      for (const row of cells) ws.addRow(row).commit()
      ws.commit()
      await wb.commit()
      const bare = performance.now() - b0
      const w0 = performance.now()
      await writeTableXlsx(join(dir, `ours-${round}.xlsx`), parsed)
      const writer = performance.now() - w0
      const res = { model: ms, transfer, check, writer, bare, ours: check + writer }
      exports.push(res)
      console.log(
        JSON.stringify({
          round,
          rows: parsed.rows.length,
          ...Object.fromEntries(Object.entries(res).map(([k, v]) => [k, Math.round(v)])),
          bareBytes: (await stat(join(dir, `bare-${round}.xlsx`))).size,
          oursBytes: (await stat(join(dir, `ours-${round}.xlsx`))).size,
        }),
      )
    }
    const m = (xs: number[]) => median(xs).toFixed(0)
    console.log(`\nmachine: ${await machine()}`)
    console.log(`data: ${JSON.stringify(filled)}; offices ${OFFICES}; rounds ${ROUNDS}`)
    console.log('| register | rows in 2026 | first screen (ms, median) | whole year streamed (ms, median) |')
    for (const r of registersToTime) console.log(`| ${r} | ${rowsOf[r]} | ${m(first[r])} | ${m(full[r])} |`)
    console.log(
      `受理台账 2026 held in memory: ${held.rows} rows (${held.ms.toFixed(0)} ms); 2025–2026: ${all.rows} rows (${all.ms.toFixed(0)} ms)`,
    )
    for (const [name] of filters) console.log(`filter change "${name}": median ${median(filterMs[name]).toFixed(1)} ms`)
    console.log(`period change (2024, new first page): median ${m(periodMs)} ms`)
    const e = (k: keyof (typeof exports)[number]) => median(exports.map((x) => x[k]))
    console.log(
      `export ${EXPORT_ROWS} rows: model ${e('model').toFixed(0)} ms, page→Node ${e('transfer').toFixed(0)} ms, contract check ${e('check').toFixed(0)} ms, writer ${e('writer').toFixed(0)} ms, bare exceljs ${e('bare').toFixed(0)} ms; ratio (check + writer) / bare ${median(exports.map((x) => x.ours / x.bare)).toFixed(2)}, writer / bare ${median(exports.map((x) => x.writer / x.bare)).toFixed(2)}`,
    )
  } finally {
    await bench.close()
    await rm(dir, { recursive: true, force: true })
  }
})

interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  ts?: number
  dur?: number
  tdur?: number
  args?: { name?: string }
}

/** Per frame, on the renderer's main thread: wall and CPU (thread) time of its tasks, and CPU time by kind. */
function mainThreadPerFrame(events: TraceEvent[], frames: number) {
  const main = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  )
  // events of a kind nest (a FunctionCall inside an EventDispatch): count only the outermost of each kind
  const sum = (names: string[], field: 'dur' | 'tdur') => {
    const list = events
      .filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`) && names.includes(e.name))
      .sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0))
    let total = 0
    let end = Number.NEGATIVE_INFINITY
    for (const e of list) {
      if ((e.ts ?? 0) < end) continue
      end = (e.ts ?? 0) + (e.dur ?? 0)
      total += e[field] ?? 0
    }
    return total / 1000 / Math.max(1, frames)
  }
  return {
    frames,
    wallMs: sum(['RunTask'], 'dur'),
    cpuMs: sum(['RunTask'], 'tdur'),
    scriptMs: sum(['FunctionCall', 'EventDispatch', 'FireAnimationFrame', 'TimerFire', 'v8.callFunction'], 'tdur'),
    layoutMs: sum(['Layout', 'UpdateLayoutTree'], 'tdur'),
    paintMs: sum(['Paint', 'PrePaint', 'Layerize'], 'tdur'),
  }
}

/**
 * Scrolling the register screen: the built app (browser mode, as `npm run web`) with BENCH_SCROLL_N cases seeded
 * into its IndexedDB, 受理台账 over all years on screen, the list scrolled by 200 px every animation frame for
 * 3 s. Frames per second and the longest frame, against the floor: a bare scroller of the same size and scroll
 * height in the same page, scrolled the same way just before (headless Chromium runs rAF at the 60 Hz vsync rate;
 * the floor shows what the machine's load leaves of it). Run: npm run build && npm run bench -- test/bench/registers.bench.test.ts -t scroll
 */
it('scroll: frames per second while scrolling a register', async () => {
  const { completeSetup, goTo, startOffice, shot } = await import('../e2e/harness')
  const { makeRegisterData } = await import('../unit/registers/fixtures')
  const n = Number(process.env.BENCH_SCROLL_N ?? 100_000)
  const office = await startOffice()
  try {
    const page = office.page
    await completeSetup(page)
    const data = makeRegisterData(n, { units: ['110105'], seed: 9, fromDate: '2016-01-01', toDate: '2026-10-31' })
    // in slices: one evaluate() message must stay under the DevTools connection's 100 MB buffer
    const SLICE = 10_000
    for (const [name, rows] of [
      ['persons', data.persons],
      ['cases', data.cases],
    ] as const) {
      for (let i = 0; i < rows.length; i += SLICE) {
        await page.evaluate(
          ({ store, part }: { store: string; part: object[] }) =>
            new Promise<void>((resolve, reject) => {
              const req = indexedDB.open('jiuzhu-desk')
              req.onerror = () => reject(req.error)
              req.onsuccess = () => {
                const db = req.result
                const tx = db.transaction(store, 'readwrite')
                for (const r of part) tx.objectStore(store).put(r)
                tx.oncomplete = () => {
                  db.close()
                  resolve()
                }
                tx.onerror = () => reject(tx.error)
              }
            }),
          { store: name, part: rows.slice(i, i + SLICE) as object[] },
        )
      }
    }
    await goTo(page, '台账')
    await page.getByLabel('申请日期范围').first().hover()
    await page.locator('.ant-picker-clear').first().click()
    await page
      .getByTestId('register-status')
      .getByText(/^共 \d+ 条/)
      .waitFor({ timeout: 600_000 })
    // frames while scrolling `el` by 200 px every animation frame for 3 s
    const scrollFps = (floor: boolean) =>
      page.evaluate(
        (bare) =>
          new Promise<{ fps: number; worstMs: number; rows: number }>((resolve) => {
            const reg = document.querySelector('[data-testid=register-scroll]') as HTMLElement
            let el = reg
            if (bare) {
              // the floor: a bare scroller of the same size over content as tall, in the same page and run
              el = document.createElement('div')
              el.style.cssText = `position:fixed;left:0;top:0;width:${reg.clientWidth}px;height:${reg.clientHeight}px;overflow:auto;background:#fff;z-index:9999`
              const inner = document.createElement('div')
              inner.style.height = `${reg.scrollHeight}px`
              el.appendChild(inner)
              document.body.appendChild(el)
            }
            el.scrollTop = 0
            let frames = 0
            let worst = 0
            const t0 = performance.now()
            let last = t0
            const step = (t: number) => {
              frames++
              worst = Math.max(worst, t - last)
              last = t
              el.scrollTop += 200
              if (t - t0 < 3000) requestAnimationFrame(step)
              else {
                const rows = document.querySelectorAll('[data-row-key]').length
                if (bare) el.remove()
                resolve({ fps: frames / ((t - t0) / 1000), worstMs: worst, rows })
              }
            }
            requestAnimationFrame(step)
          }),
        floor,
      )
    const rounds: { fps: number; worstMs: number; rows: number; floorFps: number; floorWorstMs: number }[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const f = await scrollFps(true)
      const r = await scrollFps(false)
      const res = { ...r, floorFps: f.fps, floorWorstMs: f.worstMs }
      rounds.push(res)
      console.log(JSON.stringify({ round, ...res }))
    }
    // one more pass, traced: CPU time of the page's main thread per frame (thread time, so it does not count the
    // time the thread waited for a CPU on a loaded machine), and the same for the floor
    const traced = async (floor: boolean) => {
      const cdp = await page.context().newCDPSession(page)
      const events: TraceEvent[] = []
      cdp.on('Tracing.dataCollected', (e) => {
        for (const x of e.value as unknown as TraceEvent[]) events.push(x)
      })
      const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r))
      await cdp.send('Tracing.start', {
        categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
        transferMode: 'ReportEvents',
      })
      const r = await scrollFps(floor)
      await cdp.send('Tracing.end')
      await complete
      await cdp.detach()
      return { ...r, ...mainThreadPerFrame(events, Math.round(r.fps * 3)) }
    }
    const cpuFloor = await traced(true)
    const cpuRegister = await traced(false)
    console.log(JSON.stringify({ traced: { floor: cpuFloor, register: cpuRegister } }))
    await shot(page, 'bench-register-scroll')
    // a filter change on the screen: pick a state; time until the status line shows the new count
    // (traced: the page's main-thread CPU time over the same interval, which a loaded machine does not inflate)
    const filterUi: number[] = []
    const filterCpu: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const before = await page.getByTestId('register-status').textContent()
      await page.getByLabel('按案件状态筛选').fill(round % 2 ? '已归档' : '已发放')
      const option = page.locator(`.ant-select-item-option[title="${round % 2 ? '已归档' : '已发放'}"]`)
      await option.waitFor()
      const cdp = await page.context().newCDPSession(page)
      const events: TraceEvent[] = []
      cdp.on('Tracing.dataCollected', (e) => {
        for (const x of e.value as unknown as TraceEvent[]) events.push(x)
      })
      const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r))
      await cdp.send('Tracing.start', {
        categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
        transferMode: 'ReportEvents',
      })
      const t0 = performance.now()
      await option.click()
      await page.waitForFunction(
        (prev) => document.querySelector('[data-testid=register-status]')?.textContent !== prev,
        before,
        { polling: 'raf' },
      )
      filterUi.push(performance.now() - t0)
      await cdp.send('Tracing.end')
      await complete
      await cdp.detach()
      filterCpu.push(mainThreadPerFrame(events, 1).cpuMs)
      await page.keyboard.press('Escape')
      await page.getByRole('button', { name: '清除筛选' }).click()
      await page.getByTestId('register-status').getByText(`当前显示 ${n} 条`).waitFor()
    }
    console.log(
      `filter change on screen (click → new count shown, ${n} rows held): ${filterUi.map((x) => x.toFixed(0)).join(', ')} ms; median ${median(filterUi).toFixed(0)} ms; main-thread CPU ${filterCpu.map((x) => x.toFixed(0)).join(', ')} ms, median ${median(filterCpu).toFixed(0)} ms`,
    )
    console.log(
      `\nmachine: ${await machine()}; load average ${(await import('node:os'))
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    )
    console.log(
      `traced pass: main-thread CPU per frame — register ${cpuRegister.cpuMs.toFixed(1)} ms (of which script ${cpuRegister.scriptMs.toFixed(1)}, layout ${cpuRegister.layoutMs.toFixed(1)}, paint ${cpuRegister.paintMs.toFixed(1)}), wall ${cpuRegister.wallMs.toFixed(1)} ms, ${cpuRegister.fps.toFixed(1)} fps; floor ${cpuFloor.cpuMs.toFixed(1)} ms CPU, wall ${cpuFloor.wallMs.toFixed(1)} ms, ${cpuFloor.fps.toFixed(1)} fps`,
    )
    console.log(
      `scroll ${n} rows (受理台账, all years): median ${median(rounds.map((r) => r.fps)).toFixed(1)} fps, worst frame median ${median(rounds.map((r) => r.worstMs)).toFixed(0)} ms, rows in the DOM ≈ ${rounds[0].rows}; floor (bare scroller, same page): median ${median(rounds.map((r) => r.floorFps)).toFixed(1)} fps, worst frame ${median(rounds.map((r) => r.floorWorstMs)).toFixed(0)} ms; ratio register / floor ${median(rounds.map((r) => r.fps / r.floorFps)).toFixed(2)}`,
    )
  } finally {
    await office.close()
  }
})
