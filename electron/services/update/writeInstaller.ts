import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { INSTALLER_NAME_PATTERN, platformLabel } from '../../../shared/update/updateManifest'
import { exportedFile } from '../exportedFile'
import { fileInFolder, writeAtomically } from '../files'
import { type UpdateReceiver, type VerifiedUpdate, verifyUpdatePackage } from './verifyUpdate'

export const UPDATE_FOLDER = '软件更新'

/** The Chinese summary shown before handing over, and written beside the installer for IT. */
export function updateSummary(v: VerifiedUpdate): string {
  const u = v.update
  return [
    `软件更新包：司法救助工作台 ${u.appVersion}，${platformLabel(u.platform, u.arch)}`,
    `最低可升级版本：${u.minVersionFrom}；数据库结构版本：${u.storeSchemaVersion}`,
    `签发单位：${u.issuer.unitName}（${u.issuer.unitCode}），签发日期 ${u.issuedOn}`,
    ...(v.relayedBy ? [`转发单位：${v.relayedBy.unitName}（${v.relayedBy.unitCode}）`] : []),
    `安装程序：${u.fileName}，${u.size} 字节，SHA-256 ${u.sha256}`,
    '更新说明：',
    u.notes,
    '',
    '安装前请先在“系统设置 → 备份”中备份本机数据；安装程序由本机管理员或信息技术人员运行。',
  ].join('\n')
}

/**
 * Hands a verified installer over: `<exportDir>/软件更新/<version>/<installer>` and `更新说明.txt`, each written
 * atomically. The app opens the folder; the user or IT runs the installer (nothing is installed by the app).
 */
export async function writeInstaller(exportDir: string, v: VerifiedUpdate): Promise<{ folder: string; path: string }> {
  const folder = join(exportDir, UPDATE_FOLDER, v.update.appVersion)
  await mkdir(folder, { recursive: true })
  const path = fileInFolder(folder, v.update.fileName)
  await writeAtomically(path, (tmp) => writeFile(tmp, v.installer))
  const notes = fileInFolder(folder, '更新说明.txt')
  await writeAtomically(notes, (tmp) => writeFile(tmp, `${updateSummary(v)}\n`, 'utf8'))
  return { folder, path }
}

/** 导入软件更新包 on this machine: verify, then hand the installer over; on any refusal nothing is written. */
export async function receiveUpdatePackage(
  bytes: Uint8Array,
  me: UpdateReceiver,
  exportDir: string,
): Promise<VerifiedUpdate & { folder: string; path: string; summary: string }> {
  const verified = verifyUpdatePackage(bytes, me)
  const written = await writeInstaller(exportDir, verified)
  return { ...verified, ...written, summary: updateSummary(verified) }
}

/**
 * 打开安装程序所在文件夹 (IPC `files:open`, purpose `reveal`): only an installer this app handed over, in
 * `<导出>/软件更新/` — shown in the system's file manager, never run.
 */
export function handedOverInstaller(exportDir: string, path: string): Promise<string> {
  return exportedFile(join(exportDir, UPDATE_FOLDER), path, (name) => INSTALLER_NAME_PATTERN.test(name))
}
