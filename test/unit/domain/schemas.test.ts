import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type AuditEntry as ChainEntry, GENESIS_HASH, sealAuditEntry } from '../../../shared/audit/chain'
import { type AmountComputationRecord, amountComputationRecord } from '../../../shared/domain/amount'
import { addDays } from '../../../shared/domain/dates'
import { roleLabels, roles } from '../../../shared/domain/roles'
import { exclusionCodeSchema, materialCodeSchema, wageSeriesSchema } from '../../../shared/domain/rulesets'
import * as S from '../../../shared/domain/schemas'
import { newRecordId } from '../../../shared/util/recordId'

// ── fixtures: one valid record of every kind ──────────────────────────────────────────────────────────────────

const UNIT = '110105'
const rid = (n: number) => `${UNIT}-01J${String(n).padStart(23, '0')}`
const T = '2026-03-02T01:00:00.000Z'
const stamps = { rev: 7, createdAt: T, updatedAt: T, createdBy: rid(1), updatedBy: rid(1) }
const base = { id: rid(50), ownerUnit: UNIT, ...stamps }
const hash = 'a'.repeat(64)

const amount = amountComputationRecord({
  ruleSetId: '2021-xize',
  wageYear: 2025,
  wageRegionCode: '110000',
  monthlyWageFen: 800_000,
  proposedFen: 3_000_000,
  factorsText: '重伤致残，家庭无其他收入',
})

const paidCase: S.Case = {
  ...base,
  caseNo: '朝检控救〔2026〕12号',
  caseYear: 2026,
  caseSeq: 12,
  state: 'paid',
  source: 'referral',
  originDepartment: 'prosecution',
  clueId: rid(51),
  underlyingCase: { caseNo: '京朝检刑诉〔2026〕5号', charge: '故意伤害罪', stage: 'prosecution-review' },
  jurisdictionRegion: '110105',
  applicantId: rid(52),
  victimId: rid(52),
  relation: 'self',
  capacity: 'self',
  victim: { outcomes: ['serious-injury', 'disability'], disabilityGrade: 5, medicalCostsFen: 8_000_000 },
  personIdNumbers: ['11010519491231002X'],
  ruleSetId: '2021-xize',
  categoryItemCode: '2021-serious-injury',
  smallEmergencyHelp: false,
  clueDate: '2026-03-02',
  applicationDate: '2026-03-04',
  acceptanceDate: '2026-03-06',
  reviewStartDate: '2026-03-09',
  decisionDate: '2026-03-13',
  informing: { byName: '王办案', byUserId: rid(1), method: 'written', date: '2026-03-03', response: 'will-apply' },
  application: { form: 'written', receivedBy: rid(2) },
  materials: [{ item: 'application', received: true, receivedDate: '2026-03-04' }],
  review: {
    verifications: [{ kind: 'site-visit', date: '2026-03-10', unitName: '某村民委员会' }],
    compensationReceivedFen: 0,
    socialAssistanceReceivedFen: 120_000,
    exclusionChecks: [{ code: 'X1', hit: true, evidence: '互殴', override: { reason: '过错轻微', by: rid(2), at: T } }],
    duplicateCheckDone: true,
    recordedBy: rid(2),
    recordedAt: T,
  },
  amount,
  proposal: { decision: 'grant', by: rid(2), at: T, text: '建议救助3万元' },
  approvalRound: {
    round: 1,
    chain: [{ step: 'chief', role: 'chief', label: '检察长审批' }],
    submittedBy: rid(2),
    submittedAt: T,
  },
  approvals: [{ round: 1, step: 'chief', role: 'chief', userId: rid(5), opinion: '同意', decision: 'agree', at: T }],
  decision: { outcome: 'granted', documentNo: '朝检控救〔2026〕1号', grantedFen: 3_000_000 },
  funding: {
    requestDate: '2026-03-16',
    receivedDate: '2026-03-20',
    splits: [
      { source: 'province', amountFen: 1_000_000 },
      { source: 'county', amountFen: 1_500_000, unitCode: UNIT },
      { source: 'donation', amountFen: 500_000, donationId: rid(60) },
    ],
    collectionNoticeDate: '2026-03-23',
  },
  payment: {
    method: 'transfer',
    amountFen: 3_000_000,
    payeeName: '李四',
    account: { bank: '中国农业银行', accountName: '李四', accountNo: '6228480012345678' },
    paidDate: '2026-03-24',
    paidBy: rid(7),
    custody: { custodian: '某村民委员会' },
  },
  recoveries: [],
}

