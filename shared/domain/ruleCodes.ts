import { z } from 'zod'

/*
 * The closed code lists a rule set shares with the records (the 不予救助 exclusions, the materials, the approval
 * roles and steps, the wage series and fall-backs). They live here, a leaf with no imports of ours, so that both
 * rulesets.ts and the record labels (schemas/labels.ts, moneyLabels.ts) and the approval-chain gate can name them
 * without importing one another.
 */

export const exclusionCodeSchema = z.enum(['X1', 'X2', 'X3', 'X4', 'X5', 'X6', 'X7', 'X8'])
export type ExclusionCode = z.infer<typeof exclusionCodeSchema>

export const materialCodeSchema = z.enum([
  'application',
  'identity',
  'harmProof',
  'hardshipProof',
  'compensationStatement',
  'relationshipProof',
  'powerOfAttorney',
  'other',
])
export type MaterialCode = z.infer<typeof materialCodeSchema>

export const approvalRoleSchema = z.enum([
  'case-procurator',
  'dept-head',
  'deputy-chief',
  'chief',
  'chief-office-meeting',
  'procuratorial-committee',
  'party-group',
  'political-legal-committee',
])
export type ApprovalRole = z.infer<typeof approvalRoleSchema>

/** One step of a rule set's approval chain: who signs, and the label shown for the step. */
export const approvalStepSchema = z.strictObject({ role: approvalRoleSchema, label: z.string().min(1).max(24) })
export type ApprovalStep = z.infer<typeof approvalStepSchema>

export const wageSeriesSchema = z.enum(['职工', '在岗职工', '全口径'])
export type WageSeries = z.infer<typeof wageSeriesSchema>

/** How a wage figure was found when the case's own region and year had none. */
export type WageFallback = 'earlier-year' | 'prefecture' | 'province'
