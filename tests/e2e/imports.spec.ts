import { expect, test, type Page } from './bridgeTest';
import { gridCells, gridCell } from './grid';

/** Picks a file in the wizard: in browser mode the bridge opens a file chooser and uploads the file. */
async function chooseFile(page: Page, name: string, content: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-pick').click();
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
  await expect(page.getByTestId('import-file')).toContainText(name);
}

test.describe('imports wizard (browser mode over the HTTP bridge)', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
  });

  test('imports a partners CSV and a sales CSV end to end; the rows appear in the grids', async ({ page }) => {
    const code = `IMP${Date.now() % 100000}`;
    await page.goto('/#/imports');

    // Partners: Chinese headers are matched automatically, channel type words become codes.
    await page.getByTestId('import-kind').selectOption('partners');
    await chooseFile(page, `partners-${code}.csv`, `\uFEFF经销商编码,名称,渠道类型,级别,大区\r\n${code},导入测试伙伴,经销商,一级,华东\r\n`);
    await expect(page.getByTestId('import-detected')).toContainText('CSV');
    await expect(page.getByTestId('import-map-code')).toHaveValue('经销商编码');
    await expect(page.getByTestId('import-map-channelType')).toHaveValue('渠道类型');
    await expect(page.getByTestId('import-preview')).toContainText('导入测试伙伴');
    await expect(page.getByTestId('import-summary')).toContainText('1 valid');
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-result-inserted')).toHaveText('1');
    await expect(gridCell(page, 'imports-grid', 'fileName', 0)).toHaveText(`partners-${code}.csv`);

    // Sales for that partner, with a day-first date the user confirms through the suggested format.
    await page.getByTestId('import-kind').selectOption('sales');
    await chooseFile(page, `sales-${code}.csv`, `Partner Code,Order Date,Order ID,Sales,Quantity\r\n${code},13/01/2025,SO-1,"1,234.50",2\r\n${code},14/01/2025,SO-2,¥99,1\r\n`);
    await expect(page.getByTestId('import-map-amount')).toHaveValue('Sales');
    await expect(page.getByTestId('import-summary')).toContainText('2 with errors');
    await page.getByTestId('import-date-suggest').click();
    await expect(page.getByTestId('import-date-format')).toHaveValue('DD/MM/YYYY');
    await expect(page.getByTestId('import-summary')).toContainText('2 valid');
    await expect(page.getByTestId('import-preview')).toContainText('2025-01-13');
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-result-inserted')).toHaveText('2');
    await expect(gridCell(page, 'imports-grid', 'fileName', 0)).toHaveText(`sales-${code}.csv`);
    await expect(gridCell(page, 'imports-grid', 'inserted', 0)).toHaveText('2');

    // The same file again: the wizard warns with the earlier import and offers to replace it (no plain Import button).
    const salesCsv = `Partner Code,Order Date,Order ID,Sales,Quantity\r\n${code},13/01/2025,SO-1,"1,234.50",2\r\n${code},14/01/2025,SO-2,¥99,1\r\n`;
    await chooseFile(page, `sales-${code}.csv`, salesCsv);
    await expect(page.getByTestId('import-already')).toContainText('This file was already imported');
    await expect(page.getByTestId('import-run')).toHaveCount(0);
    await page.getByTestId('import-date-suggest').click();
    await page.getByTestId('import-replace').click();
    await expect(page.getByTestId('import-result-inserted')).toHaveText('2');
    await expect(gridCell(page, 'imports-grid', 'status', 1)).toHaveText(/undone|Undone/);

    // The imported partner is in the partners grid.
    await page.goto('/#/partners');
    await page.getByTestId('partners-grid-filter').fill(code);
    await expect(gridCells(page, 'partners-grid', 'code')).toHaveText([code]);
    await expect(gridCells(page, 'partners-grid', 'name')).toHaveText(['导入测试伙伴']);
  });
});
