import type { MessageTable } from './types'

/**
 * Codes of the one-store-per-office rule on a shared PC (docs/packaging.md §5): each Windows (or Linux) account has
 * its own data folder, so a second account opening the same office would start a second, separate set of records.
 */
export const storeMessages = {
  'store.claimed': (p) =>
    `这台电脑上，本院（${p.unitName}，${p.unitCode}）的数据已由系统账户“${p.account}”使用（自 ${p.since} 起，数据位于 ${p.dataDir}）。` +
    '本软件的数据按系统账户分别保存：换一个账户打开，会另起一套互不相干的记录，案件编号、台账和上报都会冲突。' +
    `所以本软件没有打开这里的数据，也没有做任何改动。请用账户“${p.account}”登录电脑后使用；确需改由本账户使用的，请系统管理员先把原账户的数据备份并在本账户中恢复，再删除登记文件 ${p.marker}。`,
  'store.claim-unreadable': (p) =>
    `本机的数据登记文件 ${p.marker} 无法读取（${p.detail ?? '内容已损坏'}），无法确认本院数据由哪个系统账户使用，本软件没有打开数据，也没有做任何改动。请系统管理员查看该文件；确认本机没有其他账户在用本院数据后，删除它再启动。`,
} as const satisfies MessageTable
