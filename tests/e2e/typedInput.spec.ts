import { expect, test, type Page } from './bridgeTest';
import { gridCells } from './grid';

/**
 * Inputs accept what people type (issue 11): an amount with ¥, ￥ and grouping commas, or 万, is saved to the fen; text
 * that is no amount is refused under the field's label in the app's language; Enter in a field submits the dialog.
 */
const YEAR = new Date().getFullYear();

async function openFund(page: Page, code: string) {
  await page.getByTestId('mdf-tab-funds').click();
  await page.getByTestId('mdf-funds-grid-filter').fill(code);
  await gridCells(page, 'mdf-funds-grid', 'code').filter({ hasText: code }).click();
  await expect(page.getByTestId('mdf-fund-detail')).toContainText(code);
}

test.describe('typed amounts', () => {
  test('an MDF budget typed as ￥1,500,000.00 is saved as 1,500,000 yuan; 1,50,000 is refused under the label in Chinese', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'zh-CN'));
    const code = `E2E-AMT-${Date.now() % 100000}`;
    await page.goto('/#/mdf');
    await page.getByTestId('mdf-fund-new').click();
    const form = page.getByTestId('mdf-fund-form');
    await form.getByTestId('mdf-fund-code').fill(code);
    await form.getByTestId('mdf-fund-name').fill('键入金额基金');
    await form.getByTestId('mdf-fund-period').fill(`${YEAR}年`);
    await form.getByTestId('mdf-fund-budget').fill('1,50,000');
    await form.getByTestId('mdf-fund-budget').press('Enter');
    await expect(form.getByTestId('mdf-fund-budget-error')).toHaveText(/^预算不是有效的金额/);
    await form.getByTestId('mdf-fund-budget').fill('１２.３４５');
    await form.getByTestId('mdf-fund-budget').press('Enter');
    await expect(form.getByTestId('mdf-fund-budget-error')).toHaveText('预算最多 2 位小数');

    await form.getByTestId('mdf-fund-budget').fill('￥1,500,000.00');
    await form.getByTestId('mdf-fund-budget').press('Enter');
    await expect(form).toBeHidden();
    await openFund(page, code);
    await expect(page.getByTestId('mdf-balance-budgetMinor')).toContainText('¥1,500,000.00');
  });

  test('program tiers and cap typed as ¥1,500,000 and 150万 are stored as 1500000 yuan; a wrong amount is named in English', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
    const code = `E2E-TYPED-${Date.now() % 100000}`;
    await page.goto('/#/incentives');
    await page.getByTestId('program-new').click();
    const editor = page.getByTestId('program-editor');
    await editor.locator('input[name="code"]').fill(code);
    await editor.locator('input[name="name"]').fill('键入阶梯返利');
    await editor.getByTestId('tier-add').click();
    await editor.getByTestId('tier-from-1').fill('1,50,000');
    await editor.getByTestId('program-cap').fill('150万');
    await editor.locator('input[name="name"]').press('Enter');
    await expect(editor.getByTestId('program-problems')).toHaveText('From (yuan) (entry 2) is not an amount; type e.g. 1,500,000.00 or ¥1,500,000');

    await editor.getByTestId('tier-from-1').fill('¥1,500,000');
    await expect(editor.getByTestId('program-problems')).toBeHidden();
    await editor.locator('input[name="name"]').press('Enter');
    await expect(editor).toBeHidden();

    // Reopened, the program file holds the amounts in yuan exactly as meant.
    await page.getByTestId('programs-grid-filter').fill(code);
    await gridCells(page, 'programs-grid', 'code').filter({ hasText: code }).click();
    await expect(editor.getByTestId('tier-from-1')).toHaveValue('1,500,000');
    await editor.getByTestId('program-json-toggle').click();
    const definition = JSON.parse(await editor.getByTestId('program-json').inputValue()) as { tiers: Array<{ from: number }>; cap: number };
    expect(definition.tiers.map((t) => t.from)).toEqual([0, 1_500_000]);
    expect(definition.cap).toBe(1_500_000);
  });

  test('ranking awards are one amount per rank in the locale format: 50,000 is one award of 50000 yuan, not 50 and 0', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'zh-CN'));
    const code = `E2E-RANK-${Date.now() % 100000}`;
    await page.goto('/#/incentives');
    await page.getByTestId('program-new').click();
    const editor = page.getByTestId('program-editor');
    await editor.locator('input[name="code"]').fill(code);
    await editor.locator('input[name="name"]').fill('销售冠军奖');
    await editor.locator('select[name="type"]').selectOption('ranking_award');
    await editor.getByTestId('award-add').click();
    await editor.getByTestId('award-add').click();
    await editor.getByTestId('award-0').fill('50,000');
    await editor.getByTestId('award-1').fill('￥30,000.50');
    await editor.getByTestId('award-1').press('Enter');
    await expect(editor).toBeHidden();

    await page.getByTestId('programs-grid-filter').fill(code);
    await gridCells(page, 'programs-grid', 'code').filter({ hasText: code }).click();
    await expect(editor.getByTestId('awards-table')).toContainText('第 2 名');
    await expect(editor.getByTestId('award-0')).toHaveValue('50,000');
    await expect(editor.getByTestId('award-1')).toHaveValue('30,000.5');
    await editor.getByTestId('program-json-toggle').click();
    const definition = JSON.parse(await editor.getByTestId('program-json').inputValue()) as { awards: number[] };
    expect(definition.awards).toEqual([50_000, 30_000.5]);
  });
});
