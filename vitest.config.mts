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
          setupFiles: ['test/setup/zodMessages.ts'],
          // Main-process code imports 'electron'; the real package would try to download its binary.
          alias: { electron: resolve(import.meta.dirname, 'test/mocks/electron.ts') },
          // real scrypt at N = 2^17 (passwords, backups, office keys: docs/security.md §1) — every export and import
          // unseals the office key — takes 10 s and more on the shared 2-core machine under load
          testTimeout: 120_000,
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
