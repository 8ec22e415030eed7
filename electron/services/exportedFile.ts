import { realpath, stat } from 'node:fs/promises'
import { basename, extname, isAbsolute, relative, resolve, sep } from 'node:path'
import { CodedError } from '../../shared/errors/coded'

/** What 打开 / 打印 may open: the documents and tables this app writes, nothing it could be tricked into running. */
export const OPENABLE_EXTENSIONS = ['.pdf', '.xlsx'] as const

/** Whether `path` names something strictly inside `folder` (both already absolute and resolved). */
export function isInsideFolder(folder: string, path: string): boolean {
  const rel = relative(folder, path)
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)
}

const openable = (name: string) => (OPENABLE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase())

/**
 * The file behind 打开 / 打印 (IPC `files:open`), checked: an absolute path inside the export folder — after
 * following every link, so a link placed there cannot point elsewhere — naming an existing regular file with an
 * extension this app writes (PDF, Excel; `accept` narrows another folder to other names). Anything else is refused
 * with a Chinese message, before any program runs.
 */
export async function exportedFile(
  exportDir: string,
  path: string,
  accept: (name: string) => boolean = openable,
): Promise<string> {
  const outside = () => new CodedError('file.outside-export', { path: path.slice(0, 300), dir: exportDir })
  if (!isAbsolute(path) || path.includes('\0')) throw outside()
  const lexical = resolve(path)
  const folder = resolve(exportDir)
  if (!isInsideFolder(folder, lexical)) throw outside()
  if (!accept(basename(lexical))) throw outside()
  let real: string
  try {
    real = await realpath(lexical)
    if (!(await stat(real)).isFile()) throw new Error('not a file')
  } catch {
    throw new CodedError('file.not-found', { name: basename(lexical) })
  }
  const realFolder = await realpath(folder).catch(() => folder)
  if (!isInsideFolder(realFolder, real)) throw outside()
  return real
}
