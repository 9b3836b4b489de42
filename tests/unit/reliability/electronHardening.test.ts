import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isSafeExternalUrl, secureWebPreferences } from '../../../electron/main/security';
import { CSP as BRIDGE_CSP } from '../../../electron/web/httpBridge';

const MAIN = join(process.cwd(), 'out', 'main', 'index.js');
const PRELOAD = join(process.cwd(), 'out', 'preload', 'index.cjs');
const built = existsSync(MAIN) && existsSync(PRELOAD);

function checkCsp(csp: string) {
  const directives = Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
  expect(csp).not.toMatch(/unsafe-eval|wasm-unsafe-eval|unsafe-hashes/);
  expect(directives['default-src']).toEqual(["'self'"]);
  expect(directives['script-src']).toEqual(["'self'"]);
  expect(directives['object-src']).toEqual(["'none'"]);
  expect(directives['base-uri']).toEqual(["'none'"]);
  expect(directives['frame-ancestors']).toEqual(["'none'"]);
  // no remote content anywhere: only self, data:, blob:
  for (const values of Object.values(directives) as string[][]) for (const v of values) expect(["'self'", "'none'", "'unsafe-inline'", 'data:', 'blob:']).toContain(v);
  // inline styles are tolerated (React style props); inline scripts are not
  expect(directives['script-src']).not.toContain("'unsafe-inline'");
}

describe('isSafeExternalUrl: only http(s) leaves the app', () => {
  it.each(['https://example.com', 'http://example.com/path?q=1#x', 'HTTPS://EXAMPLE.COM', 'https://中文.example/路径'])('allows %s', (u) => {
    expect(isSafeExternalUrl(u)).toBe(true);
  });
  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'file:///etc/passwd',
    'file://C:/Windows/System32/calc.exe',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'mailto:a@b.c',
    'https://user:pass@example.com',
    'https://user@example.com',
    '//example.com',
    '/relative/path',
    'example.com',
    '',
    'http//missing-colon',
  ])('refuses %s', (u) => {
    expect(isSafeExternalUrl(u)).toBe(false);
  });
});

describe('secure window settings (source)', () => {
  it('has isolation, sandbox and no node in the renderer', () => {
    const p = secureWebPreferences('/x/preload.cjs');
    expect(p).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false });
    // The upgrade notice's static page: the same hardening, no bridge, no script.
    const page = secureWebPreferences(null, { javascript: false });
    expect(page).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, javascript: false });
    expect(page).not.toHaveProperty('preload');
  });
  it('CSP of the window and of the web bridge: no eval, no remote content', () => {
    checkCsp(CONTENT_SECURITY_POLICY);
    checkCsp(BRIDGE_CSP);
  });
});

