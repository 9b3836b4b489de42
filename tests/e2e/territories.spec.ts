import { expect, test, type Page } from './bridgeTest';
import { gridCells } from './grid';

/** The canvas position of a province's tile (the chart converts the tile's grid cell to pixels). */
async function tilePoint(page: Page, code: string): Promise<{ x: number; y: number }> {
  const figure = page.getByTestId('province-map');
  const canvas = figure.locator('canvas').first();
  await expect(canvas).toBeVisible();
  const box = (await canvas.boundingBox())!;
  const at = await figure.evaluate((el, c) => {
    const chart = (el as HTMLElement & { __chart?: { getOption(): { series: Array<{ data: Array<{ key: string; value: number[] }> }> }; convertToPixel(f: object, v: number[]): number[] } }).__chart!;
    for (const [i, s] of chart.getOption().series.entries()) {
      const item = s.data.find((d) => d.key === c);
      if (item) return chart.convertToPixel({ seriesIndex: i }, item.value.slice(0, 2));
    }
    return null;
  }, code);
  expect(at, `tile ${code} on the map`).not.toBeNull();
  return { x: box.x + at![0], y: box.y + at![1] };
}

test.describe('territories and coverage (browser mode over the HTTP bridge)', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });

  test('the province tile map is drawn and a click on a province filters the partners grid to that province', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'zh-CN'));
    await page.goto('/#/territories');
    await expect(page.getByTestId('coverage-kpi')).toContainText('%');
    // every seeded provincial division has a tile and a row in the plain table
    await expect(page.getByTestId('province-table').locator('tbody tr')).toHaveCount(34);
    const zhejiangRow = page.getByTestId('province-table').locator('tr', { has: page.getByTestId('province-330000') });
    const activeInZhejiang = Number(await zhejiangRow.locator('td').nth(1).textContent());
    expect(activeInZhejiang).toBeGreaterThan(0);

    const { x, y } = await tilePoint(page, '330000');
    await page.mouse.click(x, y);
    await expect(page).toHaveURL(/#\/partners\?place=330000/);
    await expect(page.getByTestId('partners-place')).toContainText('浙江省');
    const provinces = gridCells(page, 'partners-grid', 'province');
    await expect(provinces.first()).toBeVisible();
    await expect.poll(async () => [...new Set(await provinces.allTextContents())]).toEqual(['浙江省']);
    // the grid holds the province's partners of every status; the map counted its active ones
    const statuses = await gridCells(page, 'partners-grid', 'status').allTextContents();
    expect(statuses.filter((s) => s === '合作中')).toHaveLength(activeInZhejiang);

    // another tile, another province
    await page.goto('/#/territories');
    const gd = await tilePoint(page, '440000');
    await page.mouse.click(gd.x, gd.y);
    await expect(page).toHaveURL(/place=440000/);
    await expect.poll(async () => [...new Set(await gridCells(page, 'partners-grid', 'province').allTextContents())]).toEqual(['广东省']);
  });

  test('a coverage target changes the territory figure and lists its gap; the dashboard shows the company ratio', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
    await page.goto('/#/territories?territory=XB');
    const row = page.getByTestId('coverage-row-XB');
    await expect(row).toContainText('one partner per province');
    await page.getByTestId('target-territory').selectOption('XB');
    await page.getByTestId('target-area').selectOption('640000');
    await page.getByTestId('target-channel').selectOption('distributor');
    await page.getByTestId('target-min').fill('0');
    await expect(page.getByTestId('target-add')).toBeDisabled();
    await page.getByTestId('target-min').fill('50');
    await page.getByTestId('target-add').click();
    await expect(row).toContainText('coverage targets');
    await expect(row).toContainText('0 / 1');
    await expect(page.getByTestId('coverage-gaps')).toContainText('Northwest China · Ningxia: 0 active Distributor of 50 wanted');
    // the same target again is refused, in the app's language
    await page.getByTestId('target-add').click();
    await expect(page.getByTestId('error-banner')).toContainText('already exists');

    await page.goto('/#/');
    await expect(page.getByTestId('dashboard-coverage')).toContainText('Channel coverage');
    await page.getByTestId('dashboard-coverage').click();
    await expect(page).toHaveURL(/#\/territories/);
  });
});
