import { app, BrowserWindow } from 'electron';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppLanguage } from './appLanguage';
import { upgradeNotice, type PendingMigration } from '../../db/upgradeNotice';
import { secureWebPreferences } from './security';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A small window saying what the first open of an older workspace does (the backup, then the migrations), shown before
 * the open starts: the open runs on the main process and holds it for minutes on a workspace of millions of lines
 * (README "Workspace file": 2–4 min at 5M sales lines), during which the app window cannot appear. Both languages when
 * none was chosen yet. The caller closes it once the workspace is open (or its open failed).
 */
export async function showUpgradeSplash(pending: PendingMigration, language: AppLanguage | null): Promise<BrowserWindow> {
  const languages: AppLanguage[] = language ? [language] : ['zh-CN', 'en'];
  const body = languages.map((l) => `<p>${escape(upgradeNotice(pending, l))}</p>`).join('');
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Partner Workbench</title><style>body{font:14px system-ui,sans-serif;margin:20px;color:#222}p{margin:0 0 12px}</style></head><body>${body}</body></html>`;
  const win = new BrowserWindow({
    width: 560,
    height: language ? 170 : 270,
    resizable: false,
    minimizable: false,
    maximizable: false,
    show: false,
    title: 'Partner Workbench',
    // A static page: no script, no preload, nothing of the app's contract.
    webPreferences: secureWebPreferences(null, { javascript: false }),
  });
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  const shown = new Promise<void>((done) => win.once('ready-to-show', () => done()));
  // A local file, as the app window's renderer is (the hardening test allows no other loadURL than the dev server).
  const page = join(app.getPath('temp'), `pwb-upgrade-notice-${process.pid}.html`);
  writeFileSync(page, html);
  win.once('closed', () => rmSync(page, { force: true }));
  await win.loadFile(page);
  await shown;
  win.show();
  // Let the window paint before the open takes the main process.
  await new Promise((done) => setTimeout(done, 300));
  return win;
}
