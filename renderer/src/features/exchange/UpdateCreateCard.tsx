import { appError } from '@shared/errors'
import type { ArgsOf } from '@shared/ipc/contract'
import { compareVersions, type UpdateArch, type UpdatePlatform, VERSION_PATTERN } from '@shared/update/updateManifest'
import { encodeBase64 } from '@shared/util/base64'
import { chinaDateOf } from '@shared/util/clock'
import { Card, Form, Input, InputNumber, Select, Typography } from 'antd'
import { useState } from 'react'
import { useSession } from '../../app/session'
import { FilePicker } from '../../components/FilePicker'
import { type Outcome, OutcomeAlert } from './common'
import { SignedAction } from './SignedAction'

/** The largest installer the app takes through its IPC contract (200 MiB of base64); larger ones: the CLI. */
const MAX_INSTALLER_MB = 150

type Description = ArgsOf<'update:create'>['description']
type FormValues = Omit<Description, 'fileName' | 'issuedOn'>

const systems: { value: UpdatePlatform; label: string }[] = [
  { value: 'win32', label: 'Windows 10 / 11' },
  { value: 'linux', label: 'Linux（统信 UOS、银河麒麟）' },
]
const archs: { value: UpdateArch; label: string }[] = [
  { value: 'x64', label: 'x86 64 位（amd64）' },
  { value: 'arm64', label: 'ARM 64 位（arm64）' },
]

/** What electron-builder's and packaging/deb.ts's file names say about the installer's system and architecture. */
export function targetOf(fileName: string): Partial<Pick<Description, 'platform' | 'arch'>> {
  const name = fileName.toLowerCase()
  const arch: UpdateArch | undefined = /arm64|aarch64/.test(name) ? 'arm64' : /x64|amd64/.test(name) ? 'x64' : undefined
  if (name.endsWith('.exe') || name.endsWith('.msi')) return { platform: 'win32', arch: arch ?? 'x64' }
  if (name.endsWith('.deb') || name.endsWith('.rpm') || name.endsWith('.appimage')) {
    return { platform: 'linux', ...(arch ? { arch } : {}) }
  }
  return {}
}

const versionRule = { pattern: VERSION_PATTERN, message: '版本号应为“主版本.次版本.修订号”，如 0.2.0' }

/**
 * 制作软件更新包 (an office with subordinates, usually the 省级院): the installer the vendor delivered and what the
 * receivers are told, signed with this office's key. One package per system and architecture.
 */
export function UpdateCreateCard() {
  const { store } = useSession()
  const [form] = Form.useForm<FormValues>()
  const [installer, setInstaller] = useState<File>()
  const [problem, setProblem] = useState<Outcome>()

  function onPick(file: File | undefined) {
    setProblem(undefined)
    setInstaller(file)
    if (file) form.setFieldsValue(targetOf(file.name))
  }

  /** Checks the form and the installer; undefined (nothing made) when something is missing, said on screen. */
  async function make(passphrase: string) {
    setProblem(undefined)
    if (!installer) {
      setProblem({ type: 'error', title: '请先选择安装程序文件。' })
      return undefined
    }
    const values = await form.validateFields().catch(() => undefined)
    if (!values) return undefined
    if (installer.size > MAX_INSTALLER_MB * 1024 * 1024) {
      const size = (installer.size / 1024 / 1024).toFixed(0)
      const e = appError('update.installer-too-large', { name: installer.name, size, max: MAX_INSTALLER_MB })
      setProblem({ type: 'error', title: '未制作', detail: e.message })
      return undefined
    }
    return store.flows.createUpdate({
      installer: encodeBase64(new Uint8Array(await installer.arrayBuffer())),
      description: { ...values, fileName: installer.name, issuedOn: chinaDateOf(Date.now()) },
      passphrase,
    })
  }

  return (
    <Card title="制作软件更新包">
      <Typography.Paragraph type="secondary">
        把软件开发单位交来的安装程序做成以本院密钥签名的软件更新包，下发给本院的下级院。每种系统和架构各做一个（Windows
        x64 一个，统信 UOS、银河麒麟 amd64 和 arm64 各一个）。安装程序不超过 {MAX_INSTALLER_MB}{' '}
        MB；更大的请在打包电脑上用命令行 npm run cli -- update create 制作。
      </Typography.Paragraph>
      <OutcomeAlert outcome={problem} testId="update-create-problem" />
      <div style={{ marginBottom: 12 }}>
        <FilePicker
          label="选择安装程序…"
          inputLabel="选择安装程序"
          accept=".exe,.msi,.deb,.rpm,.AppImage"
          chosen={installer?.name}
          onPick={onPick}
        />
      </div>
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ span: 5 }}
        wrapperCol={{ span: 14 }}
        initialValues={{ storeSchemaVersion: store.schemaVersion }}
      >
        <Form.Item name="appVersion" label="新版本" rules={[{ required: true, message: '请填写新版本' }, versionRule]}>
          <Input placeholder="如 0.2.0" />
        </Form.Item>
        <Form.Item
          name="minVersionFrom"
          label="最低可升级版本"
          extra="低于此版本的电脑须先安装中间版本。"
          dependencies={['appVersion']}
          rules={[
            { required: true, message: '请填写最低可升级版本' },
            versionRule,
            ({ getFieldValue }) => ({
              validator: (_, v: string) =>
                !v ||
                !VERSION_PATTERN.test(getFieldValue('appVersion') ?? '') ||
                compareVersions(v, getFieldValue('appVersion')) < 0
                  ? Promise.resolve()
                  : Promise.reject(new Error('最低可升级版本应低于新版本')),
            }),
          ]}
        >
          <Input placeholder="如 0.1.0" />
        </Form.Item>
        <Form.Item
          name="storeSchemaVersion"
          label="数据库结构版本"
          extra="新版本的数据库迁移编号，见软件开发单位随安装程序提供的版本说明；本机为当前值。"
          rules={[{ required: true, message: '请填写数据库结构版本' }]}
        >
          <InputNumber min={1} max={9999} precision={0} />
        </Form.Item>
        <Form.Item name="platform" label="适用系统" rules={[{ required: true, message: '请选择适用系统' }]}>
          <Select options={systems} />
        </Form.Item>
        <Form.Item name="arch" label="架构" rules={[{ required: true, message: '请选择架构' }]}>
          <Select options={archs} />
        </Form.Item>
        <Form.Item
          name="notes"
          label="更新说明"
          rules={[
            { required: true, whitespace: true, message: '请填写更新说明：这个版本改了什么、安装时要注意什么' },
            { max: 4000, message: '更新说明不超过 4000 字' },
          ]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
      <SignedAction
        label="制作软件更新包"
        failTitle="未制作"
        testId="update-create-outcome"
        run={make}
        done={(r) => ({
          type: 'success',
          title: `软件更新包已制作：${r.fileName}`,
          detail: `保存位置：${r.path}。请把这个文件交给本院的各下级院，由其在“数据交换 → 软件更新”中接收，再逐级原样转发。`,
        })}
      />
    </Card>
  )
}
