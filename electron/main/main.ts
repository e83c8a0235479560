// Desktop host: windows, menus, dialogs, the custom protocol and IPC. The backend
// itself knows nothing of Electron; this file only wires it to the window.
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol } from 'electron';
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fillDemoProject } from '../backend/demo/createDemo';
import { registerHostKeyStore } from '../backend/llm/keyStore';
import { dispatch } from '../backend/rpc/dispatch';
import { Session } from '../backend/session';
import { APP_ORIGIN, APP_SCHEME, isTrustedSender, resolveAppFile } from './origin';
import { safeStorageKeyStore } from './safeKeyStore';
import { hardenSession } from './security';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

registerHostKeyStore(safeStorageKeyStore);
const session = new Session({ host: 'desktop', configDir: join(app.getPath('userData')) });
let win: BrowserWindow | null = null;

const emit = (event: string, payload: unknown) => win?.webContents.send('concord:event', { event, payload });

function rendererRoot(): string {
  return resolve(__dirname, '../renderer');
}

function registerProtocol(): void {
  const root = rendererRoot();
  protocol.handle(APP_SCHEME, (request) => {
    const file = resolveAppFile(root, new URL(request.url).pathname, sep);
    if (!file) return new Response('forbidden', { status: 403 });
    return net.fetch(pathToFileURL(existsSync(file) ? file : join(root, 'index.html')).toString());
  });
}

function registerIpc(): void {
  ipcMain.handle('concord:rpc', async (event, method: unknown, params: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url)) {
      return { ok: false, error: { code: 'forbidden', message: 'untrusted sender' } };
    }
    return dispatch(String(method), params, { session, emit: emit as never });
  });
  ipcMain.handle('concord:pick-files', async () => {
    const r = await dialog.showOpenDialog({
      properties: ['openFile', 'multiSelections'],
      filters: [{ name: 'Transcripts', extensions: ['txt', 'md', 'docx', 'vtt', 'srt', 'csv'] }],
    });
    return r.canceled ? [] : r.filePaths;
  });
}

async function openInitialProject(): Promise<void> {
  const arg = process.argv.slice(app.isPackaged ? 1 : 2).find((a) => a.endsWith('.concord'));
  if (arg) {
    session.open(resolve(arg));
    return;
  }
  const demo = join(app.getPath('userData'), 'demo.concord');
  if (existsSync(demo)) session.open(demo);
  else {
    const p = session.open(demo, 'create');
    await fillDemoProject(p, session.user);
  }
}

async function createWindow(): Promise<void> {
  win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Concord',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win?.show());
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}

app.enableSandbox();
void app.whenReady().then(async () => {
  hardenSession();
  registerProtocol();
  registerIpc();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { role: 'fileMenu' },
      { role: 'editMenu' },
      { role: 'viewMenu' },
      { role: 'windowMenu' },
    ]),
  );
  try {
    await openInitialProject();
  } catch (e) {
    dialog.showErrorBox('Concord', (e as Error).message);
  }
  await createWindow();
});

app.on('window-all-closed', () => {
  session.close();
  app.quit();
});