const fixtures: [string, { safeParse: (v: unknown) => { success: boolean } }, Record<string, unknown>][] = [
  [
    'unit',
    S.unitSchema,
    {
      code: UNIT,
      name: '北京市朝阳区人民检察院',
      shortName: '朝检',
      level: 'basic',
      parentCode: '110100',
      regionCode: '110105',
      caseNoPattern: '{short}检控救〔{year}〕{seq}号',
      fingerprint: 'AB:CD',
      ...stamps,
    },
  ],
  [
    'user',
    S.userSchema,
    {
      id: rid(2),
      unitCode: UNIT,
      username: 'zhang.san',
      displayName: '张三',
      roles: ['case-procurator'],
      passwordHash: 'scrypt$'.padEnd(40, 'x'),
      disabled: false,
      failedLogins: 0,
      mustChangePassword: true,
      ...stamps,
    },
  ],
  [
    'person',
    S.personSchema,
    {
      ...base,
      name: '李四',
      sex: 'female',
      birthDate: '1949-12-31',
      idType: 'resident-id',
      idNumber: '11010519491231002X',
      phone: '010-12345678',
      household: { regionCode: '420100', address: '某县某村' },
      residence: { regionCode: '110105', address: '朝阳区某街道' },
      bankAccount: { bank: '中国农业银行', accountName: '李四', accountNo: '6228480012345678' },
      priorityFlags: ['woman-in-hardship', 'low-income'],
    },
  ],
  ['case', S.caseSchema, paidCase],
  [
    'clue',
    S.clueSchema,
    {
      ...base,
      source: 'external',
      externalBody: 'womens-federation',
      partyName: '李四',
      livingConditions: '丈夫受伤后无收入，两个孩子上学',
      informing: { byName: '王办案', method: 'oral', date: '2026-03-03', response: 'undecided' },
      referredOn: '2026-03-02',
      status: 'converted',
      convertedCaseId: rid(51),
    },
  ],
  [
    'material',
    S.materialSchema,
    {
      ...base,
      caseId: rid(51),
      item: 'hardshipProof',
      title: '村委会困难证明',
      receivedDate: '2026-03-04',
      attachmentIds: [rid(70)],
    },
  ],
  [
    'document',
    S.documentSchema,
    {
      ...base,
      caseId: rid(51),
      templateId: 'decision.grant',
      number: '朝检控救〔2026〕1号',
      generatedAt: T,
      contentHash: hash,
    },
  ],
  [
    'attachment',
    S.attachmentSchema,
    { ...base, caseId: rid(51), name: '困难证明.pdf', mime: 'application/pdf', size: 12345, sha256: hash },
  ],
  [
    'ledgerEntry',
    S.ledgerEntrySchema,
    {
      ...base,
      kind: 'disbursement',
      fundSource: 'county',
      amountFen: 1_500_000,
      date: '2026-03-24',
      caseId: rid(51),
      counterparty: '李四',
    },
  ],
  [
    'ledger reversal',
    S.ledgerEntrySchema,
    {
      ...base,
      kind: 'reversal',
      fundSource: 'county',
      amountFen: 1_500_000,
      date: '2026-03-25',
      reversesId: rid(80),
      counterparty: '李四',
      note: '重复登记',
    },
  ],
  [
    'donation',
    S.donationSchema,
    {
      ...base,
      donor: { name: '某公司', kind: 'company' },
      amountFen: 10_000_000,
      receivedOn: '2026-01-05',
      recipientCaseIds: [rid(51)],
    },
  ],
  [
    'referral',
    S.referralSchema,
    {
      ...base,
      caseId: rid(51),
      kind: 'social-assistance',
      partnerAgency: '某县民政局',
      regionCode: '420100',
      date: '2026-04-01',
    },
  ],
  [
    'followUp',
    S.followUpSchema,
    { ...base, caseId: rid(51), date: '2026-04-20', method: 'visit', byUserId: rid(2), findings: '伤情好转' },
  ],
  [
    'ruleSetRecord',
    S.ruleSetRecordSchema,
    {
      id: '2021-xize',
      version: 1,
      name: '人民检察院开展国家司法救助工作细则',
      effectiveFrom: '2021-12-31',
      data: { a: [1, 'x', null] },
    },
  ],
  [
    'localMeasuresRecord',
    S.localMeasuresRecordSchema,
    {
      ...base,
      name: '某省实施办法',
      version: 2,
      baseRuleSetId: '2021-xize',
      regionCode: '320000',
      effectiveFrom: '2023-01-01',
      data: { escalationThresholdFen: 1_000_000 },
    },
  ],
  ['setting', S.settingSchema, { key: 'idleLockMinutes', value: 15 }],
  [
    'exchangeState',
    S.exchangeStateSchema,
    {
      key: 'state',
      channels: { '110105>110100': { lastSentSeq: 3, lastReceivedSeq: 2, lastBundleHash: hash } },
      origins: { '110105': { highWaterRev: 120, acknowledgedRev: 100 } },
      receivedBundles: [{ bundleId: 'b-1', hash, receivedAt: T }],
    },
  ],
]

