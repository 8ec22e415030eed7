import { type DocumentSpec, renderDocumentHtml } from '../documents/layout'
import { formatYuan, toChineseUppercase } from '../domain/money'
import type { Donation } from '../domain/schemas'
import { donorKindLabels } from '../domain/schemas/labels'

/** One recipient the donation helped: who, in which case, how much of this donation and when. */
export interface DonationRecipient {
  name: string
  caseNo: string
  /** 分 paid to this recipient from this donation (net of reversals and recoveries). */
  fromDonationFen: number
  paidDate?: string
  category?: string
}

const cnDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`
const yuan = (fen: number) => `${formatYuan(fen)}元（${toChineseUppercase(fen)}）`

/**
 * 社会捐助资金使用情况告知书: tells the donor how the money was used, naming the specific recipients (the brief:
 * donors are told the recipients; S40). Pure: the caller supplies the recipients and what each received from it.
 */
export function donationNoticeSpec(
  donation: Donation,
  recipients: readonly DonationRecipient[],
  office: { unitName: string },
  date: string,
): DocumentSpec {
  const used = recipients.reduce((s, r) => s + r.fromDonationFen, 0)
  const remaining = donation.amountFen - used
  const by = donorKindLabels[donation.donor.kind]
  return {
    unitName: office.unitName,
    title: '社会捐助资金使用情况告知书',
    to: `${donation.donor.name}：`,
    blocks: [
      {
        kind: 'paragraph',
        text: `感谢您（${by}）于${cnDate(donation.receivedOn)}向本院国家司法救助资金捐助${yuan(donation.amountFen)}。${
          donation.restrictions ? `您对捐助款的用途要求为：${donation.restrictions}。` : ''
        }现将该笔捐助款的使用情况告知如下：`,
      },
      recipients.length
        ? {
            kind: 'table',
            head: ['序号', '受助人', '救助案件编号', '救助情形', '使用本笔捐助金额（元）', '发放日期'],
            widths: ['8%', '14%', '26%', '22%', '16%', '14%'],
            rows: [
              ...recipients.map((r, i) => [
                String(i + 1),
                r.name,
                r.caseNo,
                r.category ?? '',
                formatYuan(r.fromDonationFen),
                r.paidDate ? cnDate(r.paidDate) : '尚未发放',
              ]),
              ['合计', '', '', '', formatYuan(used), ''],
            ],
          }
        : { kind: 'paragraph', text: '截至本告知书出具之日，该笔捐助款尚未用于具体受助人。' },
      {
        kind: 'paragraph',
        text: `截至${cnDate(date)}，该笔捐助款已使用${yuan(used)}，结余${yuan(Math.max(0, remaining))}${
          remaining < 0 ? '（使用金额超过捐助金额，请与本院联系核对）' : ''
        }。结余部分将继续按您的意愿和国家司法救助的规定使用，并再行告知。`,
      },
      { kind: 'paragraph', text: '受助人信息仅用于向您说明捐助款的去向，请勿对外公开或用于其他用途。' },
    ],
    sign: { unit: office.unitName, date: cnDate(date) },
  }
}

export function donationNoticeHtml(...args: Parameters<typeof donationNoticeSpec>): string {
  return renderDocumentHtml(donationNoticeSpec(...args))
}
