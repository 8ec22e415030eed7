import { describe, expect, it } from 'vitest'
import { type DocumentContext, type DocumentTemplateId, produceDocument } from '../../../shared/documents/templates'
import { PROVINCE_NAMES, regionName } from '../../../shared/domain/regions'
import type { Case } from '../../../shared/domain/schemas'
import { ctxFor, granted, refused } from './fixtures'

/** The printed text of a document, tags and white space removed. */
function text(id: DocumentTemplateId, ctx: DocumentContext): string {
  const doc = produceDocument(id, ctx)
  if (!doc.ok) throw new Error(doc.missing.join('；'))
  return doc.html.replace(/<[^>]+>/g, '').replace(/[\s\u3000]+/g, '')
}

const withCase = (c: Case, over: Partial<Case>): Case => ({ ...c, ...over })

describe('the underlying case is named by number and 案由, with the victim, never as the applicant’s crime', () => {
  it('a relative applying: “申请人…系〔编号〕…案被害人…的父母”', () => {
    for (const [id, c] of [
      ['grant-decision', granted],
      ['refusal-decision', refused],
    ] as const) {
      const t = text(id, ctxFor(c))
      expect(t).toContain('申请人张秀兰系京朝检刑诉〔2026〕88号故意伤害案（审查起诉阶段）被害人李小明的父母，于')
      expect(t).not.toMatch(/申请人张秀兰因/)
      expect(t).not.toContain('罪一案')
    }
  })

  it('a charge typed with 罪 is printed as the case’s 案由 (“故意伤害案”, not “故意伤害罪一案”)', () => {
    const c = withCase(granted, { underlyingCase: { caseNo: '苏宁检刑诉〔2025〕7号', charge: '故意伤害罪' } })
    const t = text('grant-decision', ctxFor(c))
    expect(t).toContain('系苏宁检刑诉〔2025〕7号故意伤害案被害人李小明的父母')
    expect(t).not.toContain('故意伤害罪')
  })

  it('the victim applying for themself: “申请人…系…案的被害人”', () => {
    const c = withCase(granted, { victimId: granted.applicantId, relation: 'self' })
    expect(text('grant-decision', ctxFor(c))).toContain(
      '申请人张秀兰系京朝检刑诉〔2026〕88号故意伤害案（审查起诉阶段）的被害人，于',
    )
  })
})

describe('regions are printed by name (GB/T 2260), not by code', () => {
  it('province codes give the province', () => {
    expect(regionName('320000')).toBe('江苏省')
    expect(regionName('110000')).toBe('北京市')
    expect(regionName('650000')).toBe('新疆维吾尔自治区')
    expect(Object.keys(PROVINCE_NAMES)).toHaveLength(34)
  })

  it('a lower-level code is named after the unit of that region; else the province with the code', () => {
    const units = [
      { regionCode: '320106', name: '南京市鼓楼区人民检察院' },
      { regionCode: '110105', name: '北京市朝阳区人民检察院' },
    ]
    expect(regionName('320106', units)).toBe('江苏省南京市鼓楼区')
    expect(regionName('110105', units)).toBe('北京市朝阳区')
    expect(regionName('320500', units)).toBe('江苏省（地区代码320500）')
    expect(regionName('990000')).toBe('地区代码990000')
  })

  it('the 审查报告 names the wage region: “以北京市2025年度…为基数”, no “地区代码”', () => {
    const t = text('review-report', ctxFor(granted))
    expect(t).toMatch(/以北京市\d{4}年度/)
    expect(t).not.toContain('地区代码')
  })
})
