import { expect } from 'vitest'
import { messageFor } from '../../shared/errors'
import { CodedError } from '../../shared/errors/coded'

/**
 * Runs `run` and returns the code of the CodedError it throws ('accepted' when it throws nothing), after checking
 * that the code's message is Chinese with every parameter filled in. Anything else thrown fails the test.
 */
export function codeOf(run: () => unknown): string {
  try {
    run()
    return 'accepted'
  } catch (e) {
    if (!(e instanceof CodedError)) throw e
    const text = messageFor(e.code, e.params)
    expect(text).toMatch(/[\u4e00-\u9fff]/)
    expect(text).not.toMatch(/[A-Za-z]{3,} [A-Za-z]{3,}|undefined|NaN/)
    return e.code
  }
}
