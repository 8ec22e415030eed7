import { type RegisterId, registerIds, registers } from '@shared/registers'
import { Tabs, Typography } from 'antd'
import { RegisterView } from './RegisterView'

const isRegisterId = (s: string | undefined): s is RegisterId => !!s && (registerIds as readonly string[]).includes(s)

/** 台账: the eight registers, one tab each (#/registers/<register>). */
export function RegistersPage({ register, go }: { register?: string; go: (path: string) => void }) {
  const active: RegisterId = isRegisterId(register) ? register : 'applications'
  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        台账
      </Typography.Title>
      <Tabs
        activeKey={active}
        onChange={(k) => go(`registers/${k}`)}
        destroyOnHidden
        items={registerIds.map((id) => ({
          key: id,
          label: registers[id].title,
          children: id === active ? <RegisterView key={id} register={id} go={go} /> : null,
        }))}
      />
    </div>
  )
}