const issues = (
  schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: unknown[] } } },
  v: unknown,
) => JSON.stringify(schema.safeParse(v).error?.issues)

describe('valid fixtures parse', () => {
  it.each(fixtures)('%s', (_name, schema, value) => {
    expect(schema.safeParse(value).success, issues(schema as never, value)).toBe(true)
  })

  it('an audit entry sealed by the chain module parses, and the types agree', () => {
    const entry: ChainEntry = sealAuditEntry(
      {
        seq: 1,
        at: T,
        userId: rid(1),
        unitCode: UNIT,
        command: 'case.accept',
        table: 'cases',
        entityId: rid(51),
        before: null,
        after: { state: 'accepted' },
        prevHash: GENESIS_HASH,
      },
      'sm3',
    )
    const parsed: S.AuditEntry = S.auditEntrySchema.parse(entry)
    const back: ChainEntry = parsed
    expect(back).toEqual(entry)
  })

  it('the amount module’s computation record is a valid stored record (also over the cap)', () => {
    const record: AmountComputationRecord = amountComputationRecord({
      wageYear: 2025,
      wageRegionCode: '110000',
      monthlyWageFen: 800_000,
      proposedFen: 30_000_000,
      courtAwardCeilingFen: 40_000_000,
      overCapApproval: { ref: '检委会纪要〔2026〕3号', body: '检察委员会' },
      factorsText: '损失特别重大',
    })
    const typed: S.AmountComputation = record
    expect(S.amountComputationSchema.safeParse(typed).success).toBe(true)
  })

  it('rows written by first-run setup (own unit, parent directory entry, admin) parse', () => {
    expect(
      S.unitSchema.safeParse({
        code: '110100',
        name: '北京市人民检察院第三分院',
        shortName: '',
        level: 'city',
        caseNoPattern: '{short}控救〔{year}〕{seq}号',
        directoryOnly: true,
        ...stamps,
      }).success,
    ).toBe(true)
    expect(
      S.unitSchema.safeParse({
        code: '100000',
        name: '最高人民检察院',
        shortName: '高检',
        level: 'supreme',
        caseNoPattern: '{short}控救〔{year}〕{seq}号',
        ...stamps,
        parentCode: undefined,
      }).success,
    ).toBe(true)
  })
})