/** Static analysis of what actually ships: the built main bundle and preload (run `npm run build` first). */
describe('built bundle (out/main/index.js, out/preload/index.cjs)', () => {
  it('exists: npm test builds before the unit tests (a missing build fails here instead of skipping)', () => {
    expect(built, 'no build in out/: run npm run build first').toBe(true);
  });
  const main = built ? readFileSync(MAIN, 'utf8') : '';
  const preload = built ? readFileSync(PRELOAD, 'utf8') : '';
  const flat = main.replace(/\s+/g, ' ');

  it('creates windows with contextIsolation, sandbox, no nodeIntegration, no webview', () => {
    expect(flat).toMatch(/contextIsolation: ?(true|!0)/);
    expect(flat).toMatch(/sandbox: ?(true|!0)/);
    expect(flat).toMatch(/nodeIntegration: ?(false|!1)/);
    expect(flat).toMatch(/webviewTag: ?(false|!1)/);
    for (const bad of [/contextIsolation: ?(false|!1)/, /sandbox: ?(false|!1)/, /nodeIntegration: ?(true|!0)/, /nodeIntegrationInWorker: ?(true|!0)/, /webSecurity: ?(false|!1)/, /allowRunningInsecureContent: ?(true|!0)/, /enableRemoteModule/, /experimentalFeatures: ?(true|!0)/]) {
      expect(flat).not.toMatch(bad);
    }
    expect(flat).toMatch(/app\.enableSandbox\(\)/);
    // every BrowserWindow gets the secure preferences
    const windows = flat.match(/new BrowserWindow\(\{.*?\}\)/g) ?? [];
    expect(windows.length).toBeGreaterThan(0);
    for (const w of windows) expect(w).toMatch(/webPreferences: ?secureWebPreferences\(/);
  });

  it('sets a CSP without unsafe-eval on every response', () => {
    const m = /CONTENT_SECURITY_POLICY\s*=\s*"([^"]+)"/.exec(main) ?? /CONTENT_SECURITY_POLICY\s*=\s*'([^']+)'/.exec(main);
    expect(m, 'CSP constant not found in the bundle').not.toBeNull();
    checkCsp(m![1]);
    expect(flat).toMatch(/onHeadersReceived\(.*"Content-Security-Policy": ?\[CONTENT_SECURITY_POLICY\]/);
    // every permission request and check is denied, on the session the window uses
    expect(flat).toMatch(/denyAllPermissions\(session\.defaultSession\)/);
    expect(flat).toMatch(/setPermissionRequestHandler\(\([^)]*\) => callback\((false|!1)\)\)/);
    expect(flat).toMatch(/setPermissionCheckHandler\(\(\) => (false|!1)\)/);
  });

  it('prevents navigation and denies new windows', () => {
    expect(flat).toMatch(/on\("will-navigate", ?\(e\) => e\.preventDefault\(\)\)/);
    const handler = /setWindowOpenHandler\((.*?)\}\);/.exec(flat);
    expect(handler).not.toBeNull();
    expect(handler![1]).toMatch(/action: ?"deny"/);
    expect(handler![1]).not.toMatch(/action: ?"allow"/);
  });

  it('calls shell.openExternal only after isSafeExternalUrl', () => {
    const lines = main.split('\n');
    const calls = lines.map((l, i) => [l, i] as const).filter(([l]) => /shell\.openExternal\(/.test(l));
    expect(calls.length).toBeGreaterThan(0);
    for (const [line, i] of calls) {
      const context = `${lines[i - 1] ?? ''}\n${line}`;
      expect(context, `openExternal without validation at out/main/index.js:${i + 1}`).toMatch(/isSafeExternalUrl\(url\)/);
    }
    expect(main).toMatch(/function isSafeExternalUrl\(raw\)/);
  });

  it('loads only the packaged renderer (or, unpackaged, the dev server from the environment), never remote content', () => {
    const loads = flat.match(/\.loadURL\([^)]*\)/g) ?? [];
    for (const l of loads) expect(l).toMatch(/\.loadURL\(devUrl\)/);
    expect(flat).toMatch(/devUrl = app\.isPackaged \? (void 0|undefined) : process\.env\.ELECTRON_RENDERER_URL/);
    expect(flat).not.toMatch(/loadURL\(\s*["'`]https?:/);
  });

  it('the preload exposes one contract-checked bridge, not ipcRenderer or Node', () => {
    expect(preload).toMatch(/exposeInMainWorld\("pwb"/);
    expect((preload.match(/exposeInMainWorld\(/g) ?? []).length).toBe(1);
    expect(preload).not.toMatch(/require\("(fs|child_process|path|os|net|http|https)"\)|require\("node:/);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
    const channels = [...preload.matchAll(/ipcRenderer\.(?:invoke|on|send|removeListener)\("([^"]+)"/g)].map((m) => m[1]);
    expect(channels.length).toBeGreaterThan(0);
    for (const c of channels) expect(c).toMatch(/^pwb:/);
    expect(preload).not.toMatch(/ipcRenderer\.send(Sync)?\(/);
  });
});
