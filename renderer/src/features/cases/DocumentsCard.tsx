import { type DossierOutcome, type DossierProgress, dossierItems, makeDossier } from '@shared/documents/dossier'
import {
  type DocumentContext,
  type DocumentTemplateId,
  documentAvailability,
  produceDocument,
} from '@shared/documents/templates'
import type { EffectiveRules } from '@shared/domain/rulesets'
import type { Clue } from '@shared/domain/schemas'
import { appError, fail, ok, type Result } from '@shared/errors'
import { chinaDateOf } from '@shared/util/clock'
import { Button, Card, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useMessageReport } from '../../app/messageReport'
import { useSession } from '../../app/session'
import type { Store } from '../../app/store'
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
  type StoredRecord,
  useDbQuery,
} from '../../db'
import { api } from '../../platform/api'
import { DossierRunning, DossierSummary } from './DossierStatus'

/** A produced document as the case file lists it (the 卷内文件目录 reads these). */
type Produced = { templateId: string; number?: string; generatedAt: string }
const producedOf = (d: StoredRecord): Produced => ({
  templateId: String(d.templateId),
  ...(d.number ? { number: String(d.number) } : {}),
  generatedAt: String(d.generatedAt),
})

/**
 * 文书: every document of the procedure with whether it can be produced from the record now (and, if not, what is
 * missing), printed to an A4 PDF by the main process; each produced document is recorded with its content hash.
 * 全部生成（卷宗） makes every producible one in one go, one after another, each exactly like a single one
 * (docs/documents.md “全部生成（卷宗）”).
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
  // 全部生成: its own action (no passing message per document: the summary says it all)
  const batch = useAction()
  const [progress, setProgress] = useState<DossierProgress>()
  const [outcomes, setOutcomes] = useState<DossierOutcome[]>()
  const notice = useExportedNotice()
  if (!sources || !produced || !scans || !profile) return null
  const caseFile = {
    documents: produced.map(producedOf),
    attachments: (scans ?? []).map((a) => ({ name: String(a.name), createdAt: a.createdAt, createdBy: a.createdBy })),
  }
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
    caseFile,
    departmentNames,
    today: chinaDateOf(Date.now()),
  }
  const list = documentAvailability(ctx)
  const names = new Map(sources.users.map((u) => [u.id, u.displayName]))

  /**
   * One document: produced from the record (`made`: documents recorded earlier in the same 全部生成, which the
   * 卷内文件目录 lists), printed to its PDF, then recorded (with its audit entry). The file's path and the record.
   */
  async function makeOne(
    s: Store,
    id: DocumentTemplateId,
    made: readonly Produced[] = [],
  ): Promise<Result<{ path: string; title: string; row: StoredRecord }>> {
    const doc = produceDocument(id, { ...ctx, caseFile: { ...caseFile, documents: [...caseFile.documents, ...made] } })
    if (!doc.ok) return fail(appError('document.missing', { title: doc.title, missing: doc.missing.join('、') }))
    const pdf = await api.pdfRender({ fileName: doc.fileName, html: doc.html })
    if (!pdf.ok) return pdf
    const recorded = await s.execute(recordDocument, {
      caseId: r.id,
      templateId: id,
      ...(doc.docNo ? { number: doc.docNo } : {}),
      contentHash: await sha256Hex(doc.html),
    })
    return recorded.ok ? ok({ path: pdf.value.path, title: doc.title, row: recorded.value }) : recorded
  }

  async function make(id: DocumentTemplateId) {
    setMaking(id)
    const res = await run((s) => makeOne(s, id))
    setMaking(undefined)
    if (res.ok) notice(`已生成${res.value.title}`, res.value.path)
  }

  async function makeAll() {
    setOutcomes(undefined)
    const made: Produced[] = []
    const done = await makeDossier(
      dossierItems(list),
      async (item) => {
        const res = await batch.run((s) => makeOne(s, item.id as DocumentTemplateId, made))
        if (!res.ok) return res
        made.push(producedOf(res.value.row))
        return ok(res.value.path)
      },
      setProgress,
    )
    setProgress(undefined)
    setOutcomes(done)
  }

  return (
    <Card
      size="small"
      title="文书"
      extra={
        <Button
          size="small"
          type="primary"
          disabled={busy || !list.some((x) => x.producible.ok)}
          loading={progress !== undefined}
          onClick={() => void makeAll()}
        >
          全部生成（卷宗）
        </Button>
      }
    >
      {progress && <DossierRunning progress={progress} />}
      {outcomes && <DossierSummary outcomes={outcomes} onClose={() => setOutcomes(undefined)} />}
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
                  disabled={progress !== undefined}
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