describe('invalid fields are rejected', () => {
  const cases: [string, { safeParse: (v: unknown) => { success: boolean } }, Record<string, unknown>][] = [
    ['bad date (2025-02-29)', S.personSchema, { birthDate: '2025-02-29' }],
    ['bad date (2026-3-9)', S.caseSchema, { reviewStartDate: '2026-3-9' }],
    ['bad date (month 13)', S.followUpSchema, { date: '2026-13-01' }],
    ['non-integer fen', S.ledgerEntrySchema, { amountFen: 100.5 }],
    ['negative fen', S.donationSchema, { amountFen: -1 }],
    ['zero ledger amount', S.ledgerEntrySchema, { amountFen: 0 }],
    ['fen as a string', S.ledgerEntrySchema, { amountFen: '100' }],
    ['unknown field', S.caseSchema, { smuggled: true }],
    ['unknown field in a sub-record', S.caseSchema, { payment: { ...paidCase.payment, extra: 1 } }],
    ['unknown field on a unit', S.unitSchema, { secret: 'x' }],
    ['bad id (no unit prefix)', S.personSchema, { id: '01J00000000000000000000050' }],
    ['bad id (lower case)', S.personSchema, { id: `${UNIT}-01j00000000000000000000050` }],
    ['bad id (excluded letter U)', S.clueSchema, { convertedCaseId: `${UNIT}-01U00000000000000000000050` }],
    ['bad id (time part too large)', S.materialSchema, { caseId: `${UNIT}-81J00000000000000000000050` }],
    ['bad unit code', S.caseSchema, { ownerUnit: '11010' }],
    ['bad region code', S.caseSchema, { jurisdictionRegion: '000000' }],
    ['rev not positive', S.caseSchema, { rev: 0 }],
    ['instant not UTC', S.caseSchema, { updatedAt: '2026-03-02T09:00:00+08:00' }],
    ['hash in upper case', S.attachmentSchema, { sha256: 'A'.repeat(64) }],
    ['unknown state', S.caseSchema, { state: 'lost' }],
    ['unknown role', S.userSchema, { roles: ['superuser'] }],
    ['duplicate role', S.userSchema, { roles: ['chief', 'chief'] }],
    ['short resident ID', S.personSchema, { idNumber: '1101051949' }],
    ['bad case-number pattern', S.unitSchema, { caseNoPattern: '{short}控救{seq}号' }],
    ['non-supreme unit without parent', S.unitSchema, { parentCode: undefined }],
    ['supreme unit with parent', S.unitSchema, { level: 'supreme' }],
    ['file name with a path', S.attachmentSchema, { name: '../etc/passwd' }],
    ['rule set data not JSON', S.ruleSetRecordSchema, { data: { f: () => 1 } }],
  ]
  /** The first valid fixture of each schema. */
  const valid = new Map<unknown, Record<string, unknown>>()
  for (const [, schema, value] of fixtures) if (!valid.has(schema)) valid.set(schema, value)
  it.each(cases)('%s', (_name, schema, patch) => {
    const value = { ...valid.get(schema), ...patch }
    const r = (schema as typeof S.caseSchema).safeParse(value)
    expect(r.success).toBe(false)
    // The rejection is about the patched field (or, for unknown keys, reported at the object), not something else.
    const paths = r.error?.issues.map((i) => String(i.path[0] ?? '')) ?? []
    const expected = [...Object.keys(patch), '', ...(patch.level === 'supreme' ? ['parentCode'] : [])]
    expect(
      paths.every((p) => expected.includes(p)),
      JSON.stringify(r.error?.issues),
    ).toBe(true)
  })

  it('a record id minted by newRecordId is valid; any single-character change to its shape is not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 47 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        (ms, bytes) => {
          const id = newRecordId(UNIT, ms, () => bytes)
          expect(S.isRecordId(id)).toBe(true)
          expect(S.isRecordId(id.slice(1))).toBe(false)
          expect(S.isRecordId(`${id}0`)).toBe(false)
          expect(S.isRecordId(id.replace('-', '_'))).toBe(false)
        },
      ),
    )
    expect(S.isRecordId(42)).toBe(false)
  })

  it('calendar dates: every real day parses, its month-overflowing twin does not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), (n) => {
        const d = addDays('1950-01-01', n)
        expect(S.calendarDateSchema.safeParse(d).success).toBe(true)
        const [y, m] = d.split('-')
        expect(S.calendarDateSchema.safeParse(`${y}-${m}-32`).success).toBe(false)
      }),
    )
  })

  it('fen: integers ≥ 0 pass, fractions and negatives fail', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: S.MAX_AMOUNT_FEN - 1 }), (n) => {
        expect(S.fenSchema.safeParse(n).success).toBe(true)
        expect(S.fenSchema.safeParse(n + 0.5).success).toBe(false)
        expect(S.fenSchema.safeParse(-n - 1).success).toBe(false)
      }),
    )
  })

  it('text: NUL and other control characters, bidi controls and lone surrogates are refused in Chinese', () => {
    const name = S.textSchema(50, '姓名')
    for (const ok of ['张三', 'John Smith', '阿卜杜拉·买买提', '𠮷田（扩展 B 区汉字）', '第一行\n第二行\t缩进\r\n']) {
      expect(name.safeParse(ok).success, JSON.stringify(ok)).toBe(true)
    }
    const refused: [string, RegExp][] = [
      ['张\u0000三', /姓名不能含有空字符（NUL）/],
      ['张三\u0007', /姓名不能含有控制字符/],
      ['张\u007f三', /姓名不能含有控制字符/],
      ...['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'].map(
        (c): [string, RegExp] => [`张${c}三`, /姓名不能含有改变文字显示方向的控制字符/],
      ),
      ['张三\ud800', /姓名含有无效的字符（不成对的代理项）/],
      ['\udc00张三', /姓名含有无效的字符（不成对的代理项）/],
      ['张\udbff\u0041三', /姓名含有无效的字符（不成对的代理项）/],
    ]
    for (const [text, message] of refused) {
      const r = name.safeParse(text)
      expect(r.success, JSON.stringify(text)).toBe(false)
      expect(r.error?.issues.map((i) => i.message).join('；'), JSON.stringify(text)).toMatch(message)
    }
    // the same in records: a person's name, a ledger entry's counterparty, a note
    const person = fixtures.find((f) => f[0] === 'person')![2]
    expect(S.personSchema.safeParse(person).success).toBe(true)
    expect(S.personSchema.safeParse({ ...person, name: '李\u202e四' }).success).toBe(false)
    const entry = fixtures.find((f) => f[0] === 'ledgerEntry')![2]
    expect(S.ledgerEntrySchema.safeParse({ ...entry, counterparty: '李\u0000四' }).success).toBe(false)
    expect(S.ledgerEntrySchema.safeParse({ ...entry, note: '说明\ud83d' }).success).toBe(false)
    expect(S.ledgerEntrySchema.safeParse({ ...entry, note: '说明😀' }).success).toBe(true)
  })

  it('fen: one amount at most 1 亿元 (10^10 分), so that sums of amounts stay exact', () => {
    expect(S.MAX_AMOUNT_FEN).toBe(10_000_000_000)
    expect(S.fenSchema.safeParse(S.MAX_AMOUNT_FEN).success).toBe(true)
    expect(S.positiveFenSchema.safeParse(S.MAX_AMOUNT_FEN).success).toBe(true)
    for (const n of [S.MAX_AMOUNT_FEN + 1, 2 ** 52, Number.MAX_SAFE_INTEGER]) {
      const r = S.positiveFenSchema.safeParse(n)
      expect(r.success, String(n)).toBe(false)
      expect(r.error?.issues[0].message).toBe('金额过大：单笔金额不能超过 1 亿元')
    }
    // 2^53 + 1 is not even an exact integer: refused as such first
    const inexact = S.positiveFenSchema.safeParse(Number.MAX_SAFE_INTEGER + 2)
    expect(inexact.success).toBe(false)
    expect(inexact.error?.issues[0].message).not.toBe('金额过大：单笔金额不能超过 1 亿元')
    // The finding: two ledger entries of 2^53 − 1 分 passed and their sum was no longer exact. Now the largest
    // entries allowed sum exactly, even 900 000 of them.
    expect(Number.isSafeInteger(Number.MAX_SAFE_INTEGER + Number.MAX_SAFE_INTEGER)).toBe(false)
    expect(Number.isSafeInteger(900_000 * S.MAX_AMOUNT_FEN)).toBe(true)
    const entry = (amountFen: number) =>
      S.ledgerEntrySchema.safeParse({
        ...base,
        kind: 'allocation',
        fundSource: 'province',
        amountFen,
        date: '2026-03-02',
        counterparty: '江苏省财政厅',
      })
    expect(entry(S.MAX_AMOUNT_FEN).success).toBe(true)
    expect(entry(Number.MAX_SAFE_INTEGER).success).toBe(false)
  })
})

