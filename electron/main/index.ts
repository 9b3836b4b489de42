import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, shell, type IpcMainInvokeEvent } from 'electron';
import { statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReopenableWorkspace } from '../domain/backups/reopenableWorkspace';
import { createApi } from '../api/api';
import { WorkspaceGate } from '../api/workspaceGate';
import { RememberedKeys } from '../domain/system/rememberedKeys';
import { readKey } from '../../db/encryption';
import { defaultMigrationsFolder, schemaVersionOf } from '../../db/database';
import { pendingMigration } from '../../db/upgradeNotice';
import { showUpgradeSplash } from './upgradeSplash';
import { openAppWorkspace, startDailyBackup, startFullCheck } from '../domain/backups/openAppWorkspace';
import { workerExecutor } from '../jobs/workerExecutor';
import { registerContractIpc } from './ipcHandlers';
import { startEvaluationTimer } from '../jobs/evaluationTimer';
import { startMdfExpiryTimer } from '../jobs/mdfExpiryTimer';
import { startHqPublishTimer } from '../jobs/hqPublishTimer';
import { createHqPasswordVault, installHqPasswordVault } from '../domain/hq/hqPasswordVault';
import { hqWorkerSecrets } from '../domain/hq/hqSettings';
import { chromiumLocale, rememberLanguage, rememberedLanguage } from './appLanguage';
import { readSetting } from '../domain/system/settingsStore';
import { CONTENT_SECURITY_POLICY, denyAllPermissions, isOwnFrameUrl as isOwnFrame, isSafeExternalUrl, secureWebPreferences } from './security';

/** `--db PATH` overrides the default workspace in the user-data folder. */
function workspacePath(): string {
  const i = process.argv.indexOf('--db');
  if (i > 0 && process.argv[i + 1]) return process.argv[i + 1];
  return process.env.PWB_DB ?? join(app.getPath('userData'), 'workspace.sqlite');
}

const here = dirname(fileURLToPath(import.meta.url));
/** The spare job thread starts this long after the workspace opens and after each job (not while the window starts). */
const SPARE_JOB_THREAD_AFTER_MS = 3_000;
let ws: ReopenableWorkspace | undefined;
/** Where jobs run: one thread per job, a spare one started ahead (closed before the workspace on quit). */
let jobs: ReturnType<typeof workerExecutor> | undefined;
let gate: WorkspaceGate;
let win: BrowserWindow | null = null;

/** The dev server's URL, in development only: a packaged app loads its own files whatever the environment says. */
const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

/** Only the app's own page (its index.html, or the dev server's origin) may call the contract. */
function isOwnFrameUrl(url: string): boolean {
  return isOwnFrame(url, join(here, '../renderer/index.html'), devUrl);
}

function registerIpc() {
  registerContractIpc(ipcMain, gate, isOwnFrameUrl);
  const guard = (e: IpcMainInvokeEvent) => {
    if (!isOwnFrameUrl(e.senderFrame?.url ?? '')) throw new Error('IPC from an unexpected frame');
  };
  ipcMain.handle('pwb:env', (e) => (guard(e), { mode: 'electron', filesDir: app.getPath('documents') }));
  ipcMain.handle('pwb:pickFile', async (e, filters: unknown) => {
    guard(e);
    const r = await dialog.showOpenDialog(win!, { properties: ['openFile'], filters: Array.isArray(filters) ? (filters as Electron.FileFilter[]) : undefined });
    if (r.canceled || !r.filePaths[0]) return null;
    const path = r.filePaths[0];
    return { path, name: basename(path), size: statSync(path).size };
  });
  ipcMain.handle('pwb:pickFolder', async (e) => {
    guard(e);
    const r = await dialog.showOpenDialog(win!, { properties: ['openDirectory', 'createDirectory'] });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  });
  ipcMain.handle('pwb:showItem', (e, path: unknown) => {
    guard(e);
    if (typeof path === 'string') shell.showItemInFolder(path);
  });
  ipcMain.handle('pwb:openExternal', async (e, url: unknown) => {
    guard(e);
    if (typeof url === 'string' && isSafeExternalUrl(url)) await shell.openExternal(url);
  });
}

