import { bundleErrorMessage } from '../../shared/exchange/errors'
import { dumpBundleFile, inspectBundleFile, verifyBundleFile } from '../services/bundle/cliCommands'

const USAGE = [
  '用法：',
  '  npm run cli -- bundle verify <数据包文件>          校验数据包（结构、清单、签名；未加密时逐一核对数据文件）',
  '  npm run cli -- bundle inspect <数据包文件>         显示数据包清单（不解密）',
  '  npm run cli -- bundle dump <数据包文件> --key <密钥文件>   解密并以 JSON 输出记录（口令取自环境变量 JIUZHU_KEY_PASSPHRASE）',
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
  if (!keyFile) {
    console.error('请用 --key 指定本单位的密钥文件。')
    return 2
  }
  try {
    const dump = await dumpBundleFile(file, keyFile, process.env.JIUZHU_KEY_PASSPHRASE ?? '')
    process.stdout.write(`${JSON.stringify(dump, null, 2)}\n`)
    return 0
  } catch (e) {
    console.error(bundleErrorMessage(e))
    return 1
  }
}
