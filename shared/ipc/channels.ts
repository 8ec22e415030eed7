/**
 * The channel names of the IPC contract, as plain strings with no dependencies, so the sandboxed preload (which
 * may require nothing but 'electron') can build window.api from them. contract.ts must define exactly these.
 */
export const channelNames = [
  'system:info',
  'auth:hashPassword',
  'auth:verifyPassword',
  'excel:exportTable',
  'excel:exportWorkbook',
  'backup:write',
  'backup:read',
  'backup:list',
  'backup:pick',
  'backup:import',
  'files:open',
  'pdf:render',
  'exchange:createKeys',
  'exchange:changePassphrase',
  'exchange:checkPassphrase',
  'exchange:pack',
  'exchange:inspect',
  'exchange:open',
  'exchange:rotateKeys',
  'exchange:verifyRotation',
  'transfer:pack',
  'transfer:open',
  'audit:anchor',
  'audit:anchorInfo',
  'audit:resetAnchor',
  'legacy:read',
] as const

export type ChannelName = (typeof channelNames)[number]

/** What each call does, in the words a user understands: named in messages instead of the channel name. */
export const channelLabels: Record<ChannelName, string> = {
  'system:info': '读取软件信息',
  'auth:hashPassword': '设置密码',
  'auth:verifyPassword': '核对密码',
  'excel:exportTable': '导出 Excel 表格',
  'excel:exportWorkbook': '导出 Excel 工作簿',
  'backup:write': '创建备份',
  'backup:read': '读取备份',
  'backup:list': '列出备份',
  'backup:pick': '选择备份文件',
  'backup:import': '上传备份文件',
  'files:open': '打开文件',
  'pdf:render': '生成 PDF 文书',
  'exchange:createKeys': '生成本院密钥',
  'exchange:changePassphrase': '更改密钥口令',
  'exchange:checkPassphrase': '核对密钥口令',
  'exchange:pack': '制作数据包',
  'exchange:inspect': '查看数据包',
  'exchange:open': '打开数据包',
  'exchange:rotateKeys': '更换本院密钥',
  'exchange:verifyRotation': '核对密钥更换通知',
  'transfer:pack': '制作案件移送材料包',
  'transfer:open': '打开案件移送材料包',
  'audit:anchor': '核对审计校验点',
  'audit:anchorInfo': '读取审计校验点',
  'audit:resetAnchor': '重新建立审计校验点',
  'legacy:read': '读取历史台账文件',
}
