import type { RegisterId, SavedView } from '@shared/registers'
import { App, Button, Input, Popover, Select, Space } from 'antd'
import { useState } from 'react'
import { useSession } from '../../app/session'
import { useAction } from '../../app/useAction'
import { getSavedViews, saveRegisterViews, useDbQuery } from '../../db'

/** 已保存的视图 of a register (the signed-in user's own): pick one to apply it, save the current one, delete. */
export function SavedViews({
  register,
  viewName,
  onViewName,
  current,
  onApply,
}: {
  register: RegisterId
  viewName: string | undefined
  onViewName(name: string | undefined): void
  current(): Omit<SavedView, 'name'>
  onApply(view: SavedView): void
}) {
  const { store, user } = useSession()
  const { message } = App.useApp()
  const { run } = useAction()
  const views = useDbQuery(() => store.read(getSavedViews, user.id), [store, user.id]) ?? []
  const myViews = views.filter((v) => v.register === register)
  const others = (name: string) => views.filter((v) => !(v.register === register && v.name === name))

  async function save(name: string) {
    const res = await run(saveRegisterViews, { views: [...others(name), { name, ...current() }] })
    if (!res.ok) return void message.error(res.error.message)
    onViewName(name)
    message.success(`已保存视图“${name}”`)
  }

  async function remove(name: string) {
    const res = await run(saveRegisterViews, { views: others(name) })
    if (!res.ok) return void message.error(res.error.message)
    onViewName(undefined)
    message.success(`已删除视图“${name}”`)
  }

  return (
    <>
      <Select
        allowClear
        placeholder="已保存的视图"
        aria-label="已保存的视图"
        style={{ width: 180 }}
        value={viewName}
        options={myViews.map((v) => ({ value: v.name, label: v.name }))}
        onChange={(name?: string) => {
          const v = myViews.find((x) => x.name === name)
          if (v) onApply(v)
          else onViewName(undefined)
        }}
      />
      <SaveViewButton initial={viewName} onSave={save} />
      {viewName && (
        <Button danger onClick={() => remove(viewName)}>
          删除视图
        </Button>
      )}
    </>
  )
}

function SaveViewButton({ initial, onSave }: { initial?: string; onSave: (name: string) => Promise<void> }) {
  const [open, setOpen] = useState(false)
  const [name, setName] = useState(initial ?? '')
  return (
    <Popover
      open={open}
      onOpenChange={(o) => {
        setOpen(o)
        if (o) setName(initial ?? '')
      }}
      trigger="click"
      title="保存当前视图"
      content={
        <Space>
          <Input
            aria-label="视图名称"
            placeholder="视图名称"
            value={name}
            maxLength={40}
            onChange={(e) => setName(e.target.value)}
          />
          <Button
            type="primary"
            disabled={!name.trim()}
            onClick={async () => {
              await onSave(name.trim())
              setOpen(false)
            }}
          >
            保存
          </Button>
        </Space>
      }
    >
      <Button>保存视图</Button>
    </Popover>
  )
}
