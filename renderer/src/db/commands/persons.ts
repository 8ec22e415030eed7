import type { PersonInput } from '@shared/domain/schemas'
import type { StoredRecord } from '../database'
import type { CommandContext } from './context'

type PersonFields = Omit<PersonInput, 'idNumber'> & { idNumber: string }

/**
 * Records a party inside the running command: a person this office already holds under the same document type and
 * number is updated with what was entered now (one person, one record — the one-time rule and the registers count
 * persons by ID), otherwise a new person is created. Returns the person's record id.
 */
export async function upsertPerson(ctx: CommandContext, person: PersonFields): Promise<string> {
  const same = (await ctx.read.persons.where('idNumber').equals(person.idNumber).toArray()).find(
    (p) => p.ownerUnit === ctx.actor.unitCode && p.idType === person.idType && !p.voided,
  )
  if (same) {
    await ctx.update<StoredRecord>('persons', same.id, (current) => ({ ...current, ...person }))
    return same.id
  }
  const created = await ctx.insert('persons', { ...person })
  return created.id
}
