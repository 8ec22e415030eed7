import { mkdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { CodedError } from '../../shared/errors/coded'
import { safeFileNameSchema } from '../../shared/ipc/contract'

/** Resolves a bare file name inside a folder, refusing anything that could escape it. */
export function fileInFolder(folder: string, fileName: string): string {
  if (!safeFileNameSchema.safeParse(fileName).success) throw new CodedError('file.name-invalid', { name: fileName })
  return join(folder, fileName)
}

export function fileErrorFrom(e: unknown): CodedError {
  const code = (e as NodeJS.ErrnoException)?.code
  if (code === 'ENOSPC' || code === 'EDQUOT') return new CodedError('file.disk-full')
  return new CodedError('file.write-failed', { detail: e instanceof Error ? e.message : String(e) })
}

/**
 * Writes a file atomically: the writer fills `<target>.part`, which is renamed over the target only when complete,
 * so a crash or a full disk never leaves a half-written file under the real name.
 */
export async function writeAtomically(target: string, write: (tmpPath: string) => Promise<void>): Promise<void> {
  const tmp = `${target}.part`
  try {
    await mkdir(join(target, '..'), { recursive: true })
    await write(tmp)
    await rename(tmp, target)
  } catch (e) {
    await rm(tmp, { force: true })
    throw e instanceof CodedError ? e : fileErrorFrom(e)
  }
}
