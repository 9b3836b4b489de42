import { expect, test } from './bridgeTest';
import { gridCell } from './grid';

/** A brand-new, empty workspace: what a user sees on first start. */
test.use({ workspaceTemplate: 'empty' });

test('first start offers the demo dataset; loading it runs as a job with progress, fills the partners grid and the dashboard charts', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('pwb.language', 'zh-CN'));
  await page.goto('/');
  const offer = page.getByTestId('demo-offer');
  await expect(offer).toBeVisible();
  await expect(offer.getByRole('heading')).toHaveText('欢迎使用渠道伙伴工作台');
  await offer.getByTestId('demo-load').click();
  await expect(offer.getByTestId('job-progress')).toBeVisible();
  await expect(offer).toBeHidden({ timeout: 120_000 });
  await page.getByTestId('nav-partners').click();
  await expect(gridCell(page, 'partners-grid', 'code', 0)).toHaveText('P0001');
  // Channel types in Chinese, from the glossary.
  await expect(gridCell(page, 'partners-grid', 'channelType', 0)).toHaveText(/^(直销|代理商|经销商|分销商|零售商|电商|联盟伙伴|电话营销)$/);

  // The demo arrives evaluated: the dashboard opens on its latest quarter with charts, without any manual step.
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('dashboard-empty')).toHaveCount(0);
  const period = page.getByTestId('dashboard-period');
  await expect(period).toHaveValue(/^\d{4}-Q[1-4]$/);
  // Its options: the demo's quarters, newest first, then the half-year and the year.
  const options = await period.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(options.filter((o) => /-Q\d$/.test(o))).toHaveLength(4);
  expect(options.filter((o) => /-H\d$/.test(o))).toHaveLength(1);
  expect(options.filter((o) => /^\d{4}$/.test(o))).toHaveLength(1);
  expect(options[0]).toBe(await period.inputValue());
  for (const chart of ['chart-channel', 'chart-region', 'chart-grades', 'chart-attainment', 'chart-top', 'chart-bottom']) {
    await expect(page.getByTestId(chart).locator('canvas').first(), chart).toBeVisible();
  }
  // The grade chart has segments with partners in them (the page lists each segment as a link).
  await expect(page.getByTestId('chart-grades').locator('[data-testid^="chart-grades-seg-"]').first()).toBeVisible();
});
