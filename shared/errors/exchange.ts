import type { MessageTable } from './types'

/** Byte counts for people: 1 536 → “1.5 KB”, 1 073 741 824 → “1.0 GB”; text passes through unchanged. */
function size(v: string | number | undefined): string {
  if (typeof v !== 'number') return String(v ?? '')
  if (v < 1024) return `${v} 字节`
  const units = ['KB', 'MB', 'GB']
  let n = v / 1024
  let i = 0
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024
    i++
  }
  return `${n.toFixed(1)} ${units[i]}`
}

/**
 * Codes raised while packing, inspecting and opening exchange bundles and handling office keys
 * (docs/bundle-format.md §9). Every refusal says what is wrong, that nothing was imported, and what to do.
 */
export const exchangeMessages = {
  'bundle.not-a-bundle': () =>
    '所选文件不是司法救助数据包（文件结构不符）。未导入任何数据。请确认选择的是对方用本软件导出的 .jzb 数据包文件。',
  'bundle.truncated': () =>
    '数据包不完整：文件末尾缺失，可能是拷贝或下载中途中断。未导入任何数据。请重新拷贝原文件后再导入。',
  'bundle.corrupt': (p) =>
    `数据包已损坏或结构不符合规范（${p.detail ?? '结构错误'}）。未导入任何数据。请向发送单位重新索取数据包，并用可靠介质拷贝。`,
  'bundle.too-large': (p) =>
    `数据包中“${p.what}”的大小（${size(p.size)}）超过允许的上限（${size(p.limit)}）。为防止异常文件耗尽内存，未导入任何数据。请确认文件来源；如确属正常导出，请让发送单位分批导出。`,
  'bundle.too-many-entries': (p) =>
    `数据包${p.where ? `的${p.where}` : ''}包含 ${p.count} 个文件，超过上限 ${p.limit} 个。未导入任何数据。请确认文件来源；如确属正常导出，请让发送单位分批导出。`,
  'bundle.unexpected-entry': (p) =>
    `数据包内的条目不符合规范：应依次为 manifest.json、manifest.sig、payload.bin（或 payload.zip），实际为 ${p.names}。文件可能被改动，或不是本软件导出的。未导入任何数据。请向发送单位重新索取。`,
  'bundle.bad-entry-name': (p) =>
    `数据包内含有不允许的文件名“${p.name}”（可能试图写到其他位置或冒充系统文件）。未导入任何数据。请勿再使用该文件，并告知发送单位。`,
  'bundle.duplicate-entry': (p) =>
    `数据包内的文件“${p.name}”重复出现（文件名仅大小写不同也算重复），可能被恶意改动。未导入任何数据。请向发送单位重新索取。`,
  'bundle.bomb': (p) =>
    `数据包内的文件“${p.name}”压缩比异常（约 ${p.ratio} 倍，上限 ${p.limit} 倍），疑似“压缩炸弹”。为保护本机，未解压、未导入任何数据。请确认文件来源。`,
  'bundle.manifest-invalid': (p) =>
    `数据包清单（manifest.json）不符合格式规范：${p.detail ?? '内容有误'}。未导入任何数据。请向发送单位确认其软件版本并重新导出。`,
  'bundle.unsupported-version': (p) =>
    `数据包的格式版本为 ${p.version}，本软件只支持版本 ${p.supported}。未导入任何数据。请升级本软件后再导入；如对方软件版本过旧，请对方升级后重新导出。`,
  'bundle.unsupported-suite': (p) =>
    `数据包使用的密码算法“${p.suite}”本软件尚不支持（目前支持 ${p.supported}）。未导入任何数据。请升级本软件，或请发送单位改用受支持的算法重新导出。`,
  'bundle.suite-mixed': (p) =>
    `数据包清单声明的密码套件是“${p.suite}”，却混用了另一套件的算法（${p.parts}）。本软件不会生成这样的数据包，它可能被改动过。未导入任何数据。请联系发送单位重新导出。`,
  'bundle.sender-no-sm2-key': (p) =>
    `数据包使用国密套件，但发送单位“${p.unitName}”（${p.unitCode}）在本院登记的密钥没有国密公钥，无法核验其 SM2 签名。未导入任何数据。请对方先更换密钥并把密钥更换通知送来导入，或改用现行套件重新导出。`,
  'bundle.receiver-no-sm2-key': (p) =>
    `接收单位（${p.unitCode}）的密钥没有国密公钥，不能用国密套件加密给它。未生成任何文件。请对方更换密钥并把密钥更换通知送来导入后再导出，或改用现行套件导出。`,
  'bundle.bad-signature': () =>
    '数据包签名校验失败：清单在签发后被改动，或不是由其声称的单位签发。未导入任何数据。请联系发送单位重新导出，并通过可靠途径传递。',
  'bundle.unknown-sender': (p) =>
    `发送单位“${p.unitName}”（${p.unitCode}）的密钥（指纹 ${p.fingerprint}）不在本院的可信单位目录中。未导入任何数据。如为新入网单位，请先导入其入网登记包并通过电话核对指纹；如对方更换过密钥，请先导入其密钥更换包。`,
  'bundle.wrong-receiver': (p) =>
    `此数据包是发给“${p.receiver}”的，不是发给本院（${p.expected}）的。未导入任何数据。请把它转交给正确的单位，或请发送单位重新导出给本院。`,
  'bundle.receiver-key-unknown': (p) =>
    `此数据包是用本院的另一把密钥（编号 ${p.keyId}）加密的，本机没有这把密钥，无法解密。未导入任何数据。如本院更换过密钥，请用旧密钥打开；否则请发送单位用本院当前公钥重新导出。`,
  'bundle.decrypt-failed': () =>
    '数据包无法解密：密文被改动或损坏，或不是用本院的公钥加密的。未导入任何数据。请向发送单位重新索取数据包。',
  'bundle.file-missing': (p) =>
    `数据包清单列出的文件“${p.name}”在数据包中找不到，数据包不完整或被改动。未导入任何数据。请向发送单位重新索取。`,
  'bundle.file-extra': (p) =>
    `数据包中有清单未列出的文件“${p.name}”，数据包可能被改动。未导入任何数据。请向发送单位重新索取。`,
  'bundle.file-size-mismatch': (p) =>
    `数据包中文件“${p.name}”的大小与清单不符（清单 ${p.expected} 字节，实际 ${p.actual} 字节），文件被改动或损坏。未导入任何数据。请向发送单位重新索取。`,
  'bundle.file-hash-mismatch': (p) =>
    `数据包中文件“${p.name}”的内容与清单中的校验值不符，文件被改动或损坏。未导入任何数据。请向发送单位重新索取。`,
  'bundle.count-mismatch': (p) =>
    `数据表“${p.table}”的记录数与清单不符（清单 ${p.expected} 条，实际 ${p.actual} 条）。未导入任何数据。请向发送单位重新索取。`,
  'bundle.bad-json': (p) =>
    `数据包中“${p.file}”${p.line ? `第 ${p.line} 行` : ''}的内容不合规：${p.detail}。为防止恶意数据，未导入任何数据。请告知发送单位检查其导出程序。`,
  'bundle.keys-wrong-passphrase': () =>
    '密钥口令不正确，无法解开本院密钥，未做任何改动。请输入设置密钥时使用的口令（区分大小写）。',
  'bundle.keys-damaged': (p) =>
    `本院密钥文件已损坏或被改动（${p.detail ?? '校验失败'}），无法使用。请从保险柜中的密钥备份恢复；如无备份，需重新生成密钥并请上级院更新单位目录。`,
  'bundle.keys-invalid': (p) => `密钥数据不正确：${p.detail}。请重新生成或重新导入密钥。`,
  'bundle.keys-passphrase-too-short': (p) => `密钥口令至少需要 ${p.min} 个字符，未做任何改动。请设置更长的口令。`,
  'bundle.pack-invalid': (p) =>
    `无法生成数据包：${p.detail}。未生成任何文件。请检查导出内容后重试；如反复出现，请联系技术支持。`,
  'bundle.read-failed': (p) => `无法读取文件“${p.path}”：${p.detail}。请检查文件路径和权限后重试。`,
  'bundle.internal': (p) =>
    `处理数据包时发生意外错误（${p.detail ?? '未知原因'}），未导入任何数据。请联系技术支持并提供该文件。`,
} satisfies MessageTable

