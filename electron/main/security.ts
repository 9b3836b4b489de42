import type { BrowserWindowConstructorOptions } from 'electron';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The renderer's Content Security Policy: no eval, no inline script, no remote content. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export function secureWebPreferences(preload: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload,
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
    return url.origin === new URL(devUrl).origin;
  } catch {
    return false;
  }
}
