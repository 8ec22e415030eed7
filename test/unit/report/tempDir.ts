import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'

/** A fresh temporary folder for one test file: made before its tests, removed after them. */
export function tempDir(prefix: string): { readonly dir: string; path(name: string): string } {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })
  return {
    get dir() {
      return dir
    },
    path: (name) => join(dir, name),
  }
}
