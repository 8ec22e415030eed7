import type { UnitLevel } from '@shared/domain/officeSetup'
import { Button, Card, Checkbox, Form, Input, Radio, Space, Typography } from 'antd'
import { PeriodPicker } from './PeriodPicker'
import type { PeriodChoice } from './reportModel'
import { type ReportKind, reportKindLabels } from './runReport'

export interface ReportOptionsProps {
  kind: ReportKind
  onKind(kind: ReportKind): void
  choice: PeriodChoice
  years: readonly number[]
  onPeriod(patch: Partial<PeriodChoice>): void
  reviewer: string
  onReviewer(name: string): void
  unitHead: string
  onUnitHead(name: string): void
  /** 附上年同期、同比 */
  yoy: boolean
  onYoy(yoy: boolean): void
  /** 填报人 as it will be printed, and whether it comes from 系统设置 (else it is the signed-in user). */
  preparer: string
  preparerFromSettings: boolean
  level: UnitLevel
  generating: boolean
  exportingAll: boolean
  onGenerate(): void
  onExportAll(): void
}

/** 统计报表's options: which report, the period, who signs, 同比; 生成报表 and 导出全套报表, and what they produce. */
export function ReportOptions({
  kind,
  onKind,
  choice,
  years,
  onPeriod,
  reviewer,
  onReviewer,
  unitHead,
  onUnitHead,
  yoy,
  onYoy,
  preparer,
  preparerFromSettings,
  level,
  generating,
  exportingAll,
  onGenerate,
  onExportAll,
}: ReportOptionsProps) {
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Form layout="inline" style={{ rowGap: 12 }} onFinish={onGenerate}>
        <Form.Item label="报表">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            value={kind}
            onChange={(e) => onKind(e.target.value)}
            options={(Object.keys(reportKindLabels) as ReportKind[]).map((k) => ({
              value: k,
              label: reportKindLabels[k],
            }))}
          />
        </Form.Item>
        <Form.Item label="统计期间" htmlFor="report-period-kind">
          <PeriodPicker choice={choice} years={years} onChange={onPeriod} />
        </Form.Item>
        <Form.Item label="审核人" htmlFor="report-reviewer">
          <Input
            id="report-reviewer"
            style={{ width: 110 }}
            maxLength={50}
            value={reviewer}
            onChange={(e) => onReviewer(e.target.value)}
            placeholder="可不填"
          />
        </Form.Item>
        <Form.Item label="单位负责人" htmlFor="report-unit-head">
          <Input
            id="report-unit-head"
            style={{ width: 110 }}
            maxLength={50}
            value={unitHead}
            onChange={(e) => onUnitHead(e.target.value)}
            placeholder="可不填"
          />
        </Form.Item>
        <Form.Item>
          <Checkbox checked={yoy} onChange={(e) => onYoy(e.target.checked)}>
            附上年同期、同比
          </Checkbox>
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={generating}>
              生成报表
            </Button>
            <Button onClick={onExportAll} loading={exportingAll} disabled={generating}>
              导出全套报表
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 13 }}>
        填报人：{preparer}
        {preparerFromSettings ? '' : '（当前登录用户）'}
        。制表机关、表号、单位负责人、审核人、填报人和联系电话在“系统设置 → 统计报表表式与签署”中设置。报表由本院记录
        {level === 'basic' ? '' : '和已导入的下级院数据'}
        生成；小额应急性帮扶案件不计入统计（仍记入台账），每张表的表注都会说明。“导出全套报表”把所选期间的
        {level === 'basic' ? '统计表' : '统计表及其按单位汇总的各表'}、发放明细表和办案时限情况表写进一个 Excel
        工作簿（每张表一个工作表，另附“数据来源”）。勾选“附上年同期、同比”时，统计表的件数和金额后列出上年同期的数字和同比
        {level === 'basic' ? '' : '，另附按单位的同比汇总表'}。
      </Typography.Text>
    </Card>
  )
}
