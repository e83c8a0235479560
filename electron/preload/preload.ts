// The only bridge between the sandboxed renderer and the backend: two functions,
// no Node.js, no ipcRenderer handed out (Electron security checklist).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

type Listener = (message: { event: string; payload: unknown }) => void;

contextBridge.exposeInMainWorld('concord', {
  call: (method: string, params: unknown): Promise<unknown> =>
    ipcRenderer.invoke('concord:rpc', method, params),
  on: (listener: Listener): (() => void) => {
    const wrapped = (_e: IpcRendererEvent, message: { event: string; payload: unknown }) => listener(message);
    ipcRenderer.on('concord:event', wrapped);
    return () => ipcRenderer.removeListener('concord:event', wrapped);
  },
});
