import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { localDate } from '../../shared/clock';
import { quartersBack } from '../../shared/period';
import { expect, test } from './bridgeTest';


test.describe('business reviews', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
  });

  test('record a review meeting, see its overdue action on the dashboard, export the review pack with it', async ({ page, specServer }) => {
    const action = `E2E action ${Date.now() % 100000}`;
    await page.goto('/#/partners/2');
    const section = page.getByTestId('partner-reviews');
    await expect(section).toBeVisible();
    const period = await section.getByTestId('review-pack-period').inputValue();

    // A meeting about the quarter before the pack's period, with an action item already overdue.
    const earlier = period.endsWith('Q1') ? `${Number(period.slice(0, 4)) - 1}-Q4` : `${period.slice(0, 6)}${Number(period.slice(6)) - 1}`;
    await section.getByTestId('review-meeting-new').click();
    const form = page.getByTestId('review-meeting-form');
    await form.getByTestId('review-meeting-period').fill(earlier);
    await form.getByTestId('review-meeting-date').fill('2020-01-15');
    await form.getByTestId('review-meeting-attendees').fill('Wang Li\nChen Jie');
    await form.getByTestId('review-meeting-decisions').fill('Push network equipment next quarter');
    const row = form.getByTestId('review-action-row').first();
    await row.getByLabel('Action', { exact: true }).fill(action);
    await row.getByLabel('Owner').fill('Wang Li');
    await row.getByLabel('Due').fill('2020-02-01');
    await form.getByTestId('review-meeting-save').click();
    await expect(form).toBeHidden();
    await expect(section.getByTestId('review-meeting-action')).toContainText([action]);
    await expect(section.getByTestId('review-meeting-action').first()).toContainText('days overdue');

    // The dashboard lists it beside the overdue risk actions.
    await page.goto('/#/');
    const open = page.getByTestId('open-review-actions');
    await expect(open.getByTestId('review-action').filter({ hasText: action })).toContainText('days overdue');

    // Export the pack: it carries the action item and the partner's figures.
    await page.goto('/#/partners/2');
    await section.getByTestId('review-pack-export').click();
    await expect(section.getByTestId('review-pack-done')).toContainText(`QBR_P0002_${period}_en`);
    const file = join(specServer.filesDir, `QBR_P0002_${period}_en.pdf`);
    expect(existsSync(file)).toBe(true);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Business review');
    expect(text).toContain('P0002');
    expect(text).toContain(period.replace('-', ' '));
    expect(text).toContain(action);
    expect(text).toContain('Revenue');

    // The pack's proposals were stored: a meeting about its period takes them as action rows in one click.
    await section.getByTestId('review-meeting-new').click();
    await form.getByTestId('review-meeting-period').fill(period);
    await form.getByTestId('review-action-proposals').click();
    const proposed = `Close the overdue action: ${action}`;
    const actionInputs = form.getByTestId('review-action-row').getByLabel('Action', { exact: true });
    await expect.poll(() => actionInputs.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toContain(proposed);
    await form.getByTestId('review-meeting-save').click();
    await expect(form).toBeHidden();
    await expect(section.getByTestId('review-meeting-action')).toContainText([proposed]);

    // Done from the dashboard: it leaves the list.
    await page.goto('/#/');
    const original = open.getByTestId('review-action').filter({ hasText: action }).filter({ hasNotText: proposed });
    await original.getByRole('button', { name: 'Done' }).click();
    await expect(original).toHaveCount(0);
    await expect(open.getByTestId('review-action').filter({ hasText: proposed })).toHaveCount(1);
  });

  test('bulk export from the dashboard: every strategic partner gets a pack', async ({ page, specServer }) => {
    await page.goto('/#/');
    const bulk = page.getByTestId('review-bulk');
    await expect(bulk.getByTestId('review-bulk-export')).toBeDisabled();
    await bulk.getByTestId('review-bulk-tier').selectOption('strategic');
    await bulk.getByTestId('review-bulk-export').click();
    await expect(bulk.getByTestId('review-bulk-done')).toContainText(/\d+ review packs? written/);
    const count = Number(/(\d+) review pack/.exec((await bulk.getByTestId('review-bulk-done').textContent()) ?? '')![1]);
    expect(count).toBeGreaterThan(0);
    const period = await bulk.getByTestId('review-bulk-period').inputValue();
    const written = readdirSync(specServer.filesDir).filter((f) => f.startsWith('QBR_') && f.includes(`_${period}_en`));
    expect(written.length).toBeGreaterThanOrEqual(count);
  });

  // Runs last: it moves the company's fiscal year to April for the rest of this spec's workspace.
  test('the review packs and the inventory page offer the company\'s fiscal quarters, not calendar ones', async ({ page }) => {
    await page.goto('/#/settings');
    const general = page.getByTestId('settings-general');
    await general.locator('select[name="company.fiscalStartMonth"]').selectOption('4');
    await general.getByTestId('settings-general-save').click();
    await expect(general.getByText('Saved')).toBeVisible();
    const today = localDate();
    const fiscal = quartersBack(today, 8, 4);
    // A fiscal year from April never names a quarter as the calendar does (FY2027-Q3 is October–December 2026).
    expect(fiscal[0]).not.toBe(quartersBack(today, 0)[0]);

    await page.goto('/#/partners/2');
    const pack = page.getByTestId('partner-reviews').getByTestId('review-pack-period');
    await expect(pack).toHaveValue(fiscal[1]);
    expect(await pack.locator('option').allTextContents()).toEqual(fiscal);

    await page.goto('/#/');
    const bulk = page.getByTestId('review-bulk').getByTestId('review-bulk-period');
    await expect(bulk).toHaveValue(fiscal[1]);
    expect(await bulk.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(fiscal);

    await page.goto('/#/inventory');
    await expect(page.getByTestId('inventory-period')).toHaveValue(fiscal[1]);
    const offered = await page.getByTestId('inventory-period-options').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered.slice(0, 9)).toEqual(fiscal);
  });
});