function createWindow() {
  win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Partner Workbench',
    webPreferences: secureWebPreferences(join(here, '../preload/index.cjs')),
  });
  win.once('ready-to-show', () => win?.show());
  // No navigation away from the app, no new windows; external links go to the system browser after validation.
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (devUrl) void win.loadURL(devUrl);
  else void win.loadFile(join(here, '../renderer/index.html'));
}

app.enableSandbox();
// Date pickers and other built-in controls speak the language the user chose last time (the machine's otherwise).
const savedLanguage = rememberedLanguage(app.getPath('userData'));
if (savedLanguage) app.commandLine.appendSwitch('lang', chromiumLocale(savedLanguage));

/** Remember the workspace's language (ui.language) for the next start's --lang. */
function rememberWorkspaceLanguage() {
  if (!ws) return;
  try {
    rememberLanguage(app.getPath('userData'), readSetting(ws.db, 'ui.language'));
  } catch {
    // A locked or damaged workspace keeps the language remembered before.
  }
}
void app.whenReady().then(async () => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  denyAllPermissions(session.defaultSession);
  const dbPath = workspacePath();
  // An encrypted workspace opens with PWB_KEY / PWB_KEY_FILE, or the passphrase remembered in the OS keychain;
  // otherwise the window comes up locked and asks for it (system.unlock through the gate).
  // The HQ password, encrypted by the OS keychain, in a file of the user-data folder (never in the workspace).
  installHqPasswordVault(createHqPasswordVault(safeStorage, join(app.getPath('userData'), 'hq-passwords.json')));
  try {
    gate = new WorkspaceGate({
      path: dbPath,
      givenKey: readKey({ keyFile: process.env.PWB_KEY_FILE || null }),
      keys: new RememberedKeys(join(app.getPath('userData'), 'remembered-keys.json'), safeStorage),
      open: (key) => {
        const opened = openAppWorkspace(dbPath, 'Partner Workbench', key);
        ws = opened;
        jobs = workerExecutor(join(here, 'jobWorker.js'), dbPath, opened.key, (op) => (op === 'hq.publish' ? hqWorkerSecrets(opened) : undefined), { spareAfterMs: SPARE_JOB_THREAD_AFTER_MS });
        return createApi({ ws: opened, executor: jobs });
      },
    });
    // Opening an older workspace backs it up and migrates it on this process, minutes on a big one (README "Workspace
    // file"): a small window says so first instead of nothing appearing at all.
    const pending = pendingMigration(dbPath, schemaVersionOf(defaultMigrationsFolder()));
    const splash = pending ? await showUpgradeSplash(pending, savedLanguage) : null;
    try {
      gate.start();
    } finally {
      splash?.destroy();
    }
  } catch (e) {
    dialog.showErrorBox('Partner Workbench', (e as Error).message);
    app.exit(1);
    return;
  }
  gate.onOpen((api) => {
    rememberWorkspaceLanguage();
    api.onJobEvent((event) => win?.webContents.send('pwb:event', event));
    // The full check first: a damaged workspace takes no daily backup (and refuses changes).
    void startFullCheck(ws!).then(() => startDailyBackup(ws!));
    startEvaluationTimer(api);
    startMdfExpiryTimer(api);
    startHqPublishTimer(api);
  });
  registerIpc();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', (event) => {
  // The spare job thread holds the workspace open: it ends first, then the workspace closes (its WAL folded in).
  if (jobs) {
    const executor = jobs;
    jobs = undefined;
    event.preventDefault();
    void executor.close().finally(() => app.quit());
    return;
  }
  rememberWorkspaceLanguage();
  ws?.close();
});
