import ExcelJS from 'exceljs'
import { residentIdCheckChar } from '../shared/domain/idcard'

/**
 * The realistic register corpus the 历史台账导入 tests generate (docs/legacy-import.md §6): an office's 救助台账 as
 * clerks keep it — a title merged across the table, a two-row header (申请人 over 姓名 | 身份证号码), and every trap
 * with the verdict the check must give. Shared by the unit tests, the e2e import and the benchmark.
 */
export const idOf = (first17: string) => `${first17}${residentIdCheckChar(first17)}`

export const ID_A = idOf('11010119800101123')
export const ID_B = idOf('32010219850505002')
export const ID_C = idOf('44030419900303003')
export const ID_D = idOf('51010719750707004')
export const ID_V = idOf('11010119620202005')

/** One data row of the register: 序号, 申请人姓名, 身份证号码, 被害人, 原案件编号, 决定日期, 救助金额（元）, 资金来源, 发放日期, 备注. */
export type RegisterRow = (string | number | Date | null | { formula: string; result: number })[]

export const HEADER_TOP = [
  '序号',
  '申请人',
  null,
  '被害人',
  '原案件编号',
  '决定日期',
  '救助金额（元）',
  '资金来源',
  '发放日期',
  '备注',
]
export const HEADER_SUB = [null, '姓名', '身份证号码', null, null, null, null, null, null, null]

/** The trap rows, in sheet order from row 4, with the verdict each must get. */
export const trapRows: { row: RegisterRow; kind: 'new' | 'rejected' | 'skipped'; says?: string }[] = [
  {
    row: [1, '张 三', ID_A, '张三', '京朝检刑诉〔2021〕101号', '2021-03-05', 30000, '中央、省级', '2021-03-20', null],
    kind: 'new',
  },
  { row: [2, '李四', ID_B, null, '宁检刑诉(2022)55号', 44650, '12,500.50元', '县级', 44660, null], kind: 'new' },
  {
    row: [3, '王五', ID_C, null, '深检刑诉〔2023〕7号', '2023.3.1', '1.5万元', '市级', '2023年3月15日', null],
    kind: 'new',
  },
  {
    row: [4, '赵六', ID_D, null, '蓉检刑诉〔2024〕9号', '2024年5月6日', '壹万贰仟元整', '社会捐助', null, null],
    kind: 'new',
  },
  {
    row: [5, '钱七', 110101198001011230, null, '京检〔2021〕1号', '2021-01-05', 10000, '中央', null, null],
    kind: 'rejected',
    says: '请把该列设置为文本格式后重新导出',
  },
  {
    row: [6, '孙八', '1.10101E+17', null, '京检〔2021〕2号', '2021-01-06', 10000, '中央', null, null],
    kind: 'rejected',
    says: '请把该列设置为文本格式后重新导出',
  },
  {
    row: [7, '周九', idOf('11010119800101777'), null, '京检〔2021〕3号', '2021-13-45', 10000, '中央', null, null],
    kind: 'rejected',
    says: '不是可识别的日期',
  },
  {
    row: [8, '吴十', idOf('11010119800101888'), null, '京检〔2021〕4号', '2021-02-01', '一万块', '中央', null, null],
    kind: 'rejected',
    says: '不是可识别的金额',
  },
  {
    row: [9, '张 三', ID_A, null, '京朝检刑诉(2021)101号', '2021-03-05', 30000, '中央', null, null],
    kind: 'rejected',
    says: '与本文件第 4 行是同一人同一原案件',
  },
  {
    row: [10, '郑十一', idOf('11010119800101999'), null, '京检〔2021〕5号', '2021-02-01', 8000, '乡镇', null, null],
    kind: 'rejected',
    says: '资金来源“乡镇”无法识别',
  },
  {
    row: [
      11,
      '冯十二',
      idOf('11010119800101666'),
      null,
      '京检〔2021〕6号',
      '2021-02-01',
      { formula: 'SUM(1000,2000)', result: 3000 },
      '中央',
      null,
      null,
    ],
    kind: 'rejected',
    says: '该单元格是公式',
  },
  { row: [], kind: 'skipped', says: '空行' },
  { row: ['合计', null, null, null, null, null, 82500.5, null, null, null], kind: 'skipped', says: '合计行' },
  { row: [], kind: 'skipped', says: '空行' },
  { row: ['注：本表金额单位为元，数据截至2024年底。'], kind: 'skipped', says: '表格下方的说明文字' },
]

/**
 * The trap rows that name the reason they are refused or skipped, each with its row number (data from row 4) and the
 * reasons the check gave that row, so a test checks every stated reason unconditionally.
 */
export function statedReasons(verdicts: readonly { problems: readonly { message: string }[] }[]) {
  return trapRows.flatMap((t, i) =>
    t.says ? [{ row: `row ${i + 4}`, says: t.says, gave: verdicts[i].problems.map((p) => p.message).join(' ') }] : [],
  )
}

