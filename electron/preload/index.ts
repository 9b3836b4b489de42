import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isOperationName } from '../contract';
import type { BridgeApi } from '../../shared/bridge';

/** Only the contract's operations pass; the main process validates every input again. */
function checkName(op: unknown): string {
  if (!isOperationName(op)) throw new Error(`Unknown operation: ${String(op)}`);
  return op;
}

const bridge: BridgeApi = {
  call: (op, input) => ipcRenderer.invoke('pwb:call', checkName(op), input),
  startJob: (op, input) => ipcRenderer.invoke('pwb:job', checkName(op), input),
  onEvent(listener) {
    const wrapped = (_e: IpcRendererEvent, event: unknown) => listener(event as never);
    ipcRenderer.on('pwb:event', wrapped);
    return () => ipcRenderer.removeListener('pwb:event', wrapped);
  },
  platform: {
    kind: 'electron',
    pickFile: (filters) => ipcRenderer.invoke('pwb:pickFile', filters),
    pickFolder: () => ipcRenderer.invoke('pwb:pickFolder'),
    showItem: (path) => ipcRenderer.invoke('pwb:showItem', path),
    openExternal: (url) => ipcRenderer.invoke('pwb:openExternal', url),
    env: () => ipcRenderer.invoke('pwb:env'),
  },
};

contextBridge.exposeInMainWorld('pwb', bridge);
