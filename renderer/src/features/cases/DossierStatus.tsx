import type { DossierOutcome, DossierProgress } from '@shared/documents/dossier'
import { Alert, Button, Progress, Space, Typography } from 'antd'
import { ExportedFileActions, useOpenExported } from '../../components/ExportedFile'
import { isBrowserMode } from '../../platform/api'

/** 全部生成（卷宗） while it runs: “第 N / M 份：<文书名>” over a bar of the documents done. */
export function DossierRunning({ progress }: { progress: DossierProgress }) {
  return (
    <div role="status" aria-label="全部生成进度" style={{ marginBottom: 12 }}>
      <Typography.Text>
        正在生成第 {progress.index} / {progress.total} 份：{progress.title}
      </Typography.Text>
      <Progress percent={Math.round(((progress.index - 1) / progress.total) * 100)} size="small" />
    </div>
  )
}

/**
 * 全部生成（卷宗） when it is done: how many were made, each file with 打开 / 打印, each failure with its reason in
 * Chinese, and 打开文件夹 (desktop: the export folder in the system's file manager; browser mode has no folder to
 * show — each file opens in a tab, whose viewer downloads it).
 */
export function DossierSummary({ outcomes, onClose }: { outcomes: DossierOutcome[]; onClose: () => void }) {
  const open = useOpenExported()
  const made = outcomes.filter((o) => o.ok)
  const failed = outcomes.filter((o) => !o.ok)
  const first = made[0]
  return (
    <Alert
      role="region"
      aria-label="全部生成结果"
      style={{ marginBottom: 12 }}
      type={failed.length ? 'warning' : 'success'}
      title={
        failed.length ? `已生成 ${made.length} 份文书，${failed.length} 份未能生成` : `已生成全部 ${made.length} 份文书`
      }
      closable={{ onClose, 'aria-label': '关闭' }}
      description={
        <div>
          {failed.map((o) => (
            <Typography.Paragraph key={o.id} type="danger" style={{ margin: '4px 0' }}>
              未能生成{o.title}：{o.problem}
            </Typography.Paragraph>
          ))}
          <ul aria-label="已生成的文书" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {made.map((o) => (
              <li key={o.id} style={{ margin: '4px 0' }}>
                <Space size="small" wrap>
                  <Typography.Text>{o.title}</Typography.Text>
                  <ExportedFileActions path={o.path} />
                </Space>
              </li>
            ))}
          </ul>
          {first && (
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', wordBreak: 'break-all' }}>
              保存位置：{first.path.slice(0, Math.max(first.path.lastIndexOf('/'), first.path.lastIndexOf('\\')))}
              {!isBrowserMode && (
                <Button size="small" style={{ marginLeft: 8 }} onClick={() => void open(first.path, 'reveal')}>
                  打开文件夹
                </Button>
              )}
            </Typography.Paragraph>
          )}
        </div>
      }
    />
  )
}
