import { chinaTimeOf } from '@shared/util/clock'
import { Alert, App, Button, type FormInstance, Space, Typography } from 'antd'
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react'
import { formatInstant } from '../components/format'
import { type Draft, getDraft, saveDraft, useDbQuery } from '../db'
import { useSession } from './session'
import { useUnsavedChanges } from './unsavedChanges'

/** Typing paused this long keeps a draft: each save is an audit entry, so not one per keystroke. */
const DRAFT_PAUSE_MS = 5000

/** A form that guards against leaving and keeps the signed-in user's draft (one mechanism for every long form). */
export interface FormDraft {
  /** False until the stored draft has been read: render the form only then. */
  ready: boolean
  /** The form's onValuesChange (or Form.Provider's onFormChange): marks unsaved input and keeps a draft on a pause. */
  changed(): void
  /** Marks unsaved input without a change event (e.g. fields filled by a button). */
  setDirty(dirty: boolean): void
  dirty: boolean
  /** The form was saved: its draft is discarded and leaving no longer asks. */
  saved(): Promise<void>
  /** Keeps the draft now, at the user's request; reports it. */
  keep(): Promise<void>
  /** Leaves on purpose without keeping: the draft is discarded. */
  discard(): Promise<void>
  /** The offer of the draft found on opening (restore / discard), or null. */
  offer: ReactNode
  /** "已自动保存草稿（时刻）" once a draft was kept automatically. */
  autoSaved: ReactNode
}

/**
 * Guards `form` against leaving (menu, hash change, reload, sign-out, idle lock — renderer/src/app/unsavedChanges.ts)
 * and keeps what the user typed as their own draft (`draft.save`, keyed by form and user) when typing pauses, when
 * the form closes and when the idle lock comes. On opening, a stored draft is offered; saving the form discards it.
 * `name`: the form, and the record it is about when there is one (e.g. `action:accept:<caseId>`); `about`: that
 * case or clue, which the audit entry of each save names (it holds nothing typed).
 */
export function useFormDraft(
  form: FormInstance,
  name: string,
  about: { caseId?: string; clueId?: string } = {},
): FormDraft {
  const { store, actor } = useSession()
  const { message } = App.useApp()
  const draftForm = name.toLowerCase()
  const [dirty, setDirty] = useState(false)
  const stored = useDbQuery(
    async () => (await store.read(getDraft, draftForm, actor.userId)) ?? null,
    [store, draftForm, actor.userId],
  )
  // the draft offered is the one found on opening the form, not the one kept automatically while typing
  const [offered, setOffered] = useState<Draft | null>()
  if (offered === undefined && stored !== undefined) setOffered(stored)
  const [autoSavedAt, setAutoSavedAt] = useState<string>()
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined)
  const keepDraft = useRef<(values: Record<string, unknown> | null) => Promise<boolean>>(async () => false)
  keepDraft.current = async (values) => {
    clearTimeout(pending.current)
    pending.current = undefined
    const res = await store.execute(saveDraft, { form: draftForm, ...about, values })
    if (!res.ok) message.error(res.error.message)
    return res.ok
  }
  const keepNow = useCallback(() => {
    void keepDraft.current(form.getFieldsValue(true)).then((ok) => {
      if (ok) setAutoSavedAt(chinaTimeOf(Date.now()))
    })
  }, [form])
  useUnsavedChanges(dirty, keepNow)
  // what the form holds once its controls have settled (a control may fill in its value as it mounts): input differs
  // from this; a change event alone (without the user typing) does not make the form unsaved
  const baseline = useRef<string>(undefined)
  useEffect(() => {
    baseline.current = JSON.stringify(form.getFieldsValue(true))
  }, [form])
  // typed work not yet kept is kept at once when the form closes (left by the menu, cancelled, signed out)
  useEffect(
    () => () => {
      if (pending.current) keepNow()
    },
    [keepNow],
  )

  async function restore(draft: Draft) {
    form.setFieldsValue(draft.values)
    setOffered(null)
    // the restored input is the stored draft: leaving loses nothing until the user types again
    baseline.current = JSON.stringify(form.getFieldsValue(true))
    setDirty(false)
  }
  async function discard() {
    setDirty(false)
    setOffered(null)
    await keepDraft.current(null)
  }

  return {
    ready: offered !== undefined,
    dirty,
    setDirty,
    changed() {
      if (baseline.current !== undefined && JSON.stringify(form.getFieldsValue(true)) === baseline.current) return
      setDirty(true)
      clearTimeout(pending.current)
      pending.current = setTimeout(keepNow, DRAFT_PAUSE_MS)
    },
    async saved() {
      setDirty(false)
      await keepDraft.current(null)
    },
    async keep() {
      if (await keepDraft.current(form.getFieldsValue(true))) {
        setDirty(false)
        message.success('草稿已保存。草稿未经校验，不是正式登记。')
      }
    },
    discard,
    offer: offered ? (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        message={`有一份 ${formatInstant(offered.savedAt)} 保存的草稿`}
        action={
          <Space>
            <Button size="small" type="primary" onClick={() => void restore(offered)}>
              恢复草稿
            </Button>
            <Button size="small" onClick={() => void discard()}>
              丢弃草稿
            </Button>
          </Space>
        }
      />
    ) : null,
    autoSaved: autoSavedAt ? <Typography.Text type="secondary">已自动保存草稿（{autoSavedAt}）</Typography.Text> : null,
  }
}
