import { assert, describe, expect, it } from 'vitest'
import { escapeHtml } from '../../../shared/documents/html'
import {
  type DocumentContext,
  DocumentDataError,
  type DocumentTemplateId,
  documentAvailability,
  documentFileName,
  documentTemplate,
  documentTemplates,
  isDocumentTemplateId,
  produceDocument,
  templatesForState,
} from '../../../shared/documents/templates'
import { isValidResidentId } from '../../../shared/domain/idcard'
import {
  type Case,
  caseSchema,
  caseStates,
  clueSchema,
  documentSchema,
  personSchema,
} from '../../../shared/domain/schemas'
import { actionTypes } from '../../../shared/domain/workflow'
import { safeFileNameSchema } from '../../../shared/ipc/contract'
import { examples } from './cases'
import {
  accepted,
  advanceGranted,
  advancePaidPaperworkDone,
  advancePaperworkDone,
  allFixtures,
  applicant,
  applied,
  approval,
  clue,
  ctxFor,
  granted,
  opinion,
  outOfScope,
  paid,
  persons,
  refused,
  reviewed,
  victim,
} from './fixtures'

const HAN = /[\u4e00-\u9fff]/
const squash = (s: string) => s.replace(/[\s\u3000]+/g, '')
const produce = (id: DocumentTemplateId, ctx: DocumentContext) => {
  const doc = produceDocument(id, ctx)
  if (!doc.ok) throw new Error(`${id}: ${doc.missing.join('；')}`)
  return doc
}

describe('fixtures are valid records', () => {
  it('every fixture case passes the case schema (with its cross-field rules)', () => {
    for (const [name, c] of Object.entries(allFixtures)) {
      const r = caseSchema.safeParse(c)
      expect(r.success, `${name}: ${JSON.stringify(r.error?.issues)}`).toBe(true)
    }
  })

  it('persons and the clue pass their schemas; ID numbers have valid GB 11643 check digits', () => {
    for (const p of persons) {
      expect(personSchema.safeParse(p).success).toBe(true)
      expect(isValidResidentId(p.idNumber)).toBe(true)
    }
    expect(clueSchema.safeParse(clue).success).toBe(true)
  })
})

describe('registry', () => {
  it('has the thirteen documents of issue #6 item 8 and the 一案一档 file index, each once', () => {
    expect(documentTemplates.map((t) => t.title)).toEqual([
      '司法救助线索移送表',
      '国家司法救助告知书',
      '收取国家司法救助申请材料清单',
      '国家司法救助申请补正材料通知书',
      '国家司法救助委托调查函',
      '国家司法救助审查报告',
      '国家司法救助审批表',
      '国家司法救助决定书',
      '不予救助决定书',
      '不予救助告知书',
      '国家司法救助金领取通知书',
      '国家司法救助金领取凭证',
      '国家司法救助金代管委托书',
      '卷内文件目录',
    ])
    expect(new Set(documentTemplates.map((t) => t.id)).size).toBe(documentTemplates.length)
  })

  it('ids fit the stored document record; states and steps are real states and workflow actions', () => {
    for (const t of documentTemplates) {
      expect(documentSchema.shape.templateId.safeParse(t.id).success, t.id).toBe(true)
      expect(isDocumentTemplateId(t.id)).toBe(true)
      expect(documentTemplate(t.id)).toBe(t)
      expect(t.states.length).toBeGreaterThan(0)
      for (const s of t.states) expect(caseStates).toContain(s)
      for (const a of t.steps) expect(actionTypes).toContain(a)
      expect(t.when).toMatch(HAN)
    }
    expect(isDocumentTemplateId('nope')).toBe(false)
    expect(() => documentTemplate('nope' as DocumentTemplateId)).toThrow(RangeError)
  })

  it('offers the step documents of a state', () => {
    expect(templatesForState('needs-supplement').map((t) => t.id)).toEqual(['materials-receipt', 'supplement-notice'])
    expect(templatesForState('refused').map((t) => t.id)).toEqual([
      'approval-form',
      'refusal-decision',
      'refusal-notice',
      'case-file-index',
    ])
    expect(templatesForState('archived').map((t) => t.id)).toEqual(['case-file-index'])
  })

  it('lists what can be produced for a case file', () => {
    const available = documentAvailability(ctxFor(paid))
    const ok = available.filter((a) => a.producible.ok).map((a) => a.template.id)
    expect(ok).toEqual([
      'clue-transfer',
      'inform-notice',
      'materials-receipt',
      'supplement-notice',
      'investigation-letter',
      'review-report',
      'approval-form',
      'grant-decision',
      'collection-notice',
      'payment-receipt',
      'custody-agreement',
      'case-file-index',
    ])
  })
})

