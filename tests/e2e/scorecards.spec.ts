import { expect, test } from './bridgeTest';
import { gridCells, gridRows, gridCell } from './grid';

test.describe('scorecards and dashboard (browser mode over the HTTP bridge)', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
  });

  test('evaluate a demo quarter and see grades; a dashboard chart segment opens the filtered grid', async ({ page }) => {
    await page.goto('/#/scorecards');
    await page.getByTestId('run-period').fill('2025-Q1');
    await page.getByTestId('run-evaluation').click();
    await expect(page.getByTestId('run-result')).toContainText('2025-Q1', { timeout: 60_000 });
    await expect(page).toHaveURL(/period=2025-Q1/);
    await expect(gridCell(page, 'scorecards-grid', 'grade', 0)).toHaveText(/^[ABCD]$/);
    const all = await gridRows(page, 'scorecards-grid').count();
    expect(all).toBeGreaterThan(5);

    // Dashboard (on the latest evaluated quarter: the demo arrives evaluated): revenue by channel type; click the first
    // channel (the segment list does what a bar click does) — the grid opens filtered, for the dashboard's period
    await page.getByTestId('nav-dashboard').click();
    await expect(page.getByTestId('dashboard-period')).toHaveValue(/^\d{4}-Q[1-4]$/);
    const period = await page.getByTestId('dashboard-period').inputValue();
    const chart = page.getByTestId('chart-channel');
    await expect(chart.locator('canvas')).toBeVisible();
    const segment = chart.locator('[data-testid^="chart-channel-seg-"]').first();
    const code = ((await segment.getAttribute('data-testid')) ?? '').replace('chart-channel-seg-', '');
    const label = (await segment.textContent())!.trim();
    await segment.click();
    await expect(page).toHaveURL(new RegExp(`#/scorecards\\?period=${period}&channel=${code}`));
    const channels = gridCells(page, 'scorecards-grid', 'channelType');
    await expect(channels.first()).toHaveText(label);
    const shown = await channels.allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(all);
    expect(new Set(shown)).toEqual(new Set([label]));

    // A click on the canvas itself (the first bar) navigates the same way
    await page.getByTestId('nav-dashboard').click();
    const canvas = page.getByTestId('chart-channel').locator('canvas');
    await expect(canvas).toBeVisible();
    await expect(page.getByTestId('chart-channel').locator('[data-testid^="chart-channel-seg-"]').first()).toBeVisible();
    // Where the first bar is drawn: the chart's own data → pixel conversion (the instance hangs on the figure element)
    const point = await page.getByTestId('chart-channel').evaluate((fig) => {
      const chart = (fig as HTMLElement & { __chart: { getOption(): { series: Array<{ data: Array<{ value: number }> }> }; convertToPixel(f: object, v: number[]): number[] } }).__chart;
      const first = chart.getOption().series[0].data[0].value;
      return chart.convertToPixel({ seriesIndex: 0 }, [0, first / 2]);
    });
    // The alert cards above can push the charts below the fold: mouse clicks need the canvas on screen.
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + point[0], box.y + point[1]);
    await page.mouse.click(box.x + point[0], box.y + point[1]);
    await expect(page).toHaveURL(new RegExp(`#/scorecards\\?period=${period}&channel=${code}`));
  });

  test('a partner page shows KPI trends and the radar', async ({ page }) => {
    await page.goto('/#/scorecards?period=2025-Q1');
    const link = page.locator('[data-testid^="partner-link-"]').first();
    await expect(link).toBeVisible();
    await link.click();
    await expect(page).toHaveURL(/#\/partners\/\d+/);
    await expect(page.getByTestId('latest-grade')).toHaveText(/^[ABCD]$/);
    await expect(page.getByTestId('chart-partner-radar').locator('canvas')).toBeVisible();
    // The parts weighed in the run (the seven with a default weight above 0), each as "part × weight" or not measured:
    // the weights come from the run, the parts from the scorecard.
    const parts = page.getByTestId('chart-partner-radar').locator('li');
    await expect(parts).toHaveCount(7);
    await expect(parts.filter({ hasText: /\d+ × 30$/ }).or(parts.filter({ hasText: /Attainment.*not measured/i }))).toHaveCount(1);
    await expect(parts.filter({ hasText: / × (30|15|10|5)$/ }).first()).toBeVisible();
  });
});
