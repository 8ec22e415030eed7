import type { MessageTable } from './types'

/** Codes raised by the application shell: IPC, storage, files, setup. */
export const appMessages = {
  'ipc.unknown-channel': (p) => `内部错误：未知的调用“${p.channel}”。请更新软件后重试。`,
  'ipc.invalid-args': (p) => `调用“${p.channel}”的参数不正确：${p.detail}。操作未执行，数据未改动。`,
  'ipc.invalid-result': (p) => `主进程返回的数据格式不正确（${p.channel}）。请联系技术支持。`,
  'ipc.sender-denied': () => '拒绝执行：请求不是来自本软件的窗口。',
  'ipc.unauthorized': () => '拒绝执行：请求缺少有效的会话令牌或来源不被允许。',
  'ipc.internal': (p) => `主进程处理时出错：${p.detail ?? '未知原因'}。操作未完成，请重试或联系技术支持。`,
  'file.name-invalid': (p) =>
    `文件名“${p.name}”不合法：只能使用中文、字母、数字、空格、下划线、连字符和点，且不能包含路径。`,
  'file.write-failed': (p) => `写入文件失败：${p.detail}。请检查磁盘空间和文件夹权限后重试。`,
  'file.disk-full': () => '磁盘空间不足，文件未能写入。请清理磁盘后重试。',
  'file.folder-in-the-way': (p) =>
    `“${p.name}”已被一个同名的文件夹占用，文件未能写入。请把这个文件夹移走或改名后重试。`,
  'file.no-permission': (p) =>
    `没有权限写入“${p.name}”，文件未能写入。请检查导出文件夹的权限，或关闭正在使用它的程序后重试。`,
  'file.outside-export': (p) =>
    `拒绝打开“${p.path}”：只能打开本软件在导出文件夹（${p.dir}）中生成的 PDF 或 Excel 文件。`,
  'file.not-found': (p) => `找不到文件“${p.name}”：它可能已被移动、改名或删除。请重新生成或导出。`,
  'file.open-failed': (p) => `无法用系统程序打开“${p.name}”：${p.detail}。请在导出文件夹中手动打开。`,
  'backup.pick-unavailable': () => '此处不能弹出选择文件的窗口。请使用“选择备份文件”按钮上传文件。',
  'backup.pick-cancelled': () => '未选择备份文件。',
  'db.quota-exceeded': () => '磁盘空间不足，本次保存未生效，原有数据未改动。请清理磁盘空间后重试。',
  'db.closed': () => '数据库连接已关闭（可能在另一窗口中升级或被系统关闭），本次保存未生效。请重新打开软件。',
  'db.upgrade-blocked': () => '数据库升级被另一个打开的窗口阻止。请关闭本软件的其他窗口后重试。',
  'db.version-too-new': () => '数据库由更新版本的软件创建，本版本无法打开。请安装最新版本。',
  'db.unknown': (p) => `数据库操作失败：${p.detail ?? '未知原因'}。本次保存未生效，原有数据未改动。`,
  'setup.already-done': () => '本院已完成首次设置，不能重复设置。',
  'backup.not-a-backup': () => '所选文件不是本软件的备份文件，未做任何改动。',
  'backup.damaged': () => '备份文件已损坏、不完整或被改动过，无法恢复，未做任何改动。请使用另一份备份。',
  'backup.wrong-password': () => '备份密码不正确，未做任何改动。请输入创建该备份时设置的密码。',
  'backup.not-found': (p) => `找不到备份文件“${p.name}”。`,
  'backup.target-not-empty': () => '只能恢复到尚未设置的空白数据库中。当前数据库已有本院数据，未做任何改动。',
  'user.username-taken': (p) => `登录名“${p.username}”已被使用，请换一个。`,
  'user.last-admin': () => '至少要保留一位未停用的系统管理员，否则将无人能管理账号。操作未执行。',
  'user.cannot-disable-self': () => '不能停用自己正在使用的账号。',
  'pdf.no-browser': () => '未找到用于生成 PDF 的 Chromium 浏览器。请安装 Chromium（或设置 CHROMIUM_PATH）后重试。',
  'document.missing': (p) => `不能制作${p.title}：缺少${p.missing}。`,
  'pdf.failed': (p) => `生成 PDF 失败：${p.detail}。请重试；如仍失败请联系技术支持。`,
  'command.invalid-input': (p) => `填写的内容有误：${p.detail}。请修改后重试，数据未改动。`,
  'command.permission-denied': (p) => `您（${p.roles}）无权执行“${p.command}”。此操作需要以下角色之一：${p.allowed}。`,
  'command.not-found': (p) => `找不到要修改的记录（${p.table}：${p.id}）。它可能已被作废或尚未同步。`,
  'command.replica-read-only': (p) => `该记录属于${p.owner}，在本院是只读副本，不能修改。`,
  'command.conflict': (p) => `记录已存在（${p.table}：${p.id}），不能重复创建。`,
  'command.voided': (p) => `该记录已于 ${p.at} 作废，不能再修改。`,
  'command.unknown-account': (p) =>
    `当前登录的账号（${p.user}）在本院账号中不存在、已停用或已锁定，不能执行“${p.command}”，数据未改动。请重新登录；如账号被停用或锁定，请联系系统管理员。`,
  'command.stale': () => '该案件刚被其他人员修改过，本次操作未执行。请刷新页面查看最新情况后重新办理。',
  'case.clue-used': () => '该线索已转为救助案件或已终结，不能再次转为案件。',
  'case.document-no-taken': (p) =>
    `文号“${p.documentNo}”已被本院案件 ${p.caseNo} 的${p.held}使用，同一文号不能用于两份文书。本次操作未执行，数据未改动。${p.next ? `请改用其他文号，如本类文书本年度下一个可用的文号“${p.next}”。` : '请改用其他文号后再办理。'}`,
  'access.number-not-needed': (p) =>
    `您的角色（${p.roles}）在此处不需要完整的${p.field}，只能查看遮蔽后的号码（个人信息最少必要）。`,
  'access.export-full-not-needed': (p) =>
    `您的角色（${p.roles}）导出台账时只能导出遮蔽后的证件号码（个人信息最少必要）。请取消“导出完整号码”后重试。`,
  'access.other-department': (p) =>
    `办案部门人员只能登记本部门（${p.department}）移送的线索。${p.department === '未设部门' ? '请系统管理员在“用户管理”中为您的账号设置所在部门。' : ''}`,
  'clue.not-open': () => '该线索已转为救助案件或已终结，不能再修改。',
  'correction.locked': (p) => `“${p.label}”不能更正：${p.why}。如确有错误，须先依程序重新审查、审批或作出决定。`,
  'correction.unchanged': (p) => `更正后的“${p.label}”与原内容相同，无需更正。`,
  'correction.not-applicable': (p) => `该记录没有可更正的“${p.label}”。`,
  'correction.invalid-value': (p) => `更正后的“${p.label}”不正确：${p.detail}。数据未改动。`,
  'correction.person-exists': (p) =>
    `本院已有证件号码为 ${p.idNumber} 的当事人，不能把“${p.label}”更正为该号码。请核对后重新填写。`,
  'correction.person-shared': (p) =>
    `该当事人还是其他案件（${p.cases}）的当事人，“${p.label}”不能只在本案中更正。请联系系统管理员核实。`,
  'report.period-invalid': (p) => `统计期间不正确：${p.detail}。请重新选择。`,
  'report.failed': (p) => `生成报表失败：${p.detail ?? '未知原因'}。数据未改动，请重试或联系技术支持。`,
} satisfies MessageTable

export type AppErrorCode = keyof typeof appMessages