describe('卷内文件目录 (一案一档)', () => {
  const text = (ctx: DocumentContext) => squash(produce('case-file-index', ctx).html)

  it('is produced only for a concluded case, and says why not before', () => {
    const early = produceDocument('case-file-index', ctxFor(approval))
    assert(!early.ok, 'expected early to be refused')
    expect(early.missing.join('')).toContain('案件办结')
    expect(produceDocument('case-file-index', ctxFor(refused)).ok).toBe(true)
  })

  it('lists materials, documents (latest print once) and scans in the order they arose, numbered', () => {
    const ctx = ctxFor(paid, {
      caseFile: {
        documents: [
          { templateId: 'grant-decision', number: paid.decision!.documentNo!, generatedAt: '2026-04-09T02:00:00.000Z' },
          { templateId: 'grant-decision', number: paid.decision!.documentNo!, generatedAt: '2026-04-10T02:00:00.000Z' },
          { templateId: 'payment-receipt', generatedAt: '2026-04-20T02:00:00.000Z' },
          { templateId: 'case-file-index', generatedAt: '2026-04-21T02:00:00.000Z' },
        ],
        attachments: [
          { name: '申请书扫描件.pdf', createdAt: '2026-03-05T02:00:00.000Z', createdBy: paid.application!.receivedBy },
        ],
      },
    })
    // materials first (by received date), then the scan, the decision (printed twice) once, the receipt; not itself
    const received = paid.materials.filter((m) => m.received)
    const body = text(ctx)
    expect(body).toContain('国家司法救助决定书')
    expect(body).toContain('打印2次')
    expect(body).toContain('国家司法救助金领取凭证')
    expect(body).not.toContain('卷内文件目录卷内文件目录')
    expect(body.indexOf('申请书扫描件.pdf')).toBeLessThan(body.indexOf('国家司法救助决定书'))
    expect(body.indexOf('国家司法救助决定书')).toBeLessThan(body.indexOf('国家司法救助金领取凭证'))
    expect(body).toContain(`${received.length + 3}件`)
    expect(body).toContain(squash(paid.caseNo!))
  })

  it('documents made on the same day (全部生成) keep the order they were made in, not the order of their titles', () => {
    const madeAt = (s: number) => `2026-04-20T02:00:${String(s).padStart(2, '0')}.000Z`
    // in the order 全部生成 makes them (the procedure's); by title 领取凭证 … would sort before 审批表 and 决定书
    const made = ['approval-form', 'grant-decision', 'collection-notice', 'payment-receipt']
    const body = text(
      ctxFor(paid, {
        caseFile: { documents: made.map((templateId, i) => ({ templateId, generatedAt: madeAt(i) })), attachments: [] },
      }),
    )
    const titles = ['国家司法救助审批表', '国家司法救助决定书', '国家司法救助金领取通知书', '国家司法救助金领取凭证']
    const at = titles.map((t) => body.indexOf(t))
    expect(at.every((i) => i >= 0)).toBe(true)
    expect(at).toEqual([...at].sort((a, b) => a - b))
  })
})

