/**
 * Errors cross every boundary as data: a code from a closed set plus optional parameters.
 * Chinese text is produced only by the message tables in this folder (see index.ts).
 */
export type MessageParams = Record<string, string | number | undefined>

/** A Chinese message builder for one code. */
export type MessageFn = (p: MessageParams) => string

/** A table of codes → Chinese message builders, one per area (app, validation, eligibility, workflow …). */
export type MessageTable = Record<string, MessageFn>
