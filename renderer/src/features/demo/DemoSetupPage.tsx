import { generateDemoOffice } from '@shared/generate'
import { chinaDateOf } from '@shared/util/clock'
import { newRecordId } from '@shared/util/recordId'
import { Alert, Button, Card, Space, Typography } from 'antd'
import { switchProfile } from '../../app/profile'
import type { ProfileStore } from '../../app/store'
import { useAction } from '../../app/useAction'
import { DEMO_PASSWORD, loadDemoOffice } from '../../db/commands/demo'
import { api } from '../../platform/api'

/**
 * 演示环境 before it holds anything: generates a county procuratorate with three years of cases in every state and
 * loads it into the demo database — never into the office's own records.
 */
export function DemoSetupPage({ store, onDone }: { store: ProfileStore; onDone(): void }) {
  const { run, busy, problem: error } = useAction()
  async function load() {
    const res = await run(async () => {
      const hashed = await api.authHashPassword({ password: DEMO_PASSWORD })
      if (!hashed.ok) return hashed
      const data = generateDemoOffice({ asOf: chinaDateOf(Date.now()) })
      const adminId = newRecordId(data.unit.code, Date.now())
      const admin = { userId: adminId, unitCode: data.unit.code, roles: ['admin' as const] }
      return store.executeAs(admin, loadDemoOffice, { data, adminId, passwordHash: hashed.value.hash })
    })
    if (res.ok) onDone()
  }
  return (
    <Card style={{ maxWidth: 640, margin: '12vh auto' }} title="司法救助工作台 · 演示环境">
      <Typography.Paragraph>
        演示环境使用单独的数据库，载入一个虚构的基层检察院三年来的救助案件（各个办理阶段都有）、资金台账、捐助、多元救助和回访记录，
        供培训和试用。演示数据由程序生成，人名、证件号码和金额都不是真实的，也不会进入本院的正式记录。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Space>
        <Button type="primary" loading={busy} onClick={() => void load()}>
          载入演示数据
        </Button>
        <Button onClick={() => switchProfile('office')}>返回正式环境</Button>
      </Space>
    </Card>
  )
}