describe('each document shows the facts of the record', () => {
  it.each(examples.map((e) => [e.name, e] as const))('%s', (_name, example) => {
    const doc = produce(example.id, example.ctx)
    expect(doc.html).toContain(`<p class="unit">北京市朝阳区人民检察院</p>`)
    expect(doc.html).toContain(`<p class="title">${doc.title}</p>`)
    expect(doc.html).toContain("default-src 'none'")
    const text = squash(doc.html.replace(/<[^>]+>/g, ''))
    for (const fact of example.facts) expect(text, fact).toContain(squash(escapeHtml(fact)))
    expect(safeFileNameSchema.safeParse(doc.fileName).success, doc.fileName).toBe(true)
  })

  it('先行救助的决定书 cites the 救助情形 the advance named and says the money was paid as 先行救助, on the day paid', () => {
    const text = (c: Case) => squash(produce('grant-decision', ctxFor(c)).html.replace(/<[^>]+>/g, ''))
    const paidAdvance = text(advancePaidPaperworkDone)
    expect(advancePaidPaperworkDone.categoryItemCode).toBe('2021-7-1')
    expect(paidAdvance).toContain(squash('《人民检察院开展国家司法救助工作细则》第七条第（一）项'))
    expect(paidAdvance).toContain('上述救助金已作为先行救助于2026年3月6日一次性发放。')
    expect(paidAdvance).not.toContain('通知你领取')
    expect(paidAdvance).not.toContain('申请人符合国家司法救助的条件')
    // Not yet paid: the applicant is still told when to collect it; a normal grant keeps its wording.
    expect(text(advancePaperworkDone)).toContain('上述救助金作为先行救助一次性发放，本院将在救助资金到位后通知你领取。')
    expect(text(granted)).toContain('救助金一次性发放，本院将在救助资金到位后通知你领取。')
    expect(text(granted)).not.toContain('先行救助')
  })

  it('an advance without application or ex officio start is not called 依职权 in its 决定书', () => {
    const { applicationDate: _a, application: _b, ...bare } = advancePaidPaperworkDone
    const body = squash(produce('grant-decision', ctxFor(bare)).html.replace(/<[^>]+>/g, ''))
    expect(body).toContain('于2026年3月5日对张秀兰启动先行救助程序')
    expect(body).not.toContain('依职权')
  })

  it('the 文号 sits right under the title; decisions use the number on the decision record', () => {
    expect(produce('grant-decision', ctxFor(granted)).docNo).toBe('朝检控救决〔2026〕12号')
    expect(produce('refusal-decision', ctxFor(refused)).docNo).toBe('朝检控救不〔2026〕3号')
    expect(produce('refusal-notice', ctxFor(outOfScope)).docNo).toBe('朝检控救不〔2026〕1号')
    expect(produce('supplement-notice', ctxFor(applied, { case: allFixtures.needsSupplement })).docNo).toBe(
      '朝检控救〔2026〕12号',
    )
    expect(
      produce('supplement-notice', ctxFor(allFixtures.needsSupplement, { docNo: '朝检控救补〔2026〕7号' })).docNo,
    ).toBe('朝检控救补〔2026〕7号')
    const html = produce('grant-decision', ctxFor(granted)).html
    expect(html).toMatch(/<p class="title">国家司法救助决定书<\/p>\s*<p class="docno">朝检控救决〔2026〕12号<\/p>/)
  })

  it('a reprint is identical: documents take their dates from the record, not from today', () => {
    for (const id of ['grant-decision', 'supplement-notice', 'review-report', 'approval-form'] as const) {
      const record = id === 'supplement-notice' ? allFixtures.needsSupplement : approvalOr(id)
      const a = produce(id, ctxFor(record, { today: '2026-05-01' })).html
      const b = produce(id, ctxFor(record, { today: '2027-12-31' })).html
      expect(a).toBe(b)
    }
  })

  it('the 领取凭证 printed before payment leaves date and method blank for the payee to sign', () => {
    const text = produce('payment-receipt', ctxFor(allFixtures.awaitingCollection)).html
    expect(text).toContain('□银行转账　□当面发放')
    expect(text).toContain('　　　　年　　月　　日')
  })

  it('the custody agreement runs to the minor beneficiary’s 18th birthday', () => {
    expect(produce('custody-agreement', ctxFor(paid)).html).toContain('至被救助人年满十八周岁之日（2032年5月6日）止')
    const adult = { ...victim, priorityFlags: [], birthDate: '1990-01-01' }
    expect(produce('custody-agreement', ctxFor(paid, { persons: [applicant, adult] })).html).toContain(
      '至被救助人能够自行管理救助金之日止',
    )
  })

  it('the approval form leaves unsigned steps blank to sign by hand', () => {
    const html = produce('approval-form', ctxFor(opinion)).html
    expect(html).toContain('部门负责人审核意见')
    expect(html).toContain('检察长审批意见')
    expect(html.match(/签名：　+年　+月　+日/g)).toHaveLength(2)
  })

  it('the 告知书 can be produced from the clue alone, dated by the clue’s informing record', () => {
    const html = produce('inform-notice', ctxFor(undefined)).html
    expect(html).toContain('<p class="to">张秀兰：</p>')
    expect(html).toContain('本院在办理京朝检刑诉〔2026〕88号案过程中')
    expect(html).toContain('二〇二六年三月三日')
    expect(html).not.toContain('class="docno"')
  })

  it('cites the rule set in force on the case’s dates, and generic wording before the first one (2014-01-17)', () => {
    expect(produce('refusal-notice', ctxFor(outOfScope)).html).toContain(
      '根据《人民检察院开展国家司法救助工作细则》的规定',
    )
    const old: Case = { ...allFixtures.clueCase, clueDate: '2013-06-03', informing: undefined }
    const html = produce('inform-notice', ctxFor(old, { clue: undefined })).html
    expect(html).toContain('根据国家司法救助的有关规定，')
    expect(html).not.toContain('一般不予救助')
  })

  it('an ex officio decision says the office started the procedure', () => {
    const exOfficio: Case = {
      ...granted,
      applicationDate: undefined,
      application: undefined,
      exOfficio: { date: '2026-03-03', reason: '依职权', by: granted.createdBy },
    }
    const html = produce('grant-decision', ctxFor(exOfficio)).html
    expect(html).toContain('依职权对张秀兰启动国家司法救助程序')
  })
})

