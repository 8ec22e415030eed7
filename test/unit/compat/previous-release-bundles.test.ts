import 'fake-indexeddb/auto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createUpdatePackage } from '../../../electron/services/update/packUpdate'
import { verifyUpdatePackage } from '../../../electron/services/update/verifyUpdate'
import {
  confirmEnrollment,
  EX,
  exportArchive,
  exportEnrollment,
  type OfficeKeyRow,
} from '../../../renderer/src/db/exchange'
import { encodeBase64 } from '../../../shared/util/base64'
import { keys, seededRandom, trustOf, units } from '../bundle/helpers'
import {
  exRow,
  importFile,
  onlyPart,
  open,
  openApplication,
  PASSPHRASE,
  startEnrolledPair,
  startTestOffice,
} from '../exchange-app/offices'

/**
 * Version skew (docs/packaging.md §8): bundles written by the previous release must still be read by this one. The
 * files in test/fixtures/previous-release/ were written by the release named in its README.md (regenerate only for
 * a new release, into a new folder, with UPDATE_PREVIOUS_RELEASE=1): a 基层院's enrollment and upward archive (one
 * case), the 市级院's key they were made for (test-only, sealed with the test passphrase), and a province's update
 * package. This release opens them through the same flows as the operator: enrollment with the fingerprint,
 * preview and commit of the archive, verification of the update package.
 */
const RELEASE = '0.1.0'
const dir = resolve(import.meta.dirname, '../../fixtures/previous-release', RELEASE)
const file = (name: string) => join(dir, name)
const installer = seededRandom('previous-release-installer')(20_000)

if (process.env.UPDATE_PREVIOUS_RELEASE === '1') {
  mkdirSync(dir, { recursive: true })
  const [basic, city] = await startEnrolledPair()
  const opened = await openApplication(basic, '李四')
  const enrollment = await exportEnrollment(basic.db, basic.admin, basic.api, await basic.unit(), basic.passphrase)
  const archive = await exportArchive(basic.db, basic.admin, basic.api, await basic.unit(), basic.passphrase)
  if (!enrollment.ok || !archive.ok) throw new Error('export failed')
  const bytes = async (name: string) => Buffer.from(await basic.file(name), 'base64')
  writeFileSync(file('enrollment-basic.jzb'), await bytes(enrollment.value.fileName))
  writeFileSync(file('archive-basic-to-city.jzb'), await bytes(onlyPart(archive.value).fileName))
  const cityKey = await exRow<OfficeKeyRow>(city, EX.officeKey)
  const basicKey = await exRow<OfficeKeyRow>(basic, EX.officeKey)
  const expected = {
    note: 'TEST-ONLY key and data. Never use outside tests.',
    cityKey: { sealed: cityKey.sealed, record: cityKey.record, fingerprint: cityKey.fingerprint },
    basicFingerprint: basicKey.fingerprint,
    /** The records exactly as the 基层院 stored them. */
    case: await basic.db.cases.get(opened.id),
    applicant: await basic.db.persons.get(opened.applicantId as string),
  }
  writeFileSync(file('expected.json'), `${JSON.stringify(expected, null, 2)}\n`)
  const update = createUpdatePackage({
    installer,
    description: {
      appVersion: '0.2.0',
      minVersionFrom: '0.1.0',
      storeSchemaVersion: 5,
      platform: 'win32',
      arch: 'x64',
      fileName: 'jiuzhu-desk-0.2.0-win-x64-setup.exe',
      notes: '修正若干问题。',
      issuedOn: '2026-12-07',
    },
    sender: { keys: keys.province, ...units.province },
  })
  writeFileSync(file('update-province.jzb'), update.bytes)
}

const expected = JSON.parse(readFileSync(file('expected.json'), 'utf8'))

describe(`bundles written by release ${RELEASE} open in this release`, () => {
  it('the 基层院’s enrollment and archive: enrolled by fingerprint, the case imported intact at the 市级院', async () => {
    const city = await startTestOffice('city', PASSPHRASE.city, expected.cityKey)
    const enrollment = await open(city, encodeBase64(readFileSync(file('enrollment-basic.jzb'))))
    const enrolled = await confirmEnrollment(city.db, city.admin, enrollment, expected.basicFingerprint)
    expect(enrolled.ok).toBe(true)
    await importFile(city, encodeBase64(readFileSync(file('archive-basic-to-city.jzb'))))
    // the 市级院 holds read-only copies equal, field for field, to what the 基层院 stored when 0.1.0 wrote the archive
    expect(await city.db.cases.get(expected.case.id)).toEqual(expected.case)
    expect(await city.db.persons.get(expected.applicant.id)).toEqual(expected.applicant)
    expect(expected.applicant.name).toBe('李四')
  })

  it('the province’s update package verifies at its 市级院 (a machine on the previous release)', () => {
    const v = verifyUpdatePackage(readFileSync(file('update-province.jzb')), {
      ...units.city,
      trusted: trustOf(keys.province),
      runningVersion: RELEASE,
      storeSchemaVersion: 5,
      platform: 'win32',
      arch: 'x64',
    })
    expect(v.update.appVersion).toBe('0.2.0')
    expect(Buffer.compare(v.installer, installer)).toBe(0)
  })
})
