import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'

/** The e2e project drives the BUILT renderer: `npm test` builds first. */
export async function setup(): Promise<void> {
  const root = resolve(import.meta.dirname, '../..')
  if (!existsSync(resolve(root, 'out/renderer/index.html')) || !existsSync(resolve(root, 'out/preload/index.js'))) {
    throw new Error('未找到构建产物：请先运行 `npm run build`（`npm test` 会自动构建）。')
  }
  if (!existsSync('/usr/bin/chromium')) {
    throw new Error('未找到 /usr/bin/chromium：请先安装 Debian 的 chromium 和 fonts-noto-cjk（.ci/run 会自动安装）。')
  }
  await mkdir(resolve(root, 'test-results'), { recursive: true })
}
