import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { BUILT_FONT_DIR, BUILT_FONT_MANIFEST, fontSources } from './electron/services/pdf/fonts'

/**
 * Copies the document fonts (electron/services/pdf/fonts.ts) from the @fontsource packages into out/main/fonts with a
 * manifest, so the packaged app carries these files only (about 9 MB) and no node_modules.
 */
function documentFonts(): Plugin {
  return {
    name: 'jiuzhu-document-fonts',
    generateBundle() {
      const fonts = fontSources(resolve(__dirname, 'package.json'))
      for (const f of fonts) {
        this.emitFile({ type: 'asset', fileName: `${BUILT_FONT_DIR}/${f.name}`, source: readFileSync(f.file) })
      }
      const manifest = fonts.map(({ file: _file, ...f }) => f)
      this.emitFile({
        type: 'asset',
        fileName: `${BUILT_FONT_DIR}/${BUILT_FONT_MANIFEST}`,
        source: JSON.stringify(manifest),
      })
    },
  }
}

const alias = { '@shared': resolve(__dirname, 'shared') }

export default defineConfig({
  main: {
    resolve: { alias },
    plugins: [documentFonts()],
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
      // electron-vite leaves the renderer unminified; minified, the script read before the login form is a third
      // the size (docs/performance.md “启动”)
      minify: true,
      chunkSizeWarningLimit: 4000,
      rolldownOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
})
