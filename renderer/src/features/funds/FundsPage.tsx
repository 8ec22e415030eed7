import { mayRun } from '@shared/domain/permissions'
import { Button, Space, Tabs, Typography } from 'antd'
import { useState } from 'react'
import { useSession } from '../../app/session'
import { RegisterView } from '../registers/RegisterView'
import { DonationDialog, DonorNoticeButton, LedgerEntryDialog, RecipientsDialog } from './DonationDialogs'
import { FundsBalance } from './FundsBalance'

const tabs = ['balance', 'ledger', 'donations'] as const
type Tab = (typeof tabs)[number]

/** 资金: balance per fund source and reconciliation, the funds ledger, donations (#/funds/<tab>). */
export function FundsPage({ tab, go }: { tab?: string; go: (path: string) => void }) {
  const { actor } = useSession()
  const active: Tab = (tabs as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'balance'
  const [version, setVersion] = useState(0)
  const [donationOpen, setDonationOpen] = useState(false)
  const [entryOpen, setEntryOpen] = useState(false)
  const [recipientsOf, setRecipientsOf] = useState<string>()
  const bump = (saved: boolean) => saved && setVersion((v) => v + 1)
  const canDonate = mayRun(actor.roles, 'donation.record')
  const canLink = mayRun(actor.roles, 'donation.link')
  const canEntry = mayRun(actor.roles, 'ledger.record')
  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        资金
      </Typography.Title>
      <Tabs
        activeKey={active}
        onChange={(k) => go(`funds/${k}`)}
        destroyOnHidden
        items={[
          {
            key: 'balance',
            label: '余额与对账',
            children: active === 'balance' && <FundsBalance version={version} go={go} />,
          },
          {
            key: 'ledger',
            label: '资金台账',
            children: active === 'ledger' && (
              <RegisterView
                register="ledger"
                go={go}
                version={version}
                actions={canEntry && <Button onClick={() => setEntryOpen(true)}>登记拨款或冲销</Button>}
              />
            ),
          },
          {
            key: 'donations',
            label: '捐助',
            children: active === 'donations' && (
              <RegisterView
                register="donations"
                go={go}
                version={version}
                actions={canDonate && <Button onClick={() => setDonationOpen(true)}>登记捐助</Button>}
                rowAction={(r) => (
                  <Space size={4}>
                    {canLink && (
                      <Button size="small" onClick={() => setRecipientsOf(r.key)}>
                        受助人
                      </Button>
                    )}
                    <DonorNoticeButton donationId={r.key} onNotified={() => bump(true)} />
                  </Space>
                )}
              />
            ),
          },
        ]}
      />
      <DonationDialog
        open={donationOpen}
        onClose={(s) => {
          setDonationOpen(false)
          bump(s)
        }}
      />
      <LedgerEntryDialog
        open={entryOpen}
        onClose={(s) => {
          setEntryOpen(false)
          bump(s)
        }}
      />
      <RecipientsDialog
        donationId={recipientsOf}
        onClose={() => {
          setRecipientsOf(undefined)
          bump(true)
        }}
      />
    </div>
  )
}
