import { expect, test } from './bridgeTest';
import { gridCells, gridRows, gridCell } from './grid';

test.describe('partners (browser mode over the HTTP bridge)', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
  });

  test('the demo partners grid shows rows', async ({ page }) => {
    await page.goto('/#/partners');
    // The demo's partners are P0001…; a later test of this spec adds E2E… (a retry reopens the spec's workspace).
    await expect(gridCells(page, 'partners-grid', 'code').filter({ hasText: /^P\d{4}$/ }).first()).toBeVisible();
    expect(await gridRows(page, 'partners-grid').count()).toBeGreaterThan(10);
    // Channel types are shown in words, not codes.
    await expect(gridCell(page, 'partners-grid', 'channelType', 0)).toHaveText(/^(Direct sales|Agent|Dealer|Distributor|Retailer|E-commerce|Alliance partner|Telesales)$/);
  });

  test('switching language changes the labels', async ({ page }) => {
    await page.goto('/#/partners');
    await expect(page.getByTestId('nav-partners')).toHaveText('Partners');
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(page.getByTestId('nav-partners')).toHaveText('合作伙伴');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('合作伙伴');
    await expect(page.locator('.ag-header-cell-text', { hasText: '伙伴编码' })).toBeVisible();
    await page.getByTestId('language-switch').selectOption('en');
    await expect(page.getByTestId('nav-partners')).toHaveText('Partners');
  });

  test('creating a partner shows it in the grid; invalid input is explained', async ({ page }) => {
    const code = `E2E${Date.now() % 100000}`;
    await page.goto('/#/partners');
    await page.getByTestId('partner-new').click();
    const form = page.getByTestId('partner-form');
    await form.locator('input[name="code"]').fill(code);
    await form.locator('input[name="name"]').fill('上海测试贸易有限公司');
    await form.locator('input[name="email"]').fill('not-an-email');
    await form.getByTestId('partner-save').click();
    await expect(form.locator('.field-error')).toBeVisible();
    await form.locator('input[name="email"]').fill('sales@example.cn');
    await form.locator('select[name="channelType"]').selectOption('distributor');
    await form.locator('select[name="territory"]').selectOption('HD');
    await form.getByTestId('partner-save').click();
    await expect(form).toBeHidden();
    await page.getByTestId('partners-grid-filter').fill(code);
    await expect(gridCells(page, 'partners-grid', 'code')).toHaveText([code]);
    await expect(gridCells(page, 'partners-grid', 'name')).toHaveText(['上海测试贸易有限公司']);
    await expect(gridCells(page, 'partners-grid', 'channelType')).toHaveText(['Distributor']);
  });

  test('a partner code opens the partner page, which links through to its sales lines', async ({ page }) => {
    await page.goto('/#/partners');
    // A demo partner (they have sales; partners made by other tests do not).
    const link = page.getByTestId('partners-grid').getByTestId('partner-link').filter({ hasText: /^P\d{4}$/ }).first();
    const code = (await link.textContent())!;
    await link.click();
    await expect(page.getByTestId('partner-detail-title')).toContainText(code);
    await page.getByTestId('partner-sales-link').click();
    await expect(page.getByTestId('sales-filter-partner')).toHaveValue(code);
    await expect(gridCell(page, 'sales-grid', 'partnerCode', 0)).toHaveText(code);
  });
});
