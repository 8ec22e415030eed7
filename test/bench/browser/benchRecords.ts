/**
 * Case-shaped records of realistic size (~1.2 KB JSON, Chinese text, nested arrays) for storage benchmarks,
 * deterministic from (n, seed). The same records go through every path being compared.
 */
const STATES = ['clue', 'applied', 'accepted', 'review', 'approval', 'granted', 'refused', 'paid', 'archived']
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英'

function rng(seed: number) {
  let s = seed >>> 0 || 1
  return () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) / 4294967296
  }
}

export function benchCases(n: number, seed: number): Record<string, unknown>[] {
  const r = rng(seed + 1)
  const pick = <T>(xs: ArrayLike<T>) => xs[Math.floor(r() * xs.length)]
  const out: Record<string, unknown>[] = []
  for (let i = 0; i < n; i++) {
    const year = 2016 + Math.floor(r() * 10)
    const month = String(1 + Math.floor(r() * 12)).padStart(2, '0')
    const day = String(1 + Math.floor(r() * 28)).padStart(2, '0')
    const name = pick(SURNAMES) + pick(GIVEN) + pick(GIVEN)
    const id = `110105-${String(i).padStart(10, '0')}${'ABCDEFGHJKMNPQRS'.slice(0, 16)}`
    out.push({
      id,
      state: pick(STATES),
      caseNo: `朝检控救〔${year}〕${i + 1}号`,
      caseYear: year,
      applicationDate: `${year}-${month}-${day}`,
      decisionDate: r() < 0.7 ? `${year}-${month}-${day}` : undefined,
      categoryItemCode: `2021-7-${1 + Math.floor(r() * 7)}`,
      personIdNumbers: [`11010519${60 + Math.floor(r() * 40)}0101${String(Math.floor(r() * 999)).padStart(3, '0')}X`],
      applicant: { name, relation: pick(['本人', '配偶', '子女', '父母']), phone: `13${Math.floor(r() * 1e9)}` },
      underlyingCase: {
        caseNo: `京朝检刑诉〔${year}〕${Math.floor(r() * 900)}号`,
        charge: pick(['故意伤害罪', '交通肇事罪', '故意杀人罪', '抢劫罪']),
      },
      facts: `被害人${name}于${year}年${month}月${day}日遭受犯罪侵害，造成重伤，家庭生活陷入困境，加害人无力赔偿。`,
      amount: { proposedFen: Math.floor(r() * 5_000_000), capFen: 36 * 1_000_000 },
      approvals: [
        {
          role: 'case-procurator',
          decision: 'agree',
          at: `${year}-${month}-${day}T02:00:00.000Z`,
          opinion: '符合救助条件，建议给予救助。',
        },
        { role: 'dept-head', decision: 'agree', at: `${year}-${month}-${day}T03:00:00.000Z`, opinion: '同意。' },
      ],
      materials: ['申请书', '身份证明', '伤情鉴定', '生活困难证明'].map((m) => ({ item: m, received: r() < 0.9 })),
    })
  }
  return out
}
