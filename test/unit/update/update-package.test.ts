import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OfficeKeys } from '../../../electron/services/bundle/keys'
import { packBundle } from '../../../electron/services/bundle/pack'
import {
  createUpdatePackage,
  relayUpdatePackage,
  type UpdateDescription,
  type UpdateSender,
} from '../../../electron/services/update/packUpdate'
import {
  openUpdatePackage,
  type UpdateReceiver,
  verifyUpdatePackage,
} from '../../../electron/services/update/verifyUpdate'
import { receiveUpdatePackage } from '../../../electron/services/update/writeInstaller'
import { keys, keysFor, seededRandom, trustOf, units } from '../bundle/helpers'
import { codeOf } from '../codeOf'

/**
 * 软件更新包 (docs/packaging.md “软件更新包”): the province issues one, the city imports it and relays it
 * unchanged, the district imports the relay; the refusal corpus (wrong signer, downgrade, wrong arch, truncated,
 * replayed …) leaves the export folder empty. Real Ed25519, real zip, real files on disk.
 */
const installer = seededRandom('installer')(300_000)
const description: UpdateDescription = {
  appVersion: '0.2.0',
  minVersionFrom: '0.1.0',
  storeSchemaVersion: 6,
  platform: 'win32',
  arch: 'x64',
  fileName: 'jiuzhu-desk-0.2.0-win-x64.exe',
  notes: '新增软件更新包的导入与转发；修正统计表的若干问题。',
  issuedOn: '2026-12-07',
}
const office = (k: OfficeKeys, u: (typeof units)[keyof typeof units]): UpdateSender => ({ keys: k, ...u })
const province = office(keys.province, units.province)
const city = office(keys.city, units.city)

/** Each office trusts the offices it enrolled with (入网登记): the city its province, the district its city. */
const machine = { runningVersion: '0.1.0', storeSchemaVersion: 5, platform: 'win32', arch: 'x64' }
const atCity: UpdateReceiver = { ...units.city, trusted: trustOf(keys.province, keys.district), ...machine }
const atDistrict: UpdateReceiver = { ...units.district, trusted: trustOf(keys.city), ...machine }

const issue = (over: Partial<UpdateDescription> = {}, sender = province) =>
  createUpdatePackage({ installer, description: { ...description, ...over }, sender }).bytes

/** The city relays what it verified, unchanged, to the district. */
function relayFromCity(packageBytes: Uint8Array, relayer = city) {
  const v = verifyUpdatePackage(packageBytes, atCity)
  return relayUpdatePackage({ packageBytes: v.packageBytes, issuer: v.issuer, relayer, relayedOn: '2026-12-08' }).bytes
}

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jiuzhu-update-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('an update package travels down two levels', () => {
  it('the city accepts the province’s package and hands the installer over, byte for byte', async () => {
    const r = await receiveUpdatePackage(issue(), atCity, dir)
    expect(r.update.appVersion).toBe('0.2.0')
    expect(r.relayedBy).toBeUndefined()
    expect(r.path).toBe(join(dir, '软件更新', '0.2.0', 'jiuzhu-desk-0.2.0-win-x64.exe'))
    expect(Buffer.compare(await readFile(r.path), installer)).toBe(0)
    const notes = await readFile(join(r.folder, '更新说明.txt'), 'utf8')
    expect(notes).toContain('司法救助工作台 0.2.0，Windows（x86 64 位）')
    expect(notes).toContain('最低可升级版本：0.1.0')
    expect(notes).toContain('新增软件更新包的导入与转发')
    expect(notes).toContain('签发单位：江苏省人民检察院（320000）')
  })

  it('the district accepts the city’s relay: the province’s own signature, on the unchanged package, verifies', async () => {
    const original = issue()
    const relayed = relayFromCity(original)
    const r = await receiveUpdatePackage(relayed, atDistrict, dir)
    expect(Buffer.compare(r.packageBytes, original)).toBe(0)
    expect(r.update.issuer).toEqual({ unitCode: '320000', unitName: '江苏省人民检察院' })
    expect(r.relayedBy).toEqual({ unitCode: '320100', unitName: '南京市人民检察院' })
    expect(Buffer.compare(await readFile(r.path), installer)).toBe(0)
    expect(r.summary).toContain('转发单位：南京市人民检察院（320100）')
  })

  it('the city relays what its own machine would refuse: another system and architecture, the version it runs', () => {
    const forUos = issue({ platform: 'linux', arch: 'arm64', fileName: 'cn.jiuzhu.desk_0.2.0_arm64.deb' })
    expect(codeOf(() => verifyUpdatePackage(forUos, atCity))).toBe('update.wrong-platform')
    expect(openUpdatePackage(forUos, atCity).update.arch).toBe('arm64')
    const upgraded = { ...atCity, runningVersion: '0.2.0' }
    expect(openUpdatePackage(issue(), upgraded).update.appVersion).toBe('0.2.0')
    const uosDistrict = { ...atDistrict, platform: 'linux', arch: 'arm64' }
    const relayed = relayUpdatePackage({
      packageBytes: forUos,
      issuer: openUpdatePackage(forUos, atCity).issuer,
      relayer: city,
      relayedOn: '2026-12-08',
    }).bytes
    expect(verifyUpdatePackage(relayed, uosDistrict).update.fileName).toBe('cn.jiuzhu.desk_0.2.0_arm64.deb')
    // but not a package it cannot verify: a forged signer, a truncated file
    expect(
      codeOf(() => openUpdatePackage(issue({}, office(keysFor(units.province, 'x'), units.province)), atCity)),
    ).toBe('bundle.unknown-sender')
    expect(codeOf(() => openUpdatePackage(forUos.subarray(0, 1000), atCity))).toBe('bundle.truncated')
  })

  it('the district cannot take the province’s package straight: it has not enrolled the province', () => {
    expect(codeOf(() => verifyUpdatePackage(issue(), atDistrict))).toBe('bundle.unknown-sender')
  })
})

