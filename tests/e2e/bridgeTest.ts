import { test as base } from '@playwright/test';
import { E2E_BRIDGE_TOKEN } from '../../playwright.config';

/**
 * Playwright's test with the bridge token in the page's session storage before any script runs — as the page holds
 * it after the user opened the address the server printed (`#pwb-token=…`). The server hands it to nobody else.
 */
export const test = base.extend({
  page: async ({ page }, use) => {
    await page.addInitScript((token) => sessionStorage.setItem('pwb.bridgeToken', token), E2E_BRIDGE_TOKEN);
    await use(page);
  },
});
export { expect } from '@playwright/test';
export type { Page } from '@playwright/test';
