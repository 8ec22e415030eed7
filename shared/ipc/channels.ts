/**
 * The channel names of the IPC contract, as plain strings with no dependencies, so the sandboxed preload (which
 * may require nothing but 'electron') can build window.api from them. contract.ts must define exactly these.
 */
export const channelNames = [
  'system:info',
  'auth:hashPassword',
  'auth:verifyPassword',
  'excel:exportTable',
  'excel:exportWorkbook',
  'backup:write',
  'backup:read',
  'backup:list',
  'pdf:render',
  'exchange:createKeys',
  'exchange:changePassphrase',
  'exchange:checkPassphrase',
  'exchange:pack',
  'exchange:inspect',
  'exchange:open',
  'exchange:rotateKeys',
  'exchange:verifyRotation',
  'transfer:pack',
  'transfer:open',
] as const

export type ChannelName = (typeof channelNames)[number]
