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

  test('a run that includes nobody says why, in both languages; a partner imported with the wizard default currency USD is then included', async ({ page }) => {
    const code = `E2E-USD-${Date.now() % 100000}`;
    await page.goto('/#/incentives');
    await page.getByTestId('program-new').click();
    const editor = page.getByTestId('program-editor');
    await editor.getByTestId('program-json-toggle').click();
    await editor.getByTestId('program-json').fill(
      JSON.stringify({
        code, name: '美元返利', type: 'tiered_rebate', periodKind: 'quarter', currency: 'USD', validFrom: '2025-01-01', validTo: '2025-12-31',
        basis: 'revenue', tiering: 'retroactive', tiers: [{ from: 0, rate: 0.01 }], eligibility: {},
      }),
    );
    await editor.getByTestId('program-save').click();
    await expect(editor).toBeHidden();

    // The demo's partners are all paid in CNY: the run is empty and the warning names the reason.
    await page.goto('/#/payouts');
    await page.getByTestId('payout-program').selectOption(code);
    await page.getByTestId('payout-period').fill('2025-Q1');
    await page.getByTestId('payout-calculate').click();
    const note = page.getByTestId('run-population');
    await expect(note).toHaveAttribute('role', 'alert');
    await expect(note).toContainText(/No partner included: \d+ partners have currency CNY \(this program pays USD\)/);
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(note).toContainText(/没有纳入任何伙伴：\d+ 个伙伴的币种为 CNY（本方案以 USD 结算）/);
    await page.getByTestId('language-switch').selectOption('en');

    // A partners file without a currency column, imported with the wizard's default currency USD.
    await page.goto('/#/imports');
    await page.getByTestId('import-kind').selectOption('partners');
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-pick').click();
    await (await chooser).setFiles({ name: `${code}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`编码,名称,渠道类型\r\n${code},美元伙伴,经销商\r\n`, 'utf8') });
    await expect(page.getByTestId('import-summary')).toContainText('1 valid');
    await page.getByTestId('import-defaults').locator('summary').click();
    await page.getByTestId('import-default-currency').fill('USD');
    await expect(page.getByTestId('import-defaults').locator('summary')).toContainText(/\(\d set\)/);
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-result-inserted')).toHaveText('1');

    await page.goto('/#/payouts');
    await page.getByTestId('payout-program').selectOption(code);
    await page.getByTestId('payout-period').fill('2025-Q1');
    await page.getByTestId('payout-calculate').click();
    await expect(page.getByTestId('run-population')).toContainText(/Considered \d+ partners, included 1\. Left out: \d+ partners have currency CNY/);
    await expect(gridCells(page, 'payout-lines-grid', 'partnerCode')).toHaveText([code]);
  });
});
