import { expect, test } from './bridgeTest';
import { gridCells, gridCell } from './grid';

test.describe('audit trail page (browser mode over the HTTP bridge)', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
  });

  test('a settings change shows up in the audit grid, and its history shows before and after', async ({ page }) => {
    const tag = String(Date.now() % 1_000_000);
    const first = `审计测试公司 ${tag}`;
    const second = `审计测试公司 ${tag} 改`;
    await page.goto('/#/settings');
    const general = page.getByTestId('settings-general');
    const name = general.locator('input[name="company.name"]');
    for (const value of [first, second]) {
      await name.fill(value);
      await general.getByTestId('settings-general-save').click();
      await expect(general.getByText('Saved')).toBeVisible();
    }

    await page.goto('/#/audit');
    await page.getByTestId('audit-filter-operation').selectOption('system.settings.set');
    const ids = gridCells(page, 'audit-grid', 'entityId').filter({ hasText: 'company.name' });
    await expect(ids.first()).toBeVisible();
    await expect(gridCell(page, 'audit-grid', 'operation', 0)).toHaveText('Change a setting');
    await ids.first().click();

    const history = page.getByTestId('audit-history');
    await expect(history).toBeVisible();
    const steps = history.getByTestId('audit-history-step');
    // the last two steps are this test's changes, oldest first: (previous) → first, then first → second
    // The history loads after the panel opens: wait for both of this test's steps.
    await expect.poll(() => steps.count()).toBeGreaterThanOrEqual(2);
    const count = await steps.count();
    const last = steps.nth(count - 1);
    await expect(last.locator('td.before')).toContainText(first);
    await expect(last.locator('td.after')).toContainText(second);
    await expect(steps.nth(count - 2).locator('td.after')).toContainText(first);
  });
});
