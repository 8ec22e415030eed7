import { bundleErrorMessage } from '../../shared/exchange/errors'
import {
  dumpBundleFile,
  dumpJsonPieces,
  inspectBundleFile,
  readTrustFile,
  unsealKeyFile,
  verifyBundleFile,
} from '../services/bundle/cliCommands'
import type { OfficeKeys } from '../services/bundle/keys'
import type { TrustedSenderLookup } from '../services/bundle/open'

const USAGE = [
  '用法：',
  '  npm run cli -- bundle verify <数据包文件> [--trust <可信单位目录文件>] [--key <密钥文件>]',
  '      校验数据包（结构、清单、签名；未加密或提供 --key 时逐一核对数据文件）。',
  '      --trust 指定本院的可信单位目录（单位公钥记录的 JSON 数组，如 generate 写出的 keys/directory.json）：',
  '      发送单位的密钥在目录中才打印“校验通过。”（退出码 0）；未指定时签名有效只打印',
  '      “签名有效但发送单位身份未核验。”（退出码 3），因为任何人都可以生成密钥并自称任一单位。',
  '  npm run cli -- bundle inspect <数据包文件>         显示数据包清单（不解密）',
  '  npm run cli -- bundle dump <数据包文件> --key <密钥文件> [--trust <可信单位目录文件>] [--ndjson]',
  '      解密并输出记录：默认一个 JSON 对象；--ndjson 每行一条记录 {"table":…,"record":…}（按数据表依次输出）。',
  '      密钥文件为本院的加密密钥文件（bundle-format.md §2.1），口令取自环境变量 JIUZHU_KEY_PASSPHRASE。',
  '      未加密的数据包（如给法院的案件移送材料包）可不指定 --key。',
].join('\n')

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

/** Writes pieces to stdout about 1 MiB at a time, waiting whenever the stream asks to (a slow pipe, a file). */
async function writeOut(pieces: Iterable<string>): Promise<void> {
  const flush = (text: string) =>
    new Promise<void>((resolve) => {
      if (process.stdout.write(text)) resolve()
      else process.stdout.once('drain', resolve)
    })
  let buffer = ''
  for (const piece of pieces) {
    buffer += piece
    if (buffer.length >= 1 << 20) {
      await flush(buffer)
      buffer = ''
    }
  }
  if (buffer) await flush(buffer)
}

function* ndjsonPieces(tables: Record<string, Record<string, unknown>[]>): Generator<string> {
  for (const [table, rows] of Object.entries(tables)) {
    for (const record of rows) yield `${JSON.stringify({ table, record })}\n`
  }
}

/** `--trust <file>` when given; `null` for a usage error (already printed). */
async function trustOption(args: string[]): Promise<TrustedSenderLookup | undefined | null> {
  if (!args.includes('--trust')) return undefined
  const file = option(args, '--trust')
  if (!file || file.startsWith('--')) {
    console.error('请在 --trust 之后写明本院的可信单位目录文件。')
    return null
  }
  return readTrustFile(file)
}

/**
 * `bundle verify|inspect|dump`. Exit codes: 0 passed (verify: and the sender is in the trusted directory), 1 refused
 * (the Chinese reason printed), 2 usage, 3 (verify only) signature valid but the sender's identity not checked.
 */
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
  const keyFile = option(args, '--key')
  if (args.includes('--key') && (!keyFile || keyFile.startsWith('--'))) {
    console.error('请在 --key 之后写明本单位的密钥文件。')
    return 2
  }
  let trust: TrustedSenderLookup | undefined
  try {
    const t = await trustOption(args)
    if (t === null) return 2
    trust = t
  } catch (e) {
    console.error(bundleErrorMessage(e))
    return 2
  }
  if (sub === 'verify') {
    let keys: OfficeKeys | undefined
    if (keyFile) {
      try {
        keys = await unsealKeyFile(keyFile, process.env.JIUZHU_KEY_PASSPHRASE ?? '')
      } catch (e) {
        console.error(bundleErrorMessage(e))
        return 1
      }
    }
    const report = await verifyBundleFile(file, trust, keys)
    for (const r of report.reasons) console.log(r)
    if (!report.ok) {
      console.log('校验未通过。')
      return 1
    }
    if (!report.senderVerified) {
      console.log('签名有效但发送单位身份未核验。')
      return 3
    }
    console.log('校验通过。')
    return 0
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
    const dump = await dumpBundleFile(file, keyFile ?? null, process.env.JIUZHU_KEY_PASSPHRASE ?? '', trust)
    await writeOut(args.includes('--ndjson') ? ndjsonPieces(dump.tables) : dumpJsonPieces(dump))
    return 0
  } catch (e) {
    console.error(bundleErrorMessage(e))
    return 1
  }
}
