import type { Result } from '../errors'

/**
 * 全部生成（卷宗）: every document a case's state allows, made one after another in one go (docs/documents.md
 * “全部生成（卷宗）”). Each document is made exactly as a single one is (the caller's `make`: PDF, record, audit);
 * a failure of one is kept with its Chinese reason and the others are still made.
 */

/** One document of the 卷宗: its template and title. */
export interface DossierItem {
  id: string
  title: string
}

export type DossierOutcome =
  | { id: string; title: string; ok: true; path: string }
  | { id: string; title: string; ok: false; problem: string }

/** Where the batch is: document `index` (1-based) of `total`, `title` being made now. */
export interface DossierProgress {
  index: number
  total: number
  title: string
}

/** The index of the case file is made last, so that it lists the documents made before it in the same go. */
export const DOSSIER_LAST = 'case-file-index'

/**
 * The documents of the 卷宗: those the case file offers as producible now, in the order of the procedure, with the
 * 卷内文件目录 (when producible) last.
 */
export function dossierItems(
  list: readonly { template: { id: string; title: string }; producible: { ok: boolean } }[],
): DossierItem[] {
  const items = list.filter((x) => x.producible.ok).map((x) => ({ id: x.template.id, title: x.template.title }))
  return [...items.filter((x) => x.id !== DOSSIER_LAST), ...items.filter((x) => x.id === DOSSIER_LAST)]
}

/**
 * Makes the documents one after another (the printer prints one page at a time), telling `onProgress` before each;
 * a document that fails — a refusal or a thrown error — is reported with its reason and the next one is made.
 */
export async function makeDossier(
  items: readonly DossierItem[],
  make: (item: DossierItem) => Promise<Result<string, { message: string }>>,
  onProgress: (p: DossierProgress) => void = () => {},
): Promise<DossierOutcome[]> {
  const outcomes: DossierOutcome[] = []
  for (const [i, item] of items.entries()) {
    onProgress({ index: i + 1, total: items.length, title: item.title })
    let res: Result<string, { message: string }>
    try {
      res = await make(item)
    } catch {
      // `make` answers refusals as values; anything thrown still names the document and lets the others go on
      res = { ok: false, error: { message: '生成时出现意外错误，请单独生成这份文书重试' } }
    }
    outcomes.push(res.ok ? { ...item, ok: true, path: res.value } : { ...item, ok: false, problem: res.error.message })
  }
  return outcomes
}
