/** Chinese names of the record tables, for the audit viewer and exports. */
export const tableLabels: Record<string, string> = {
  units: '单位',
  users: '用户',
  persons: '人员',
  clues: '线索',
  cases: '案件',
  materials: '材料',
  documents: '文书',
  attachments: '附件',
  attachmentBlobs: '附件内容',
  ledger: '资金台账',
  donations: '捐助',
  referrals: '多元救助',
  followUps: '回访',
  ruleSets: '规则集',
  localMeasures: '地方实施办法',
  settings: '系统设置',
  counters: '计数器',
  audit: '审计日志',
  exchange: '数据交换状态',
  receivedBundles: '已接收数据包',
}

export const tableLabel = (table: string): string => tableLabels[table] ?? table
