import { ok, type Result } from '@shared/errors'
import { Button, Space } from 'antd'
import { useState } from 'react'
import { useAction } from '../../app/useAction'
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
  const [outcome, setOutcome] = useState<Outcome>()
  const { run: act, busy } = useAction(setOutcome)

  async function sign() {
    const res = await act(async () => (await run(passphrase)) ?? ok(undefined), {
      failure: failTitle,
      success: (value) => (value === undefined ? undefined : done(value)),
    })
    if (res.ok && res.value !== undefined) setPassphrase('')
  }

  return (
    <div>
      <OutcomeAlert outcome={outcome} testId={testId} />
      <Space wrap>
        <PassphraseInput value={passphrase} onChange={setPassphrase} />
        <Button type="primary" onClick={sign} loading={busy} disabled={!passphrase}>
          {label}
        </Button>
      </Space>
    </div>
  )
}
