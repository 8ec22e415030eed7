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
          testTimeout: 30_000,
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