describe('cross-field rules', () => {
  const withCase = (patch: Partial<S.Case>) => S.caseSchema.safeParse({ ...paidCase, ...patch })
  const firstMessage = (patch: Partial<S.Case>) => {
    const r = withCase(patch)
    return r.success ? undefined : r.error.issues[0].message
  }

  it('the state must agree with the step records', () => {
    expect(firstMessage({ payment: undefined })).toBe('案件状态为“已发放”时须有救助决定及发放记录')
    expect(withCase({ state: 'refused' }).success).toBe(false)
    expect(withCase({ state: 'withdrawn' }).success).toBe(false)
    expect(withCase({ state: 'recovery' }).success).toBe(false)
    expect(withCase({ state: 'needs-supplement' }).success).toBe(false)
  })

  it('payment = granted amount = sum of the funding rows (joint funding, S24)', () => {
    expect(firstMessage({ payment: { ...paidCase.payment!, amountFen: 2_999_999 } })).toBe(
      '发放金额须与决定救助金额一致',
    )
    const splits = [{ source: 'county' as const, amountFen: 2_000_000 }]
    expect(firstMessage({ funding: { ...paidCase.funding!, splits } })).toBe('各级资金分担金额之和须等于决定救助金额')
  })

  it('dates in step order; case number complete', () => {
    expect(firstMessage({ acceptanceDate: '2026-03-03' })).toBe('日期早于前一环节的日期')
    expect(firstMessage({ caseSeq: undefined })).toBe('案件编号、年份和序号须同时填写')
  })

  it('a decision carries its amount or its reasons; a refusal has no amount', () => {
    expect(S.decisionSchema.safeParse({ outcome: 'granted' }).success).toBe(false)
    expect(S.decisionSchema.safeParse({ outcome: 'refused' }).success).toBe(false)
    expect(S.decisionSchema.safeParse({ outcome: 'refused', refusalReasons: ['X5'] }).success).toBe(true)
    expect(S.decisionSchema.safeParse({ outcome: 'refused', refusalReasons: ['X5'], grantedFen: 1 }).success).toBe(
      false,
    )
  })

  it('the amount record agrees with itself: cap = months × wage, over-cap flag, court ceiling', () => {
    expect(S.amountComputationSchema.safeParse({ ...amount, computedCapFen: amount.computedCapFen + 1 }).success).toBe(
      false,
    )
    expect(S.amountComputationSchema.safeParse({ ...amount, overCapFlag: true }).success).toBe(false)
    const over = { ...amount, proposedFen: 30_000_000, overCapFlag: true, courtAwardCeilingFen: 20_000_000 }
    expect(S.amountComputationSchema.safeParse(over).success).toBe(false)
  })

  it('an override only on a check that hit; a transfer needs an account', () => {
    expect(
      S.exclusionCheckSchema.safeParse({ code: 'X2', hit: false, override: { reason: 'x', by: rid(2), at: T } })
        .success,
    ).toBe(false)
    const { account: _a, ...noAccount } = paidCase.payment!
    expect(S.paymentSchema.safeParse(noAccount).success).toBe(false)
    expect(S.paymentSchema.safeParse({ ...noAccount, method: 'in-person' }).success).toBe(true)
  })

  it('ledger: allocations name a level, reversals name the entry, donations a donation record', () => {
    const entry = fixtures.find((f) => f[0] === 'ledgerEntry')![2]
    const ledger = (patch: Record<string, unknown>) => S.ledgerEntrySchema.safeParse({ ...entry, ...patch }).success
    expect(ledger({ kind: 'allocation', fundSource: 'central', caseId: undefined })).toBe(true)
    expect(ledger({ kind: 'allocation', fundSource: 'donation', donationId: rid(60) })).toBe(false)
    expect(ledger({ kind: 'reversal' })).toBe(false)
    expect(ledger({ reversesId: rid(80) })).toBe(false)
    expect(ledger({ reversesId: entry.id, kind: 'reversal' })).toBe(false)
    expect(ledger({ kind: 'donation', fundSource: 'donation', caseId: undefined })).toBe(false)
    expect(ledger({ kind: 'donation', fundSource: 'donation', donationId: rid(60), caseId: undefined })).toBe(true)
    expect(ledger({ caseId: undefined })).toBe(false)
  })

  it('funding rows: donation money names its donation, 财政 money does not', () => {
    expect(S.fundingSplitSchema.safeParse({ source: 'donation', amountFen: 1 }).success).toBe(false)
    expect(S.fundingSplitSchema.safeParse({ source: 'city', amountFen: 1, donationId: rid(60) }).success).toBe(false)
  })

  it('clue: source details, converted ⇔ case id, closed needs a reason', () => {
    const clue = fixtures.find((f) => f[0] === 'clue')![2]
    const ok = (patch: Record<string, unknown>) => S.clueSchema.safeParse({ ...clue, ...patch }).success
    expect(ok({ externalBody: undefined })).toBe(false)
    expect(ok({ source: 'case-department', externalBody: undefined })).toBe(false)
    expect(ok({ source: 'case-department', externalBody: undefined, originDepartment: 'juvenile' })).toBe(true)
    expect(ok({ status: 'open' })).toBe(false)
    expect(ok({ status: 'closed', convertedCaseId: undefined })).toBe(false)
    expect(ok({ status: 'closed', convertedCaseId: undefined, closedReason: '当事人不申请' })).toBe(true)
  })
})

