import { type ErrorCode, fail, type Result } from '@shared/errors'
import { useContext, useState } from 'react'
import type { Outcome } from '../components/OutcomeAlert'
import { type CommandSpec, storageErrorFrom } from '../db'
import { SessionContext } from './session'
import type { Store } from './store'

/** What the user sees when an action ends (kept on screen by the caller's `report`). */
export interface ActionOptions<T> {
  /** On success: a title, or the outcome built from the value (undefined: nothing to say). Without it, nothing. */
  success?: string | ((value: T) => Outcome | undefined)
  /** The heading over the error's Chinese text; without it the text itself is the heading. */
  failure?: string
  /** Refusals the screen answers itself (e.g. asking for a passphrase): not reported, only returned. */
  handles?: readonly ErrorCode[]
  /** What the screen says while it runs (e.g. “正在逐行检查…”), kept in `working`. */
  label?: string
}

/** Where a screen keeps what it tells the user (a `setOutcome`); cleared (undefined) when an action starts. */
export type Report = (outcome: Outcome | undefined) => void

/** A piece of work that needs the session's store (a flow such as `s.flows.exportArchive(…)`), or none. */
export type Work<T> = (store: Store) => Promise<Result<T>>

export interface Action {
  /** True while an action of this hook runs: buttons show it and refuse a second click. */
  busy: boolean
  /** The running action's `label`, for a screen that says what it is doing. */
  working: string | undefined
  /** The Chinese text of the last refusal, cleared when the next action starts. */
  problem: string | undefined
  setProblem(problem: string | undefined): void
  /** Runs a command in the signed-in user's name: `run(writeSupervisionNote, input, { success: '已保存' })`. */
  run<I, R>(spec: CommandSpec<I, R>, input: unknown, options?: ActionOptions<R>): Promise<Result<R>>
  /** Runs a flow or any work that answers a Result: `run((s) => s.flows.exportArchive(pass, false), {…})`. */
  run<T>(work: Work<T>, options?: ActionOptions<T>): Promise<Result<T>>
}

/**
 * The one way a screen acts (docs/architecture.md §2, 界面如何办理): marks the screen busy, runs a command through
 * the command layer or a flow bound to the session, turns whatever went wrong — a refusal, a thrown storage error —
 * into the coded error's Chinese text (shared/errors, db/errors.ts), and reports the outcome to the screen. The
 * Result comes back, so a screen can go on (clear its form, close its dialog) when it is ok.
 */
export function useAction(report?: Report): Action {
  const session = useContext(SessionContext)
  const [busy, setBusy] = useState(false)
  const [working, setWorking] = useState<string>()
  const [problem, setProblem] = useState<string>()

  async function perform<T>(work: () => Promise<Result<T>>, options: ActionOptions<T> = {}): Promise<Result<T>> {
    setBusy(true)
    setWorking(options.label)
    setProblem(undefined)
    report?.(undefined)
    let res: Result<T>
    try {
      res = await work()
    } catch (e) {
      res = fail(storageErrorFrom(e))
    } finally {
      setBusy(false)
      setWorking(undefined)
    }
    if (!res.ok && options.handles?.includes(res.error.code)) return res
    if (!res.ok) {
      setProblem(res.error.message)
      report?.(
        options.failure
          ? { type: 'error', title: options.failure, detail: res.error.message }
          : { type: 'error', title: res.error.message },
      )
    } else if (options.success !== undefined) {
      const { success } = options
      report?.(typeof success === 'string' ? { type: 'success', title: success } : success(res.value))
    }
    return res
  }

  // Before sign-in (setup, sign-in, restore) there is no session store: those screens run work that closes over the
  // profile's store they were given, and a command spec needs the signed-in user.
  const store = session?.store ?? notSignedIn

  function run(
    first: CommandSpec<unknown, unknown> | Work<unknown>,
    second?: unknown,
    third?: ActionOptions<unknown>,
  ): Promise<Result<unknown>> {
    if (typeof first === 'function') return perform(() => first(store), second as ActionOptions<unknown>)
    return perform(() => store.execute(first, second), third)
  }

  return { busy, working, problem, setProblem, run: run as Action['run'] }
}

/** The store of no session: any use is a programming error (turned into the coded unknown error by `perform`). */
const notSignedIn = new Proxy({} as Store, {
  get() {
    throw new Error('useAction: this needs a signed-in session')
  },
})
