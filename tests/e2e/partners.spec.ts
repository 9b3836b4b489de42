import { expect, test } from './bridgeTest';
import { gridCells, gridRows, gridCell } from './grid';
import { importFile } from './importFile';

test.describe('partners (browser mode over the HTTP bridge)', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
  });

  test('the demo partners grid shows rows', async ({ page }) => {
    await page.goto('/#/partners');
    // The demo's partners are P0001…; a later test of this spec adds E2E… (a retry reopens the spec's workspace).
    await expect(gridCells(page, 'partners-grid', 'code').filter({ hasText: /^P\d{4}$/ }).first()).toBeVisible();
    expect(await gridRows(page, 'partners-grid').count()).toBeGreaterThan(10);
    // Channel types are shown in words, not codes.
    await expect(gridCell(page, 'partners-grid', 'channelType', 0)).toHaveText(/^(Direct sales|Agent|Dealer|Distributor|Retailer|E-commerce|Alliance partner|Telesales)$/);
  });

  test('switching language changes the labels', async ({ page }) => {
    await page.goto('/#/partners');
    await expect(page.getByTestId('nav-partners')).toHaveText('Partners');
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(page.getByTestId('nav-partners')).toHaveText('合作伙伴');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('合作伙伴');
    await expect(page.locator('.ag-header-cell-text', { hasText: '伙伴编码' })).toBeVisible();
    await page.getByTestId('language-switch').selectOption('en');
    await expect(page.getByTestId('nav-partners')).toHaveText('Partners');
  });

  test('creating a partner shows it in the grid; invalid input is explained', async ({ page }) => {
    const code = `E2E${Date.now() % 100000}`;
    await page.goto('/#/partners');
    await page.getByTestId('partner-new').click();
    const form = page.getByTestId('partner-form');
    await form.locator('input[name="code"]').fill(code);
    await form.locator('input[name="name"]').fill('上海测试贸易有限公司');
    await form.locator('input[name="email"]').fill('not-an-email');
    await form.getByTestId('partner-save').click();
    await expect(form.locator('.field-error')).toBeVisible();
    await form.locator('input[name="email"]').fill('sales@example.cn');
    await form.locator('select[name="channelType"]').selectOption('distributor');
    await form.locator('select[name="territory"]').selectOption('HD');
    await form.getByTestId('partner-save').click();
    await expect(form).toBeHidden();
    await page.getByTestId('partners-grid-filter').fill(code);
    await expect(gridCells(page, 'partners-grid', 'code')).toHaveText([code]);
    await expect(gridCells(page, 'partners-grid', 'name')).toHaveText(['上海测试贸易有限公司']);
    await expect(gridCells(page, 'partners-grid', 'channelType')).toHaveText(['Distributor']);
  });

  test('a partner code opens the partner page, which links through to its sales lines', async ({ page }) => {
    await page.goto('/#/partners');
    // A demo partner (they have sales; partners made by other tests do not).
    const link = page.getByTestId('partners-grid').getByTestId('partner-link').filter({ hasText: /^P\d{4}$/ }).first();
    const code = (await link.textContent())!;
    await link.click();
    await expect(page.getByTestId('partner-detail-title')).toContainText(code);
    await page.getByTestId('partner-sales-link').click();
    await expect(page.getByTestId('sales-filter-partner')).toHaveValue(code);
    await expect(gridCell(page, 'sales-grid', 'partnerCode', 0)).toHaveText(code);
  });

  test("the partner page's Inventory tab charts the partner's sell-in, sell-through and closing stock per month from its imported files", async ({ page }) => {
    const code = `PIT${Date.now() % 100000}`;
    const sku = `SKU-${code}`;
    // Months by the calendar: three months back and last month (mid-month days, inside the last 12 months whatever the zone).
    const now = new Date();
    const month = (back: number) => {
      const d = new Date(Date.UTC(now.getFullYear(), now.getMonth() - back, 15));
      return d.toISOString().slice(0, 7);
    };
    const [before, m1, m2] = [month(4), month(3), month(1)];
    await page.goto('/#/imports');
    await importFile(page, 'partners', `partners-${code}.csv`, `经销商编码,名称,渠道类型,级别,大区,省份\r\n${code},库存图表伙伴,经销商,一级,330000,浙江省\r\n`, 1);
    await importFile(page, 'products', `products-${code}.csv`, `产品编码,产品名称,底价\r\n${sku},测试录像机,80\r\n`, 1);
    await importFile(page, 'sales', `sellin-${code}.csv`, `partnerCode,date,product,quantity,amount\r\n${code},${m1}-10,${sku},30,3000\r\n`, 1);
    await importFile(page, 'inventory', `stock-${code}.csv`, `经销商编码,库存日期,产品编码,库存数量\r\n${code},${m1}-20,${sku},50\r\n`, 1);
    await importFile(page, 'sell-through', `sellthrough-${code}.csv`, `经销商编码,销售日期,产品编码,数量,金额,客户编码\r\n${code},${m1}-15,${sku},20,2000,C1\r\n${code},${m2}-15,${sku},10,1000,C2\r\n`, 2);

    await page.goto('/#/partners');
    await page.getByTestId('partners-grid-filter').fill(code);
    await page.getByTestId('partners-grid').getByTestId('partner-link').filter({ hasText: code }).click();
    await expect(page.getByTestId('partner-detail-title')).toContainText(code);
    await page.getByTestId('partner-tab-inventory').click();
    await expect(page).toHaveURL(/tab=inventory/);
    const section = page.getByTestId('partner-inventory');
    await expect(section).toContainText('Sell-in, sell-through and closing stock');
    // The table under the chart: sell-in, sell-through, closing stock (none before the first report: —).
    const cells = (m: string) => page.getByTestId(`partner-inventory-month-${m}`).locator('td');
    await expect(cells(m1)).toHaveText([m1, '30', '20', '50']);
    await expect(cells(m2)).toHaveText([m2, '0', '10', '50']);
    // A month the partner reported no sell-through for is —, not 0 (a gap in the chart); it bought nothing then: 0.
    await expect(cells(before)).toHaveText([before, '0', '—', '—']);
    // The chart holds the same figures, 12 months of them.
    const figure = page.getByTestId('chart-partner-inventory-trend');
    await expect(figure.locator('canvas')).toBeVisible();
    await expect
      .poll(() =>
        figure.evaluate((el) => {
          const chart = (el as HTMLElement & { __chart?: { getOption(): { xAxis: Array<{ data: string[] }>; series: Array<{ data: Array<number | null> }> } } }).__chart;
          if (!chart) return null;
          const o = chart.getOption();
          return { months: o.xAxis[0].data.length, series: o.series.map((s) => s.data.filter((v) => v !== null && v !== 0)) };
        }),
      )
      .toEqual({ months: 12, series: [[30], [20, 10], expect.arrayContaining([50])] });
    // The current month is marked as running to today; earlier months are not.
    const thisMonth = month(0);
    await expect(page.getByTestId(`partner-inventory-month-${thisMonth}`).getByTestId('partner-inventory-to-date')).toHaveText('(to date)');
    await expect(page.getByTestId(`partner-inventory-month-${m1}`).getByTestId('partner-inventory-to-date')).toHaveCount(0);
    // Nothing reported yet this month: its sell-through is —, "not reported yet" when pointed at, not 0.
    await expect(page.getByTestId(`partner-inventory-month-${thisMonth}`).locator('td').nth(2)).toHaveText('—');
    await expect(page.getByTestId(`partner-inventory-month-${thisMonth}`).locator('td').nth(2)).toHaveAttribute('title', 'not reported yet');
    // Six months up to m1: the table ends at m1 (m2 and the current month are out), nothing runs to date.
    await page.getByTestId('partner-inventory-months').selectOption('6');
    // The month is a year and a month select in the app's words (an <input type="month"> spoke the browser's language).
    const pickTo = async (m: string) => {
      await page.getByTestId('partner-inventory-to-year').selectOption(m.slice(0, 4));
      await page.getByTestId('partner-inventory-to-month').selectOption(String(Number(m.slice(5))));
    };
    await expect(page.getByTestId('partner-inventory-to-month').locator('option')).toHaveText(['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']);
    await pickTo(m1);
    await expect(page.getByTestId('partner-inventory-to')).toHaveAttribute('data-value', m1);
    await expect(cells(m1)).toHaveText([m1, '30', '20', '50']);
    await expect(page.getByTestId('partner-inventory-table').locator('tbody tr')).toHaveCount(6);
    await expect(page.getByTestId(`partner-inventory-month-${m2}`)).toHaveCount(0);
    await expect(page.getByTestId('partner-inventory-to-date')).toHaveCount(0);
    // Months before the partner's first file: the reason, with the range, and the pickers stay to move back.
    await pickTo(month(9));
    await expect(page.getByTestId('partner-inventory-none')).toContainText(`in the 6 months up to ${month(9)}`);
    // A month past the current one cannot be picked (no empty future months shown as zeros).
    await page.getByTestId('partner-inventory-to-year').selectOption(thisMonth.slice(0, 4));
    const later = page.getByTestId('partner-inventory-to-month').locator('option:disabled');
    await expect(later).toHaveCount(12 - Number(thisMonth.slice(5)));
    await pickTo(m1);
    // In Chinese the tab, the chart and the month picker speak Chinese — in this English (en-US) browser too.
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(page.getByTestId('partner-tab-inventory')).toHaveText('库存与动销');
    await expect(section).toContainText('进货、动销与期末库存');
    await expect(page.getByTestId('partner-inventory-to-month').locator('option')).toHaveText(['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月']);
    await expect(page.getByTestId('partner-inventory-to-year').locator('option:checked')).toHaveText(`${m1.slice(0, 4)} 年`);
  });
});
