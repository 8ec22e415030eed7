import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

const alias = { '@shared': resolve(__dirname, 'shared') }

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          // Electron main process (package.json "main")
          index: resolve(__dirname, 'electron/main.ts'),
          // Browser mode: `npm run web` (plain Node, no Electron)
          web: resolve(__dirname, 'electron/web/main.ts'),
          // Command line for statisticians and exchange: `npm run cli -- …` (plain Node)
          cli: resolve(__dirname, 'electron/cli/main.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: { outDir: 'out/preload', rolldownOptions: { input: { index: resolve(__dirname, 'electron/preload.ts') } } },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    resolve: { alias },
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      chunkSizeWarningLimit: 4000,
      rolldownOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
})
