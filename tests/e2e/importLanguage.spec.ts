import { expect, test, type Page } from './bridgeTest';
import { gridCell } from './grid';

/**
 * The import in Chinese from end to end (issue 11, "Words on screen"): a file with bad rows and an empty file, through
 * the wizard in zh-CN, are refused in Chinese — no English word, no field path, no CLI advice — and the history shows
 * the rows an import set aside, and why, in Chinese too.
 */
const FIELD_PATH = /\b[a-z]+[A-Z]\w*\b|\w+\.\d+\.\w+|--[a-z]/;

/** Latin words left once the file's own values (quoted “…”) are taken out: a Chinese screen has none. */
function latinWords(text: string): string[] {
  return text.replace(/“[^”]*”/g, '').match(/[A-Za-z]{2,}/g) ?? [];
}

async function chooseFile(page: Page, name: string, content: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-pick').click();
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
  await expect(page.getByTestId('import-file')).toContainText(name);
}

async function expectChinese(texts: string[]) {
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) {
    expect(text, text).toMatch(/[\u4e00-\u9fff]/);
    expect(latinWords(text), text).toEqual([]);
    expect(text, text).not.toMatch(FIELD_PATH);
  }
}

test.describe('imports in Chinese', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'zh-CN'));
  });

  test('a file with bad rows: the preview, the refusal and the rows set aside are all in Chinese', async ({ page }) => {
    const tag = String(Date.now() % 1_000_000);
    // Chinese headers, as the channel manager's own file has them; five rows, four of them bad in different ways.
    const csv =
      '伙伴编码,日期,订单号,金额,数量\r\n' +
      `P0001,2025-01-02,B-${tag}-1,100,1\r\n` +
      `Q404,2025-01-02,B-${tag}-2,100,1\r\n` + // unknown partner
      `P0001,2025-13-01,B-${tag}-3,100,1\r\n` + // month 13
      `P0001,2025-01-03,B-${tag}-4,一百,1\r\n` + // not a number
      `,2025-01-03,B-${tag}-5,100,1\r\n`; // partner code missing
    await page.goto('/#/imports');
    await page.getByTestId('import-kind').selectOption('sales');
    await chooseFile(page, `坏行-${tag}.csv`, csv);
    await expect(page.getByTestId('import-summary')).toContainText('4');
    await expectChinese(await page.getByTestId('import-summary-errors').locator('li').allInnerTexts());

    // All or nothing: refused, every row error listed in Chinese, the banner too — without "--accept-valid".
    await page.getByTestId('import-run').click();
    const errors = page.getByTestId('import-run-errors').locator('li');
    await expect(errors).toHaveCount(4);
    const listed = await errors.allInnerTexts();
    await expectChinese(listed);
    expect(listed.join('\n')).toContain('未知的伙伴编码“Q404”');
    expect(listed.join('\n')).toContain('伙伴编码为必填项');
    const banner = (await page.getByTestId('error-banner').allInnerTexts()).join('\n');
    expect(banner).toContain('没有导入任何数据');
    await expectChinese([banner.replaceAll(`坏行-${tag}.csv`, '')]);

    // Import the valid rows: the history's rejected count opens the rows set aside and why, in Chinese.
    await page.getByTestId('import-accept-valid').check();
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-result-rejected')).toHaveText('4');
    const id = await gridCell(page, 'imports-grid', 'id', 0).innerText();
    await page.getByTestId(`import-errors-${id.trim()}`).click();
    const stored = page.getByTestId('import-stored-error-list').locator('li');
    await expect(stored).toHaveCount(4);
    await expectChinese(await stored.allInnerTexts());
  });

  test('a stock report as partners send it: a row error of the row itself reads without an empty column, a code Excel stripped of its zeros names the stored one', async ({ page }) => {
    const tag = String(10_000 + (Date.now() % 90_000));
    await page.goto('/#/imports');
    await page.getByTestId('import-kind').selectOption('products');
    await chooseFile(page, `产品-${tag}.csv`, `产品编码,产品名称\r\n00${tag},测试网关\r\n`);
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-result-inserted')).toHaveText('1');

    await page.getByTestId('import-kind').selectOption('inventory');
    // Row 3 repeats row 2's partner, date, product and warehouse; row 4 names the product as Excel saved it (no zeros).
    await chooseFile(page, `库存-${tag}.csv`, `经销商编码,日期,物料编码,仓库,库存数量\r\nP0001,2026/11/30,00${tag},杭州仓,5\r\nP0001,2026/11/30,00${tag},杭州仓,4\r\nP0001,2026/11/30,${tag},杭州仓,1\r\n`);
    const preview = page.getByTestId('import-summary-errors').locator('li');
    await expect(preview).toHaveCount(2);
    // The preview table's problem cell: the column, then what is wrong (it read '物料编码 未知的产品…').
    await expect(page.getByTestId('import-preview').locator('tbody tr').nth(2)).toContainText(`物料编码：未知的产品“${tag}”`);
    await page.getByTestId('import-run').click();
    const listed = page.getByTestId('import-run-errors').locator('li');
    await expect(listed).toHaveCount(2);
    for (const lines of [await preview.allInnerTexts(), await listed.allInnerTexts()]) {
      await expectChinese(lines);
      expect(lines[0]).toBe('第 3 行：本文件第 2 行的伙伴、日期、产品和仓库与此行相同（请合并数量，或注明仓库）');
      expect(lines[1]).toContain(`第 4 行，列“物料编码”，值“${tag}”：未知的产品“${tag}”；是否为 “00${tag}”？（表格软件把编码当作数字，去掉了开头的 0`);
    }
  });

  test('an empty file is refused in Chinese before anything is read', async ({ page }) => {
    await page.goto('/#/imports');
    await page.getByTestId('import-kind').selectOption('sales');
    await chooseFile(page, `空文件-${Date.now() % 100000}.csv`, '');
    const banner = page.getByTestId('error-banner');
    await expect(banner).toContainText('文件是空的');
    await expectChinese([(await banner.innerText()).replace(/空文件-\d+\.csv/g, '')]);
    await expect(page.getByTestId('import-run')).toHaveCount(0);
  });

  test('switching the language saves it for the workspace (what a rejected-rows file without a language is worded in)', async ({ page }) => {
    await page.goto('/#/imports');
    const saved = () =>
      page.evaluate(async () => {
        const res = await fetch('/api/call', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-pwb-token': sessionStorage.getItem('pwb.bridgeToken') ?? '' },
          body: JSON.stringify({ op: 'system.settings.get', input: { key: 'ui.language' } }),
        });
        return ((await res.json()) as { result: { value: unknown } }).result.value;
      });
    await page.getByTestId('language-switch').selectOption('en');
    await expect.poll(saved).toBe('en');
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect.poll(saved).toBe('zh-CN');
  });
});
