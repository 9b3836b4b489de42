import type { BrowserWindowConstructorOptions, Session } from 'electron';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The renderer's Content Security Policy: no eval, no inline script, no remote content. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/**
 * Every window's preferences. `preload` is the app window's bridge; a static page (the upgrade notice) has none and may
 * also turn JavaScript off.
 */
export function secureWebPreferences(preload: string | null, options: { javascript?: false } = {}): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    ...(preload === null ? {} : { preload }),
    ...options,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** Only plain http(s) URLs may leave the app, and only to the system browser. */
export function isSafeExternalUrl(raw: string): boolean {
  try {
    const u = new URL(raw);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password;
  } catch {
    return false;
  }
}

/**
 * Whether an IPC sender frame is the app's own page: the built renderer's index.html (any file:// page would do
 * otherwise — a downloaded HTML file opened in a frame included), or the dev server's exact origin in development.
 */
export function isOwnFrameUrl(raw: string, rendererIndex: string, devUrl?: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'file:') {
    try {
      return resolvePath(fileURLToPath(`file://${url.host}${url.pathname}`)) === resolvePath(rendererIndex);
    } catch {
      return false;
    }
  }
  if (!devUrl) return false;
  try {
    // Development only (the packaged app passes no dev URL): the dev server on this machine, never a remote origin.
    const dev = new URL(devUrl);
    if (!/^https?:$/.test(dev.protocol) || !['localhost', '127.0.0.1', '[::1]'].includes(dev.hostname)) return false;
    return url.origin === dev.origin;
  } catch {
    return false;
  }
}

/**
 * The app asks for no permission (camera, microphone, notifications, geolocation, clipboard-read, USB/HID/serial
 * devices, …): every request is refused and every check answers "not granted", so a page (or a script injected
 * into one) gets nothing beyond what the contract offers.
 */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
