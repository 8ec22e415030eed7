import {
  type DocumentContext,
  type DocumentTemplateId,
  documentAvailability,
  produceDocument,
} from '@shared/documents/templates'
import type { EffectiveRules } from '@shared/domain/rulesets'
import type { Clue } from '@shared/domain/schemas'
import { ok } from '@shared/errors'
import { chinaDateOf } from '@shared/util/clock'
import { App, Button, Card, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useMessageReport } from '../../app/messageReport'
import { useSession } from '../../app/session'
import { useAction } from '../../app/useAction'
import { useDepartmentNames } from '../../components/departmentNames'
import { useExportedNotice } from '../../components/ExportedFile'
import { formatInstant } from '../../components/format'
import { sha256Hex } from '../../components/sha256'
import {
  type CaseFile,
  documentSources,
  listAttachments,
  listCaseDocuments,
  recordDocument,
  useDbQuery,
} from '../../db'
import { api } from '../../platform/api'

/**
 * 文书: every document of the procedure with whether it can be produced from the record now (and, if not, what is
 * missing), printed to an A4 PDF by the main process; each produced document is recorded with its content hash.
 */
export function DocumentsCard({ file, rules }: { file: CaseFile; rules?: EffectiveRules }) {
  const { store, unit, user } = useSession()
  const r = file.record
  const sources = useDbQuery(() => store.read(documentSources, r.clueId), [store, r.clueId])
  const produced = useDbQuery(() => store.read(listCaseDocuments, r.id), [store, r.id])
  const scans = useDbQuery(() => store.read(listAttachments, r.id), [store, r.id])
  const profile = useDbQuery(() => store.setting('officeProfile'), [store])
  const departmentNames = useDepartmentNames()
  // which document is being made (its button shows it); one at a time
  const [making, setMaking] = useState<DocumentTemplateId>()
  const { run, busy } = useAction(useMessageReport())
  const { message } = App.useApp()
  const notice = useExportedNotice()
  if (!sources || !produced || !scans || !profile) return null
  const ctx: DocumentContext = {
    office: { code: unit.code, name: unit.name, shortName: unit.shortName, regionCode: unit.regionCode },
    case: r,
    clue: sources.clue as Clue | undefined,
    persons: [file.applicant, file.victim].filter((p) => p !== undefined),
    users: sources.users,
    units: sources.units,
    ...(rules ? { rules } : {}),
    contact: {
      name: user.displayName,
      ...(profile.phone ? { phone: profile.phone } : {}),
      ...(profile.address ? { address: profile.address } : {}),
      ...(profile.postcode ? { postcode: profile.postcode } : {}),
      ...(profile.bankName ? { payingBank: profile.bankName } : {}),
    },
    caseFile: {
      documents: (produced ?? []).map((d) => ({
        templateId: String(d.templateId),
        ...(d.number ? { number: String(d.number) } : {}),
        generatedAt: String(d.generatedAt),
      })),
      attachments: (scans ?? []).map((a) => ({ name: String(a.name), createdAt: a.createdAt, createdBy: a.createdBy })),
    },
    departmentNames,
    today: chinaDateOf(Date.now()),
  }
  const list = documentAvailability(ctx)
  const names = new Map(sources.users.map((u) => [u.id, u.displayName]))

  async function make(id: DocumentTemplateId) {
    const doc = produceDocument(id, ctx)
    if (!doc.ok) return void message.error(`不能制作${doc.title}：缺少${doc.missing.join('、')}`)
    setMaking(id)
    const res = await run(async (s) => {
      const pdf = await api.pdfRender({ fileName: doc.fileName, html: doc.html })
      if (!pdf.ok) return pdf
      const recorded = await s.execute(recordDocument, {
        caseId: r.id,
        templateId: id,
        ...(doc.docNo ? { number: doc.docNo } : {}),
        contentHash: await sha256Hex(doc.html),
      })
      return recorded.ok ? ok(pdf.value.path) : recorded
    })
    setMaking(undefined)
    if (res.ok) notice(`已生成${doc.title}`, res.value)
  }

  return (
    <Card size="small" title="文书">
      <Table
        size="small"
        rowKey={(x) => x.template.id}
        pagination={false}
        dataSource={list}
        columns={[
          { title: '文书', render: (_, x) => x.template.title },
          {
            title: '何时制作',
            render: (_, x) => <Typography.Text type="secondary">{x.template.when}</Typography.Text>,
          },
          {
            title: '状态',
            render: (_, x) =>
              x.producible.ok ? (
                <Tag color="green">可制作</Tag>
              ) : (
                <Typography.Text type="secondary">缺少：{x.producible.missing.join('、')}</Typography.Text>
              ),
          },
          {
            title: '操作',
            render: (_, x) =>
              x.producible.ok && (
                <Button
                  size="small"
                  loading={busy && making === x.template.id}
                  onClick={() => void make(x.template.id)}
                >
                  生成 PDF
                </Button>
              ),
          },
        ]}
      />
      {produced && produced.length > 0 && (
        <Typography.Paragraph style={{ marginTop: 12 }}>
          已制作：
          {produced.map((d) => (
            <div key={d.id}>
              {formatInstant(String(d.generatedAt))}{' '}
              {list.find((x) => x.template.id === d.templateId)?.template.title ?? String(d.templateId)}
              {d.number ? `（${String(d.number)}）` : ''} {names.get(d.createdBy) ?? ''}
            </div>
          ))}
        </Typography.Paragraph>
      )}
    </Card>
  )
}
