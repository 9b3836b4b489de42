import { expect, test, type Page } from './bridgeTest';
import { gridCells } from './grid';
import { importFile } from './importFile';

/**
 * What the Inventory page's partner grid says beyond its figures: both flags readable in either language, a share
 * that cannot be measured says why, and the company chart never draws a month nothing was reported for as 0.
 */
test.describe('inventory: flags, missing shares, unreported months', () => {
  test('two flags fit their column, a missing 窜货 / 控价 share names its reason, no month reads 0 for want of a report', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
    const code = `IR${Date.now() % 100000}`;
    const [a, b] = [`${code}A`, `${code}B`];
    const now = new Date();
    const q = Math.floor(now.getMonth() / 3);
    const [year, quarter] = q === 0 ? [now.getFullYear() - 1, 4] : [now.getFullYear(), q];
    const day = `${year}-${String((quarter - 1) * 3 + 2).padStart(2, '0')}-10`;
    await page.goto('/#/imports');
    await importFile(page, 'partners', `partners-${code}.csv`, `经销商编码,名称,渠道类型,级别,大区,省份\r\n${a},旗标伙伴,经销商,一级,330000,浙江省\r\n${b},缺数伙伴,经销商,一级,330000,浙江省\r\n`, 2);
    await importFile(page, 'products', `products-${code}.csv`, `产品编码,产品名称,底价\r\nF-${code},有底价产品,80\r\nN-${code},无底价产品,\r\n`, 2);
    // A: one sale inside its territory at the floor, one to 广东 under it (窜货 and 乱价). B: no province, no floor.
    await importFile(
      page,
      'sell-through',
      `st-${code}.csv`,
      `经销商编码,销售日期,产品编码,数量,金额,客户编码,客户省份\r\n${a},${day},F-${code},20,2000,C1,浙江\r\n${a},${day},F-${code},10,700,C2,广东省\r\n${b},${day},N-${code},5,500,C3,\r\n`,
      3,
    );
    await page.goto(`/#/inventory?period=${year}-Q${quarter}`);
    const filter = page.getByTestId('inventory-partners-grid-filter');
    await filter.fill(code);
    const flags = gridCells(page, 'inventory-partners-grid', 'flags');
    const fits = (p: Page) => p.getByTestId('inventory-partners-grid').locator(`[role="gridcell"][col-id="flags"]`).first().evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
    await expect(flags.first()).toContainText('Cross-territory selling · Price breaking');
    expect(await fits(page)).toBe(true);
    // B's shares: — with the reason.
    await expect(page.getByTestId(`crossTerritoryShareMissing-${b}`)).toHaveAttribute('title', /no sell-through line of this period has a customer province/i);
    await expect(page.getByTestId(`belowFloorShareMissing-${b}`)).toHaveAttribute('title', /floor price/);
    await expect(page.getByTestId('inventory-share-note')).toBeVisible();
    // The company chart: a month without a report is a gap (null), never a 0.
    await expect
      .poll(() =>
        page.getByTestId('chart-inventory-trend').evaluate((el) => {
          const chart = (el as HTMLElement & { __chart?: { getOption(): { series: Array<{ data: Array<number | null> }> } } }).__chart;
          const series = chart?.getOption().series ?? [];
          return series.length === 3 ? series[1].data.filter((v) => v === 0).length : -1;
        }),
      )
      .toBe(0);
    // In Chinese: the flags fit too, and the reasons speak Chinese.
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(flags.first()).toContainText('窜货 · 乱价');
    expect(await fits(page)).toBe(true);
    await expect(page.getByTestId(`belowFloorShareMissing-${b}`)).toHaveAttribute('title', '本期售出的产品在销售日都没有底价');
    // A quarter in which only B sold (long before the demo's sales): the totals cannot be measured, and say why the
    // same way (they were a bare —). B's territory and channel type name B's reason beside the others' (no sale).
    await page.getByTestId('language-switch').selectOption('en');
    await page.goto('/#/imports');
    await importFile(page, 'sell-through', `st-old-${code}.csv`, `经销商编码,销售日期,产品编码,数量,金额,客户编码,客户省份\r\n${b},2020-02-10,N-${code},5,500,C4,\r\n`, 1);
    await page.goto('/#/inventory?period=2020-Q1');
    const groups = page.getByTestId('inventory-groups-grid');
    const cross = groups.locator('[data-testid^="crossTerritoryShareMissing-"][data-reason~="noProvince"]');
    await expect(cross).toHaveCount(2);
    for (const cell of await cross.all()) {
      await expect(cell).toHaveAttribute('title', /No sell-through sales \(quantity above 0\) in this period\nNo sell-through line of this period has a customer province/);
    }
    const below = groups.locator('[data-testid^="belowFloorShareMissing-territory-"][data-reason~="noFloor"]');
    await expect(below).toHaveCount(1);
    await expect(below).toHaveAttribute('title', /floor price/);
    await expect(groups.locator('[data-testid^="crossTerritoryShareMissing-"]:not([data-reason~="noProvince"])').first()).toHaveAttribute('title', 'No sell-through sales (quantity above 0) in this period');
    await page.getByTestId('language-switch').selectOption('zh-CN');
    for (const cell of await cross.all()) await expect(cell).toHaveAttribute('title', /本期的出货明细都没有区域表中可识别的客户省份$/);
  });
});
