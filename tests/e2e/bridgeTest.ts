import { test as base } from '@playwright/test';
import { E2E_BRIDGE_TOKEN } from '../../playwright.config';
import { startSpecServer, stopSpecServer, type SpecServer, type WorkspaceTemplate } from './workspaces';

interface SpecFixtures {
  /** What this spec's workspace starts from; `test.use({ workspaceTemplate: 'empty' })` for a brand-new one. */
  workspaceTemplate: WorkspaceTemplate;
  /** This spec file's own workspace and browser-mode server (tests/e2e/workspaces.ts). */
  specServer: SpecServer;
}

interface WorkerFixtures {
  /** The server of the spec file the worker runs now; the previous file's server stops when the next file starts. */
  specServers: { current: SpecServer | null };
}

/**
 * Playwright's test on the spec file's own workspace (`baseURL` is its server), with the bridge token in the page's
 * session storage before any script runs — as the page holds it after the user opened the address the server printed
 * (`#pwb-token=…`). The server hands it to nobody else.
 */
export const test = base.extend<SpecFixtures, WorkerFixtures>({
  workspaceTemplate: ['demo', { option: true }],
  specServers: [
    // Playwright reads a fixture's dependencies from its destructuring pattern: this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const servers: { current: SpecServer | null } = { current: null };
      await use(servers);
      if (servers.current) await stopSpecServer(servers.current);
    },
    { scope: 'worker' },
  ],
  specServer: async ({ specServers, workspaceTemplate }, use, testInfo) => {
    let server = specServers.current;
    if (!server || server.file !== testInfo.file || server.template !== workspaceTemplate) {
      specServers.current = null;
      if (server) await stopSpecServer(server);
      server = await startSpecServer(testInfo.file, workspaceTemplate, E2E_BRIDGE_TOKEN);
      specServers.current = server;
    }
    await use(server);
  },
  baseURL: async ({ specServer }, use) => {
    await use(specServer.url);
  },
  page: async ({ page }, use) => {
    await page.addInitScript((token) => sessionStorage.setItem('pwb.bridgeToken', token), E2E_BRIDGE_TOKEN);
    await use(page);
  },
});
export { expect } from '@playwright/test';
export type { Page } from '@playwright/test';