/** The register as an .xlsx, the way an office keeps it (title, two-row merged header, the trap rows). */
export async function registerXlsx(opts: { rows?: RegisterRow[]; date1904?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  if (opts.date1904) (wb.properties as { date1904?: boolean }).date1904 = true
  const ws = wb.addWorksheet('救助台账')
  ws.addRow(['某某区人民检察院国家司法救助台账'])
  ws.mergeCells(1, 1, 1, 10)
  ws.addRow(HEADER_TOP)
  ws.addRow(HEADER_SUB)
  ws.mergeCells(2, 2, 2, 3) // 申请人 over 姓名 | 身份证号码
  for (const c of [1, 4, 5, 6, 7, 8, 9, 10]) ws.mergeCells(2, c, 3, c)
  for (const row of opts.rows ?? trapRows.map((t) => t.row)) ws.addRow(row)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** A register as CSV text (one header row), for the UTF-8 and GBK CSV tests. */
export function registerCsv(rows: string[][]): string {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)
  return `${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`
}

let gbkTable: Map<string, number[]> | undefined

/** Text → GBK bytes (what Excel on a Chinese Windows saves as “CSV (逗号分隔)”), from the GB18030 decoder's own table. */
export function gbkEncode(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map()
    const dec = new TextDecoder('gb18030')
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue
        const ch = dec.decode(new Uint8Array([lead, trail]))
        if (ch.length === 1 && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail])
      }
    }
  }
  const out: number[] = []
  for (const ch of text) {
    const code = ch.codePointAt(0) as number
    if (code < 0x80) out.push(code)
    else {
      const bytes = gbkTable.get(ch)
      if (!bytes) throw new Error(`not in GBK: ${ch}`)
      out.push(...bytes)
    }
  }
  return new Uint8Array(out)
}

/**
 * `n` clean register rows (distinct persons and underlying cases, decided 2016–2025, all paid), the size of a
 * province's ten years, for the benchmark: 序号, name, ID, victim, case number, decision date, amount, source, paid.
 */