function approvalOr(id: DocumentTemplateId): Case {
  if (id === 'grant-decision') return granted
  return allFixtures.approved
}

/** Markup typed into every free-text field the documents print. */
const SCRIPT = '<script>alert("x")</script>'
function poisoned(ctx: DocumentContext): DocumentContext {
  const c = ctx.case
  return {
    ...ctx,
    docNo: undefined,
    contact: { name: `${SCRIPT}李`, phone: '010-1', address: `${SCRIPT}路` },
    office: { ...ctx.office, name: `${SCRIPT}人民检察院` },
    persons: ctx.persons?.map((p) => ({
      ...p,
      name: `${SCRIPT}${p.name}`,
      ...(p.household ? { household: { ...p.household, address: `${SCRIPT}${p.household.address}` } } : {}),
    })),
    users: ctx.users?.map((u) => ({ ...u, displayName: `${SCRIPT}${u.displayName}` })),
    clue: ctx.clue && { ...ctx.clue, partyName: SCRIPT, livingConditions: SCRIPT, underlyingCaseNo: SCRIPT },
    case: c && {
      ...c,
      caseNo: `${SCRIPT}号`,
      underlyingCase: { ...c.underlyingCase, charge: SCRIPT },
      ...(c.proposal ? { proposal: { ...c.proposal, text: SCRIPT } } : {}),
      approvals: c.approvals.map((a) => ({ ...a, opinion: SCRIPT })),
      ...(c.decision ? { decision: { ...c.decision, documentNo: `${SCRIPT}号` } } : {}),
      ...(c.review
        ? {
            review: {
              ...c.review,
              verifications: c.review.verifications.map((v) => ({ ...v, unitName: SCRIPT, note: SCRIPT })),
            },
          }
        : {}),
      ...(c.payment?.custody
        ? { payment: { ...c.payment, payeeName: SCRIPT, custody: { custodian: SCRIPT, note: SCRIPT } } }
        : {}),
    },
  }
}

