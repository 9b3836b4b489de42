import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test } from './bridgeTest';
import { gridCell } from './grid';
import { importFile } from './importFile';

test.describe('inventory & sell-through', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
  });

  test('a stock report and a sell-through file imported through the wizard show DOI and a 窜货 flag', async ({ page }) => {
    const code = `INV${Date.now() % 100000}`;
    // The last full quarter before today, so the customers also count as recent on the partner page.
    const now = new Date();
    const q = Math.floor(now.getMonth() / 3);
    const [year, quarter] = q === 0 ? [now.getFullYear() - 1, 4] : [now.getFullYear(), q];
    const first = (m: number) => `${year}-${String((quarter - 1) * 3 + m).padStart(2, '0')}-01`;
    const last = new Date(Date.UTC(year, quarter * 3, 0)).toISOString().slice(0, 10);
    const days = Math.round((Date.parse(last) - Date.parse(first(1))) / 86_400_000) + 1;
    const sku = `SKU-${code}`;
    // The demo's reporting partners already have findings in that quarter: the dashboard's counts before the files.
    const cardValue = async (id: string) => Number((await page.getByTestId(id).locator('.card-value').textContent())!.replace(/,/g, '').trim());
    await page.goto(`/#/?period=${year}-Q${quarter}`);
    await expect(page.getByTestId('channel-kpi-crossTerritory').locator('.card-value')).toHaveText(/^\d+$/);
    const before = { cross: await cardValue('channel-kpi-crossTerritory'), below: await cardValue('channel-kpi-belowFloor') };
    await page.goto('/#/imports');
    await importFile(page, 'partners', `partners-${code}.csv`, `经销商编码,名称,渠道类型,级别,大区,省份\r\n${code},库存测试伙伴,经销商,一级,330000,浙江省\r\n`, 1);
    await importFile(page, 'products', `products-${code}.csv`, `产品编码,产品名称,产品线,底价,指导价\r\n${sku},测试摄像机,智能安防,80,120\r\n`, 1);
    // Stock 90 at the quarter's end; 30 sold through in the quarter: DOI = 90 ÷ (30 ÷ days) = 3 × days.
    await importFile(page, 'inventory', `stock-${code}.csv`, `经销商编码,库存日期,产品编码,库存数量\r\n${code},${last},${sku},90\r\n`, 1);
    await importFile(
      page,
      'sell-through',
      `sellthrough-${code}.csv`,
      `经销商编码,销售日期,产品编码,数量,金额,客户编码,客户省份\r\n${code},${first(2)},${sku},20,2000,C1,浙江\r\n${code},${first(3)},${sku},10,700,C2,广东省\r\n`,
      2,
    );

    await page.goto(`/#/inventory?period=${year}-Q${quarter}`);
    await page.getByTestId('inventory-grid-filter').fill(code);
    await expect(gridCell(page, 'inventory-grid', 'productCode', 0)).toHaveText(sku);
    await expect(gridCell(page, 'inventory-grid', 'daysOfInventory', 0)).toHaveText(String(3 * days));
    await expect(gridCell(page, 'inventory-grid', 'closingStock', 0)).toHaveText('90');
    // The company chart: sell-in, sell-through and the reporting partners' closing stock, this partner's 90 in it at the quarter's end.
    await expect
      .poll(() =>
        page.getByTestId('chart-inventory-trend').evaluate((el) => {
          const chart = (el as HTMLElement & { __chart?: { getOption(): { series: Array<{ data: Array<number | null> }> } } }).__chart;
          const series = chart?.getOption().series ?? [];
          return series.length === 3 ? (series[2].data.at(-1) ?? 0) >= 90 : false;
        }),
      )
      .toBe(true);
    // The sums per territory and channel type are listed.
    await expect(page.getByTestId('inventory-groups-grid')).toContainText('Channel type');
    await page.getByTestId('inventory-partners-grid-filter').fill(code);
    // The count says how many rows the filter leaves of how many (it said "9 rows" over the one row shown).
    await expect(page.getByTestId('inventory-partners-grid-count')).toHaveText(/^1 of (?!1 )[\d,]+ rows$/);
    // The partner's name opens its page on the End customers tab.
    await expect(page.getByTestId(`inventory-partner-link-${code}`)).toHaveAttribute('href', /#\/partners\/\d+\?tab=customers$/);
    await expect(gridCell(page, 'inventory-partners-grid', 'flags', 0)).toContainText('Cross-territory selling');
    await expect(gridCell(page, 'inventory-partners-grid', 'flags', 0)).toContainText('Price breaking');
    // The partner grid's export writes the flags and the reporting columns as the grid shows them.
    await page.getByTestId('inventory-partners-grid-export-button').click();
    await page.getByTestId('inventory-partners-grid-export-csv').click();
    await expect(page.getByTestId('inventory-partners-grid-export-done')).toContainText('1');
    const download = page.waitForEvent('download');
    await page.getByTestId('inventory-partners-grid-export-open').click();
    const csv = readFileSync((await (await download).path())!, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    const header = csv[0].split(',');
    const row = csv[1].split(',');
    expect(row[header.indexOf('Flags')]).toBe('Cross-territory selling · Price breaking');
    expect(row[header.indexOf('Last stock report')]).toBe(last);
    expect(header).toContain('Reporting');
    // The sums per territory and channel type have an export too.
    await expect(page.getByTestId('inventory-groups-grid-export-button')).toBeVisible();
    // The evidence: the 广东 customer outside the partner's territory 浙江.
    await page.getByTestId('inventory-evidence-grid-filter').fill(code);
    await expect(gridCell(page, 'inventory-evidence-grid', 'customerRef', 0)).toHaveText('C2');
    await expect(gridCell(page, 'inventory-evidence-grid', 'provinceName', 0)).toHaveText('Guangdong');

    // The dashboard shows the period's channel measures; the 窜货 card opens the Inventory page on its evidence.
    await page.goto(`/#/?period=${year}-Q${quarter}`);
    await expect(page.getByTestId('channel-kpi-crossTerritory').locator('.card-value')).toHaveText(String(before.cross + 1));
    await expect(page.getByTestId('channel-kpi-belowFloor').locator('.card-value')).toHaveText(String(before.below + 1));
    await page.getByTestId('channel-kpi-crossTerritory').click();
    await expect(page).toHaveURL(/#\/inventory\?period=.*evidence=crossTerritory/);
    await expect(page.getByTestId('inventory-evidence-kind')).toHaveValue('crossTerritory');

    // The evaluation raises the 窜货 auto-risk; its form lists the evidence line in a grid with an export of all lines.
    await page.goto('/#/scorecards');
    await page.getByTestId('run-period').fill(`${year}-Q${quarter}`);
    await page.getByTestId('run-evaluation').click();
    await expect(page.getByTestId('run-result')).toContainText(`${year}-Q${quarter}`, { timeout: 120_000 });
    await page.goto(`/#/risks?partner=${code}&category=channel_conflict`);
    await gridCell(page, 'risks-grid', 'title', 0).click();
    const evidenceGrid = page.getByTestId('risk-form').getByTestId('risk-evidence');
    await expect(evidenceGrid).toContainText('Evidence (1 sell-through line)');
    await expect(gridCell(page, 'risk-evidence-grid', 'customerRef', 0)).toHaveText('C2');
    await expect(gridCell(page, 'risk-evidence-grid', 'provinceName', 0)).toHaveText('Guangdong');
    await expect(page.getByTestId('risk-evidence-grid-export-button')).toBeVisible();
    await page.keyboard.press('Escape');

    // The partner page's End customers: both bought last quarter, so neither is lost and none is on the win-back list.
    await page.goto('/#/partners');
    await page.getByTestId('partners-grid-filter').fill(code);
    await page.getByTestId('partners-grid').getByTestId('partner-link').filter({ hasText: code }).click();
    await expect(page.getByTestId('partner-detail-title')).toContainText(code);
    // End customers is a tab of the partner page (its URL keeps it: ?tab=customers).
    await expect(page.getByTestId('partner-customers')).toHaveCount(0);
    await page.getByTestId('partner-tab-customers').click();
    await expect(page).toHaveURL(/tab=customers/);
    await expect(page.getByTestId('partner-customers')).toContainText('End customers');
    await expect(page.getByTestId('segment-lost').locator('.card-value')).toHaveText('0');
    await expect(gridCell(page, 'partner-customers-grid', 'customerRef', 0)).toHaveText('C1');
    await expect(gridCell(page, 'partner-customers-grid', 'frequency', 0)).toHaveText('1');
    await expect(gridCell(page, 'partner-customers-grid', 'customerRef', 1)).toHaveText('C2');
    // Both customers first bought last quarter: one cohort of 2, all of its revenue from new customers.
    await expect(page.getByTestId(`cohort-${year}-Q${quarter}`).locator('td').first()).toHaveText('2');
    await expect(page.getByTestId(`repeat-share-${year}-Q${quarter}`)).toHaveText('0.0 %');
    await expect(page.getByTestId('partner-lapsed-grid-export')).toBeVisible();
    // The empty win-back list says why: the customers' first purchase is recent, so the previous 12 months hold none.
    await expect(page.getByTestId('partner-lapsed-none')).toHaveText(new RegExp(`^No customers to win back: this partner's end customers first bought on ${first(2)}, so there are no purchases in the previous 12 months \\(\\d{4}-\\d{2}-\\d{2} to \\d{4}-\\d{2}-\\d{2}\\)`));
    // The quarter under way is marked as running to today in the revenue mix (its zeros are not a slump) — on any day
    // but a quarter's last, when it is whole.
    const quarterEnds = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getDate() === 1 && now.getMonth() % 3 === 2;
    await expect(page.getByTestId('revenue-mix-table').getByTestId('revenue-mix-to-date')).toHaveCount(quarterEnds ? 0 : 1);
    if (!quarterEnds) await expect(page.getByTestId('revenue-mix-to-date')).toHaveText('(to date)');
    // The mark is set off by a space in the table and on both charts' axes (the heat map read 2026-Q4(to date)).
    const axis = (testId: string, which: 'xAxis' | 'yAxis') =>
      page.getByTestId(testId).evaluate((el, w) => {
        const chart = (el as HTMLElement & { __chart?: { getOption(): Record<string, Array<{ data: string[] }>> } }).__chart;
        return chart?.getOption()[w][0].data ?? [];
      }, which);
    if (!quarterEnds) {
      const current = `${now.getFullYear()}-Q${Math.floor(now.getMonth() / 3) + 1}`;
      await expect(page.getByTestId('revenue-mix-table').locator('thead th').last()).toHaveText(`${current} (to date)`);
      await expect.poll(async () => (await axis('revenue-mix-chart', 'xAxis')).at(-1)).toBe(`${current} (to date)`);
      await expect.poll(async () => (await axis('cohort-heatmap', 'yAxis')).at(-1)).toBe(`${current} (to date) (0)`);
    }
    // The marked label is drawn whole inside its chart (the heat map's axis cut it at 80 px; the revenue mix hid it):
    // the drawn lines of text (zrender's tspans) that hold the mark, with their boxes in the chart's pixels.
    const drawnMarks = (testId: string, mark: string) =>
      page.getByTestId(testId).evaluate((el, m) => {
        type Drawn = { type: string; style: { text?: string }; getBoundingRect(): { clone(): { applyTransform(t: unknown): void; x: number; y: number; width: number } }; getComputedTransform(): unknown };
        const chart = (el as HTMLElement & { __chart?: { getWidth(): number; getZr(): { storage: { getDisplayList(update: boolean): Drawn[] } } } }).__chart;
        if (!chart) return [];
        return chart
          .getZr()
          .storage.getDisplayList(true)
          .filter((d) => (d.type === 'tspan' || d.type === 'text') && typeof d.style.text === 'string' && d.style.text.includes(m))
          .map((d) => {
            const r = d.getBoundingRect().clone();
            r.applyTransform(d.getComputedTransform());
            return { inside: r.x >= 0 && r.x + r.width <= chart.getWidth() };
          });
      }, mark);
    if (!quarterEnds) {
      await expect.poll(() => drawnMarks('cohort-heatmap', '(to date)')).toEqual([{ inside: true }]);
      await expect.poll(() => drawnMarks('revenue-mix-chart', '(to date)')).toEqual([{ inside: true }]);
    }
    if (!quarterEnds) await expect(page.getByTestId('cohorts-to-date-note')).toContainText('is the current quarter');
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(page.getByTestId('partner-lapsed-none')).toContainText(`没有需要挽回的客户：该伙伴的终端客户最早在 ${first(2)} 购买`);
    if (!quarterEnds) {
      await expect(page.getByTestId('revenue-mix-to-date')).toHaveText('（至今）');
      await expect.poll(() => drawnMarks('cohort-heatmap', '（至今）')).toEqual([{ inside: true }]);
      await expect.poll(() => drawnMarks('revenue-mix-chart', '（至今）')).toEqual([{ inside: true }]);
    }
    // The first column of the cohort table is the cohort; the first retention column is not named the same.
    await expect(page.getByTestId('cohort-table').locator('thead th')).toHaveText(['首购季度', '客户数', '首购当季', '+1 季度', '+2 季度', '+3 季度', '+4 季度', '+5 季度', '+6 季度', '+7 季度']);
  });

  test("a WPS weekly stock report (title row, total row, code 00123 kept by a '00000' format) previews and imports as the partner wrote it", async ({ page }) => {
    const code = `WPS${Date.now() % 100000}`;
    const sku = `00${Date.now() % 1000}`.padStart(5, '0');
    await page.goto('/#/imports');
    await importFile(page, 'partners', `partners-${code}.csv`, `经销商编码,名称,渠道类型,级别,大区,省份\r\n${code},周报测试伙伴,经销商,一级,330000,浙江省\r\n`, 1);
    await importFile(page, 'products', `products-${code}.csv`, `产品编码,产品名称\r\n${sku},智能网关 G1\r\n`, 1);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('库存周报');
    ws.mergeCells('A1:F1');
    ws.getCell('A1').value = '库存周报（第47周）';
    ws.getRow(2).values = ['序号', '经销商编码', '盘点日期', '产品编码', '库存数量', '库存金额'];
    ws.getRow(3).values = [1, code, new Date(Date.UTC(2026, 10, 27)), Number(sku), 96, 19104.5];
    ws.getRow(3).getCell(4).numFmt = '00000';
    ws.getRow(3).getCell(3).numFmt = 'yyyy/m/d';
    ws.getRow(4).values = ['合计', null, null, null, 96, 19104.5];
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await page.getByTestId('import-kind').selectOption('inventory');
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-pick').click();
    await (await chooser).setFiles({ name: `stock-${code}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    await expect(page.getByTestId('import-summary')).toContainText('1 valid');
    // The preview shows the row as it will be stored: the product's code and the stock value (they were empty).
    const row = page.getByTestId('import-preview').locator('tbody tr').first();
    await expect(row).toContainText(sku);
    await expect(row).toContainText('19104.50');
    await expect(row).toContainText('2026-11-27');
    // The title above the header and the 合计 row are said, not skipped silently: before the import and with its result.
    const skipped = 'Skipped 1 title row above the header (row 1: 库存周报（第47周）) and 1 total row (row 4: 合计)';
    await expect(page.getByTestId('import-skipped')).toHaveText(skipped);
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-result-inserted')).toHaveText('1');
    await expect(page.getByTestId('import-result-skipped')).toHaveText(skipped);
  });

  test("the current quarter's chart stops at the current month, marked to date (months to come were drawn as zeros)", async ({ page }) => {
    const now = new Date();
    await page.goto(`/#/inventory?period=${now.getFullYear()}-Q${Math.floor(now.getMonth() / 3) + 1}`);
    const note = page.getByTestId('inventory-trend-to-date');
    await expect(note).toContainText('is the current month');
    const month = (await note.textContent())!.slice(0, 7);
    const labels = () =>
      page.getByTestId('chart-inventory-trend').evaluate((el) => {
        const chart = (el as HTMLElement & { __chart?: { getOption(): { xAxis: Array<{ data: string[] }> } } }).__chart;
        return chart?.getOption().xAxis[0].data ?? [];
      });
    await expect.poll(async () => (await labels()).at(-1)).toBe(`${month} (to date)`);
    expect((await labels()).length).toBe(12);
  });

  test('the inventory rules are changed in Settings, checked in the form and kept', async ({ page }) => {
    await page.goto('/#/settings');
    const section = page.getByTestId('settings-inventory-rules');
    await expect(section.getByTestId('inventory-rule-doiLimitDays')).toHaveValue('90');
    await section.getByTestId('inventory-rule-notReportedDays').fill('0');
    await section.getByTestId('inventory-rules-save').click();
    await expect(section.locator('.field-error')).toContainText('Stock report overdue after');
    await section.getByTestId('inventory-rule-notReportedDays').fill('21');
    await section.getByTestId('inventory-rule-doiLimitDays').fill('60');
    await section.getByTestId('inventory-rule-crossTerritoryShareLimit').fill('5');
    await section.getByTestId('inventory-rules-save').click();
    await expect(section.locator('.ok')).toHaveText('Saved');
    await page.reload();
    await expect(section.getByTestId('inventory-rule-doiLimitDays')).toHaveValue('60');
    await expect(section.getByTestId('inventory-rule-notReportedDays')).toHaveValue('21');
    await expect(section.getByTestId('inventory-rule-crossTerritoryShareLimit')).toHaveValue('5');
  });
});
