import { onDemand } from './onDemand'

/** The screens of the shell, each loaded the first time it is opened (onDemand.tsx). */
export const AboutPage = onDemand(() => import('../features/about/AboutPage'), 'AboutPage')
export const CaseDetailPage = onDemand(() => import('../features/cases/CaseDetailPage'), 'CaseDetailPage')
export const CaseListPage = onDemand(() => import('../features/cases/CaseListPage'), 'CaseListPage')
export const CluesPage = onDemand(() => import('../features/clues/CluesPage'), 'CluesPage')
export const DashboardPage = onDemand(() => import('../features/dashboard/DashboardPage'), 'DashboardPage')
export const ExchangePage = onDemand(() => import('../features/exchange/ExchangePage'), 'ExchangePage')
export const FundsPage = onDemand(() => import('../features/funds/FundsPage'), 'FundsPage')
export const NewCasePage = onDemand(() => import('../features/intake/NewCasePage'), 'NewCasePage')
export const LegacyImportPage = onDemand(() => import('../features/legacyImport/LegacyImportPage'), 'LegacyImportPage')
export const PolicyPage = onDemand(() => import('../features/policy/PolicyPage'), 'PolicyPage')
export const RegistersPage = onDemand(() => import('../features/registers/RegistersPage'), 'RegistersPage')
export const ReportsPage = onDemand(() => import('../features/reports/ReportsPage'), 'ReportsPage')
export const SettingsPage = onDemand(() => import('../features/settings/SettingsPage'), 'SettingsPage')
export const UsersAuditPage = onDemand(() => import('../features/users/UsersAuditPage'), 'UsersAuditPage')