describe('refusals leave nothing behind', () => {
  async function refused(bytes: Uint8Array, me: UpdateReceiver): Promise<string> {
    let code = 'accepted'
    try {
      await receiveUpdatePackage(bytes, me, dir)
    } catch (e) {
      code = codeOf(() => {
        throw e
      })
    }
    expect(await readdir(dir)).toEqual([])
    return code
  }
  const attacker = keysFor(units.province, 'attacker')
  const forgedProvince = office(attacker, units.province)

  it('wrong signer: a key that is not the province’s, directly or inside the city’s relay', async () => {
    expect(await refused(issue({}, forgedProvince), atCity)).toBe('bundle.unknown-sender')
    const forgedCity = office(keysFor(units.city, 'attacker'), units.city)
    expect(await refused(relayFromCity(issue(), forgedCity), atDistrict)).toBe('bundle.unknown-sender')
    // a real city relay vouching for the province's key, around a package the attacker signed as the province
    const v = verifyUpdatePackage(issue(), atCity)
    const swapped = relayUpdatePackage({
      packageBytes: issue({}, forgedProvince),
      issuer: v.issuer,
      relayer: city,
      relayedOn: '2026-12-08',
    }).bytes
    expect(await refused(swapped, atDistrict)).toBe('bundle.unknown-sender')
  })

  it('a package from an office that is not above: the district cannot issue updates to its city', async () => {
    const fromDistrict = issue({}, office(keys.district, units.district))
    expect(await refused(fromDistrict, atCity)).toBe('update.not-from-above')
  })

  it('downgrade, and a version the running one is too old to upgrade from', async () => {
    expect(await refused(issue({ appVersion: '0.0.9' }), atCity)).toBe('update.downgrade')
    expect(await refused(issue({ appVersion: '0.10.0', minVersionFrom: '0.2.0' }), atCity)).toBe('update.too-old')
    expect(await refused(issue({ storeSchemaVersion: 4 }), atCity)).toBe('update.store-newer')
  })

  it('wrong architecture or system', async () => {
    expect(await refused(issue({ arch: 'arm64' }), atCity)).toBe('update.wrong-platform')
    expect(await refused(issue({ platform: 'linux', fileName: 'jiuzhu-desk_0.2.0_amd64.deb' }), atCity)).toBe(
      'update.wrong-platform',
    )
  })

  it('truncated or altered in transit, directly or as a relay', async () => {
    const bytes = issue()
    expect(await refused(bytes.subarray(0, bytes.length - 1000), atCity)).toBe('bundle.truncated')
    const relayed = relayFromCity(bytes)
    expect(await refused(relayed.subarray(0, relayed.length / 2), atDistrict)).toBe('bundle.truncated')
    const altered = Uint8Array.from(bytes)
    altered[bytes.length - 5000] ^= 1 // a byte of the installer
    expect(await refused(altered, atCity)).toBe('bundle.corrupt')
  })

  it('replayed: the package of the version already running, or an old one after upgrading, also as a relay', async () => {
    const upgraded = { ...atCity, runningVersion: '0.2.0' }
    expect(await refused(issue(), upgraded)).toBe('update.same-version')
    const relayed = relayFromCity(issue())
    expect(await refused(relayed, { ...atDistrict, runningVersion: '0.2.0' })).toBe('update.same-version')
    expect(await refused(relayed, { ...atDistrict, runningVersion: '0.3.0' })).toBe('update.downgrade')
  })

  it('another kind of bundle is not an update package', async () => {
    const enrollment = packBundle({
      kind: 'enrollment',
      sender: province,
      receiver: null,
      channelSeq: 1,
      prevBundleHash: null,
      origins: [],
      tables: {},
      auditHead: { seq: 0, hash: '0'.repeat(64) },
      files: [],
    }).bytes
    expect(await refused(enrollment, atCity)).toBe('update.wrong-kind')
  })
})
