import { expect, test, type Page } from './bridgeTest';
import { gridCells } from './grid';

const YEAR = new Date().getFullYear();
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n% 展会发票 e2e\n'), Buffer.alloc(3000, 0x20), Buffer.from('\n%%EOF\n')]);

async function openFund(page: Page, code: string) {
  await page.getByTestId('mdf-tab-funds').click();
  await page.getByTestId('mdf-funds-grid-filter').fill(code);
  await gridCells(page, 'mdf-funds-grid', 'code').filter({ hasText: code }).click();
  await expect(page.getByTestId('mdf-fund-detail')).toContainText(code);
}

test.describe('market development funds', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
  });

  test('request, approve, claim with a proof file, pay: the fund balance follows each step', async ({ page }) => {
    const code = `E2E-MDF-${Date.now() % 100000}`;
    await page.goto('/#/mdf');

    // A fund of ¥50,000.00 for this year, any scope.
    await page.getByTestId('mdf-fund-new').click();
    await page.getByTestId('mdf-fund-code').fill(code);
    await page.getByTestId('mdf-fund-name').fill('端到端展会基金');
    await page.getByTestId('mdf-fund-period').fill(String(YEAR));
    await page.getByTestId('mdf-fund-budget').fill('50000');
    await page.getByTestId('mdf-fund-save').click();
    await expect(page.getByTestId('mdf-fund-form')).toBeHidden();
    await openFund(page, code);
    await expect(page.getByTestId('mdf-balance-remainingMinor')).toContainText('¥50,000.00');
    await expect(page.getByTestId('mdf-burndown')).toBeVisible();

    // A request: ¥20,000.00 activity, the company pays half.
    await page.getByTestId('mdf-tab-requests').click();
    await page.getByTestId('mdf-request-new').click();
    const form = page.getByTestId('mdf-request-form');
    await form.getByTestId('mdf-request-fund').selectOption({ label: `${code} 端到端展会基金` });
    await form.getByTestId('mdf-request-partner').selectOption({ index: 1 });
    await form.getByTestId('mdf-request-activity').selectOption('exhibition');
    await form.getByTestId('mdf-request-title').fill('华东工业展');
    await form.getByTestId('mdf-request-from').fill(`${YEAR}-01-10`);
    await form.getByTestId('mdf-request-to').fill(`${YEAR}-01-12`);
    await form.getByTestId('mdf-request-amount').fill('20000');
    await form.getByTestId('mdf-request-share').fill('50');
    await form.getByTestId('mdf-request-save').click();
    await expect(form).toBeHidden();
    await page.getByTestId('mdf-requests-grid-filter').fill(code);
    await expect(gridCells(page, 'mdf-requests-grid', 'status')).toHaveText(['Pending']);

    // Approved for less: ¥18,000.00 × 50 % = ¥9,000.00 committed.
    await page.getByTestId('mdf-requests-grid').locator('[data-testid^="mdf-decide-"]').click();
    await page.getByTestId('mdf-approve-amount').fill('18000');
    await page.getByTestId('mdf-approve').click();
    await expect(page.getByTestId('mdf-request-decision')).toBeHidden();
    await expect(gridCells(page, 'mdf-requests-grid', 'status')).toHaveText(['Approved']);
    await expect(gridCells(page, 'mdf-requests-grid', 'committedMinor')).toHaveText(['¥9,000.00']);

    // A claim above the limit is stopped; ¥8,000.50 with an invoice PDF goes in.
    await page.getByTestId('mdf-requests-grid').locator('[data-testid^="mdf-claim-"]').click();
    const claim = page.getByTestId('mdf-claim-form');
    const chooser = page.waitForEvent('filechooser');
    await claim.getByTestId('mdf-claim-add-file').click();
    await (await chooser).setFiles({ name: '展会发票.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(claim.getByTestId('mdf-claim-files')).toContainText('展会发票.pdf');
    await claim.getByTestId('mdf-claim-amount').fill('9000.01');
    await claim.getByTestId('mdf-claim-save').click();
    await expect(claim.getByTestId('mdf-claim-error-amount')).toContainText('¥9,000.00');
    await claim.getByTestId('mdf-claim-amount').fill('8000.50');
    await claim.getByTestId('mdf-claim-save').click();
    await expect(claim).toBeHidden();

    await page.getByTestId('mdf-tab-claims').click();
    await page.getByTestId('mdf-claims-grid-filter').fill(code);
    await expect(gridCells(page, 'mdf-claims-grid', 'status')).toHaveText(['Submitted']);
    await page.getByTestId('mdf-claims-grid').locator('[data-testid^="mdf-proofs-"]').click();
    await expect(page.getByTestId('mdf-proof-name')).toHaveText('展会发票.pdf');
    await expect(page.getByTestId('mdf-proof')).toContainText('application/pdf');
    await expect(page.getByTestId('mdf-proof-sha')).toHaveText(/^[0-9a-f]{64}$/);
    await page.getByTestId('mdf-proof-viewer').getByRole('button', { name: 'Close' }).click();

    await page.getByTestId('mdf-claims-grid').locator('[data-testid^="mdf-claim-decide-"]').click();
    await page.getByTestId('mdf-claim-approve').click();
    await expect(gridCells(page, 'mdf-claims-grid', 'status')).toHaveText(['Approved']);
    await page.getByTestId('mdf-claims-grid').locator('[data-testid^="mdf-claim-pay-"]').click();
    await page.getByTestId('mdf-pay-ref').fill('BANK-E2E-001');
    await page.getByTestId('mdf-pay-confirm').click();
    await expect(gridCells(page, 'mdf-claims-grid', 'status')).toHaveText(['Paid']);

    // What was not spent of the approval went back: 50,000 − 8,000.50 remains; 8,000.50 paid.
    await openFund(page, code);
    await expect(page.getByTestId('mdf-balance-approvedMinor')).toContainText('¥8,000.50');
    await expect(page.getByTestId('mdf-balance-paidMinor')).toContainText('¥8,000.50');
    await expect(page.getByTestId('mdf-balance-remainingMinor')).toContainText('¥41,999.50');
  });
});
