import { expect, test } from './bridgeTest';

/** Issue 11, the first hour: links that keep their period, dialogs that behave like dialogs. */
test.describe('first hour (browser mode over the HTTP bridge)', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
  });

  test('the dashboard opens on the period named in the URL, and choosing one puts it in the URL', async ({ page }) => {
    await page.goto('/#/');
    const select = page.getByTestId('dashboard-period');
    await expect(select.locator('option').nth(1)).toBeAttached();
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const latest = await select.inputValue();
    const other = options.find((o) => o !== latest && o.includes('-Q'))!;
    expect(other).toBeTruthy();

    await page.goto(`/#/?period=${other}`);
    await expect(page.getByTestId('dashboard-period')).toHaveValue(other);
    // the charts are that period's: the attainment histogram links to its scorecards
    await page.getByTestId('chart-grades').getByRole('button').first().click();
    await expect(page).toHaveURL(new RegExp(`#/scorecards\\?period=${other}`));

    // typed as people write it: 2026q1, 2026年第1季度
    const [year, q] = other.split('-Q');
    if (q) {
      await page.goto(`/#/?period=${year}q${q}`);
      await expect(page.getByTestId('dashboard-period')).toHaveValue(other);
      await page.goto(`/#/?period=${encodeURIComponent(`${year}年第${q}季度`)}`);
      await expect(page.getByTestId('dashboard-period')).toHaveValue(other);
    }
    // a period never evaluated says so instead of silently showing another one
    await page.goto('/#/?period=2019-Q1');
    await expect(page.getByTestId('dashboard-period')).toHaveValue('2019-Q1');
    await expect(page.getByTestId('dashboard-not-evaluated')).toContainText('2019-Q1 has not been evaluated');

    await page.goto('/#/');
    await page.getByTestId('dashboard-period').selectOption(other);
    await expect(page).toHaveURL(new RegExp(`period=${other}`));
    await page.reload();
    await expect(page.getByTestId('dashboard-period')).toHaveValue(other);
  });
});

test.describe('dialogs', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'zh-CN'));
  });

  test('Escape closes an untouched form and gives the focus back; a filled one asks before anything is discarded; Enter submits', async ({ page }) => {
    await page.goto('/#/risks');
    const opener = page.getByTestId('risk-new');
    await opener.click();
    const form = page.getByTestId('risk-form');
    await expect(form).toBeVisible();
    // the dialog takes the focus, so Escape reaches it without a click
    await expect.poll(() => form.evaluate((f) => f.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await expect(form).toBeHidden();
    await expect(opener).toBeFocused();

    // typed into: neither Escape nor a backdrop click throws the text away without asking
    await opener.click();
    await form.locator('input[name="title"]').fill('渠道库存积压');
    await page.keyboard.press('Escape');
    const ask = page.getByTestId('modal-discard');
    await expect(ask).toContainText('放弃未保存的修改');
    await page.getByTestId('modal-keep').click();
    await expect(ask).toBeHidden();
    await expect(form.locator('input[name="title"]')).toHaveValue('渠道库存积压');
    await page.mouse.click(5, 5); // the backdrop
    await expect(ask).toBeVisible();
    await page.getByTestId('modal-discard-confirm').click();
    await expect(form).toBeHidden();

    // Enter in a field submits the form: an empty one is refused with words, not closed
    await opener.click();
    await form.locator('input[name="title"]').press('Enter');
    await expect(form.locator('.field-error').first()).toBeVisible();
    await expect(form).toBeVisible();
  });
});

