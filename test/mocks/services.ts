import { createServices, type ServiceContext } from '../../electron/services'

/**
 * The main-process services as browser mode builds them, on folders of a test's own (one shape for every test);
 * `extra` adds what a test needs of the context (the export links, a stand-in for the system's file opener).
 */
export function webServices(
  dataDir: string,
  exportDir: string = dataDir,
  backupDir: string = dataDir,
  extra: Partial<ServiceContext> = {},
) {
  return createServices({
    mode: 'web',
    appVersion: '1',
    productName: 'p',
    platform: 'linux',
    dataDir,
    exportDir,
    backupDir,
    ...extra,
  })
}
