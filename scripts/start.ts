import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

/**
 * `npm start` after the build: starts the desktop app with the development Electron from node_modules/electron.
 * Electron's npm package carries no binary; it downloads one (about 100 MB) the first time. On a PC without internet
 * that ends in Electron's English stack trace ("Downloading Electron binary... TypeError: fetch failed"); this script
 * runs the same download itself and, when it fails, says in Chinese what happened and what to do (README, docs/packaging.md).
 *
 *   npx jiti scripts/start.ts [electron arguments, default "."]
 */

/** The Electron executable the package would start, or undefined when it has not been downloaded yet. */
export function installedElectron(electronDir: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return undefined
  const relative = readFileSync(pathFile, 'utf8')
  const executable = env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(env.ELECTRON_OVERRIDE_DIST_PATH, relative)
    : join(electronDir, 'dist', relative)
  return existsSync(executable) ? executable : undefined
}

export function downloadFailedMessage(logFile: string): string {
  return [
    '无法启动桌面版：这台电脑上还没有 Electron 的运行文件（约 100 MB）。首次启动时要从互联网下载它，但下载没有成功',
    '（这台电脑连不上下载服务器）。软件本身和已保存的数据都没有受到影响。',
    '',
    '可以这样做：',
    '  1. 把这台电脑连上互联网，再运行一次 npm start（只需下载一次，以后离线也能启动）；',
    '  2. 本单位有 Electron 镜像时，设置环境变量 ELECTRON_MIRROR 指向它，再运行 npm start，',
    '     例如：ELECTRON_MIRROR=http://镜像服务器/electron/ npm start；',
    '  3. 在办公电脑上使用时，请安装打包好的安装程序（见 README 的“安装包”一节和 docs/packaging.md），',
    '     安装后不需要 Node.js，也不需要联网；',
    '  4. 只想试用或培训：运行 npm run web（浏览器模式，不需要 Electron）。',
    '',
    `下载时的英文错误信息已保存在：${logFile}`,
  ].join('\n')
}

/**
 * Downloads Electron if needed (Electron's own install.js, output to `logFile`), then runs it with `args`.
 * Resolves to the exit code; prints through `say`.
 */
export async function startDesktop(o: {
  electronDir: string
  args: string[]
  env?: NodeJS.ProcessEnv
  logFile?: string
  say?: (text: string) => void
}): Promise<number> {
  const env = o.env ?? process.env
  const say = o.say ?? ((text: string) => console.log(text))
  const logFile = o.logFile ?? join(tmpdir(), 'jiuzhu-desk-electron-download.log')
  let executable = installedElectron(o.electronDir, env)
  if (!executable) {
    say('首次启动：正在下载 Electron 的运行文件（约 100 MB，需要联网）……')
    const run = spawnSync(process.execPath, [join(o.electronDir, 'install.js')], { env, encoding: 'utf8' })
    writeFileSync(logFile, `${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? String(run.error) : ''}`)
    executable = run.status === 0 ? installedElectron(o.electronDir, env) : undefined
    if (!executable) {
      say(downloadFailedMessage(logFile))
      return 1
    }
  }
  const child = spawn(executable, o.args, { stdio: 'inherit', env })
  return new Promise((done) => child.on('close', (code) => done(code ?? 1)))
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const electronDir = dirname(require.resolve('electron/package.json'))
  const args = process.argv.slice(2)
  startDesktop({ electronDir, args: args.length > 0 ? args : ['.'] }).then((code) => process.exit(code))
}
