import { createServices } from '../../electron/services'

/** The main-process services as browser mode builds them, on folders of a test's own (one shape for every test). */
export function webServices(dataDir: string, exportDir: string = dataDir, backupDir: string = dataDir) {
  return createServices({
    mode: 'web',
    appVersion: '1',
    productName: 'p',
    platform: 'linux',
    dataDir,
    exportDir,
    backupDir,
  })
}