export type ExchangeErrorCode = keyof typeof exchangeMessages

/**
 * Codes raised by exchange inside the app (docs/exchange.md): office keys at setup, enrollment with the fingerprint
 * confirmed by phone, upward archives, acknowledgements. Every refusal says what is wrong, that nothing was changed,
 * and what to do.
 */
export const exchangeAppMessages = {
  'exchange.no-office-key': () =>
    '本院尚未生成数据交换密钥，不能导出或导入加密数据包。请由系统管理员在“数据交换 → 本院身份与单位目录”中生成本院密钥。',
  'exchange.key-exists': () =>
    '本院已有数据交换密钥，未做任何改动。如需更换，请在“本院身份与单位目录”中点“更换本院密钥”。',
  'exchange.key-mismatch': () => '密钥文件与本院单位不符（单位代码或公钥不一致），未做任何改动。请重新生成本院密钥。',
  'exchange.passphrase-required': () =>
    '请输入本院密钥口令（首次设置时系统管理员的密码，除非之后改过）。未做任何改动。',
  'exchange.fingerprint-mismatch': () =>
    '您输入的指纹与数据包中的密钥指纹不一致，未登记该单位。可能拿错了文件，或文件在传递中被替换。请与对方再次电话逐组核对；如仍不一致，切勿登记，并报告上级院。',
  'exchange.fingerprint-format': () =>
    '指纹格式不对：应为 20 个字符，通常分 4 组，每组 5 个（如 7K2QD-M9X4A-0BC3E-FGH5J）。未登记该单位。',
  'exchange.enroll-invalid': (p) =>
    `入网登记包的内容不符合规范：${p.detail ?? '单位信息缺失或有误'}。未登记该单位。请对方用本软件重新导出入网登记包。`,
  'exchange.enroll-unrelated': (p) =>
    `“${p.unitName}”（${p.unitCode}，上级单位代码 ${p.parentCode}）既不是本院（${p.own}）的下级单位，也不是本院的上级院，未登记。请确认对方在首次设置时填写的上级单位代码；入网登记只在直接的上下级之间进行。`,
  'exchange.enroll-level': (p) =>
    `“${p.unitName}”的层级（${p.level}）与其作为本院${p.relation}的身份不符，未登记。请对方核对首次设置中的单位层级。`,
  'exchange.enroll-key-changed': (p) =>
    `“${p.unitName}”（${p.unitCode}）已以另一把密钥（指纹 ${p.fingerprint}）登记，本包中的密钥不同，未做任何改动。如对方确实更换了密钥，须由对方导出以旧密钥签名的密钥更换包；否则此包可能是冒充的，请报告上级院。`,
  'exchange.enroll-self': () => '这是本院自己的入网登记包，不需要导入。请把它交给上级院或下级院。',
  'exchange.not-enrolled': (p) =>
    `发送单位“${p.unitName}”（${p.unitCode}）尚未在本院登记（没有经电话核对指纹的密钥），未导入任何数据。请先导入对方的入网登记包并电话核对指纹。`,
  'exchange.parent-not-enrolled': () =>
    '本院尚未登记上级院的密钥，无法把数据加密给上级院，未生成任何文件。请先导入上级院的入网登记包，并与上级院电话核对指纹。',
  'exchange.no-parent': () => '本院是最高人民检察院，没有上级院，不需要上报数据。',
  'exchange.not-subordinate': (p) =>
    `发送单位“${p.unitName}”（${p.unitCode}）不是本院登记的下级单位，本院不接收其上报数据，未导入任何数据。`,
  'exchange.not-parent': (p) =>
    `回执的发送单位“${p.unitName}”（${p.unitCode}）不是本院的上级院，未导入。请确认文件来源。`,
  'exchange.unexpected-kind': (p) =>
    `本院在此处不能导入“${p.kind}”数据包（本功能尚未开放或不适用于本院），未导入任何数据。`,
  'exchange.self-sent': () => '这是本院自己导出的数据包，不能由本院导入。请把它交给接收单位。',
  'exchange.already-imported': (p) => `此数据包已于 ${p.at} 导入，本次未做任何改动。`,
  'exchange.bundle-id-reused': (p) =>
    `数据包编号 ${p.bundleId} 已以不同的内容导入过：同一编号不应有两个不同的文件，疑似被篡改或发送单位软件有误。未导入任何数据。请联系发送单位核实，并报告上级院。`,
  'exchange.out-of-order': (p) =>
    `顺序不对：本院已导入“${p.unitName}”发来的第 ${p.last} 号数据包，此包为第 ${p.seq} 号（更早的或重复发送的旧包）。为防止旧数据覆盖新数据，未导入任何数据。其内容通常已包含在之后的数据包中；如确有遗漏，请对方重新导出（可选择全量重发）。`,
  'exchange.earlier-part-missing': (p) =>
    `请先导入前一个数据包：此包是“${p.unitName}”发来的第 ${p.seq} 号，接在第 ${p.to} 号之后（分批上报的后续部分），${p.last ? `本院上次导入的是第 ${p.last} 号` : '本院尚未导入过该单位的数据包'}；此包中单位 ${p.origin} 的记录从第 ${p.revFrom} 版开始，${p.held ? `本院只持有到第 ${p.held} 版` : '本院尚未持有该单位的记录'}。先导入它会留下缺口，之前的数据包也将无法再导入，所以本包未导入，本院数据未做任何改动。请按序号顺序导入：先导入第 ${p.from === p.to ? p.from : `${p.from}–${p.to}`} 号，再导入本包。如果前面的数据包已遗失，请对方重新导出上报数据。`,
  'exchange.parts-incomplete': (p) =>
    `上报数据分批导出时中断：已写出 ${p.written} 个数据包（第 ${p.first === p.last ? p.first : `${p.first}–${p.last}`} 号：${p.files}），下一个未能导出（${p.detail}）。已写出的数据包可先交上级院按序号导入；请排除问题后再次导出，未经回执确认的记录会全部重新导出。`,
  'exchange.totals-mismatch': (p) =>
    `数据表“${p.table}”的金额合计与清单不符（清单 ${p.declared} 分，记录合计 ${p.actual} 分）。未导入任何数据。请发送单位重新导出。`,
  'exchange.scan-invalid': (p) =>
    `数据包中的扫描件“${p.name}”与其附件记录不符（${p.detail}）。为保证扫描件可作为依据，整个数据包未导入，本院数据未做任何改动。请发送单位用本软件重新导出。`,
  'exchange.unit-not-below': (p) =>
    `单位信息不可信：“${p.unitName}”（${p.unitCode}）发来的数据包${p.detail}。哪些单位在发送单位之下，只以本院自己的单位目录为准（本院登记的下级单位，以及此前经它上报、本院目录中列在它之下的单位）；数据包只能新增本院目录中还没有、且逐级隶属于发送单位的单位，不能改变本院目录中已有单位的上级，也不能涉及本院、本院的上级院或本院登记的其他单位。整个数据包未导入，本院数据未做任何改动。请电话与发送单位核实：对方未改动过单位信息的，数据包可能是伪造的或对方密钥已泄露，请报告上级院并考虑吊销其密钥；确属机构或隶属关系调整的，本软件目前不能经数据包改变已有单位的上级，请报告上级院。`,
  'exchange.record-owner-mismatch': (p) =>
    `记录编号与所属单位不符：“${p.unitName}”（${p.unitCode}）发来的数据包中，“${p.table}”记录 ${p.id} 的编号属于单位 ${p.prefix}，却标为单位 ${p.owner} 的记录。记录编号由所属单位生成，前 6 位就是它的单位代码；这样的记录会冒占或改写其他单位的记录。整个数据包未导入，本院数据未做任何改动。请电话与发送单位核实并请其重新导出；对方未导出过这样的数据的，其密钥可能已泄露，请报告上级院并考虑吊销其密钥。`,
  'exchange.channel-jump': (p) =>
    `序号跳跃过大：本院上次导入的是“${p.unitName}”（${p.unitCode}）发来的第 ${p.last} 号数据包，此包为第 ${p.seq} 号，跳过了 ${p.skipped} 个号，超过允许的 ${p.limit} 个。对方每导出一个数据包序号只加 1；导入此包后，对方此后正常导出的数据包都会因“序号不大于已导入的”而被拒收。整个数据包未导入，本院数据未做任何改动。请电话与发送单位核实其“本院导出的数据包”中的序号：确系对方软件或数据异常的，请对方报告上级院处理；对方未导出过此包的，数据包可能是伪造的或对方密钥已泄露，请报告上级院并考虑吊销其密钥。`,
  'exchange.rev-jump': (p) =>
    `版本号跳跃过大：“${p.unitName}”（${p.unitCode}）发来的数据包声明单位 ${p.origin} 的记录到第 ${p.revTo} 版，本院持有到第 ${p.held} 版，此包中该单位只有 ${p.records} 条有效记录，最多可接受到第 ${p.limit} 版（每条记录 ${p.perRecord} 个版本，另加 ${p.margin} 个）。导入后本院会以为已持有该单位到第 ${p.revTo} 版，此后对方的正常上报会被漏掉或不能更新已导入的记录。整个数据包未导入，本院数据未做任何改动。请电话与发送单位核实：请对方重新导出上报数据（可选择全量重发）；对方未导出过此包的，数据包可能是伪造的或对方密钥已泄露，请报告上级院并考虑吊销其密钥。`,
  'exchange.origin-range': (p) =>
    `来源单位 ${p.unitCode} 的记录版本号超出清单声明的范围。未导入任何数据。请发送单位重新导出。`,
  'exchange.receipt-invalid': (p) => `回执内容不符合规范：${p.detail ?? '格式有误'}。未导入。请上级院重新生成回执。`,
  'exchange.ack-unknown-bundle': (p) =>
    `回执确认的数据包（编号 ${p.bundleId}）不是本院发给该单位的，或内容校验值不符。未导入。请确认回执是否对应本院的上报。`,
  'exchange.plan-changed': () =>
    '预览之后本院数据已有变化（例如同一数据包已在另一窗口导入），为安全起见本次未导入任何数据。请重新选择文件导入。',
  'exchange.pending-export': (p) =>
    `上一次导出第 ${p.seq} 号数据包尚未完成登记。本次将使用下一个序号，接收单位会看到第 ${p.seq} 号缺号，属正常情况。`,
  // ---- 密钥更换 ----
  'exchange.key-retired': (p) =>
    `此数据包由“${p.unitName}”（${p.unitCode}）已停用的旧密钥（指纹 ${p.fingerprint}）签名。该单位已于 ${p.at} 更换密钥，旧密钥签名的数据包一律不再接收，未导入任何数据。请对方用新密钥重新导出；如对方并未更换过密钥，旧密钥可能已泄露，请立即报告上级院。`,
  'exchange.key-revoked': (p) =>
    `此数据包由“${p.unitName}”（${p.unitCode}）已被吊销的密钥（指纹 ${p.fingerprint}）签名：该密钥已于 ${p.at} 吊销（原因：${p.reason}），以它签名的数据包一律不再接收，未导入任何数据。请对方生成新密钥、重新入网登记后用新密钥重新导出。`,
  'exchange.peer-key-revoked': (p) =>
    `“${p.unitName}”（${p.unitCode}）的密钥（指纹 ${p.fingerprint}）已于 ${p.at} 吊销，不能再把数据加密给它，未生成任何文件。请对方生成新密钥并导出入网登记包，本院导入并电话核对新指纹（重新入网登记）后再发送。`,
  'exchange.revoke-invalid': (p) => `无法吊销密钥：${p.detail}。未做任何改动。`,
  'exchange.rotation-invalid': (p) =>
    `密钥更换通知无效：${p.detail}。本院登记的密钥未改动，未导入任何数据。请与对方电话核实，并请对方重新导出密钥更换包。`,
  'exchange.rotation-stale': (p) =>
    `此密钥更换通知要替换的密钥（指纹 ${p.previous}）不是本院登记的“${p.unitName}”的现用密钥（指纹 ${p.current}），可能是过期的或顺序颠倒的通知。本院登记的密钥未改动。如对方连续更换过密钥，请按顺序导入各次的更换包。`,
  'exchange.no-peers': () => '本院尚未登记任何上级院或下级单位，没有需要通知密钥更换的单位。',
  // ---- 下发（标准、督导意见、重复救助提示）与报备 ----
  'exchange.downward-invalid': (p) =>
    `“${p.kind}”数据包的内容不符合规范：${p.detail}。未导入任何数据。请发送单位用本软件重新导出。`,
  'exchange.not-child': (p) =>
    `“${p.unitName}”（${p.unitCode}）不是本院登记的下级单位，不能向其下发。请先完成双方的入网登记。`,
  'exchange.nothing-to-send': (p) => `没有可以发给“${p.unitName}”的${p.what}，未生成任何文件。`,
  'exchange.standards-invalid': (p) => `标准内容不符合规范：${p.detail}。未做任何改动，请更正后重试。`,
  'exchange.standards-unchanged': (p) =>
    `标准内容与本院已发布的第 ${p.edition} 版完全相同，不另立新版本。未做任何改动；如需下发，请直接导出。`,
  'exchange.filing-not-national': (p) => `报备材料只能由省级院报送最高人民检察院；本院为${p.level}，未生成任何文件。`,
} satisfies MessageTable

export type ExchangeAppErrorCode = keyof typeof exchangeAppMessages
