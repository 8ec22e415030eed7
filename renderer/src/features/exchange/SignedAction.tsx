import type { Result } from '@shared/errors'
import { Button, Space } from 'antd'
import { useState } from 'react'
import { type Outcome, OutcomeAlert, PassphraseInput } from './common'

/**
 * An action signed with this office's key: the outcome kept on screen, the key passphrase, the button. The passphrase
 * is cleared once the action succeeds; a refusal keeps it, with the reason in Chinese under `failTitle`.
 */
export function SignedAction<T>({
  label,
  failTitle,
  testId,
  run,
  done,
}: {
  label: string
  failTitle: string
  testId: string
  /** Runs the action with the typed passphrase; undefined when it stopped before (the form says why). */
  run: (passphrase: string) => Promise<Result<T> | undefined>
  done: (value: T) => Outcome
}) {
  const [passphrase, setPassphrase] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>()

  async function act() {
    setOutcome(undefined)
    setBusy(true)
    try {
      const res = await run(passphrase)
      if (!res) return
      setOutcome(res.ok ? done(res.value) : { type: 'error', title: failTitle, detail: res.error.message })
      if (res.ok) setPassphrase('')
    } finally {
      setBusy(false)
    }
  }

  return (
    <div>
      <OutcomeAlert outcome={outcome} testId={testId} />
      <Space wrap>
        <PassphraseInput value={passphrase} onChange={setPassphrase} />
        <Button type="primary" onClick={act} loading={busy} disabled={!passphrase}>
          {label}
        </Button>
      </Space>
    </div>
  )
}
