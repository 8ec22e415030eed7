/**
 * Record schemas of every kind the office stores or exchanges (docs/architecture.md §3–4), with `z.infer` types named after
 * the schema minus `Schema`, and the Chinese labels of every closed list. Used by the record store, the command
 * layer, bundle import and reports. All objects are strict: unknown fields are rejected.
 */
export * from './schemas/assistance'
export * from './schemas/base'
export * from './schemas/case'
export * from './schemas/caseIntake'
export * from './schemas/caseInvariants'
export * from './schemas/caseOutcome'
export * from './schemas/caseReview'
export * from './schemas/closedList'
export * from './schemas/clue'
export * from './schemas/correction'
export * from './schemas/directory'
export * from './schemas/files'
export * from './schemas/labels'
export * from './schemas/money'
export * from './schemas/person'
export * from './schemas/primitives'
export * from './schemas/system'
