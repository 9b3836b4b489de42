import { defineConfig } from '@playwright/test';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';

/**
 * End-to-end tests run the built renderer in Debian's Chromium against the loopback HTTP bridge
 * (`out/main/webServer.js`), on a fresh demo workspace.
 * Electron tests (tests/e2e/electron.spec.ts) launch the real app where an Electron binary exists.
 */
const PORT = Number(process.env.PWB_E2E_PORT ?? 47315);
/** The e2e workspace folder (PWB_E2E_DIR lets two runs on one machine stay apart). */
const DIR = process.env.PWB_E2E_DIR ?? '.e2e';
/** The bridge token of the e2e server, the same in the runner and its workers (tests/e2e/bridgeTest.ts puts it in session storage). */
export const E2E_BRIDGE_TOKEN = createHash('sha256').update(`pwb-e2e:${PORT}:${DIR}`).digest('hex').slice(0, 48);
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
    baseURL: `http://127.0.0.1:${PORT}/`,
    headless: true,
    locale: 'en-US',
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    // A fresh demo workspace for every run (scale 0.2: ~60 partners, quick to generate). No evaluation scheduler: the demo's
    // schedules would evaluate today's due periods at start-up, and the specs expect only the runs they make themselves.
    command: `rm -rf ${DIR} && node out/main/pwb.js init --db ${DIR}/workspace.sqlite --demo --scale 0.2 && PWB_BRIDGE_TOKEN=${E2E_BRIDGE_TOKEN} node out/main/webServer.js --db ${DIR}/workspace.sqlite --port ${PORT} --files ${DIR}/files --no-scheduler`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
  },
});
