import { addDays, toEpochDay } from '../domain/dates'
import { residentIdCheckChar } from '../domain/idcard'
import type { BankAccount, Place, PriorityGroup } from '../domain/schemas'
import type { Area, OfficeSpec } from './hierarchy'
import { address, bankAccount, mobile, personName, type SexCode } from './names'
import type { Rng } from './random'

/** A person's fields before the record stamps (personSchema without the base). */
export interface PersonDraft {
  name: string
  sex: SexCode
  birthDate: string
  idType: 'resident-id'
  idNumber: string
  phone?: string
  household: Place
  residence?: Place
  bankAccount?: BankAccount
  priorityFlags: PriorityGroup[]
}

/**
 * Mints 18-digit 居民身份证号码 (GB 11643-1999, docs/domain-reference.md §10.4): the office's own address code, the birth date, a
 * 3-digit sequence whose parity gives the sex (odd = male), and the MOD 11-2 check character from idcard.ts. Every
 * office uses an address code no other office uses, and numbers are unique within the office, so no two persons of
 * a data set share an ID number unless the generator plants it (cross-office duplicates).
 */
export class IdMinter {
  private readonly used = new Set<string>()
  constructor(private readonly regionCode: string) {}

  /** Reserves a number minted elsewhere (a planted duplicate) so this office never mints it again. */
  reserve(idNumber: string): void {
    this.used.add(idNumber)
  }

  mint(rng: Rng, birthDate: string, sex: SexCode): string {
    const birth = birthDate.replaceAll('-', '')
    for (;;) {
      let seq = rng.int(0, 499) * 2 + (sex === 'male' ? 1 : 0)
      if (seq === 0) seq = 2
      const first17 = `${this.regionCode}${birth}${String(seq).padStart(3, '0')}`
      const id = first17 + residentIdCheckChar(first17)
      if (!this.used.has(id)) {
        this.used.add(id)
        return id
      }
    }
  }
}

/** A birth date for someone `age` years old on `onDate` (a random day of that year of age). */
export function birthDateFor(rng: Rng, age: number, onDate: string): string {
  const day = toEpochDay(onDate) - Math.round(age * 365.25) - rng.int(0, 364)
  return addDays('1970-01-01', day)
}

export function ageOn(birthDate: string, onDate: string): number {
  const b = Number(birthDate.slice(0, 4))
  const d = Number(onDate.slice(0, 4))
  return d - b - (onDate.slice(5) < birthDate.slice(5) ? 1 : 0)
}

/** Where a person's household is: mostly the office's own area, sometimes elsewhere in the province. */
export function householdArea(rng: Rng, office: OfficeSpec): Area {
  const local = office.unit.level === 'basic' ? 0.8 : 0.25
  return rng.chance(local) ? office.area : rng.pick(office.neighbours)
}

export interface PersonRequest {
  sex?: SexCode
  age: number
  onDate: string
  area: Area
  /** Rural households get the rural priority flags more often. */
  withAccount?: boolean
  deceased?: boolean
  flags?: readonly PriorityGroup[]
}

/** One person with a valid ID number, a name matching the sex, a household and (usually) a phone and account. */
export function makePerson(rng: Rng, ids: IdMinter, req: PersonRequest): PersonDraft {
  const sex = req.sex ?? (rng.chance(0.58) ? 'male' : 'female')
  const birthDate = birthDateFor(rng, req.age, req.onDate)
  const name = personName(rng, sex)
  const addr = address(rng, req.area.name)
  const rural = addr.includes('村')
  const flags = new Set<PriorityGroup>(req.flags ?? [])
  if (req.age < 18) flags.add('minor')
  if (!req.deceased) {
    if (rural && rng.chance(0.45)) flags.add('rural-hardship')
    if (rng.chance(0.14)) flags.add('low-income')
    if (sex === 'female' && req.age >= 18 && rng.chance(0.22)) flags.add('woman-in-hardship')
    if (rng.chance(0.02)) flags.add('veteran-or-military-family')
    if (rural && req.onDate < '2021-01-01' && rng.chance(0.18)) flags.add('registered-poor')
  }
  const person: PersonDraft = {
    name,
    sex,
    birthDate,
    idType: 'resident-id',
    idNumber: ids.mint(rng, birthDate, sex),
    household: { regionCode: req.area.regionCode, address: addr },
    priorityFlags: [...flags].sort(),
  }
  if (!req.deceased && req.age >= 16) person.phone = mobile(rng)
  if (!req.deceased && rng.chance(0.2)) {
    person.residence = { regionCode: req.area.regionCode, address: address(rng, req.area.name) }
  }
  if (req.withAccount && !req.deceased && req.age >= 16) person.bankAccount = bankAccount(rng, req.area.name, name)
  return person
}