describe('everything entered is escaped', () => {
  it.each(examples.map((e) => [e.name, e] as const))('%s', (_name, example) => {
    const doc = produce(example.id, poisoned(example.ctx))
    expect(doc.html).not.toMatch(/<script/i)
    expect(doc.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expect(safeFileNameSchema.safeParse(doc.fileName).success, doc.fileName).toBe(true)
  })

  it('file names keep only what the PDF channel accepts', () => {
    expect(documentFileName('国家司法救助决定书', '../张三<x>', '朝检控救〔2026〕1号')).toBe(
      '国家司法救助决定书-张三x-朝检控救〔2026〕1号',
    )
    expect(documentFileName('..', '/')).toBe('文书')
    expect(documentFileName('决定书', 'x'.repeat(300)).length).toBe(100)
  })
})

describe('canProduce says in Chinese what is missing', () => {
  it('refuses every document without a case or a clue', () => {
    for (const t of documentTemplates) {
      const r = t.canProduce({ office: ctxFor(undefined).office, today: '2026-04-20' })
      assert(!r.ok, `expected ${t.id} to be refused`)
      expect(r.missing.length, t.id).toBeGreaterThan(0)
      for (const m of r.missing) expect(m).toMatch(HAN)
      expect(() => t.build({ office: ctxFor(undefined).office, today: '2026-04-20' })).toThrow(DocumentDataError)
    }
  })

  const refusals: [DocumentTemplateId, DocumentContext, string][] = [
    ['clue-transfer', ctxFor(accepted, { clue: undefined }), '线索记录'],
    ['inform-notice', ctxFor(undefined, { clue: undefined }), '救助案件或线索记录'],
    ['materials-receipt', ctxFor(allFixtures.informed), '申请日期（尚未登记申请）'],
    ['supplement-notice', ctxFor(applied), '补正通知记录（尚未登记需要补正的材料）'],
    ['investigation-letter', ctxFor(accepted), '审查核实记录（尚未登记委托调查）'],
    [
      'investigation-letter',
      ctxFor({ ...reviewed, review: { ...reviewed.review!, verifications: [] } }),
      '委托调查记录（审查核实记录中没有“委托调查”一项）',
    ],
    ['review-report', ctxFor(accepted), '审查意见（承办检察官尚未提出意见）'],
    ['approval-form', ctxFor(reviewed), '审查意见或先行救助申请（尚未提出）'],
    ['grant-decision', ctxFor(approval), '救助决定（本案尚未决定救助）'],
    ['grant-decision', ctxFor(advanceGranted), '决定书文号（先行救助的文号在补办手续时登记）'],
    ['refusal-decision', ctxFor(outOfScope), '审查意见（本案未经审查即不予救助，应制作不予救助告知书）'],
    ['refusal-notice', ctxFor(refused), '直接不予救助的记录（本案经审查、审批后决定不予救助，应制作不予救助决定书）'],
    ['refusal-notice', ctxFor(granted), '不予救助决定（本案尚未决定不予救助）'],
    ['collection-notice', ctxFor(granted), '资金到账记录（救助资金尚未到位）'],
    ['payment-receipt', ctxFor(granted), '资金到账记录（救助资金尚未到位）'],
    [
      'custody-agreement',
      ctxFor({ ...paid, payment: { ...paid.payment!, custody: undefined } }),
      '代管安排（发放记录中没有代管人）',
    ],
    ['custody-agreement', ctxFor(allFixtures.awaitingCollection), '发放记录（代管人在发放时登记）'],
    ['grant-decision', ctxFor(granted, { persons: [victim] }), '申请人的身份信息（人员记录未提供）'],
    ['grant-decision', ctxFor(granted, { persons: [applicant] }), '被害人的身份信息（人员记录未提供）'],
    ['grant-decision', ctxFor(granted, { case: undefined }), '救助案件记录（尚未立案）'],
  ]
  it.each(refusals.map(([id, ctx, why]) => [id, why, ctx] as const))('%s: %s', (id, why, ctx) => {
    const r = documentTemplate(id).canProduce(ctx)
    expect(r).toEqual({ ok: false, missing: expect.arrayContaining([why]) })
    const produced = produceDocument(id, ctx)
    expect(produced.ok).toBe(false)
    expect(() => documentTemplate(id).build(ctx)).toThrow(why)
  })

  it('never throws for any template on any fixture, with or without persons and clue', () => {
    const producedInItsStates = new Set<string>()
    for (const t of documentTemplates) {
      for (const c of Object.values(allFixtures)) {
        for (const ctx of [ctxFor(c), ctxFor(c, { persons: [] }), ctxFor(c, { clue: undefined, users: [] })]) {
          const r = t.canProduce(ctx)
          if (r.ok) {
            const doc = produce(t.id, ctx)
            expect(doc.html).toContain(t.title)
            if (t.states.includes(c.state)) producedInItsStates.add(t.id)
          } else {
            expect(r.missing.length).toBeGreaterThan(0)
          }
        }
      }
    }
    // every template, the 线索移送表 too, is produced in one of its states
    const notProduced = documentTemplates.filter((t) => !producedInItsStates.has(t.id)).map((t) => t.id)
    expect(notProduced).toEqual([])
  })
})

describe('the 移送部门 is printed as the office names it (系统设置 → 移送部门名称)', () => {
  it('线索移送表 and 审查报告: 第二检察部 when the office renamed the row, else the current generic name', () => {
    const renamed = { prosecution: '第二检察部' }
    for (const [id, ctx] of [
      ['clue-transfer', ctxFor(allFixtures.clueCase)],
      ['review-report', ctxFor(approval)],
    ] as const) {
      const textOf = (c: DocumentContext) => squash(produce(id, c).html.replace(/<[^>]+>/g, ''))
      expect(textOf(ctx)).toContain('刑事检察部门（审查起诉）')
      const text = textOf({ ...ctx, departmentNames: renamed })
      expect(text).toContain('第二检察部')
      expect(text).not.toContain('公诉')
    }
  })
})
