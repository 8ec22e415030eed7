import { Alert, Button, Card, Modal, Space, Table, Upload } from 'antd'
import { useState } from 'react'
import { useMessageReport } from '../../app/messageReport'
import { useSession } from '../../app/session'
import { useAction } from '../../app/useAction'
import { formatInstant } from '../../components/format'
import { sha256Hex } from '../../components/sha256'
import { attachmentBlob, attachmentMimes, attachScan, listAttachments, type StoredRecord, useDbQuery } from '../../db'

const sizeText = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`)

interface Opened {
  row: StoredRecord
  url?: string
  problem?: string
}

/** 材料扫描件: scans kept with the case file; each is checked against its recorded SHA-256 when opened. */
export function AttachmentsCard({
  caseId,
  editable,
  nameOf,
}: {
  caseId: string
  editable: boolean
  nameOf(userId: string): string
}) {
  const { store } = useSession()
  const rows = useDbQuery(() => store.read(listAttachments, caseId), [store, caseId])
  const [opened, setOpened] = useState<Opened>()
  const { run } = useAction(useMessageReport())

  async function add(file: File) {
    // reading the file (it may have been moved or be unreadable) or the store may fail: said, nothing is added
    await run(
      async (s) =>
        s.execute(attachScan, { caseId, name: file.name, mime: file.type, sha256: await sha256Hex(file), blob: file }),
      { success: `已添加扫描件：${file.name}`, failure: `未能添加扫描件“${file.name}”` },
    )
  }

  async function open(row: StoredRecord) {
    const blob = await store.read(attachmentBlob, row.id)
    if (!blob) return setOpened({ row, problem: '找不到该扫描件的文件内容，请从备份恢复或重新扫描。' })
    if ((await sha256Hex(blob)) !== row.sha256) {
      return setOpened({ row, problem: '该扫描件的内容与登记时的校验值不一致，可能已损坏或被改动，请勿作为依据。' })
    }
    setOpened({ row, url: URL.createObjectURL(blob) })
  }

  function close() {
    if (opened?.url) URL.revokeObjectURL(opened.url)
    setOpened(undefined)
  }

  return (
    <Card
      size="small"
      title="材料扫描件"
      extra={
        editable && (
          <Upload
            accept={attachmentMimes.join(',')}
            showUploadList={false}
            multiple
            beforeUpload={(file) => {
              void add(file)
              return false
            }}
          >
            <Button>添加扫描件</Button>
          </Upload>
        )
      }
    >
      <Table<StoredRecord>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows ?? []}
        locale={{ emptyText: '暂无扫描件（支持 PDF、JPEG、PNG、TIFF，单个不超过 20 MB）' }}
        columns={[
          { title: '文件名', dataIndex: 'name' },
          { title: '大小', render: (_, a) => sizeText(Number(a.size)) },
          { title: '添加', render: (_, a) => `${formatInstant(a.createdAt)} ${nameOf(a.createdBy)}` },
          {
            title: '操作',
            render: (_, a) => (
              <Button size="small" onClick={() => void open(a)}>
                查看
              </Button>
            ),
          },
        ]}
      />
      {opened && (
        <Modal open title={String(opened.row.name)} footer={null} onCancel={close} width={900}>
          {opened.problem && <Alert type="error" showIcon message={opened.problem} />}
          {opened.url && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Alert type="success" message="文件内容与登记时的校验值一致。" />
              {String(opened.row.mime).startsWith('image/') ? (
                <img src={opened.url} alt={String(opened.row.name)} style={{ maxWidth: '100%' }} />
              ) : (
                <a href={opened.url} download={String(opened.row.name)}>
                  保存到本机查看
                </a>
              )}
            </Space>
          )}
        </Modal>
      )}
    </Card>
  )
}
