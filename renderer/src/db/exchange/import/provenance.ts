import type { ReplicaProvenance } from '../../commands/context'
import type { OpenedBundle } from '../store'
import type { PlanBase } from './planChecks'

/**
 * What the replica audit entries of one table name (the command context's `putReplicas`): the bundle, its sender,
 * the table's payload file as the signed manifest lists it, and the plan's new and updated counts per origin.
 */
export function replicaProvenance(
  plan: Pick<PlanBase, 'bundleId' | 'bundleHash' | 'sender'>,
  bundle: OpenedBundle,
  table: string,
  tallies: ReplicaProvenance['tallies'],
): ReplicaProvenance {
  return {
    bundleId: plan.bundleId,
    bundleHash: plan.bundleHash,
    sender: plan.sender.unitCode,
    file: bundle.manifest.files.find((f) => f.name === `${table}.ndjson`) ?? null,
    tallies,
  }
}
