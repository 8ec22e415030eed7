import type { MessageTable } from './types'

/**
 * Codes of 历史台账导入 (docs/legacy-import.md): the file as a whole (refused before anything is read into the
 * record store) and each row's verdict in the preview and the error report. Every text says what is wrong and what
 * to do; a refused file or row leaves the stored data unchanged.
 */
export const legacyImportMessages = {
  'legacy.file-type': (p) =>
    `不支持的文件类型“${p.ext}”。请选择 Excel 工作簿（.xlsx、.xls）、WPS 表格（.et）或逗号分隔的 .csv 文件。未导入任何数据。`,
  'legacy.file-too-large': (p) =>
    `文件过大（${p.size}，上限 ${p.max}）。请把台账按年度拆成几个文件分别导入。未导入任何数据。`,
  'legacy.file-damaged': (p) =>
    `无法读取该文件：${p.detail}。文件可能已损坏或不是所选格式。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。未导入任何数据。`,
  'legacy.zip-bomb': (p) =>
    `文件内部数据解压后超过上限（${p.detail}），可能是异常或恶意文件，已拒绝读取。未导入任何数据。`,
  'legacy.too-many-rows': (p) =>
    `工作表“${p.sheet}”超过 ${p.max} 行（或 ${p.maxCells} 个单元格）。请按年度拆分后分别导入。未导入任何数据。`,
  'legacy.external-links': () =>
    '工作簿引用了其他文件中的数据（外部链接）。请在 Excel 中“数据 → 编辑链接 → 断开链接”，或复制后“选择性粘贴 → 数值”，另存后再导入。未导入任何数据。',
  'legacy.no-sheet': () => '文件中没有可读取的工作表。未导入任何数据。',
  'legacy.no-header': (p) =>
    `在工作表“${p.sheet}”的前 ${p.rows} 行中没有找到表头（如“姓名”“身份证号码”“救助金额”）。请选择表头所在的行。`,
  'legacy.mapping-incomplete': (p) => `还没有指定以下字段对应的列：${p.fields}。请在“对应字段”中选择。`,
  'legacy.plan-changed': () => '预览之后本院数据已变化（可能在另一窗口已导入）。未做任何改动，请重新检查后再导入。',
  'legacy.nothing-new': () => '没有可导入的新记录（全部已导入、与本院案件相同或被拒绝）。未做任何改动。',
  'legacy.already-imported': (p) => `该文件（SHA-256 ${p.hash}）已于 ${p.at} 导入，本次未做任何改动。`,
  'legacy.not-found': () => '找不到该导入批次。',
  'legacy.already-withdrawn': (p) => `该批导入已于 ${p.at} 撤销。`,
  'legacy.has-dependents': (p) => `该批导入的记录已被其他记录引用或修改（${p.detail}），不能整体撤销。请逐件办理更正。`,
  'legacy.read-only': (p) =>
    `案件 ${p.caseNo} 是历史导入的记录（文件“${p.file}”），只读，不能在本软件中办理。如有错误，请撤销该批导入并修正台账后重新导入。`,
  // ---- row verdicts ----
  'legacy.row.blank': () => '空行，已跳过。',
  'legacy.row.total': (p) => `“${p.text}”行是合计行，不作为案件导入。`,
  'legacy.row.note': (p) => `表格下方的说明文字（“${p.text}”），不作为案件导入。`,
  'legacy.row.formula': (p) => `该单元格是公式（${p.formula}）。请把该列复制后“选择性粘贴 → 数值”，另存后重新导入。`,
  'legacy.row.required': (p) => `${p.field}为空。请在台账中补填后重新导入。`,
  'legacy.row.id-as-number': (p) =>
    `证件号码“${p.text}”是以数字保存的，18 位号码的末几位已经丢失，无法还原。请把该列设置为文本格式后重新导出（或在号码前加英文单引号 '），再导入。`,
  'legacy.row.id-invalid': (p) => `证件号码“${p.text}”不正确：${p.reason}。`,
  'legacy.row.name': (p) => `姓名“${p.text}”不正确：${p.reason}。`,
  'legacy.row.date': (p) =>
    `${p.field}“${p.text}”不是可识别的日期。请写成 2025-03-01、2025/3/1、2025.3.1 或 2025年3月1日。`,
  'legacy.row.date-range': (p) => `${p.field}“${p.text}”（${p.date}）不在 1990 年至今天之间，请核对。`,
  'legacy.row.date-order': (p) => `发放日期 ${p.paid} 早于决定日期 ${p.decided}，请核对。`,
  'legacy.row.amount': (p) =>
    `${p.field}“${p.text}”不是可识别的金额。请写成 12345.67、12,345.67元、1.5万元或大写金额（如壹万贰仟元整）。`,
  'legacy.row.amount-zero': (p) => `${p.field}为 0 或负数（“${p.text}”），历史救助案件须有救助金额。`,
  'legacy.row.fund-source': (p) =>
    `资金来源“${p.text}”无法识别。请写中央、省级、市级、县级或社会捐助（可用“、”分隔多个来源）。`,
  'legacy.row.duplicate-in-file': (p) => `与本文件第 ${p.row} 行是同一人同一原案件（${p.person}），重复，不再导入。`,
  'legacy.row.same-person-in-file': (p) =>
    `与本文件第 ${p.row} 行是同一人（${p.person}）但原案件编号不同，将分别导入，请核对是否重复救助。`,
  // ---- 发放台账 ----
  'legacy.row.payment-method': (p) =>
    `发放方式“${p.text}”无法识别。请写银行转账（或打卡、汇款）或当面发放（或现金、签收）。`,
  'legacy.row.account-no': (p) => `收款账号“${p.text}”不正确：应为 8–32 位数字。请核对后重新导入。`,
  'legacy.row.transfer-account': () =>
    '银行转账的发放须有收款账号，台账中该行没有。请在台账中补充“收款账号”（和“开户银行”）列后重新导入。',
  'legacy.row.no-case': (p) =>
    `找不到对应的救助案件（${p.ref}）。请先导入该案件的救助案件台账，或核对救助案件编号、身份证号码和原案件编号。`,
  'legacy.row.no-case-ref': () =>
    '该行没有写明对应的案件。请填写救助案件编号，或申请人身份证号码和原案件编号，再重新导入。',
  'legacy.row.not-historical': (p) => `案件 ${p.caseNo} 是在本软件中办理的案件，发放在该案件中登记，不从台账导入。`,
  'legacy.row.already-paid': (p) =>
    `案件 ${p.caseNo} 已有发放记录（${p.paid}），与台账不一致，不再导入。请核对台账；如原记录有误，请撤销原导入后重新导入。`,
  'legacy.payment-over-decided': (p) =>
    `案件 ${p.caseNo} 的发放金额合计 ${p.sum}（第 ${p.rows} 行）超过决定救助金额 ${p.granted}，不能导入。请核对台账中的发放金额。`,
  'legacy.row.under-decided': (p) =>
    `案件 ${p.caseNo} 的发放金额合计 ${p.sum}（第 ${p.rows} 行）少于决定救助金额 ${p.granted}。发放记录须与决定金额一致；分次发放的，请在同一文件中列出各次后重新导入。`,
  'legacy.payment-case': (p) =>
    `第 ${p.row} 行对应的案件已不能登记发放（${p.reason}）。未做任何改动，请重新检查后再导入。`,
  // ---- 回访台账 ----
  'legacy.row.follow-up-method': (p) =>
    `回访方式“${p.text}”无法识别。请写上门回访（或走访）、电话回访、信函回访、视频回访或其他方式。`,
  'legacy.row.follow-up-unpaid': (p) =>
    `案件 ${p.caseNo} 还没有发放记录，回访在发放之后。请先导入该案件的发放台账，再导入回访台账。`,
  'legacy.row.follow-up-early': (p) => `回访日期 ${p.date} 早于发放日期 ${p.paid}，请核对。`,
  'legacy.row.follow-up-twice': (p) => `与本文件第 ${p.row} 行是同一案件同一天同一方式的回访，重复，不再导入。`,
  'legacy.follow-up-case': (p) =>
    `第 ${p.row} 行对应的案件已不能登记回访（${p.reason}）。未做任何改动，请重新检查后再导入。`,
} satisfies MessageTable

export type LegacyImportErrorCode = keyof typeof legacyImportMessages
