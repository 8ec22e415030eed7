import type { JiuzhuDb, StoredRecord } from '../database'

/**
 * A table read page by page in primary-key order, each page one bounded IndexedDB read (getAll with a limit), so
 * memory holds a page, not the table. Reading values this way costs what a bare getAll costs; a key cursor over an
 * index is no cheaper in Chromium (one round trip per entry — docs/performance.md, 重复救助核查).
 */
export function pagesOf(db: JiuzhuDb, table: string, size: number): () => AsyncGenerator<StoredRecord[]> {
  return async function* pages() {
    const t = db.table<StoredRecord, string>(table)
    let last: string | undefined
    for (;;) {
      const page =
        last === undefined
          ? await t.orderBy(':id').limit(size).toArray()
          : await t.where(':id').above(last).limit(size).toArray()
      if (page.length > 0) yield page
      if (page.length < size) return
      last = page[page.length - 1].id
    }
  }
}
