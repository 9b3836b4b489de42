// `npm run screenshots [-- --out DIR --sizes 1280x800,1440x900 --languages zh-CN,en --only inventory,risks --no-build]`:
// every page of the app and its main forms, in Chinese and in English, on a fresh demo workspace in browser mode, as PNGs
// (default screenshots/<size>/<language>/<NN-page>.png) — for looking at what a channel manager sees, with an image viewer,
// after a change to a screen. Each language gets its own Chromium started with --lang (as a browser in that language);
// headless Chromium still draws date inputs as mm/dd/yyyy in either language, so the pictures do not show a date
// picker's real format.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import Database from 'better-sqlite3';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const out = arg('out', 'screenshots');
/** --full-page: the whole scrollable page, not only what fits the window. */
const fullPage = process.argv.includes('--full-page');
/** --scroll: the whole page as window-sized pictures (-1, -2 …), scrolling the content pane: readable where one tall picture is not. */
const scroll = process.argv.includes('--scroll');
const sizes = arg('sizes', '1280x800,1440x900').split(',').map((s) => s.split('x').map(Number));
const LANGUAGES = arg('languages', 'zh-CN,en').split(',');
/** --only partners,risks: just those pages and the forms opened from them (a quick look after a change). */
const only = arg('only', '')
  .split(',')
  .filter(Boolean);
const wanted = (path) => only.length === 0 || only.includes(path) || only.includes(path.split('/')[0]) || (path === '' && only.includes('dashboard'));
/**
 * The pages, in menu order (renderer/src/routes.tsx); a partner's scorecard page for the first partner, and the End
 * customers and Inventory tabs of the first partner that reports sell-through (added once the demo is loaded).
 */
const PAGES = ['', 'partners', 'partners/1', 'territories', 'sales', 'inventory', 'scorecards', 'plans', 'training', 'incentives', 'payouts', 'risks', 'deals', 'mdf', 'imports', 'audit', 'settings'];
/** The forms a channel manager fills in, opened from their page: [page, button's test id, file name]. */
const DIALOGS = [
  ['partners', 'partner-new', 'partner'],
  ['incentives', 'program-new', 'program'],
  ['risks', 'risk-new', 'risk'],
  ['deals', 'deal-register', 'deal'],
  ['training', 'record-new', 'training-record'],
  ['plans', 'plan-new', 'plan'],
  ['mdf', 'mdf-fund-new', 'mdf-fund'],
  ['settings', 'territory-new', 'territory'],
  ['settings', 'manager-new', 'channel-manager'],
];

if (!process.argv.includes('--no-build')) {
  const b = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const dir = mkdtempSync(join(tmpdir(), 'pwb-screens-'));
const db = join(dir, 'workspace.sqlite');
const init = spawnSync(process.execPath, ['out/main/pwb.js', 'init', '--db', db, '--demo', '--scale', '0.2'], { stdio: 'inherit' });
if (init.status !== 0) process.exit(init.status ?? 1);
{
  const ws = new Database(db, { readonly: true });
  const reporting = ws.prepare('select min(partner_id) as id from sell_through_lines').get().id;
  ws.close();
  if (reporting) PAGES.splice(PAGES.indexOf('partners/1') + 1, 0, `partners/${reporting}?tab=customers`, `partners/${reporting}?tab=inventory`);
}
const token = randomBytes(24).toString('hex');
const server = spawn(process.execPath, ['out/main/webServer.js', '--db', db, '--files', join(dir, 'files'), '--no-scheduler'], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, PWB_BRIDGE_TOKEN: token },
});
const base = await new Promise((resolve, reject) => {
  let text = '';
  server.stdout.on('data', (d) => {
    text += d.toString();
    const m = /open: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(text);
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error(`web server exited with ${code}`)));
});

const executablePath = process.env.PWB_CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const browsers = [];
try {
  for (const lang of LANGUAGES) {
    const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', `--lang=${lang}`] });
    browsers.push(browser);
    for (const [width, height] of sizes) {
      const folder = join(out, `${width}x${height}`, lang);
      mkdirSync(folder, { recursive: true });
      const context = await browser.newContext({ viewport: { width, height }, locale: lang });
      await context.addInitScript(
        ([t, l]) => {
          sessionStorage.setItem('pwb.bridgeToken', t);
          localStorage.setItem('pwb.language', l);
        },
        [token, lang],
      );
      const page = await context.newPage();
      for (const [i, path] of PAGES.entries()) {
        if (!wanted(path)) continue;
        await page.goto(`${base}#/${path}`);
        // (never 'networkidle': the page keeps its server-sent events stream open)
        await page.locator('h1').first().waitFor({ timeout: 30_000 });
        await page.waitForTimeout(1500); // data arrives, grids and charts finish laying out
        const name = `${String(i + 1).padStart(2, '0')}-${path.replace(/[/?=]/g, '-') || 'dashboard'}.png`;
        if (fullPage) {
          // The app scrolls inside its content pane, not the document: grow the window to the tallest scrolling element.
          const tall = await page.evaluate(() => Math.max(...[...document.querySelectorAll('*')].map((e) => e.scrollHeight)));
          await page.setViewportSize({ width, height: Math.max(height, tall) });
          await page.waitForTimeout(800);
        }
        if (scroll) {
          const pane = page.locator('main').first();
          const { total, step } = await pane.evaluate((e) => ({ total: e.scrollHeight, step: e.clientHeight }));
          for (let k = 0, top = 0; top < total; k++, top += step - 40) {
            await pane.evaluate((e, y) => e.scrollTo(0, y), top);
            await page.waitForTimeout(400);
            const piece = join(folder, name.replace(/\.png$/, `-${k + 1}.png`));
            await page.screenshot({ path: piece });
            console.log(piece);
          }
          continue;
        }
        await page.screenshot({ path: join(folder, name) });
        if (fullPage) await page.setViewportSize({ width, height });
        console.log(join(folder, name));
      }
      for (const [i, [path, button, label]] of DIALOGS.entries()) {
        if (!wanted(path)) continue;
        await page.goto(`${base}#/${path}`);
        await page.locator('h1').first().waitFor({ timeout: 30_000 });
        await page.getByTestId(button).click({ timeout: 30_000 });
        await page.waitForTimeout(800);
        const name = `d${String(i + 1).padStart(2, '0')}-${label}.png`;
        await page.screenshot({ path: join(folder, name) });
        console.log(join(folder, name));
      }
      await context.close();
    }
  }
} finally {
  for (const browser of browsers) await browser.close();
  await new Promise((resolve) => {
    server.once('exit', resolve);
    server.kill('SIGTERM');
  });
  rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
}
