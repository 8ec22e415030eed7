import type { ChangeEvent } from 'react'

/** The JSON file picked in a file input (cleared for the next pick); undefined when none was picked. */
export async function readJson(e: ChangeEvent<HTMLInputElement>): Promise<unknown> {
  const file = e.target.files?.[0]
  e.target.value = ''
  if (!file) return undefined
  if (file.size > 4 * 1024 * 1024) throw new Error('文件超过 4 MB，不是标准数据文件。')
  try {
    return JSON.parse(await file.text())
  } catch {
    throw new Error(`“${file.name}”不是有效的 JSON 文件。`)
  }
}
