import { bundleErrorMessage } from '../../shared/exchange/errors'
import { dumpBundleFile, inspectBundleFile, verifyBundleFile } from '../services/bundle/cliCommands'

const USAGE = [
  '用法：',
  '  npm run cli -- bundle verify <数据包文件>          校验数据包（结构、清单、签名；未加密时逐一核对数据文件）',
  '  npm run cli -- bundle inspect <数据包文件>         显示数据包清单（不解密）',
  '  npm run cli -- bundle dump <数据包文件> --key <密钥文件> [--ndjson]',
  '      解密并输出记录：默认一个 JSON 对象；--ndjson 每行一条记录 {"table":…,"record":…}（按数据表依次输出）。',
  '      密钥文件为本院的加密密钥文件（bundle-format.md §2.1），口令取自环境变量 JIUZHU_KEY_PASSPHRASE。',
  '      未加密的数据包（如给法院的案件移送材料包）可不指定 --key。',
].join('\n')

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

/** `bundle verify|inspect|dump`: exit code 0 only when the bundle passed; every refusal says why in Chinese. */
export async function bundleCommand(args: string[]): Promise<number> {
  const [sub, file] = args
  if (!sub || !file || !['verify', 'inspect', 'dump'].includes(sub)) {
    console.error(USAGE)
    return 2
  }
  if (sub === 'inspect') {
    const lines = await inspectBundleFile(file)
    for (const l of lines) console.log(l)
    return lines.some((l) => l.startsWith('无法读取') || l.startsWith('签名：无效')) ? 1 : 0
  }
  if (sub === 'verify') {
    const report = await verifyBundleFile(file)
    for (const r of report.reasons) console.log(r)
    console.log(report.ok ? '校验通过。' : '校验未通过。')
    return report.ok ? 0 : 1
  }
  const keyFile = option(args, '--key')
  if (args.includes('--key') && !keyFile) {
    console.error('请在 --key 之后写明本单位的密钥文件。')
    return 2
  }
  try {
    if (!keyFile) {
      const lines = await inspectBundleFile(file)
      if (lines.some((l) => l.startsWith('加密：') && !l.includes('未加密'))) {
        console.error(
          '此数据包已加密，请用 --key 指定接收单位的密钥文件（口令放在环境变量 JIUZHU_KEY_PASSPHRASE 中）。',
        )
        return 2
      }
    }
    const dump = await dumpBundleFile(file, keyFile ?? null, process.env.JIUZHU_KEY_PASSPHRASE ?? '')
    if (args.includes('--ndjson')) {
      for (const [table, rows] of Object.entries(dump.tables)) {
        for (const record of rows) process.stdout.write(`${JSON.stringify({ table, record })}\n`)
      }
    } else {
      process.stdout.write(`${JSON.stringify(dump, null, 2)}\n`)
    }
    return 0
  } catch (e) {
    console.error(bundleErrorMessage(e))
    return 1
  }
}
