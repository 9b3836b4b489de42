import { expect, test } from './bridgeTest';
import { gridCells } from './grid';

test.describe('dashboard alerts and risk-register URL filters (browser mode over the HTTP bridge)', () => {
  // wide enough for ag-grid to render every risk column (it virtualises columns outside the viewport)
  test.use({ viewport: { width: 3000, height: 900 } });
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
  });

  test('the dashboard shows overdue risk reviews and actions next to the certification expiry alerts', async ({ page }) => {
    await page.goto('/#/');
    const overdue = page.getByTestId('overdue-risks');
    await expect(overdue).toBeVisible();
    await expect(overdue).toContainText('Overdue risk reviews and actions');
    await expect(page.getByTestId('expiry-alerts')).toBeVisible();
    // one demo risk in five is a few weeks past its review date: each listed review links to the register
    const reviews = overdue.getByTestId('overdue-reviews').locator('li');
    await expect(reviews.first()).toBeVisible();
    await expect(reviews.first()).toContainText('days overdue');
    await reviews.first().locator('a').click();
    await expect(page).toHaveURL(/#\/risks/);
  });

  test('level, basis, status and partner in the URL become the register filters', async ({ page }) => {
    await page.goto('/#/risks');
    const all = gridCells(page, 'risks-grid', 'code');
    await expect(all.first()).toBeVisible();
    const total = await all.count();

    await page.goto('/#/risks?level=high');
    await expect(page.getByTestId('risk-level-filter')).toHaveValue('high');
    const levels = gridCells(page, 'risks-grid', 'level');
    await expect(levels.first()).toBeVisible();
    // The grid refreshes after the URL changes: wait for the filtered rows rather than reading the old ones.
    await expect.poll(async () => [...new Set(await levels.allTextContents())]).toEqual(['High']);
    expect((await levels.allTextContents()).length).toBeLessThan(total);

    // what the dashboard's "open risks by level" links to: the residual (else inherent) level
    await page.goto('/#/risks?level=medium&basis=residual');
    await expect(page.getByTestId('risk-basis-residual')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('risk-level-filter')).toHaveValue('medium');
    const residual = gridCells(page, 'risks-grid', 'residualLevel');
    await expect(residual.first()).toBeVisible();
    await expect.poll(async () => [...new Set(await residual.allTextContents())]).toEqual(['Medium']);
    // changing the dropdown updates the URL
    await page.getByTestId('risk-level-filter').selectOption('');
    await expect(page).not.toHaveURL(/level=/);

    await page.goto('/#/risks?status=open');
    await expect(page.getByTestId('risk-status-filter')).toContainText('Open');
    const statuses = gridCells(page, 'risks-grid', 'status');
    await expect(statuses.first()).toBeVisible();
    await expect.poll(async () => [...new Set(await statuses.allTextContents())]).toEqual(['Open']);

    // partner: the grid's initial filter on the partner column
    await page.goto('/#/risks');
    const partners = gridCells(page, 'risks-grid', 'partnerCode');
    await expect(partners.first()).toBeVisible();
    const code = (await partners.allTextContents()).map((p) => p.split(' ')[0]).find((c) => c.length > 0);
    expect(code).toBeTruthy();
    await page.goto(`/#/risks?partner=${encodeURIComponent(code!)}`);
    await expect(page.getByTestId('risk-partner-filter')).toContainText(code!);
    await expect(partners.first()).toContainText(code!);
    const filtered = await partners.allTextContents();
    expect(filtered.length).toBeLessThan(total);
    for (const p of filtered) expect(p.startsWith(`${code} `)).toBe(true);
  });
});
