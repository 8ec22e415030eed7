import { unitLevelLabels } from '@shared/domain/officeSetup'
import { Input, Typography } from 'antd'

export { type Outcome, OutcomeAlert } from '../../components/OutcomeAlert'

/** A fingerprint as it is read aloud: four groups of five, large, monospaced, a clear gap between groups. */
export function Fingerprint({ value, testId }: { value: string; testId?: string }) {
  return (
    <Typography.Text
      data-testid={testId}
      copyable={{ text: value }}
      style={{ fontFamily: 'monospace', fontSize: 22, letterSpacing: 1 }}
    >
      {value.split('-').map((group, i) => (
        <span key={group + String(i)} style={{ marginRight: 16 }}>
          {group}
        </span>
      ))}
    </Typography.Text>
  )
}

export function PassphraseInput({
  value,
  onChange,
  label = '本院密钥口令',
}: {
  value: string
  onChange: (v: string) => void
  label?: string
}) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
      <span>{label}</span>
      <Input.Password
        aria-label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        style={{ width: 240 }}
      />
    </span>
  )
}

export const levelLabel = (level: string) => unitLevelLabels[level as keyof typeof unitLevelLabels] ?? level

/** Reads a picked file as base64 for the IPC contract (the file never goes anywhere else). */
export async function readPicked(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer())
}
