import type { MessageTable } from './types'

/**
 * Refusals of a software update package (软件更新包, docs/packaging.md “软件更新包”). Each says what is wrong, that
 * nothing was installed or kept, and what to do. Container, signature and sender failures keep their `bundle.*`
 * codes (shared/errors/exchange.ts), as for every other bundle.
 */
export const updateMessages = {
  'update.wrong-kind': (p) =>
    `所选文件不是软件更新包，而是“${p.kind}”。未做任何改动。数据包请在“数据交换 → 导入数据包”中导入。`,
  'update.not-a-data-bundle': () =>
    '所选文件是软件更新包，不是数据包，不在这里导入。未做任何改动。请交本院系统管理员或信息技术人员核验后安装，或原样转发给下级院。',
  'update.invalid': (p) =>
    `软件更新包的内容不符合规范：${p.detail}。文件可能被改动，或不是本软件生成的。未做任何改动。请向下发单位重新索取。`,
  'update.not-from-above': (p) =>
    `软件更新包由${p.unit}签发或转发，不是本院的上级院。只接受上级院下发的更新包。未做任何改动。`,
  'update.wrong-product': (p) => `软件更新包是其他软件（${p.product}）的，不是本软件的。未做任何改动。`,
  'update.wrong-platform': (p) =>
    `软件更新包适用于${p.packageFor}，本机是${p.running}，不能使用。未做任何改动。请向下发单位索取${p.running}的更新包。`,
  'update.downgrade': (p) =>
    `软件更新包的版本 ${p.version} 低于本机正在使用的版本 ${p.running}，不能降级。未做任何改动。`,
  'update.same-version': (p) =>
    `软件更新包的版本 ${p.version} 与本机正在使用的版本相同，已经安装，无需更新。未做任何改动。`,
  'update.too-old': (p) =>
    `本机版本 ${p.running} 低于此更新包要求的最低可升级版本 ${p.minVersionFrom}，不能直接升级。未做任何改动。请先安装 ${p.minVersionFrom} 或更高的版本，再使用此更新包。`,
  'update.store-newer': (p) =>
    `本机数据库的结构版本（${p.running}）比更新包中软件的（${p.version}）更新，安装后可能无法读取本机数据。未做任何改动。请向下发单位核实。`,
  'update.installer-mismatch': (p) =>
    `软件更新包中的安装程序与其说明不符（${p.detail}）。文件可能损坏或被改动。未做任何改动。请向下发单位重新索取。`,
  'update.no-subordinates': () =>
    '基层院没有下级院，不制作也不转发软件更新包。未做任何改动。收到的更新包请在“接收软件更新包”中核验后交信息技术人员安装。',
  'update.installer-too-large': (p) =>
    `安装程序“${p.name}”有 ${p.size} MB，超过在软件中制作更新包的上限 ${p.max} MB。未做任何改动。请在打包电脑上用命令行 npm run cli -- update create 制作。`,
} satisfies MessageTable

export type UpdateErrorCode = keyof typeof updateMessages
