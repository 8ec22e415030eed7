import { mkdir, rename, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { CodedError } from '../../shared/errors/coded'
import { safeFileNameSchema } from '../../shared/ipc/contract'

/** Resolves a bare file name inside a folder, refusing anything that could escape it. */
export function fileInFolder(folder: string, fileName: string): string {
  if (!safeFileNameSchema.safeParse(fileName).success) throw new CodedError('file.name-invalid', { name: fileName })
  return join(folder, fileName)
}

export function fileErrorFrom(e: unknown, target?: string): CodedError {
  const code = (e as NodeJS.ErrnoException)?.code
  if (code === 'ENOSPC' || code === 'EDQUOT') return new CodedError('file.disk-full')
  const name = target ? basename(target) : ''
  // a folder of the same name is in the way (rename over a directory)
  if (name && (code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'EEXIST')) {
    return new CodedError('file.folder-in-the-way', { name })
  }
  if (name && (code === 'EACCES' || code === 'EPERM')) return new CodedError('file.no-permission', { name })
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
    throw e instanceof CodedError ? e : fileErrorFrom(e, target)
  }
}