test.describe('auto-risks in the register', () => {
  test.use({ viewport: { width: 3000, height: 900 } });
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
  });

  test("an evaluation's auto-risks carry an owner and a review date, and one switch hides them; the heat map says what it counts", async ({ page }) => {
    await page.goto('/#/');
    await expect(page.getByTestId('dashboard-period')).toHaveValue(/^\d{4}-Q\d$/);
    const period = await page.getByTestId('dashboard-period').inputValue();
    const reply = await page.evaluate(async (p) => {
      const res = await fetch('/api/call', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pwb-token': sessionStorage.getItem('pwb.bridgeToken') ?? '' },
        body: JSON.stringify({ op: 'evaluations.run', input: { period: p } }),
      });
      return (await res.json()) as { ok: boolean };
    }, period);
    expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true });

    await page.goto('/#/risks');
    const sources = page.getByTestId('risk-heatmap-sources');
    await expect(sources).toContainText(/from evaluation rules/);
    const counts = (await sources.innerText()).match(/\d+/g)!.map(Number);
    const [total, manual, auto, deal] = counts;
    expect(auto).toBeGreaterThan(0);
    expect(manual + auto + deal).toBe(total);
    await expect(page.getByTestId('risk-heatmap')).toHaveAttribute('data-total', String(total));

    const grid = page.getByTestId('risks-grid');
    const autoRow = grid.locator('[role="row"][row-index]').filter({ hasText: 'Evaluation rule' }).first();
    await expect(autoRow).toBeVisible();
    await expect(autoRow.locator('[col-id="owner"]')).not.toBeEmpty();
    await expect(autoRow.locator('[col-id="nextReviewOn"]')).toHaveText(/^\d{4}-\d{2}-\d{2}$/);

    // a click (not uncheck()): the box follows the URL, which the router updates a moment later
    await page.getByTestId('risk-show-auto').click();
    await expect(page.getByTestId('risk-show-auto')).not.toBeChecked();
    await expect(page).toHaveURL(/auto=hide/);
    await expect(page.getByTestId('risk-heatmap')).toHaveAttribute('data-total', String(total - auto));
    await expect(sources).toContainText('hidden');
    await expect(grid.locator('[role="row"][row-index]').filter({ hasText: 'Evaluation rule' })).toHaveCount(0);
    await page.getByTestId('risk-show-auto').click();
    await expect(page.getByTestId('risk-show-auto')).toBeChecked();
    await expect(page.getByTestId('risk-heatmap')).toHaveAttribute('data-total', String(total));
  });
});

