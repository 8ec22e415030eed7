/**
 * `npm run cli -- <command> …`: the command line on the same shared/ code, for statisticians and exchange work at
 * higher offices. Commands are added by the record-store, report and exchange work.
 */
import { installChineseZodMessages } from '../../shared/errors/zodProblems'
import { bundleCommand } from './bundle'

// Validation problems in Chinese on the command line (bundles, generator and report inputs).
installChineseZodMessages()

const commands: Record<string, (args: string[]) => Promise<number>> = {
  bundle: bundleCommand,
  report: (args) => import('./report').then((m) => m.reportCommand(args)),
  generate: (args) => import('./generate').then((m) => m.generateCommand(args)),
  update: (args) => import('./update').then((m) => m.updateCommand(args)),
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  const run = name ? commands[name] : undefined
  if (!run) {
    const known = Object.keys(commands)
    console.error(name ? `未知命令：${name}` : '请指定命令。')
    console.error(known.length ? `可用命令：${known.join('、')}` : '暂无可用命令。')
    return 2
  }
  return run(rest)
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
