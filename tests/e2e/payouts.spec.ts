import { expect, test } from './bridgeTest';
import { gridCells, gridCell } from './grid';

test.describe('incentives, payouts and statements', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
  });

  test('a program is created, calculated, approved and its statements exported from the UI', async ({ page }) => {
    const code = `E2E-REB-${Date.now() % 100000}`;
    page.on('dialog', (d) => void d.accept());

    // A quarterly rebate for the demo dealers/distributors/agents, entered in the editor's JSON mode.
    await page.goto('/#/incentives');
    await page.getByTestId('program-new').click();
    const editor = page.getByTestId('program-editor');
    await editor.getByTestId('program-json-toggle').click();
    await editor.getByTestId('program-json').fill(
      JSON.stringify({
        code,
        name: '端到端测试季度返利',
        type: 'tiered_rebate',
        periodKind: 'quarter',
        currency: 'CNY',
        validFrom: '2025-01-01',
        validTo: '2025-12-31',
        basis: 'revenue',
        tiering: 'marginal',
        tiers: [{ from: 0, rate: 0.01 }, { from: 500000, rate: 0.02 }],
        eligibility: { channelTypes: ['dealer', 'distributor', 'agent'], statuses: ['active', 'probation'] },
      }),
    );
    await editor.getByTestId('program-save').click();
    await expect(editor).toBeHidden();
    await page.getByTestId('programs-grid-filter').fill(code);
    await expect(gridCells(page, 'programs-grid', 'code')).toHaveText([code]);

    // Calculate 2025-Q1: a draft run opens with its lines.
    await page.goto('/#/payouts');
    await page.getByTestId('payout-program').selectOption(code);
    await page.getByTestId('payout-period').fill('2025-Q1');
    await page.getByTestId('payout-calculate').click();
    await expect(page.getByTestId('run-detail')).toBeVisible();
    await expect(page.getByTestId('run-status')).toHaveText('Draft');
    await expect(gridCell(page, 'payout-lines-grid', 'explanation', 0)).toContainText('marginal');

    // Approve (confirmed), then export the statements with the progress bar and a link to the zip.
    await page.getByTestId('run-approve').click();
    await expect(page.getByTestId('run-status')).toHaveText('Approved');
    await expect(page.getByTestId('run-adjust')).toHaveCount(0);
    await page.getByTestId('run-export').click();
    await expect(page.getByTestId('export-result')).toContainText(/\d+ statements written/);
    await expect(page.getByTestId('export-open')).toBeVisible();
  });
});
