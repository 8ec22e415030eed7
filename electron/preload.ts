import { contextBridge, ipcRenderer } from 'electron'
import { createApi } from '../shared/ipc/api'

/** Exposes exactly the IPC contract as window.api — verbs only, never ipcRenderer itself. */
contextBridge.exposeInMainWorld(
  'api',
  createApi((channel, args) => ipcRenderer.invoke(channel, args)),
)
