import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readLegacyFile } from '../../../electron/services/legacyImport'
import { detectHeader, headerLabels, suggestMapping } from '../../../shared/legacyImport/fields'
import { checkRows } from '../../../shared/legacyImport/rows'
import { registerXlsx, statedReasons, trapRows } from '../../legacyCorpus'

/**
 * The corpus register saved as Excel 97–2003 .xls by LibreOffice's converter (as an office's old file is) and read
 * through SheetJS (`@e965/xlsx`) in the main process: the same header, mapping and verdicts as the .xlsx.
 */
describe('历史台账导入: the register as .xls', () => {
  it('gives every trap row the same verdict as the .xlsx', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'legacy-xls-'))
    await writeFile(join(dir, '台账.xlsx'), await registerXlsx())
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/lo`,
        '--headless',
        '--convert-to',
        'xls',
        '--outdir',
        dir,
        join(dir, '台账.xlsx'),
      ],
      { stdio: 'ignore', timeout: 120_000 },
    )
    const wb = await readLegacyFile(await readFile(join(dir, '台账.xls')), '2021-2024救助台账.xls')
    expect(wb.format).toBe('xls')
    const sheet = wb.sheets[0]
    const header = detectHeader(sheet)
    expect(header).toEqual({ top: 1, bottom: 2 })
    if (!header) return
    const labels = headerLabels(sheet, header.top, header.bottom)
    const mapping = suggestMapping(labels)
    expect(mapping.applicantId).toBe(2)
    const verdicts = checkRows({ sheet, header, mapping, headerLabels: labels, today: '2026-12-07', held: new Map() })
    expect(verdicts.map((v) => v.kind)).toEqual(trapRows.map((t) => t.kind))
    const stated = statedReasons(verdicts)
    expect(stated.length).toBeGreaterThan(8)
    for (const r of stated) expect(r.gave, r.row).toContain(r.says)
    expect(verdicts[1].facts?.decisionDate).toBe('2022-03-30')
  }, 240_000) // LibreOffice's first start in a fresh profile is slow on a loaded machine
})
