import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The real desktop shell. Runs wherever an Electron binary is installed; skips (not fails) where none is. */
function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown as string;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

test.describe('Electron app', () => {
  test.skip(!binary, 'No Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1): the Electron shell test runs where one is present.');

  test('opens a new workspace, offers the demo, and exposes only the contract', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pwb-electron-'));
    const app = await electron.launch({ executablePath: binary!, args: ['.', '--db', join(dir, 'ws.sqlite')], env: { ...process.env, PWB_USER: 'e2e' } });
    try {
      const win = await app.firstWindow();
      await expect(win.getByTestId('demo-offer')).toBeVisible();
      const exposed = await win.evaluate(() => ({
        hasRequire: typeof (globalThis as { require?: unknown }).require,
        hasProcess: typeof (globalThis as { process?: unknown }).process,
        bridgeKeys: Object.keys((window as unknown as { pwb: object }).pwb).sort(),
      }));
      expect(exposed.hasRequire).toBe('undefined');
      expect(exposed.hasProcess).toBe('undefined');
      expect(exposed.bridgeKeys).toEqual(['call', 'onEvent', 'platform', 'startJob']);
      await win.getByTestId('demo-skip').click();
      await win.getByTestId('nav-partners').click();
      await expect(win.getByTestId('partners-grid')).toBeVisible();
    } finally {
      await app.close();
    }
  });
});
