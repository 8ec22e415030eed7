import type { ResultOf } from '@shared/ipc/contract'
import { platformLabel } from '@shared/update/updateManifest'
import { encodeBase64 } from '@shared/util/base64'
import { chinaDateOf } from '@shared/util/clock'
import { Alert, Button, Card, Space, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useSession } from '../../app/session'
import { useAction } from '../../app/useAction'
import { FilePicker } from '../../components/FilePicker'
import { api, isBrowserMode } from '../../platform/api'
import { type Outcome, OutcomeAlert } from './common'
import { SignedAction } from './SignedAction'
import { UpdateCreateCard } from './UpdateCreateCard'
import { UpdateDetails } from './UpdateDetails'

/** Refusals that concern only this machine: the package is sound, and an office above may still relay it. */
const MACHINE_REFUSALS = [
  'update.wrong-platform',
  'update.downgrade',
  'update.same-version',
  'update.too-old',
  'update.store-newer',
]

type Picked = { name: string; bytes: string; got?: ResultOf<'update:receive'>; relayable: boolean }

/**
 * 软件更新 (docs/packaging.md §7): a 软件更新包 from the upper office is verified here and its installer handed to IT
 * (the app installs nothing); an office with subordinates relays the same package unchanged, and may make one
 * from an installer. Each of these writes one audit entry; a refused package leaves nothing.
 */
export function UpdateTab() {
  const { store, unit } = useSession()
  const [machine, setMachine] = useState<string>()
  const [picked, setPicked] = useState<Picked>()
  const [outcome, setOutcome] = useState<Outcome>()
  const { run, busy } = useAction(setOutcome)
  const hasSubordinates = unit.level !== 'basic'

  useEffect(() => {
    void api.systemInfo({}).then((r) => {
      if (r.ok) setMachine(`本机软件版本 ${r.value.appVersion}，${platformLabel(r.value.platform, r.value.arch)}`)
    })
  }, [])

  async function onPick(file: File | undefined) {
    setOutcome(undefined)
    setPicked(undefined)
    if (!file) return
    const bytes = encodeBase64(new Uint8Array(await file.arrayBuffer()))
    const res = await run((s) => s.flows.receiveUpdate(bytes), {
      failure: `未接收“${file.name}”`,
      success: (got) => ({
        type: 'success',
        title: `核验通过：司法救助工作台 ${got.update.appVersion}，安装程序已交出`,
        detail: <HandedOver path={got.path} />,
      }),
    })
    setPicked(
      res.ok
        ? { name: file.name, bytes, got: res.value, relayable: true }
        : { name: file.name, bytes, relayable: MACHINE_REFUSALS.includes(res.error.code) },
    )
  }

  return (
    <div>
      <Card title="接收软件更新包" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">
          选择上级院下发的软件更新包（.jzb）。软件核验签发单位（和转发单位）的签名、版本（不降级、不低于最低可升级版本）、
          适用的系统和架构以及安装程序的校验值；通过后把安装程序和“更新说明.txt”写到导出文件夹的“软件更新\版本号”中，
          交本院信息技术人员安装。软件本身不安装任何东西；不通过时不写任何文件。{machine ? `${machine}。` : ''}
        </Typography.Paragraph>
        <FilePicker
          label="选择软件更新包…"
          inputLabel="选择软件更新包"
          accept=".jzb"
          chosen={picked?.name}
          disabled={busy}
          onPick={(file) => void onPick(file)}
        />
      </Card>
      <OutcomeAlert outcome={outcome} testId="update-outcome" />
      {picked?.got && (
        <Card title={`软件更新包：${picked.name}`} style={{ marginBottom: 16 }}>
          <UpdateDetails got={picked.got} />
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            title="信息技术人员安装步骤"
            description={
              <ol style={{ margin: 0, paddingLeft: 20 }}>
                <li>核对上面的版本、适用系统和签发单位（有疑问时请签发单位读出其密钥指纹核对）；</li>
                <li>在“系统设置 → 备份”中做一次备份；</li>
                <li>
                  运行安装程序：Windows 以管理员身份运行 .exe；统信 UOS、银河麒麟运行 sudo apt install
                  ./安装包文件名.deb；
                </li>
                <li>启动软件，新版本首次启动时自动升级数据结构，已有数据不变。</li>
              </ol>
            }
          />
        </Card>
      )}
      {hasSubordinates && picked?.relayable && (
        <Card title="转发给下级院" style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">
            把“{picked.name}
            ”中的更新包原样转发给本院的下级院：不改动、不重新签名，由本院签名的转发件为签发单位的公钥作保，
            下级院据此核验签发单位自己的签名。本机不能安装的更新包（其他系统或架构、本机已装的版本）也照样可以转发。
          </Typography.Paragraph>
          <SignedAction
            key={picked.name + picked.bytes.length}
            label="生成转发件"
            failTitle="未转发"
            testId="update-relay-outcome"
            run={(passphrase) =>
              store.flows.relayUpdate({
                bytes: picked.bytes,
                passphrase,
                relayedOn: chinaDateOf(Date.now()),
              })
            }
            done={(r) => ({
              type: 'success',
              title: `转发件已生成：${r.fileName}`,
              detail: `保存位置：${r.path}。请把这个文件原样交给本院的各下级院（一个文件供所有下级院使用），由其在“软件更新”中接收。`,
            })}
          />
        </Card>
      )}
      {hasSubordinates ? (
        <UpdateCreateCard />
      ) : (
        <Typography.Paragraph type="secondary">基层院只接收软件更新包；更新包由上级院签发或转发。</Typography.Paragraph>
      )}
    </div>
  )
}

/** Where the installer was handed over, and the way to it: the folder (desktop) or a download (browser mode). */
function HandedOver({ path }: { path: string }) {
  const [problem, setProblem] = useState<string>()
  async function reveal() {
    setProblem(undefined)
    const res = await api.filesOpen({ path, purpose: 'reveal' })
    if (!res.ok) return setProblem(res.error.message)
    if (!res.value.url) return
    // browser mode: the loopback server hands the installer over as a download (a short-lived link to this one file)
    const link = document.createElement('a')
    link.href = res.value.url
    link.download = ''
    link.click()
  }
  return (
    <div>
      <Typography.Paragraph style={{ margin: '4px 0 8px', wordBreak: 'break-all' }} data-testid="update-installer-path">
        安装程序：{path}
        <br />
        同一文件夹中有“更新说明.txt”。
      </Typography.Paragraph>
      <Space wrap>
        <Button onClick={() => void reveal()}>{isBrowserMode ? '下载安装程序' : '打开安装程序所在文件夹'}</Button>
        {isBrowserMode && (
          <Typography.Text type="secondary">浏览器模式：安装程序就在上面的文件夹中，也可以从这里下载。</Typography.Text>
        )}
      </Space>
      {problem && <Alert type="error" showIcon style={{ marginTop: 8 }} title={problem} />}
    </div>
  )
}
