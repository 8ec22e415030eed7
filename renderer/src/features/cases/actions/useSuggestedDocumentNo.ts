import { documentDateOf, numberedDocumentOf } from '@shared/domain/documentNumbers'
import type { Case } from '@shared/domain/schemas'
import type { ActionType } from '@shared/domain/workflow'
import type { FormInstance } from 'antd'
import { useCallback, useEffect } from 'react'
import { useSession } from '../../../app/session'
import { suggestedDocumentNumber } from '../../../db'

/**
 * The 文号 field of an action that issues a numbered document starts with this office's next free number for that
 * type and year (docs/documents.md「文号」); the clerk may change it. `offer(true)` replaces what is typed — after the
 * command refused a number another case took meanwhile, the dialog offers the next free one.
 */
export function useSuggestedDocumentNo(form: FormInstance, type: ActionType, record: Case, today: string) {
  const { store } = useSession()
  const document = record.decision?.documentNo ? undefined : numberedDocumentOf(type)
  const offer = useCallback(
    async (replace: boolean) => {
      if (!document) return
      const next = await store.read(
        suggestedDocumentNumber,
        document,
        documentDateOf({ date: form.getFieldValue('date') }, today),
      )
      if (next && (replace || !form.getFieldValue('documentNo'))) form.setFieldValue('documentNo', next)
    },
    [store, document, form, today],
  )
  useEffect(() => {
    void offer(false)
  }, [offer])
  return offer
}
