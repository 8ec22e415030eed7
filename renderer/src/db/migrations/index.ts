import { migration0001 } from './0001-initial'
import { migration0002 } from './0002-downward'
import { migration0003 } from './0003-transfer'
import { migration0004 } from './0004-ledger-by-donation'
import { migration0005 } from './0005-prior-assistance-upward'
import { migration0006 } from './0006-case-document-numbers'

export interface Migration {
  version: number
  stores: Record<string, string | null>
  /** Runs inside Dexie's upgrade transaction; must not import live domain code (define old shapes locally). */
  upgrade?: (tx: import('dexie').Transaction) => Promise<void>
}

/** Every migration ever landed, in order. Append only. */
export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
]
