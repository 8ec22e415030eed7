import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

const alias = { '@shared': resolve(import.meta.dirname, 'shared') }

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'shared/**/*.test.ts'],
          setupFiles: ['test/setup/indexedDb.ts', 'test/setup/zodMessages.ts'],
          // Main-process code imports 'electron'; the real package would try to download its binary.
          alias: { electron: resolve(import.meta.dirname, 'test/mocks/electron.ts') },
          // Budgets, not assertions: opening an office key or a backup is one scrypt 2^17 derivation (128 MiB), about
          // 0.5 s on an idle office PC but up to ~10 s on a 2-core CI machine running the e2e suite beside it.
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          setupFiles: ['test/setup/zodMessages.ts'],
          alias: { electron: resolve(import.meta.dirname, 'test/mocks/electron.ts') },
          globalSetup: ['test/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
