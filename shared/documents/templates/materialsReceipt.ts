import { applicationFormLabels, capacityLabels, materialItemLabels } from '../../domain/schemas'
import { missingMaterials } from '../../domain/workflow/materials'
import type { Block } from '../layout'
import { docNoOf, idText, needParties, rulesOf, userName } from './common'
import { chineseDate, numericDate } from './format'
import { defineTemplate } from './types'

/**
 * 收取申请材料清单: the list of materials received from the applicant, sealed and dated (docs/domain-reference.md §5 #3, §6
 * "Materials checklist"; H: S8). One row per material; the items still missing are named at the foot.
 */
export const materialsReceipt = defineTemplate({
  id: 'materials-receipt',
  title: '收取国家司法救助申请材料清单',
  states: ['applied', 'needs-supplement', 'accepted'],
  steps: ['apply', 'receive-supplement', 'accept'],
  when: '控申部门收到申请材料时当场出具（已申请、待补正、已受理）',
  gather(ctx, n) {
    const { c, applicant } = needParties(ctx, n)
    if (c) n.need(c.applicationDate, '申请日期（尚未登记申请）')
    const received = c?.materials.filter((m) => m.received) ?? []
    const files = ctx.materials?.filter((m) => !m.voided && (!c || m.caseId === c.id)) ?? []
    if (c && received.length === 0 && files.length === 0) n.fail('已收取的申请材料（材料清单中没有已收取的材料）')
    return { c, applicant, received, files }
  },
  compose({ c, applicant, received, files }, ctx) {
    const table: Block = files.length
      ? {
          kind: 'table',
          head: ['序号', '材料名称', '页数', '收取日期', '备注'],
          widths: ['7%', '42%', '8%', '23%', '20%'],
          nowrap: [3],
          rows: files.map((f, i) => [
            String(i + 1),
            `${f.title}（${materialItemLabels[f.item]}）`,
            f.pages ? `${f.pages}页` : '',
            numericDate(f.receivedDate),
            f.note ?? '',
          ]),
        }
      : {
          kind: 'table',
          head: ['序号', '材料名称', '收取日期', '备注'],
          widths: ['8%', '50%', '23%', '19%'],
          nowrap: [2],
          rows: received.map((m, i) => [
            String(i + 1),
            materialItemLabels[m.item],
            m.receivedDate ? numericDate(m.receivedDate) : '',
            [m.obtainedByOffice ? '本院调取' : '', m.note ?? ''].filter(Boolean).join('；'),
          ]),
        }
    const count = files.length || received.length
    const rules = rulesOf(ctx)
    const missing = missingMaterials(c, rules?.ruleSet.materials)
    const dates = [...received.map((m) => m.receivedDate ?? ''), ...files.map((f) => f.receivedDate)].filter(Boolean)
    const lastDate = dates.sort().at(-1) ?? c.applicationDate ?? ctx.today
    const blocks: Block[] = [
      {
        kind: 'fields',
        columns: 2,
        rows: [
          ['申请人', applicant.name],
          ['申请日期', c.applicationDate ? numericDate(c.applicationDate) : ''],
          ['身份证件', idText(applicant)],
          ['申请方式', c.application ? applicationFormLabels[c.application.form] : ''],
          ['申请身份', c.capacity ? capacityLabels[c.capacity] : ''],
          ['接收人', userName(ctx, c.application?.receivedBy)],
        ],
      },
      table,
      { kind: 'paragraph', text: `以上材料共${count}项，本院已于${numericDate(lastDate)}收取。`, indent: true },
    ]
    if (missing.length) {
      blocks.push({
        kind: 'paragraph',
        text: `尚需补正的材料：${missing.map((m) => materialItemLabels[m]).join('；')}。本院将另行书面通知补正。`,
      })
    }
    blocks.push({
      kind: 'signLines',
      items: [['接收人（签名）'], ['申请人（签名）']],
    })
    return {
      layout: 'form',
      docNo: docNoOf(ctx),
      blocks,
      sign: { unit: ctx.office.name, date: chineseDate(lastDate) },
      footer: ['本清单一式两份，一份交申请人，一份附卷。'],
    }
  },
})
