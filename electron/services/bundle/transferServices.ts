import type { ParsedArgsOf, ResultOf } from '../../../shared/ipc/contract'
import { bytesFromBase64 } from './appExchange'
import { openTransferBytes, packTransferToFolder } from './transfer'

/** The `transfer:*` channels of the IPC contract (shared/ipc/transferContract.ts) as plain Node functions. */
export function transferServices(
  exportDir: string,
  renderPdf: (html: string) => Promise<Buffer>,
): {
  'transfer:pack': (args: ParsedArgsOf<'transfer:pack'>) => Promise<ResultOf<'transfer:pack'>>
  'transfer:open': (args: ParsedArgsOf<'transfer:open'>) => Promise<ResultOf<'transfer:open'>>
} {
  return {
    'transfer:pack': ({ scans, ...req }) =>
      packTransferToFolder(
        exportDir,
        { ...req, scans: scans.map((s) => ({ ...s, bytes: Buffer.from(s.bytes, 'base64') })) },
        renderPdf,
      ),
    'transfer:open': ({ bytes, ...req }) => openTransferBytes(bytesFromBase64(bytes), req),
  }
}