test.describe('layout at 1280×800', () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  const PAGES = ['', 'partners', 'partners/1', 'territories', 'sales', 'inventory', 'scorecards', 'plans', 'training', 'incentives', 'payouts', 'risks', 'deals', 'mdf', 'imports', 'audit', 'settings'];

  for (const lang of ['zh-CN', 'en'] as const) {
    test(`no page scrolls sideways (${lang})`, async ({ page }) => {
      await page.addInitScript((l) => localStorage.setItem('pwb.language', l), lang);
      const wide: string[] = [];
      for (const path of PAGES) {
        await page.goto(`/#/${path}`);
        await expect(page.locator('h1').first()).toBeVisible();
        // the window and the content pane (grids scroll inside themselves)
        const over = await page.evaluate(() => {
          const doc = document.scrollingElement!;
          const pane = document.querySelector('main') ?? doc;
          return Math.max(doc.scrollWidth - doc.clientWidth, pane.scrollWidth - pane.clientWidth);
        });
        if (over > 1) wide.push(`${path || 'dashboard'} (+${over}px)`);
      }
      expect(wide).toEqual([]);
    });

    test(`every grid draws its headers, and no header is cut to "Rank (…" (${lang})`, async ({ page }) => {
      await page.addInitScript((l) => localStorage.setItem('pwb.language', l), lang);
      const GRID_PAGES = ['partners', 'sales', 'inventory', 'scorecards', 'plans', 'training', 'incentives', 'payouts', 'risks', 'deals', 'mdf', 'imports', 'audit'];
      const found: string[] = [];
      for (const path of GRID_PAGES) {
        await page.goto(`/#/${path}`);
        await expect(page.locator('.ag-header-cell-text').first()).toBeVisible();
        await expect(page.locator('.ag-header-cell-text').first()).not.toBeEmpty();
        found.push(
          ...(await page.evaluate((p) => {
            const out: string[] = [];
            // a grid squeezed to nothing (an empty box without headers) instead of its rows
            for (const g of document.querySelectorAll<HTMLElement>('.ag-root-wrapper')) {
              const h = g.getBoundingClientRect().height;
              if (h < 80) out.push(`${p}: a grid ${Math.round(h)} px high`);
            }
            // a header whose words do not fit its cell (ellipsis, or a word running under the next column)
            for (const e of document.querySelectorAll<HTMLElement>('.ag-header-cell-text')) {
              if (e.scrollWidth > e.clientWidth + 1) out.push(`${p}: "${e.textContent}" cut`);
            }
            return out;
          }, path)),
        );
      }
      expect(found).toEqual([]);
    });

    test(`the program editor's eligibility boxes sit in labelled rows (${lang})`, async ({ page }) => {
      await page.addInitScript((l) => localStorage.setItem('pwb.language', l), lang);
      await page.goto('/#/incentives');
      await page.getByTestId('program-new').click();
      const boxes = page.locator('.modal fieldset .checks').first().locator('label');
      await expect(boxes.first()).toBeVisible();
      const [a, b] = [(await boxes.nth(0).boundingBox())!, (await boxes.nth(1).boundingBox())!];
      // side by side on one line, each label as short as a box and its word (stacked, each took a line of its own)
      expect(Math.abs(a.y - b.y)).toBeLessThan(4);
      expect(b.x).toBeGreaterThan(a.x + a.width - 1);
      const box = (await boxes.nth(0).locator('input').boundingBox())!;
      const word = await boxes.nth(0).evaluate((l) => { const r = document.createRange(); r.selectNodeContents(l); r.setStartAfter(l.querySelector('input')!); return r.getBoundingClientRect().x; });
      expect(word).toBeGreaterThan(box.x + box.width - 1);
    });

    test(`the columns people come for are in view without scrolling sideways (${lang})`, async ({ page }) => {
      await page.addInitScript((l) => localStorage.setItem('pwb.language', l), lang);
      // A header cell lies wholly inside its grid's box (pinned or within the first screen of columns).
      const inView = async (grid: string, colId: string) => {
        const box = (await page.getByTestId(grid).boundingBox())!;
        await expect(page.getByTestId(grid).locator('.ag-header-cell').first()).toBeVisible();
        const cell = page.getByTestId(grid).locator(`.ag-header-cell[col-id="${colId}"]`).first();
        // a grid that virtualises its columns does not even draw one beyond the window
        if ((await cell.count()) === 0) return `${grid}/${colId} beyond the window`;
        const c = (await cell.boundingBox())!;
        return c.x >= box.x - 1 && c.x + c.width <= box.x + box.width + 1 ? 'in view' : `${grid}/${colId} at ${Math.round(c.x - box.x)}–${Math.round(c.x + c.width - box.x)} of ${Math.round(box.width)} px`;
      };
      const wanted: [string, string, string][] = [
        ['sales', 'sales-grid', 'amountMinor'],
        ['sales', 'sales-grid', 'costMinor'],
        ['scorecards', 'scorecards-grid', 'attainmentPct'],
        ['imports', 'imports-grid', 'undo'],
        ['risks', 'risks-grid', 'level'],
        ['partners', 'partners-grid', 'status'],
      ];
      const out: string[] = [];
      for (const [path, grid, colId] of wanted) {
        await page.goto(`/#/${path}`);
        const r = await inView(grid, colId);
        if (r !== 'in view') out.push(r);
      }
      // a payout run's lines: the amount column
      await page.goto('/#/payouts');
      await page.getByTestId('payout-runs-grid').locator('[role="row"][row-index="0"]').first().click();
      const r = await inView('payout-lines-grid', 'amountMinor');
      if (r !== 'in view') out.push(r);
      expect(out).toEqual([]);
    });
  }
});
