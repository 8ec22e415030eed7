import { formatYuan } from '@shared/domain/money'
import { type ActionType, type MaterialRule, missingMaterials, refusalReasonsFromReview } from '@shared/domain/workflow'
import type { CaseFile } from '../../../db'

/**
 * Sensible starting values for an action form: today's date, what the case already holds, the granted amount; at
 * 通知补正材料 the materials the checklist still lacks (under the case's checklist rule when given), at a refusal the
 * exclusions the review found.
 */
export function initialValuesFor(
  type: ActionType,
  file: CaseFile,
  today: string,
  userName: string,
  materialRules?: readonly MaterialRule[],
): Record<string, unknown> {
  const r = file.record
  const materials = Object.fromEntries(
    r.materials.map((m) => [
      m.item,
      { received: m.received, receivedDate: m.receivedDate ?? today, obtainedByOffice: m.obtainedByOffice },
    ]),
  )
  const granted = r.decision?.grantedFen ?? r.amount?.proposedFen
  const paid = r.payment?.amountFen
  const base: Record<string, unknown> = {
    date: today,
    noticeDate: today,
    receivedDate: today,
    requestDate: today,
    paidDate: today,
    materials,
  }
  switch (type) {
    case 'inform':
      return { informing: { byName: userName, date: today, method: 'written', response: 'will-apply' } }
    case 'apply':
      return {
        ...base,
        form: 'written',
        capacity: r.relation && r.relation !== 'self' ? 'legal-representative' : 'self',
      }
    case 'request-supplement':
      // 补正 asks for what was not received at intake ('其他材料' is never required, and not on this form)
      return { ...base, missingItems: missingMaterials(r, materialRules).filter((i) => i !== 'other') }
    case 'funds-received':
      return { ...base, splits: [{ source: 'county', amount: granted ? formatYuan(granted).replace(/,/g, '') : '' }] }
    case 'pay':
      return {
        ...base,
        method: 'transfer',
        payeeName: file.applicant?.name ?? '',
        account: file.applicant?.bankAccount ?? {},
      }
    case 'notify-collection':
      return { ...base, method: 'oral' }
    case 'record-review':
      return {
        verifications: [{ kind: 'interview', date: today }],
        compensationReceivedFen: '0',
        socialAssistanceReceivedFen: '0',
        duplicateCheckDone: false,
      }
    case 'start-recovery':
      return { ...base, amountFen: paid ? formatYuan(paid).replace(/,/g, '') : '' }
    case 'close-recovery': {
      const open = r.recoveries.at(-1)
      return { ...base, recoveredFen: open ? formatYuan(open.amountFen).replace(/,/g, '') : '' }
    }
    case 'approve-step':
    case 'approve-advance':
      return { decision: 'agree' }
    case 'start-advance':
      // An advance after the 审查意见 starts from the proposal's 救助情形 and amount basis.
      return {
        ...base,
        ...(r.categoryItemCode ? { categoryItemCode: r.categoryItemCode } : {}),
        ...(r.amount?.factorsText ? { factorsText: r.amount.factorsText } : {}),
      }
    case 'complete-advance-paperwork': {
      const category = r.advance?.categoryItemCode ?? r.categoryItemCode
      const factors = r.advance?.factorsText ?? r.amount?.factorsText
      return {
        ...base,
        ...(category ? { categoryItemCode: category } : {}),
        ...(factors ? { factorsText: factors } : {}),
      }
    }
    case 'decide-refuse':
      return { ...base, explanation: { method: 'in-person', date: today } }
    case 'refuse-out-of-scope':
      return { ...base, reasons: refusalReasonsFromReview(r), explanation: { method: 'in-person', date: today } }
    default:
      return base
  }
}
