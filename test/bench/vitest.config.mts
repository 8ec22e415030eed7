import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

const root = resolve(import.meta.dirname, '../..')

/** Benchmarks: scripts that print figures (docs/performance.md), never timed assertions. `npm run bench`. */
export default defineConfig({
  root,
  resolve: { alias: { '@shared': resolve(root, 'shared'), electron: resolve(root, 'test/mocks/electron.ts') } },
  test: {
    include: ['test/bench/**/*.bench.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 3_600_000,
    hookTimeout: 600_000,
  },
})
