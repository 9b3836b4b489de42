import { readFileSync } from 'node:fs';
import { expect, test } from './bridgeTest';
import { gridCell, gridCells } from './grid';

/**
 * Grid export: a re-ordered, filtered, sorted partners grid (the state the grid remembers, as a user left it) exported
 * to CSV through the domain; the file holds exactly what the grid shows, under the Chinese headers, in the same order.
 */
test.describe('grid export', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      localStorage.setItem('pwb.language', 'zh-CN');
      localStorage.setItem(
        'pwb.grid.partners',
        JSON.stringify({
          columnVisibility: { hiddenColIds: ['province', 'city', 'channelManager', 'contactName', 'phone', 'joinedOn', 'deletedAt'] },
          sort: { sortModel: [{ colId: 'name', sort: 'desc' }] },
          filter: { filterModel: { channelType: { filterType: 'text', type: 'equals', filter: '经销商' } } },
        }),
      );
    });
  });

  test('exports the filtered, re-ordered, sorted partners grid to CSV: the file is what the grid shows', async ({ page }) => {
    await page.goto('/#/partners');
    const grid = 'partners-grid';
    await expect(gridCell(page, grid, 'channelType', 0)).toHaveText('经销商');
    await expect(gridCell(page, grid, 'territory', 0)).toHaveText(/[\u4e00-\u9fff]/); // territory names, once the tree has loaded
    // Re-order as a user does: drag 状态 (status) onto 名称 (name), so it comes right after the pinned code.
    const header = (text: string) => page.getByTestId(grid).locator('.ag-header-cell', { has: page.locator('.ag-header-cell-text', { hasText: new RegExp(`^${text}$`) }) });
    await header('状态').dragTo(header('名称'), { targetPosition: { x: 5, y: 10 } });
    await expect(page.getByTestId(grid).locator('.ag-header-cell-text').nth(1)).toHaveText('状态');
    const headers = await page.getByTestId(grid).locator('.ag-header-cell-text').allTextContents();
    const count = await gridCells(page, grid, 'name').count();
    expect(count).toBeGreaterThan(1);
    const cols = ['code', 'status', 'name', 'channelType', 'tier', 'territory'];
    const shown: string[][] = [];
    for (let i = 0; i < count; i++) {
      const row: string[] = [];
      for (const c of cols) row.push(((await gridCell(page, grid, c, i).textContent()) ?? '').trim());
      shown.push(row);
    }
    expect(shown.every((r) => r[3] === '经销商')).toBe(true);
    expect(shown.map((r) => r[2])).toEqual([...shown.map((r) => r[2])].sort().reverse()); // sorted by name, descending

    await page.getByTestId(`${grid}-export-button`).click();
    await page.getByTestId(`${grid}-export-csv`).click();
    await expect(page.getByTestId(`${grid}-export-done`)).toContainText(`已写入 ${shown.length} 行`);
    const download = page.waitForEvent('download');
    await page.getByTestId(`${grid}-export-open`).click();
    const file = readFileSync((await (await download).path())!, 'utf8');
    const lines = file.replace(/^\uFEFF/, '').split('\r\n').slice(0, -1);
    expect(lines[0].split(',')).toEqual(headers.slice(0, cols.length));
    expect(lines[0]).toBe('伙伴编码,状态,名称,渠道类型,渠道级别,区域');
    expect(lines.slice(1).map((l) => l.split(','))).toEqual(shown);
  });
});

test.describe('partner ledger on the partner page', () => {
  test('shows opening, entries with running balance and closing; exports the ledger grid and issues the 对账单', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'zh-CN'));
    // The demo's paid run: a partner with a line in it has approved and paid entries.
    await page.goto('/#/payouts');
    await page.getByTestId('payout-runs-grid').locator('[role="gridcell"][col-id="status"]', { hasText: '已支付' }).first().click();
    const code = ((await page.getByTestId('payout-lines-grid').locator('[role="gridcell"][col-id="partnerCode"]').first().textContent()) ?? '').trim();
    await page.goto('/#/partners');
    await page.getByTestId('partners-grid-filter').fill(code);
    await page.getByTestId('partners-grid').getByTestId('partner-link').filter({ hasText: new RegExp(`^${code}$`) }).click();
    const ledger = page.getByTestId('partner-ledger');
    await ledger.getByTestId('ledger-from').fill('2020-01-01');
    await expect(gridCells(page, 'ledger-grid', 'kind').first()).toHaveText('批准应付');
    const kinds = await gridCells(page, 'ledger-grid', 'kind').allTextContents();
    expect(kinds).toContain('付款');
    const balances = await gridCells(page, 'ledger-grid', 'balanceMinor').allTextContents();
    await expect(ledger.getByTestId('ledger-closing')).toHaveText(balances.at(-1)!.trim());
    await expect(ledger.getByTestId('ledger-opening')).toHaveText('¥0.00');

    await ledger.getByTestId('ledger-grid-export-button').click();
    await ledger.getByTestId('ledger-grid-export-xlsx').click();
    await expect(ledger.getByTestId('ledger-grid-export-done')).toContainText(`已写入 ${kinds.length} 行`);

    await ledger.getByTestId('ledger-statement').click();
    await expect(ledger.getByTestId('ledger-statement-done')).toBeVisible();
  });
});

test.describe('print view', () => {
  test('prints the rows the grid holds now — every one, not only those scrolled into view — then restores the grid', async ({ page }) => {
    await page.addInitScript(() => {
      localStorage.setItem('pwb.language', 'en');
      // The print dialog is the system's: record what it would print instead (in print layout every row is in the page).
      const w = window as unknown as { print: () => void; __printed?: { rows: number; codes: string[]; target: string | null; heading: string } };
      w.print = () => {
        const target = document.querySelector('.print-target');
        w.__printed = {
          rows: target?.querySelectorAll('.ag-row').length ?? 0,
          codes: [...(target?.querySelectorAll('.ag-row [col-id="code"]') ?? [])].map((c) => c.textContent ?? ''),
          target: target?.getAttribute('data-testid') ?? null,
          heading: target?.querySelector('.print-heading')?.textContent ?? '',
        };
      };
    });
    await page.goto('/#/partners');
    const grid = 'partners-grid';
    await expect(gridCell(page, grid, 'code', 0)).toBeVisible();
    const shown = Number(/\d+/.exec((await page.getByTestId(grid).locator('.grid-toolbar .muted').first().textContent()) ?? '')?.[0]);
    const onScreen = await page.getByTestId(grid).locator('.ag-center-cols-container .ag-row').count();
    expect(shown).toBeGreaterThan(onScreen); // the grid scrolls virtually: fewer rows in the page than it holds
    await page.getByTestId(`${grid}-print-view`).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __printed?: { rows: number } }).__printed?.rows ?? -1)).toBe(shown);
    const printed = await page.evaluate(() => (window as unknown as { __printed: { codes: string[]; target: string; heading: string } }).__printed);
    expect(printed.target).toBe(grid);
    expect(printed.heading).toContain('Printed');
    expect(new Set(printed.codes).size).toBe(shown);
    // back to the screen layout
    await expect(page.locator('.print-target')).toHaveCount(0);
    await expect(page.locator('body')).not.toHaveClass(/printing-grid/);
    await expect.poll(() => page.getByTestId(grid).locator('.ag-center-cols-container .ag-row').count()).toBeLessThan(shown);
  });
});
