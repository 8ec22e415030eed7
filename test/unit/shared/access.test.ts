import { describe, expect, it } from 'vitest'
import {
  caseNumberView,
  dataScope,
  homeScreen,
  mayExportFull,
  mayOpen,
  mayUseExchangeTab,
  numberView,
  screens,
  screensFor,
} from '../../../shared/domain/access'
import { roleLabels, roles } from '../../../shared/domain/roles'
import { MENUS } from './expectedMenus'

const labelOf = (key: string) => screens.find((s) => s.key === key)?.label

describe('role → screens (shared/domain/access.ts)', () => {
  for (const role of roles) {
    it(`${roleLabels[role]}: the menu is exactly ${MENUS[role].join('、')}`, () => {
      expect(screensFor([role]).map(labelOf)).toEqual(MENUS[role])
      for (const s of screens) expect(mayOpen([role], s.key)).toBe(MENUS[role].includes(s.label))
    })
  }

  it('a user with two roles sees what either sees; no role sees nothing', () => {
    const both = screensFor(['case-dept-staff', 'finance']).map(labelOf)
    expect(both).toEqual(expect.arrayContaining([...MENUS['case-dept-staff'], ...MENUS.finance]))
    for (const role of roles) expect(screensFor([role]).length).toBeGreaterThan(0)
  })

  it('each role lands on its first screen: 工作台, or 线索与告知 for a case department', () => {
    expect(homeScreen(['case-dept-staff'])).toBe('clues')
    for (const role of roles.filter((r) => r !== 'case-dept-staff')) expect(homeScreen([role])).toBe('dashboard')
  })

  it('only a pure case-department account is narrowed to its own department’s clues', () => {
    expect(dataScope(['case-dept-staff'])).toBe('own-department')
    expect(dataScope(['case-dept-staff', 'case-procurator'])).toBe('all')
    for (const role of roles.filter((r) => r !== 'case-dept-staff')) expect(dataScope([role])).toBe('all')
  })

  it('数据交换: key, enrolment, import, upward reporting and software updates are the administrator’s tabs', () => {
    for (const tab of ['identity', 'import', 'upward', 'update']) {
      expect(mayUseExchangeTab(['admin'], tab)).toBe(true)
      expect(mayUseExchangeTab(['dept-head'], tab)).toBe(false)
      expect(mayUseExchangeTab(['supervisor'], tab)).toBe(false)
    }
    for (const tab of ['subordinates', 'downward', 'supervision', 'standards'])
      expect(mayUseExchangeTab(['chief'], tab)).toBe(true)
  })
})

describe('ID and bank account numbers per role and place', () => {
  it('lists and registers are masked for every role', () => {
    for (const role of roles)
      for (const field of ['idNumber', 'bankAccount'] as const) {
        expect(numberView([role], field, 'list')).toBe('masked')
        expect(numberView([role], field, 'register')).toBe('masked')
      }
  })

  it('the case page: 控申承办 whole on the cases they handle, 计财 the bank account whole, others on demand or masked', () => {
    expect(caseNumberView(['case-procurator'], 'idNumber', true)).toBe('full')
    expect(caseNumberView(['case-procurator'], 'idNumber', false)).toBe('reveal')
    expect(caseNumberView(['finance'], 'bankAccount', false)).toBe('full')
    expect(caseNumberView(['finance'], 'idNumber', false)).toBe('reveal')
    for (const role of ['dept-head', 'chief', 'supervisor'] as const)
      for (const field of ['idNumber', 'bankAccount'] as const)
        expect(caseNumberView([role], field, true)).toBe('reveal')
    for (const role of ['admin', 'auditor', 'case-dept-staff'] as const)
      for (const field of ['idNumber', 'bankAccount'] as const)
        expect(caseNumberView([role], field, true)).toBe('masked')
  })

  it('whole numbers in an export only by choice, and only for 控申承办, 负责人 and 计财', () => {
    const may = roles.filter((r) => mayExportFull([r]))
    expect(may.sort()).toEqual(['case-procurator', 'dept-head', 'finance'])
    expect(mayExportFull(['auditor', 'finance'])).toBe(true)
  })
})
