import { expect, test } from './bridgeTest';
import { gridCells } from './grid';

test.describe('risk register and deal registration (browser mode over the HTTP bridge)', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
  });

  test('a risk added from the UI appears in its heat-map cell, and clicking the cell filters the grid', async ({ page }) => {
    const title = `E2E risk ${Date.now() % 100000}`;
    await page.goto('/#/risks');
    const cell = page.getByTestId('risk-cell-4-5');
    await expect(page.getByTestId('risk-heatmap')).toHaveAttribute('data-loaded', 'true');
    const before = Number(await cell.getAttribute('data-count'));

    await page.getByTestId('risk-new').click();
    const form = page.getByTestId('risk-form');
    await form.getByTestId('risk-title').fill(title);
    await form.getByTestId('risk-category').selectOption('credit');
    await form.getByTestId('risk-likelihood').selectOption('4');
    await form.getByTestId('risk-impact').selectOption('5');
    await form.getByTestId('risk-owner').fill('王磊');
    await form.getByTestId('risk-save').click();
    await expect(form).toBeHidden();

    await expect(cell).toHaveAttribute('data-count', String(before + 1));
    await expect(cell).toHaveText(String(before + 1));
    await cell.click();
    await expect(page.getByTestId('risk-cell-filter')).toBeVisible();
    await expect(gridCells(page, 'risks-grid', 'title')).toHaveCount(before + 1);
    await expect(gridCells(page, 'risks-grid', 'title').filter({ hasText: title })).toHaveCount(1);
    for (const text of await gridCells(page, 'risks-grid', 'score').allTextContents()) expect(text).toBe('20');
    await expect(page.getByTestId('risks-grid').getByText('Critical').first()).toBeVisible();
  });

  test('registering the same customer under a differently written name shows the conflict side by side', async ({ page }) => {
    const tag = String(Date.now() % 100000);
    await page.goto('/#/deals');

    await page.getByTestId('deal-register').click();
    let form = page.getByTestId('deal-form');
    await form.getByTestId('deal-partner').selectOption({ index: 2 });
    await form.getByTestId('deal-customer').fill(`华信科技${tag}有限公司`);
    await form.getByTestId('deal-product-line').fill('smart-lock');
    await form.getByTestId('deal-expected-value').fill('120000.00');
    await form.getByTestId('deal-save').click();
    await expect(form).toBeHidden();
    await expect(page.getByTestId('deal-message')).toContainText('Approved');

    // the direct team registers the same customer: full-width digits, a space and a different company form
    const fullWidthTag = tag.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    await page.getByTestId('deal-register').click();
    form = page.getByTestId('deal-form');
    await form.getByTestId('deal-partner').selectOption('direct');
    await form.getByTestId('deal-customer').fill(`华信科技 ${fullWidthTag}（集团）有限责任公司`);
    await form.getByTestId('deal-product-line').fill('smart-lock');
    await form.getByTestId('deal-expected-value').fill('90000');
    await form.getByTestId('deal-save').click();

    const view = page.getByTestId('deal-view');
    await expect(view).toBeVisible();
    await expect(view.getByTestId('deal-this')).toContainText('Conflict');
    await expect(view.locator('[data-testid^="deal-conflicting-"]')).toHaveCount(1);
    await expect(view.locator('[data-testid^="deal-conflicting-"]')).toContainText(`华信科技${tag}有限公司`);
    await expect(view.getByTestId('deal-risk')).toContainText(/R-\d{4}/);
    await view.getByTestId('deal-note').fill('customer asked for direct');
    await view.getByTestId('deal-approve').click();
    await expect(view).toBeHidden();
    await page.getByTestId('deals-grid-filter').fill(`${fullWidthTag}`);
    await expect(gridCells(page, 'deals-grid', 'status')).toHaveText(['Approved']);

    // the conflict raised a channel-conflict risk in the register
    await page.goto('/#/risks');
    await page.getByTestId('risk-category-filter').selectOption('channel_conflict');
    await expect(gridCells(page, 'risks-grid', 'title').filter({ hasText: fullWidthTag })).toHaveCount(1);
  });
});
