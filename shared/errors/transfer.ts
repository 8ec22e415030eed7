import type { MessageTable } from './types'

/**
 * Codes of the case transfer package (案件移送材料包, docs/exchange.md §四): producing it from a decided case,
 * and importing one as a read-only record of prior assistance. Every refusal says what is wrong, that nothing was
 * written, and what to do.
 */
export const transferMessages = {
  'transfer.no-decision': (p) =>
    `案件${p.caseNo ? ` ${p.caseNo} ` : ''}尚未作出救助决定（当前：${p.state}），不能生成移送材料包。未生成任何文件。请在作出决定后再生成。`,
  'transfer.not-owned': (p) =>
    `这是 ${p.owner} 的案件（只读副本），移送材料包只能由作出决定的检察院生成。未生成任何文件。`,
  'transfer.missing-party': () =>
    '案件缺少申请人信息（姓名和证件号码），移送材料无法载明救助对象。未生成任何文件。请先补全申请人信息。',
  'transfer.receiver-invalid': (p) => `接收单位填写有误：${p.detail}。未生成任何文件。`,
  'transfer.scan-changed': (p) =>
    `扫描件“${p.name}”的内容与登记时的校验值不一致（文件可能已损坏）。未生成任何文件。请重新扫描该材料后再生成。`,
  'transfer.too-large': (p) =>
    `移送材料中${p.what}超过上限（${p.detail}）。未生成或导入任何文件。请分页扫描或降低分辨率后重试。`,
  'transfer.invalid': (p) =>
    `移送材料包的内容不符合规范：${p.detail}。文件可能被改动，或不是本软件生成的。未导入任何数据。请向移送单位核实并重新索取。`,
  'transfer.content-mismatch': (p) =>
    `移送材料包中的文件“${p.name}”与材料记录不符：${p.detail}。文件可能被改动。未导入任何数据。请向移送单位核实并重新索取。`,
  'transfer.wrong-kind': (p) =>
    `所选文件不是案件移送材料包，而是“${p.kind}”。未导入任何数据。其他数据包请在“数据交换 → 导入数据包”中导入。`,
  'transfer.own-package': () =>
    '这是本院自己生成的移送材料包，本院已有该案件的记录，不需要导入。请把它随案卷交给接收单位。',
  'transfer.already-imported': (p) => `此移送材料包已于 ${p.at} 导入（${p.person}，${p.unit}），本次未做任何改动。`,
  'transfer.plan-changed': () => '预览之后本院数据已变化（可能在另一窗口已导入）。未做任何改动，请重新选择文件预览。',
} satisfies MessageTable

export type TransferErrorCode = keyof typeof transferMessages
