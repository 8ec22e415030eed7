import { formatYuanWithUnit } from '../../domain/money'
import type { CaseState } from '../../domain/schemas'
import { caseStateLabels, materialItemLabels } from '../../domain/schemas'
import { stateLabelOf } from '../../domain/workflow/display'
import { chinaDateOf } from '../../util/clock'
import { needParties, underlyingText, userName } from './common'
import { chineseDate, numericDate } from './format'
import { type DocumentTemplate, defineTemplate } from './types'

/** States in which a case is concluded and its file (一案一档) can be closed and bound. */
export const concludedStates: readonly CaseState[] = [
  'paid',
  'follow-up',
  'archived',
  'refused',
  'withdrawn',
  'abandoned',
]

const dayOf = (instant: string) => chinaDateOf(Date.parse(instant))

interface IndexLine {
  date: string
  /** Sort order within a day: materials, then documents, then scans. */
  order: number
  /** Within a day and kind, the instant it arose (documents made in one go — 全部生成 — keep the order they were made). */
  at: string
  title: string
  number: string
  by: string
  note: string
}

/**
 * 卷内文件目录 (一案一档; docs/domain-reference.md §9 "one file per case", S33; issue #6 item 6): every paper of the case in the order
 * it arose — the application materials received (by the record's checklist or the received material records), each
 * document produced by the office (the latest print of each, with its number), and the scans kept with the case —
 * numbered for binding; page numbers are written in by hand when the file is bound. `titleOf` names a document
 * template by its id (given by the template list, so this module does not import it).
 */
export function caseFileIndexTemplate(titleOf: (id: string) => string | undefined): DocumentTemplate {
  return defineTemplate({
    id: 'case-file-index',
    title: '卷内文件目录',
    states: concludedStates,
    steps: ['archive'],
    when: '案件办结、归档立卷时（一案一档）',
    gather(ctx, n) {
      const { c, applicant } = needParties(ctx, n)
      if (c && !concludedStates.includes(c.state)) n.fail(`案件办结（现为“${stateLabelOf(c)}”，办结后才能立卷归档）`)
      if (c) n.need(c.caseNo, '救助案件编号')
      return { c, applicant }
    },
    compose({ c, applicant }, ctx) {
      const lines: IndexLine[] = []
      const issuer = ctx.office.shortName || ctx.office.name
      const materials = ctx.materials?.filter((m) => m.caseId === c.id) ?? []
      if (materials.length) {
        for (const m of materials)
          lines.push({
            date: m.receivedDate,
            order: 0,
            at: '',
            title: m.title,
            number: '',
            by: applicant.name,
            note: m.pages ? `${m.pages}页` : '',
          })
      } else {
        for (const m of c.materials)
          if (m.received && m.receivedDate)
            lines.push({
              date: m.receivedDate,
              order: 0,
              at: '',
              title: materialItemLabels[m.item],
              number: '',
              by: m.obtainedByOffice ? issuer : applicant.name,
              note: m.obtainedByOffice ? '本院调取' : '',
            })
      }
      const prints = new Map<string, { templateId: string; number?: string; generatedAt: string; count: number }>()
      for (const d of ctx.caseFile?.documents ?? []) {
        if (d.templateId === 'case-file-index') continue
        const key = `${d.templateId}|${d.number ?? ''}`
        const seen = prints.get(key)
        prints.set(key, {
          ...(seen && seen.generatedAt > d.generatedAt ? seen : d),
          count: (seen?.count ?? 0) + 1,
        })
      }
      for (const d of prints.values()) {
        lines.push({
          date: dayOf(d.generatedAt),
          order: 1,
          at: d.generatedAt,
          title: titleOf(d.templateId) ?? d.templateId,
          number: d.number ?? '',
          by: issuer,
          note: d.count > 1 ? `打印${d.count}次` : '',
        })
      }
      for (const a of ctx.caseFile?.attachments ?? [])
        lines.push({
          date: dayOf(a.createdAt),
          order: 2,
          at: a.createdAt,
          title: a.name,
          number: '',
          by: userName(ctx, a.createdBy),
          note: '扫描件',
        })
      lines.sort(
        (x, y) =>
          x.date.localeCompare(y.date) ||
          x.order - y.order ||
          x.at.localeCompare(y.at) ||
          x.title.localeCompare(y.title),
      )

      const outcome =
        c.decision?.outcome === 'granted' && c.decision.grantedFen !== undefined
          ? `决定救助 ${formatYuanWithUnit(c.decision.grantedFen)}${c.payment ? `，${numericDate(c.payment.paidDate)}发放` : ''}`
          : caseStateLabels[c.state]
      const closedOn = c.archiveDate ?? ctx.today
      return {
        layout: 'form',
        docNo: c.caseNo,
        blocks: [
          {
            kind: 'fields',
            columns: 2,
            rows: [
              ['案件编号', c.caseNo ?? ''],
              ['救助对象', applicant.name],
              ['原案件', underlyingText(c) ?? '', 'wide'],
              ['办理结果', outcome, 'wide'],
              ['立卷日期', numericDate(closedOn)],
              ['文件件数', `${lines.length}件`],
            ],
          },
          {
            kind: 'table',
            head: ['序号', '文号', '责任者', '题名', '日期', '页号', '备注'],
            widths: ['8%', '18%', '11%', '29%', '16%', '8%', '10%'],
            nowrap: [4],
            rows: lines.map((l, i) => [String(i + 1), l.number, l.by, l.title, l.date.replaceAll('-', ''), '', l.note]),
          },
          { kind: 'signLines', items: [['立卷人'], ['检查人'], ['立卷日期', chineseDate(closedOn)]] },
        ],
        footer: [
          '本目录按文件形成的先后顺序排列，由系统根据案件记录、已制作文书和扫描件生成；同一文书打印多次的，归档最后一次；页号在装订时填写。',
          '国家司法救助案件实行一案一档，卷内文件与电子记录一致。',
        ],
      }
    },
  })
}