export function bigRegisterRows(n: number): RegisterRow[] {
  const rows: RegisterRow[] = []
  const base = Date.UTC(1960, 0, 1)
  for (let i = 0; i < n; i++) {
    const birth = new Date(base + (i % 14_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '')
    const id = idOf(`110101${birth}${String(Math.floor(i / 14_000)).padStart(3, '0')}`)
    const year = 2016 + (i % 10)
    const decided = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`
    const paid = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-28`
    const name = `${'赵钱孙李周吴郑王'[i % 8]}${'子丑寅卯辰巳午未申酉'[Math.floor(i / 8) % 10]}${'甲乙丙丁戊己庚辛壬癸'[Math.floor(i / 80) % 10]}`
    rows.push([
      i + 1,
      name,
      id,
      null,
      `京检刑诉〔${year}〕${i + 1}号`,
      decided,
      5000 + (i % 50) * 100,
      '县级',
      paid,
      null,
    ])
  }
  return rows
}

export const ID_E = idOf('11010119700707006')

/**
 * Historical cases without payment (and one paid), in the case register's layout, for the 发放台账 tests: the
 * payment register below names them by applicant ID and underlying case number.
 */
export const unpaidCaseRows: RegisterRow[] = [
  [1, '甲一', ID_A, null, '京检刑诉〔2021〕11号', '2021-03-05', 30000, '中央', null, null],
  [2, '乙二', ID_B, null, '宁检刑诉〔2022〕55号', '2022-04-01', 12500.5, '省级', null, null],
  [3, '丙三', ID_C, null, '深检刑诉〔2023〕7号', '2023-03-01', 15000, '市级', null, null],
  [4, '丁四', ID_D, null, '蓉检刑诉〔2024〕9号', '2024-05-06', 12000, '县级', null, null],
  [5, '戊五', ID_E, null, '京检刑诉〔2021〕12号', '2021-02-01', 8000, '县级', '2021-02-10', null],
]

export const PAYMENT_HEADER = [
  '序号',
  '申请人姓名',
  '身份证号码',
  '原案件编号',
  '发放日期',
  '发放金额（元）',
  '发放方式',
  '领取人',
  '收款账号',
]

/** The 发放台账's rows from row 3 (title, header), each with the verdict it must get. */
export const paymentTrapRows: {
  row: RegisterRow
  kind: 'new' | 'rejected' | 'skipped' | 'unchanged'
  says?: string
}[] = [
  { row: [1, '甲一', ID_A, '京检刑诉〔2021〕11号', '2021-03-20', 30000, '现金', '甲一', null], kind: 'new' },
  {
    row: [2, '乙二', ID_B, '宁检刑诉(2022)55号', '2022/4/10', '6,000.50元', '银行转账', '乙二', '6222020200112233445'],
    kind: 'new',
  },
  {
    row: [3, '乙二', ID_B, '宁检刑诉〔2022〕55号', '2022.4.20', 6500, '打卡', '乙二', '6222020200112233445'],
    kind: 'new',
  },
  {
    row: [4, '丙三', ID_C, '深检刑诉〔2023〕7号', '2023-03-15', 20000, '现金', '丙三', null],
    kind: 'rejected',
    says: '超过决定救助金额',
  },
  {
    row: [5, '丁四', ID_D, '蓉检刑诉〔2024〕9号', '2024-05-10', 12000, '银行转账', '丁四', null],
    kind: 'rejected',
    says: '银行转账的发放须有收款账号',
  },
  {
    row: [6, '己六', idOf('11010119800101555'), '京检〔2020〕9号', '2020-06-01', 5000, '现金', null, null],
    kind: 'rejected',
    says: '找不到对应的救助案件',
  },
  { row: [7, '戊五', ID_E, '京检刑诉〔2021〕12号', '2021-02-10', 8000, '现金', '戊五', null], kind: 'unchanged' },
  {
    row: [8, '丁四', ID_D, '蓉检刑诉〔2024〕9号', '2024-05-01', 12000, '现金', '丁四', null],
    kind: 'rejected',
    says: '早于决定日期',
  },
  {
    row: [9, '庚七', 110101198001011230, '京检〔2021〕1号', '2021-01-05', 10000, '现金', null, null],
    kind: 'rejected',
    says: '请把该列设置为文本格式后重新导出',
  },
  {
    row: [10, '辛八', ID_C, '深检刑诉〔2023〕7号', '2023-03-15', '一万五', '现金', null, null],
    kind: 'rejected',
    says: '不是可识别的金额',
  },
  { row: [], kind: 'skipped', says: '空行' },
  { row: ['合计', null, null, null, null, 112500.5, null, null, null], kind: 'skipped', says: '合计行' },
]

/** The 发放台账 as an .xlsx (a title merged across, one header row, the trap rows). */
export async function paymentRegisterXlsx(rows = paymentTrapRows.map((t) => t.row)): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('发放台账')
  ws.addRow(['某某区人民检察院司法救助金发放台账'])
  ws.mergeCells(1, 1, 1, PAYMENT_HEADER.length)
  ws.addRow(PAYMENT_HEADER)
  ws.getColumn(9).numFmt = '@'
  for (const row of rows) ws.addRow(row)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

export const FOLLOW_UP_HEADER = [
  '序号',
  '申请人姓名',
  '身份证号码',
  '原案件编号',
  '回访日期',
  '回访方式',
  '回访情况',
  '后续需求',
]

/**
 * The 回访台账's rows from row 3, each with its verdict — for the cases of `unpaidCaseRows` after the payments of
 * `paymentTrapRows` (甲一 paid 2021-03-20, 乙二 2022-04-20, 戊五 2021-02-10; 丙三 and 丁四 unpaid).
 */
export const followUpTrapRows: { row: RegisterRow; kind: 'new' | 'rejected' | 'skipped'; says?: string }[] = [
  { row: [1, '甲一', ID_A, '京检刑诉〔2021〕11号', '2021-06-01', '上门走访', '生活已恢复正常', null], kind: 'new' },
  { row: [2, '乙二', ID_B, '宁检刑诉(2022)55号', '2022/8/1', '电话', '伤情好转', '申请低保'], kind: 'new' },
  {
    row: [3, '乙二', ID_B, '宁检刑诉〔2022〕55号', '2022.8.1', '电话回访', '同上', null],
    kind: 'rejected',
    says: '与本文件第 4 行是同一案件同一天同一方式的回访',
  },
  {
    row: [4, '丙三', ID_C, '深检刑诉〔2023〕7号', '2023-06-01', '电话', '已收到', null],
    kind: 'rejected',
    says: '还没有发放记录',
  },
  {
    row: [5, '戊五', ID_E, '京检刑诉〔2021〕12号', '2021-01-01', '电话', '未见异常', null],
    kind: 'rejected',
    says: '早于发放日期 2021-02-10',
  },
  {
    row: [6, '戊五', ID_E, '京检刑诉〔2021〕12号', '2021-05-01', '微信', '未见异常', null],
    kind: 'rejected',
    says: '回访方式“微信”无法识别',
  },
  {
    row: [7, '己六', idOf('11010119800101555'), '京检〔2020〕9号', '2021-05-01', '电话', '未见异常', null],
    kind: 'rejected',
    says: '找不到对应的救助案件',
  },
  {
    row: [8, '戊五', ID_E, '京检刑诉〔2021〕12号', '2021-05-02', '视频', null, null],
    kind: 'rejected',
    says: '回访情况为空',
  },
  { row: [], kind: 'skipped', says: '空行' },
  { row: ['注：回访情况由承办人填写。'], kind: 'skipped', says: '表格下方的说明文字' },
]

/** The 回访台账 as an .xlsx (a title merged across, one header row, the trap rows). */
export async function followUpRegisterXlsx(rows = followUpTrapRows.map((t) => t.row)): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('回访台账')
  ws.addRow(['某某区人民检察院司法救助回访台账'])
  ws.mergeCells(1, 1, 1, FOLLOW_UP_HEADER.length)
  ws.addRow(FOLLOW_UP_HEADER)
  for (const row of rows) ws.addRow(row)
  return Buffer.from(await wb.xlsx.writeBuffer())
}
