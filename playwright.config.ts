import { defineConfig } from '@playwright/test';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';

/**
 * End-to-end tests run the built renderer in Debian's Chromium against the loopback HTTP bridge
 * (`out/main/webServer.js`), each spec file on its own copy of a demo workspace generated once per run.
 * Electron tests (tests/e2e/electron.spec.ts) launch the real app where an Electron binary exists.
 */
/** The e2e folder (PWB_E2E_DIR lets two runs on one machine stay apart; each spec's server takes a free port). */
const DIR = process.env.PWB_E2E_DIR ?? '.e2e';
/** The bridge token of the e2e servers, the same in the runner and its workers (tests/e2e/bridgeTest.ts puts it in session storage). */
export const E2E_BRIDGE_TOKEN = createHash('sha256').update(`pwb-e2e:${process.env.PWB_E2E_PORT ?? ''}:${DIR}`).digest('hex').slice(0, 48);
const chromium = process.env.PWB_CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    headless: true,
    locale: 'en-US',
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  // A demo workspace generated once per run; each spec file works on its own copy behind its own server
  // (tests/e2e/workspaces.ts, the `specServer` fixture of tests/e2e/bridgeTest.ts).
  globalSetup: './tests/e2e/globalSetup.ts',
  globalTeardown: './tests/e2e/globalTeardown.ts',
});
