import { mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { installChineseZodMessages } from '../../shared/errors/zodProblems'
import { createServices } from '../services'
import { createExportLinks } from '../services/exportLinks'
import { sharedChromiumPrinter } from '../services/pdf/chromiumPrinter'
import { startWebServer } from './bridgeServer'

// Validation problems in Chinese in the browser-mode server (bridge arguments, bundles, files).
installChineseZodMessages()

/**
 * `npm run web`: the whole app in a browser, without Electron. Serves out/renderer on 127.0.0.1 (random port
 * unless --port is given) and binds the real main-process services through the loopback bridge.
 *   node out/main/web.js [--port 5199] [--data-dir <folder>] [--machine-dir <folder>]
 * `--machine-dir`: enforce one store per office across browser profiles as the desktop app does (docs/packaging.md §5).
 */
function option(name: string): string | undefined {
  const i = process.argv.indexOf(name)
  return i > 0 ? process.argv[i + 1] : undefined
}

async function main(): Promise<void> {
  const dataDir = resolve(option('--data-dir') ?? join(homedir(), '司法救助工作台-浏览器模式'))
  const exportDir = join(dataDir, '导出')
  mkdirSync(exportDir, { recursive: true })
  const pkg = require('../../package.json') as { version: string }
  const exportLinks = createExportLinks()
  const server = await startWebServer({
    exportLinks,
    rendererDir: resolve(__dirname, '../renderer'),
    port: option('--port') ? Number(option('--port')) : 0,
    services: createServices({
      mode: 'web',
      appVersion: pkg.version,
      productName: '司法救助工作台',
      platform: process.platform,
      dataDir,
      exportDir,
      backupDir: join(dataDir, '备份'),
      exportLinks,
      machineDir: option('--machine-dir') ? resolve(option('--machine-dir')!) : undefined,
    }),
  })
  console.log('司法救助工作台（浏览器模式）已启动。')
  console.log(`请在 Chromium/Chrome 中打开：${server.url}`)
  console.log(`导出文件保存在：${exportDir}`)
  console.log('按 Ctrl+C 停止。')
  // the kept-alive PDF browser goes with the server, its temporary profile removed
  const stop = () => void Promise.all([server.close(), sharedChromiumPrinter().close()]).then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

void main()
