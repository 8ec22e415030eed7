import { readFile, writeFile } from 'node:fs/promises'
import { type UnitLevel, unitLevels } from '../../shared/domain/officeSetup'
import { messageFor } from '../../shared/errors'
import { CodedError } from '../../shared/errors/coded'
import { bundleErrorMessage } from '../../shared/exchange/errors'
import type { UpdateArch, UpdatePlatform } from '../../shared/update/updateManifest'
import { readTrustFile, unsealKeyFile } from '../services/bundle/cliCommands'
import { createUpdatePackage, relayUpdatePackage, type UpdateSender } from '../services/update/packUpdate'
import {
  openUpdatePackage,
  type UpdateOffice,
  type UpdateReceiver,
  verifyUpdatePackage,
} from '../services/update/verifyUpdate'
import { receiveUpdatePackage, updateSummary } from '../services/update/writeInstaller'

/**
 * `npm run cli -- update create|verify|relay` (docs/packaging.md “软件更新包”): the issuing office makes a signed
 * update package from an installer; a receiving office verifies it and writes the installer out for IT, and relays
 * it unchanged to its own subordinates. The office key file's passphrase is read from JIUZHU_KEY_PASSPHRASE.
 */
const USAGE = [
  '用法：',
  '  npm run cli -- update create <安装程序> --key <本院密钥文件> --unit-name <本院名称> --level <本院层级>',
  '      --version <新版本> --min-from <最低可升级版本> --store-schema <数据库结构版本> --platform <win32|linux|darwin>',
  '      --arch <x64|arm64|ia32> --notes <更新说明文本文件> --date <YYYY-MM-DD> --out <更新包文件>',
  '      制作软件更新包（以本院密钥签名）。',
  '  npm run cli -- update verify <更新包> --trust <可信单位目录> --unit <本院代码> --level <本院层级>',
  '      --store-schema <本机数据库结构版本> [--running <本机版本>] [--platform …] [--arch …] [--extract <导出目录>]',
  '      核验更新包；--extract 时把安装程序和更新说明写到 <导出目录>/软件更新/<版本>/，交信息技术人员安装。',
  '  npm run cli -- update relay <更新包> --trust … --unit … --level … --key <本院密钥文件>',
  '      --unit-name <本院名称> --date <YYYY-MM-DD> --out <转发件文件>',
  '      核验签名和安装程序后原样转发给本院的下级院（原签发单位的签名不变，本院为其公钥作保；',
  '      不核对本机的系统、架构和版本：本院不用的系统和架构的更新包也照样转发）。',
  '  层级：supreme（最高检）、province（省级院）、city（市级院）、basic（基层院）。口令放在环境变量 JIUZHU_KEY_PASSPHRASE 中。',
].join('\n')

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name)
  const v = i >= 0 ? args[i + 1] : undefined
  return v && !v.startsWith('--') ? v : undefined
}

class UsageError extends Error {}

function required(args: string[], name: string): string {
  const v = option(args, name)
  if (!v) throw new UsageError(`请写明 ${name}。`)
  return v
}

function levelOf(args: string[]): UnitLevel {
  const v = required(args, '--level')
  if (!(unitLevels as readonly string[]).includes(v)) throw new UsageError(`层级“${v}”不正确。`)
  return v as UnitLevel
}

async function sender(args: string[]): Promise<UpdateSender> {
  const keys = await unsealKeyFile(required(args, '--key'), process.env.JIUZHU_KEY_PASSPHRASE ?? '')
  return { keys, unitCode: keys.unitCode, unitName: required(args, '--unit-name'), level: levelOf(args) }
}

async function office(args: string[]): Promise<UpdateOffice> {
  return {
    unitCode: required(args, '--unit'),
    level: levelOf(args),
    trusted: await readTrustFile(required(args, '--trust')),
  }
}

async function receiver(args: string[]): Promise<UpdateReceiver> {
  const running = option(args, '--running') ?? process.env.npm_package_version
  if (!running) throw new UsageError('请用 --running 写明本机正在使用的版本。')
  return {
    ...(await office(args)),
    runningVersion: running,
    storeSchemaVersion: Number(required(args, '--store-schema')),
    platform: option(args, '--platform') ?? process.platform,
    arch: option(args, '--arch') ?? process.arch,
  }
}

async function run(sub: string, file: string, args: string[]): Promise<void> {
  if (sub === 'create') {
    const packed = createUpdatePackage({
      installer: new Uint8Array(await readFile(file)),
      description: {
        appVersion: required(args, '--version'),
        minVersionFrom: required(args, '--min-from'),
        storeSchemaVersion: Number(required(args, '--store-schema')),
        platform: required(args, '--platform') as UpdatePlatform,
        arch: required(args, '--arch') as UpdateArch,
        fileName: file.split(/[\\/]/).pop() ?? file,
        notes: (await readFile(required(args, '--notes'), 'utf8')).trim(),
        issuedOn: required(args, '--date'),
      },
      sender: await sender(args),
    })
    await writeFile(required(args, '--out'), packed.bytes)
    console.log(
      `已制作软件更新包：${required(args, '--out')}（${packed.update.appVersion}，SHA-256 ${packed.bundleHash}）`,
    )
    return
  }
  const bytes = new Uint8Array(await readFile(file))
  if (sub === 'verify') {
    const me = await receiver(args)
    const exportDir = option(args, '--extract')
    if (exportDir) {
      const r = await receiveUpdatePackage(bytes, me, exportDir)
      console.log(`${r.summary}\n\n安装程序已写到：${r.path}`)
    } else {
      console.log(`${updateSummary(verifyUpdatePackage(bytes, me))}\n\n核验通过。`)
    }
    return
  }
  const v = openUpdatePackage(bytes, await office(args))
  const relayed = relayUpdatePackage({
    packageBytes: v.packageBytes,
    issuer: v.issuer,
    relayer: await sender(args),
    relayedOn: required(args, '--date'),
  })
  await writeFile(required(args, '--out'), relayed.bytes)
  console.log(
    `已制作转发件：${required(args, '--out')}（${v.update.appVersion}，签发单位 ${v.update.issuer.unitName}）`,
  )
}

export async function updateCommand(args: string[]): Promise<number> {
  const [sub, file] = args
  if (!sub || !['create', 'verify', 'relay'].includes(sub) || !file || file.startsWith('--')) {
    console.error(USAGE)
    return 2
  }
  try {
    await run(sub, file, args.slice(2))
    return 0
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n${USAGE}`)
      return 2
    }
    console.error(
      e instanceof CodedError && !e.code.startsWith('bundle.') ? messageFor(e.code, e.params) : bundleErrorMessage(e),
    )
    return 1
  }
}
