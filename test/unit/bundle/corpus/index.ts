import type { OpenOptions } from '../../../../electron/services/bundle/open'
import type { BundleSuite } from '../../../../shared/exchange/manifest'
import { addAuthenticity } from './authenticity'
import {
  type BaseName,
  type CorpusContext,
  type HostileCase,
  makeBases,
  makeCrafter,
  outerEntries,
  suiteOps,
} from './craft'
import { addManifestCases } from './manifest'
import { addPayloadCases } from './payload'
import { addScanCases } from './scans'
import { addTampering } from './tampering'

export type { HostileCase } from './craft'

/**
 * The hostile corpus (docs/security-reference.md §2.3 "Tamper matrix", §3.3 "Hostile corpus"), deterministic for a given code
 * base: fast-check with fixed seeds and seeded keys. `controls` are the unmutated bundles, which must open.
 */
export function buildHostileCorpus(suite?: BundleSuite): {
  cases: HostileCase[]
  controls: { label: string; bytes: Uint8Array; opts: OpenOptions }[]
} {
  const bases = makeBases(suite)
  const craft = makeCrafter(bases)
  const cases: HostileCase[] = []
  const ctx: CorpusContext = {
    ...suiteOps(bases.E.suite),
    bases,
    craft,
    add: (family, label, base, bytes, expect = [], opts) =>
      cases.push({ family, label, bytes, opts: opts ?? bases[base].opts, expect }),
    outerOf: (b) => outerEntries(bases[b]),
  }
  addTampering(ctx)
  addAuthenticity(ctx)
  addManifestCases(ctx)
  addPayloadCases(ctx)
  addScanCases(ctx)
  const controls = [
    ...(['E', 'O', 'N'] as BaseName[]).map((b) => ({
      label: `${b} packed`,
      bytes: bases[b].packed.bytes,
      opts: bases[b].opts,
    })),
    ...(['E', 'O', 'N'] as BaseName[]).map((b) => ({
      label: `${b} crafted without mutation`,
      bytes: craft(b),
      opts: bases[b].opts,
    })),
  ]
  return { cases, controls }
}
