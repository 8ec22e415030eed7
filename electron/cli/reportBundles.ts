import { basename } from 'node:path'
import type { UnitLevel } from '../../shared/domain/officeSetup'
import { bundleErrorMessage, isBundleError } from '../../shared/exchange/errors'
import { BUNDLE_FILE_EXTENSION } from '../../shared/exchange/manifest'
import type { ReportUnit } from '../../shared/report/units'
import { dumpBundleFile } from '../services/bundle/cliCommands'

/*
 * Upward archive bundles as the report command's input (`report … --in <数据包.jzb…> --key <密钥文件>`), for the
 * statisticians of a higher office who receive subordinates' archives: each bundle is opened exactly as
 * `bundle dump` opens it (container, signature, decryption with the receiving office's sealed key, every payload
 * file's size and hash, the safe NDJSON parser), and the records of all bundles are merged per table — an
 * incremental archive carries new versions of records sent before, so of the same record the version with the
 * highest `rev` counts, once.
 */

export class BundleInputError extends Error {}

/** True for an input the report reads as a bundle (by its extension, `.jzb`). */
export function isBundleInput(path: string): boolean {
  return path.toLowerCase().endsWith(BUNDLE_FILE_EXTENSION)
}

export interface BundleRecords {
  /** Records per table, one version per id (the highest rev of all bundles). */
  tables: Map<string, Record<string, unknown>[]>
  /** The unit directory rows the archives carry (app-made archives send their subtree's units). */
  units: ReportUnit[]
  /** Origin office → the bundle its newest records came from, for the provenance ("up to bundle K"). */
  bundleOf: Record<string, string>
  /** The office the bundles were sent to (the default 填报单位). */
  receiver?: string
  /** One Chinese line per bundle read. */
  described: string[]
}

const LEVELS: readonly UnitLevel[] = ['supreme', 'province', 'city', 'basic']

function unitOf(row: Record<string, unknown>): ReportUnit | undefined {
  const code = row.code
  if (typeof code !== 'string' || !/^\d{6}$/.test(code)) return undefined
  const level = LEVELS.find((l) => l === row.level)
  return {
    code,
    name: typeof row.name === 'string' ? row.name : code,
    ...(typeof row.shortName === 'string' && row.shortName ? { shortName: row.shortName } : {}),
    ...(level ? { level } : {}),
    ...(typeof row.parentCode === 'string' && /^\d{6}$/.test(row.parentCode) ? { parentCode: row.parentCode } : {}),
  }
}

/** Opens every bundle with the key file (passphrase from the caller) and merges their records. */
export async function readReportBundles(
  paths: readonly string[],
  keyFile: string | undefined,
  passphrase: string,
): Promise<BundleRecords> {
  const versions = new Map<string, Map<string, Record<string, unknown>>>()
  const units = new Map<string, ReportUnit>()
  const newest = new Map<string, { bundleId: string; revTo: number }>()
  const described: string[] = []
  let receiver: string | undefined
  let untrusted = 0
  for (const path of paths) {
    let dump: Awaited<ReturnType<typeof dumpBundleFile>>
    try {
      dump = await dumpBundleFile(path, keyFile ?? null, passphrase)
    } catch (e) {
      if (isBundleError(e)) throw new BundleInputError(`数据包 ${basename(path)}：${bundleErrorMessage(e)}`)
      throw e
    }
    const m = dump.manifest
    if (m.kind !== 'archive')
      throw new BundleInputError(`数据包 ${basename(path)} 不是上报数据包（archive），报表只读取上报数据包。`)
    if (receiver !== undefined && m.receiver?.unitCode !== receiver)
      throw new BundleInputError(
        `数据包 ${basename(path)} 是发给 ${m.receiver?.unitCode ?? '（未指定）'} 的，与其他数据包的接收单位 ${receiver} 不同。`,
      )
    receiver = m.receiver?.unitCode
    let count = 0
    for (const [table, rows] of Object.entries(dump.tables)) {
      if (table === 'units') {
        for (const row of rows) {
          const u = unitOf(row)
          if (u) units.set(u.code, u)
        }
        continue
      }
      let byId = versions.get(table)
      if (!byId) {
        byId = new Map()
        versions.set(table, byId)
      }
      for (const row of rows) {
        const id = row.id
        if (typeof id !== 'string' || typeof row.rev !== 'number') continue
        const held = byId.get(id)
        if (!held || (held.rev as number) < row.rev) byId.set(id, row)
        count++
      }
    }
    for (const o of m.origins) {
      const seen = newest.get(o.unitCode)
      if (!seen || seen.revTo < o.revTo) newest.set(o.unitCode, { bundleId: m.bundleId, revTo: o.revTo })
    }
    if (!dump.senderTrusted) untrusted++
    described.push(
      `数据包 ${basename(path)}：${m.sender.unitName}（${m.sender.unitCode}）第 ${m.channelSeq} 号，${m.origins.length} 个来源单位，${count} 条记录，签名有效`,
    )
  }
  if (untrusted > 0)
    described.push(
      `注意：命令行不读本院的单位登记，${untrusted} 个数据包发送单位的公钥未与登记核对；正式报送前请在本院系统中导入这些数据包。`,
    )
  return {
    tables: new Map([...versions].map(([t, byId]) => [t, [...byId.values()]])),
    units: [...units.values()],
    bundleOf: Object.fromEntries([...newest].map(([code, n]) => [code, n.bundleId])),
    receiver,
    described,
  }
}
