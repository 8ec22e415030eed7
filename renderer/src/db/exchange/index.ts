/**
 * 数据交换 — the only import for screens (features/) and tests. Read top to bottom (docs/architecture.md §数据交换):
 *
 * - store.ts            the exchange rows (keys, peers, channels, origins, received/sent) and the helpers every
 *                       command uses to write them (putExchange, ownUnit, storeOfficeKey)
 * - reads.ts, readsDownward.ts   what the screens show; nothing there writes
 * - archiveTables.ts    which record tables travel in an archive and their schemas
 * - keys/               本院密钥: set-up and installation, rotation, revocation and re-issue, the trust directory
 * - export/             one file per kind sent: channel (reserve → pack → finish | abort), pack (enrolment, ack),
 *                       archive (upward, in parts), downward (standards, notes, filings)
 * - import/             importBundle.ts (inspect → open → preview → confirm → ack) over plan*.ts (pure checks and the
 *                       plan of what would change; never imports commit) and commit*.ts (the writes, in one transaction)
 * - standards.ts, supervision.ts, filing.ts   the local commands that prepare what goes down (标准、督导、报备)
 *
 * Dependencies run one way: import/ and export/ → store, reads → store; plan never imports commit
 * (test/unit/architecture/imports.test.ts keeps this and the absence of import cycles).
 */
export * from './archiveTables'
export * from './export/archive'
export * from './export/channel'
export * from './export/downward'
export * from './export/pack'
export * from './filing'
export * from './import/commit'
export * from './import/commitDownward'
export * from './import/importBundle'
export * from './import/plan'
export * from './import/planChecks'
export * from './import/planDownward'
export * from './keys/office'
export * from './keys/revocation'
export * from './keys/rotation'
export * from './keys/trustDirectory'
export * from './reads'
export * from './readsDownward'
export * from './standards'
export * from './store'
export * from './supervision'
