import { type RulesCode, rulesMessages } from '../errors/rules'
import type { MessageParams } from '../errors/types'

/** How sure a rule is (docs/domain-reference.md header): H seen in a source, M secondary or partial, L background knowledge. */
export type Confidence = 'H' | 'M' | 'L'

/** Where a rule comes from, shown beside every finding. */
export interface RuleSource {
  document: string
  article?: string
  confidence: Confidence
  note?: string
}

/** A rule as the UI shows it: the (paraphrased) Chinese rule text and its source. */
export interface RuleRef {
  text: string
  source: RuleSource
}

/**
 * blocking: the proposal cannot go ahead as it stands (no override possible, or a required record is missing);
 * warning: the reviewer must look at it and may proceed; info: a fact worth showing, nothing to fix.
 */
export type Severity = 'blocking' | 'warning' | 'info'

/** One result of a rule check, with its Chinese message and the rule it applies. */
export interface Finding {
  code: RulesCode
  severity: Severity
  message: string
  rule: RuleRef
  params?: MessageParams
}

/** Builds a finding; the message comes from the one table in shared/errors/rules.ts. */
export function makeFinding(code: RulesCode, severity: Severity, rule: RuleRef, params: MessageParams = {}): Finding {
  return { code, severity, message: rulesMessages[code](params), rule, params }
}

/** True when any finding stops the proposal. */
export function hasBlocking(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'blocking')
}

/** “《文件》第X条” — how a refusal names the source of the rule it applies. */
export function citationOf(rule: RuleRef): string {
  const { document, article } = rule.source
  if (!article) return document
  return /^[一二三四五六七八九十]+$/.test(article) ? `${document}第${article}部分` : `${document} ${article}`
}
