import { expect, test } from './bridgeTest';
import { gridCells } from './grid';

/** The last full quarter before today: the demo's sales are in for it (the demo ends with the last full month). */
function lastFullQuarter(): string {
  const now = new Date();
  const q = Math.floor(now.getMonth() / 3);
  return q === 0 ? `${now.getFullYear() - 1}-Q4` : `${now.getFullYear()}-Q${q}`;
}

test.describe('target plans', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
  });

  test('a lock the plan total cannot hold is refused in Chinese words naming the plan total and the amounts', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'zh-CN'));
    const code = `E2E-LOCK-${Date.now() % 100000}`;
    await page.goto('/#/plans');
    await page.getByTestId('plan-new').click();
    await page.getByTestId('plan-code').fill(code);
    await page.getByTestId('plan-period').fill(lastFullQuarter());
    await page.getByTestId('plan-scope-kind').selectOption('territory');
    await page.getByTestId('plan-scope-value').selectOption('HD');
    await page.getByTestId('plan-total').fill('1000');
    await page.getByTestId('plan-method').selectOption('last-year-share');
    await page.getByTestId('plan-save').click();
    await expect(page.getByTestId('plan-detail')).toContainText(code);
    const tree = page.getByTestId('plan-tree');
    const partner = tree.locator('[data-testid^="plan-node-p:P"]').first();
    const partnerCode = ((await partner.getAttribute('data-testid')) ?? '').replace('plan-node-p:', '');
    const amountCell = tree.locator(`[row-id="p:${partnerCode}"] [col-id="amount"]`);
    await amountCell.dblclick();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('5000');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('error-banner')).toContainText('计划总目标之下已锁定的金额和保底目标合计 ¥5,000.00，超过了其目标 ¥1,000.00：请提高目标，或调整锁定');
    await expect(tree.getByTestId(`plan-unlock-p:${partnerCode}`)).toHaveCount(0);
  });

  test('allocate a plan for a territory, lock a partner, publish, and see the targets and attainment on the scorecards', async ({ page }) => {
    const code = `E2E-PLAN-${Date.now() % 100000}`;
    const period = lastFullQuarter();
    await page.goto('/#/plans');
    await page.getByTestId('plan-new').click();
    await page.getByTestId('plan-code').fill(code);
    await page.getByTestId('plan-period').fill(period);
    await page.getByTestId('plan-scope-kind').selectOption('territory');
    await page.getByTestId('plan-scope-value').selectOption('HD');
    await page.getByTestId('plan-total').fill('20000000');
    await page.getByTestId('plan-method').selectOption('last-year-share');
    await page.getByTestId('plan-save').click();
    await expect(page.getByTestId('plan-form')).toBeHidden();
    await expect(page.getByTestId('plan-detail')).toContainText(code);
    await expect(page.getByTestId('plan-status')).toHaveText('Draft');
    await expect(page.getByTestId('plan-figure-total')).toContainText('¥20,000,000.00');

    // The tree: plan → territories under 华东 → channel managers → partners.
    const tree = page.getByTestId('plan-tree');
    await expect(tree.locator('[data-testid^="plan-node-t:"]').first()).toBeVisible();
    // A demo partner (P…): other specs share this workspace and add partners of their own under 华东.
    const firstPartner = tree.locator('[data-testid^="plan-node-p:P"]').first();
    const partnerCode = ((await firstPartner.getAttribute('data-testid')) ?? '').replace('plan-node-p:', '');
    expect(partnerCode).toMatch(/^P\d+/);

    // Lock that partner at ¥50,000.00 by typing into its Target cell; the plan total stays exactly ¥20,000,000.00.
    const amountCell = tree.locator(`[row-id="p:${partnerCode}"] [col-id="amount"]`);
    await amountCell.dblclick();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('50000');
    await page.keyboard.press('Enter');
    await expect(tree.getByTestId(`plan-unlock-p:${partnerCode}`)).toBeVisible();
    await expect(amountCell).toHaveText('¥50,000.00');
    await expect(tree.locator('[row-id="plan"] [col-id="amount"]')).toHaveText('¥20,000,000.00');

    // A new total re-spreads everything but the lock.
    await page.getByTestId('plan-edit').click();
    await page.getByTestId('plan-edit-total').fill('25000000');
    await page.getByTestId('plan-edit-save').click();
    await expect(page.getByTestId('plan-edit-form')).toBeHidden();
    await expect(tree.locator('[row-id="plan"] [col-id="amount"]')).toHaveText('¥25,000,000.00');
    await expect(amountCell).toHaveText('¥50,000.00');

    // The plan as a workbook to edit in Excel.
    await page.getByTestId('plan-export').click();
    await expect(page.getByTestId('plan-exported')).toContainText(`plan-${code}-`);

    await page.getByTestId('plan-publish').click();
    await expect(page.getByTestId('plan-message')).toContainText('Published as version 1');
    await expect(page.getByTestId('plan-status')).toHaveText('Published · v1');

    // Scorecards: evaluate the quarter; the locked partner's target is the plan's, with its attainment.
    await page.getByTestId('nav-scorecards').click();
    await page.getByTestId('run-period').fill(period);
    await page.getByTestId('run-evaluation').click();
    await expect(page.getByTestId('run-result')).toContainText(period, { timeout: 60_000 });
    await page.getByTestId('scorecards-grid-filter').fill(partnerCode);
    await expect(gridCells(page, 'scorecards-grid', 'partnerCode')).toHaveText([partnerCode]);
    await expect(gridCells(page, 'scorecards-grid', 'targetMinor')).toHaveText(['¥50,000.00']);
    const revenue = Number((await gridCells(page, 'scorecards-grid', 'revenueMinor').first().innerText()).replace(/[¥,]/g, ''));
    const attainment = (await gridCells(page, 'scorecards-grid', 'attainmentPct').first().innerText()).trim();
    expect(Number(attainment.replace(/[^\d.]/g, ''))).toBeCloseTo(Math.round((revenue / 50_000) * 1000) / 10, 1);
  });
});
