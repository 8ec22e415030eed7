import type {
  CaseStage,
  OriginDepartment,
  Relation,
  UnderlyingCase,
  VictimInfo,
  VictimOutcome,
} from '../domain/schemas'
import type { OfficeSpec } from './hierarchy'
import { householdArea, type IdMinter, makePerson, type PersonDraft } from './people'
import type { Rng } from './random'
import type { Scenario } from './scenario'
import type { HarmKind } from './texts'

/** The facts of one case decided up front: harm, parties, underlying case, amount. */
export interface CaseFacts {
  kind: HarmKind
  relation: Relation
  capacity: 'self' | 'legal-representative' | 'entrusted-agent'
  applicant: PersonDraft
  /** Absent when the applicant is the victim. */
  victim?: PersonDraft
  victimInfo: VictimInfo
  underlying: UnderlyingCase
  originDepartment: OriginDepartment
  /** The amount the opinion proposes (分). */
  proposedFen: number
  /** After a 不同意 of the amount, the revised proposal. */
  revisedFen: number
  /** 先行救助 amount. */
  advanceFen: number
}

/** Kinds of harm: criminal victims about 85 % (九江 2023–2025: 90.9 % criminal victims, S24), civil torts, others. */
const KIND_WEIGHTS: readonly (readonly [HarmKind, number])[] = [
  ['injury', 33],
  ['urgent', 11],
  ['death', 32],
  ['property', 8],
  ['witness', 1],
  ['civil', 9],
  ['other', 4],
  ['petition', 2],
]

/** Relative size of grants by kind of harm (death and disability highest; an assumption, see the doc). */
const KIND_AMOUNT: Record<HarmKind, number> = {
  injury: 1.15,
  urgent: 1,
  death: 1.45,
  property: 0.75,
  witness: 1,
  civil: 0.9,
  other: 0.6,
  petition: 0.7,
}

const CHARGES: Record<HarmKind, readonly (readonly [string, number])[]> = {
  injury: [
    ['故意伤害罪', 60],
    ['寻衅滋事罪', 12],
    ['抢劫罪', 10],
    ['聚众斗殴罪', 8],
    ['强奸罪', 10],
  ],
  urgent: [
    ['故意伤害罪', 60],
    ['交通肇事罪', 30],
    ['寻衅滋事罪', 10],
  ],
  death: [
    ['故意杀人罪', 35],
    ['故意伤害罪', 30],
    ['交通肇事罪', 25],
    ['过失致人死亡罪', 10],
  ],
  property: [
    ['诈骗罪', 50],
    ['盗窃罪', 20],
    ['抢劫罪', 15],
    ['放火罪', 15],
  ],
  witness: [
    ['打击报复证人罪', 60],
    ['故意伤害罪', 40],
  ],
  civil: [
    ['机动车交通事故责任纠纷', 70],
    ['生命权、身体权、健康权纠纷', 30],
  ],
  other: [
    ['故意伤害罪', 50],
    ['非法拘禁罪', 20],
    ['虐待罪', 30],
  ],
  petition: [['刑事申诉', 100]],
}

function victimInfoFor(rng: Rng, kind: HarmKind, year: number): VictimInfo {
  const yuan = (min: number, max: number) => rng.int(min, max) * 100 * 100
  switch (kind) {
    case 'injury': {
      const disabled = rng.chance(0.55)
      const outcomes: VictimOutcome[] = disabled ? ['serious-injury', 'disability'] : ['serious-injury']
      if (disabled && rng.chance(0.3)) outcomes.push('loss-of-work-ability')
      return {
        outcomes,
        ...(disabled ? { disabilityGrade: rng.int(3, 10) } : {}),
        medicalCostsFen: yuan(8, 300),
        appraisalRef: `伤情鉴定〔${year}〕${rng.int(1, 900)}号`,
      }
    }
    case 'urgent':
      return { outcomes: ['urgent-treatment', 'serious-injury'], medicalCostsFen: yuan(20, 400) }
    case 'death':
      return { outcomes: ['death'] }
    case 'property':
      return { outcomes: ['property-loss'], propertyLossFen: yuan(20, 1500) }
    case 'witness':
      return { outcomes: ['retaliation', 'serious-injury'], medicalCostsFen: yuan(5, 100) }
    case 'civil':
      return rng.chance(0.7)
        ? {
            outcomes: ['serious-injury', 'disability'],
            disabilityGrade: rng.int(4, 10),
            medicalCostsFen: yuan(10, 300),
          }
        : { outcomes: ['serious-injury'], medicalCostsFen: yuan(5, 150) }
    default:
      return { outcomes: ['other'] }
  }
}

function stageFor(rng: Rng, kind: HarmKind): { stage: CaseStage; dept: OriginDepartment } {
  if (kind === 'civil') return { stage: 'civil-administrative', dept: 'civil-administrative' }
  if (kind === 'petition') return { stage: 'petition', dept: rng.chance(0.6) ? 'criminal-petition' : 'complaints' }
  return rng.weighted<{ stage: CaseStage; dept: OriginDepartment }>([
    [{ stage: 'prosecution-review', dept: 'prosecution' }, 50],
    [{ stage: 'arrest-review', dept: 'arrest-review' }, 15],
    [{ stage: 'trial', dept: 'prosecution' }, 14],
    [{ stage: 'investigation', dept: 'arrest-review' }, 8],
    [{ stage: 'closed', dept: 'prosecution' }, 6],
    [{ stage: 'execution', dept: 'criminal-execution' }, 4],
    [{ stage: 'petition', dept: 'complaints' }, 3],
  ])
}

