/** A non-empty tuple of codes, as `z.enum` wants it. */
export type CodeTuple<K extends string> = readonly [K, ...K[]]

/**
 * Turns a `code → 中文` table into the tuple of its codes (in the table's order), so each closed list is written
 * once: the label table is the list. Used by every schema enum and by the UI's option lists.
 */
export function codesOf<const K extends string>(labels: Record<K, string>): CodeTuple<K> {
  const keys = Object.keys(labels) as K[]
  if (keys.length === 0) throw new RangeError('closed list must not be empty')
  return keys as unknown as CodeTuple<K>
}