describe('labels of the closed lists', () => {
  const lists: [string, Record<string, string>][] = [
    ['caseStates', S.caseStateLabels],
    ['caseSources', S.caseSourceLabels],
    ['originDepartments', S.originDepartmentLabels],
    ['unitLevels', S.unitLevelShortLabels],
    ['priorityGroups', S.priorityGroupLabels],
    ['referralKinds', S.referralKindLabels],
    ['recoveryTriggers', S.recoveryTriggerLabels],
    ['fundLevels', S.fundLevelLabels],
    ['fundSources', S.fundSourceLabels],
    ['ledgerKinds', S.ledgerKindLabels],
    ['materialItems', S.materialItemLabels],
    ['exclusions', S.exclusionLabels],
    ['refusalReasons', S.refusalReasonLabels],
    ['roles', roleLabels],
  ]
  it.each(lists)('%s: every code has a Chinese label, labels are distinct', (_name, labels) => {
    const values = Object.values(labels)
    expect(values.length).toBeGreaterThan(1)
    for (const v of values) expect(v).toMatch(/[\u4e00-\u9fa5]/)
    expect(new Set(values).size).toBe(values.length)
  })

  it('the domain terms the brief names', () => {
    expect(S.unitLevelShortLabels).toEqual({ supreme: '最高', province: '省级', city: '市级', basic: '基层' })
    expect(S.fundLevelLabels).toEqual({ central: '中央', province: '省级', city: '市级', county: '县级' })
    expect(S.caseStateLabels['needs-supplement']).toBe('待补正')
    expect(S.caseStateLabels.advance).toBe('先行救助')
    expect(S.priorityGroupLabels['low-income']).toBe('低保对象')
    expect(S.priorityGroupLabels['registered-poor']).toBe('建档立卡贫困户')
    expect(roles.map((r) => roleLabels[r])).toEqual([
      '办案部门人员',
      '控申承办检察官',
      '控申部门负责人',
      '检察长/分管检察长',
      '计财人员',
      '系统管理员',
      '审计查阅',
      '上级督导',
    ])
  })

  it('codes are derived from the label tables, in order, and match the rule sets’ vocabularies', () => {
    expect(S.caseStates).toEqual(Object.keys(S.caseStateLabels))
    expect([...S.materialItems].sort()).toEqual([...materialCodeSchema.options].sort())
    expect([...S.exclusionCodes]).toEqual([...exclusionCodeSchema.options])
    expect([...S.wageSeries].sort()).toEqual([...wageSeriesSchema.options].sort())
    expect(S.refusalReasons).toEqual(expect.arrayContaining([...S.exclusionCodes]))
    expect(() => S.codesOf({})).toThrow(RangeError)
  })
})
