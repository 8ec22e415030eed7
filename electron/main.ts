import { join } from 'node:path'
import { installChineseZodMessages } from '../shared/errors/zodProblems'
import { startApp } from './app'

// Validation problems in Chinese in the main process (IPC arguments, bundles, files).
installChineseZodMessages()

// Entry point of the Electron main process (built to out/main/index.js). Tests import ./app instead.
startApp({
  rendererDir: join(__dirname, '../renderer'),
  preloadPath: join(__dirname, '../preload/index.js'),
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
})