/** Underlying case numbers in the procuratorate's style (e.g. 青检刑诉〔2024〕37号), or a court civil case number. */
function underlyingNo(rng: Rng, office: OfficeSpec, stage: CaseStage, year: number): string {
  const short = office.unit.shortName
  const n = rng.int(1, 480)
  switch (stage) {
    case 'arrest-review':
    case 'investigation':
      return `${short}刑捕〔${year}〕${n}号`
    case 'civil-administrative':
      return `（${year}）${office.province.abbr}${office.area.regionCode.slice(2)}民初${rng.int(100, 9999)}号`
    case 'execution':
      return `${short}刑执〔${year}〕${n}号`
    case 'petition':
      return `${short}刑申〔${year}〕${n}号`
    default:
      return `${short}刑诉〔${year}〕${n}号`
  }
}

function roundAmount(rng: Rng, fen: number): number {
  const yuan = fen / 100
  const unit = yuan >= 10_000 ? (rng.chance(0.6) ? 1000 : 500) : yuan >= 3000 ? 500 : 100
  return Math.max(unit, Math.round(yuan / unit) * unit) * 100
}

/** Grants grew with wages and the 2018 and later campaigns (docs/domain-reference.md §12 averages ~1万 per person 2020–2023). */
function yearFactor(year: number): number {
  return year <= 2016 ? 0.75 : year <= 2019 ? 0.85 : year <= 2021 ? 0.95 : 1
}

/**
 * Decides the harm, parties and amounts of a case. Parties get valid ID numbers from the office's minter; ages are
 * on the clue date. Death cases are applied for by a close relative (2014-3/2016-7-3/2021-7-3 require it); a minor
 * victim's parent applies as legal representative.
 */
export function chooseFacts(
  rng: Rng,
  office: OfficeSpec,
  ids: IdMinter,
  scenario: Scenario,
  onDate: string,
): CaseFacts {
  let kind = rng.weighted(KIND_WEIGHTS)
  if (scenario.start === 'advance' || scenario.midAdvance) kind = rng.chance(0.6) ? 'urgent' : 'injury'
  const area = householdArea(rng, office)
  const minorVictim = kind !== 'death' && kind !== 'petition' && rng.chance(0.09)
  const victimAge = minorVictim
    ? rng.int(3, 17)
    : rng.chance(0.09)
      ? rng.int(65, 84)
      : Math.max(18, Math.min(64, Math.round(42 + 11 * rng.normal())))
  let relation: Relation = 'self'
  let capacity: CaseFacts['capacity'] = 'self'
  let applicant: PersonDraft
  let victim: PersonDraft | undefined
  if (kind === 'death' || minorVictim) {
    victim = makePerson(rng, ids, { age: victimAge, onDate, area, deceased: kind === 'death' })
    if (minorVictim) {
      relation = 'parent'
      capacity = 'legal-representative'
      applicant = makePerson(rng, ids, { age: victimAge + rng.int(22, 36), onDate, area, withAccount: true })
    } else {
      const options: [Relation, number][] = [['spouse', victimAge >= 22 ? 45 : 0]]
      if (victimAge + 22 <= 85) options.push(['parent', victimAge <= 45 ? 30 : 8])
      if (victimAge >= 42) options.push(['child', 30])
      if (options.every(([, w]) => w === 0)) options.push(['sibling', 10])
      relation = rng.weighted(options)
      const age =
        relation === 'spouse'
          ? Math.max(20, victimAge + rng.int(-5, 5))
          : relation === 'parent'
            ? victimAge + rng.int(22, 34)
            : relation === 'child'
              ? Math.max(18, victimAge - rng.int(22, 34))
              : Math.max(18, victimAge + rng.int(-8, 8))
      const sex = relation === 'spouse' ? (victim.sex === 'male' ? 'female' : 'male') : undefined
      applicant = makePerson(rng, ids, { sex, age, onDate, area, withAccount: true })
    }
  } else {
    applicant = makePerson(rng, ids, {
      age: victimAge,
      onDate,
      area,
      withAccount: true,
      flags: kind === 'petition' ? ['petitioner'] : kind === 'injury' && rng.chance(0.4) ? ['disabled'] : [],
    })
    if (rng.chance(0.03)) capacity = 'entrusted-agent'
  }
  const { stage, dept } = stageFor(rng, kind)
  const year = Number(onDate.slice(0, 4)) - (rng.chance(0.3) ? 1 : 0)
  const originDepartment: OriginDepartment = minorVictim && rng.chance(0.5) ? 'juvenile' : dept
  const charge = rng.weighted(CHARGES[kind])
  const underlying: UnderlyingCase = {
    caseNo: underlyingNo(rng, office, stage, year),
    charge,
    stage,
    unitCode: office.unit.code,
  }
  const base = rng.logNormal(9000, 0.55) * KIND_AMOUNT[kind] * yearFactor(Number(onDate.slice(0, 4)))
  const clamped = Math.min(60_000, Math.max(2000, base)) * 100
  const proposedFen = scenario.smallHelp ? rng.int(5, 30) * 100 * 100 : roundAmount(rng, clamped)
  const revisedFen = Math.max(100_000, roundAmount(rng, proposedFen * (0.6 + 0.2 * rng.next())))
  const advanceFen = rng.int(5, 30) * 1000 * 100
  return {
    kind,
    relation,
    capacity,
    applicant,
    ...(victim ? { victim } : {}),
    victimInfo: victimInfoFor(rng, kind, year),
    underlying,
    originDepartment,
    proposedFen,
    revisedFen,
    advanceFen,
  }
}
