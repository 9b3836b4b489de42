import { expect, test, type Page } from './bridgeTest';
import { gridCells } from './grid';

/** An operation called over the page's bridge (the page's own token), for setting up what a test needs. */
async function bridgeCall(page: Page, op: string, input: object): Promise<{ ok: boolean; result: unknown }> {
  return page.evaluate(
    async ([o, i]) => {
      const res = await fetch('/api/call', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pwb-token': sessionStorage.getItem('pwb.bridgeToken') ?? '' },
        body: JSON.stringify({ op: o, input: i }),
      });
      return (await res.json()) as { ok: boolean; result: unknown };
    },
    [op, input] as const,
  );
}

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

test.describe('Settings: the territory tree and channel managers', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });

  test('add, rename, move and deactivate a territory; refusals and field checks read in Chinese', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'zh-CN'));
    await page.goto('/#/settings');
    const section = page.getByTestId('settings-territories');
    await section.getByTestId('territory-new').click();
    await section.getByTestId('territory-code').fill('苏 南');
    await expect(section.getByTestId('territory-form')).toContainText('请填写中文名称');
    await expect(section.getByTestId('territory-form')).toContainText('编码只能包含字母、数字和 _ . -');
    await expect(section.getByTestId('territory-save')).toBeDisabled();
    await section.getByTestId('territory-nameZh').fill('苏南区');
    await section.getByTestId('territory-nameEn').fill('South Jiangsu');
    await section.getByTestId('territory-code').fill('SUNAN');
    await section.getByTestId('territory-parent').selectOption('HD');
    await section.getByTestId('territory-save').click();
    await expect(section.getByTestId('territory-done')).toContainText('已新增区域 SUNAN');

    // the same code again: the domain's refusal, in Chinese
    await section.getByTestId('territory-new').click();
    await section.getByTestId('territory-nameZh').fill('苏南二区');
    await section.getByTestId('territory-code').fill('sunan');
    await section.getByTestId('territory-save').click();
    await expect(section.getByTestId('error-banner')).toContainText('区域编码 sunan 已被使用');

    await section.getByTestId('territory-tree-toggle').click();
    await section.getByTestId('territory-edit-320000').click();
    await section.getByTestId('territory-parent').selectOption('SUNAN');
    await section.getByTestId('territory-save').click();
    await expect(section.getByTestId('territory-done')).toContainText('已保存区域 320000');
    // moving 苏南区 under 江苏 (its own child now) is refused, in Chinese
    await section.getByTestId('territory-edit-SUNAN').click();
    await section.getByTestId('territory-nameZh').fill('苏南大区');
    await section.getByTestId('territory-parent').selectOption('320000');
    await section.getByTestId('territory-save').click();
    await expect(section.getByTestId('error-banner')).toContainText('不能移到它自身或它的下级区域');
    await expect(section.getByTestId('territory-row-SUNAN')).toContainText('苏南大区');
    await section.getByTestId('territory-toggle-active').click();
    await expect(section.getByTestId('territory-row-SUNAN')).toContainText('已停用');

    const managers = page.getByTestId('settings-managers');
    await managers.getByTestId('manager-new').click();
    await managers.getByTestId('manager-name').fill('欧阳澜');
    await managers.getByTestId('manager-email').fill('ouyanglan@');
    await expect(managers.getByTestId('manager-form')).toContainText('请输入邮箱地址');
    await managers.getByTestId('manager-email').fill('ouyanglan@example.com');
    await managers.getByTestId('manager-territory').selectOption('HD');
    await managers.getByTestId('manager-save').click();
    const row = managers.getByTestId('managers-table').locator('tr', { hasText: '欧阳澜' });
    await expect(row).toContainText('ouyanglan@example.com');
    await expect(row).toContainText('华东');
  });

  test('add a city under a standard province from Settings, in English; a city takes nothing below it', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
    await page.goto('/#/settings');
    const section = page.getByTestId('settings-territories');
    await section.getByTestId('territory-tree-toggle').click();
    await section.getByTestId('territory-add-under-440000').click();
    await expect(section.getByTestId('territory-parent')).toHaveValue('440000');
    await expect(section.getByTestId('territory-kind')).toHaveValue('city');
    await section.getByTestId('territory-nameZh').fill('深圳市');
    await section.getByTestId('territory-nameEn').fill('Shenzhen');
    await section.getByTestId('territory-code').fill('440300');
    await section.getByTestId('territory-save').click();
    await expect(section.getByTestId('territory-done')).toContainText('440300');
    const row = section.getByTestId('territory-row-440300');
    await expect(row).toContainText('深圳市');
    await expect(row).toContainText('City');
    await expect(section.getByTestId('territory-add-under-440300')).toHaveCount(0);
    // a province picked under the city is refused by the domain, in English
    await section.getByTestId('territory-new').click();
    await section.getByTestId('territory-nameZh').fill('南山区');
    await section.getByTestId('territory-parent').selectOption('440300');
    await section.getByTestId('territory-kind').selectOption('province');
    await section.getByTestId('territory-save').click();
    await expect(section.getByTestId('error-banner')).toContainText('cannot lie under 440300 (city): nothing lies under a city');
  });

  test('the partner page shows the channel manager history', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
    await page.goto('/#/partners');
    await page.getByTestId('partners-grid-filter').fill('P0001');
    await expect(gridCells(page, 'partners-grid', 'code')).toHaveText(['P0001']);
    await gridCells(page, 'partners-grid', 'code').first().locator('a').click();
    const panel = page.getByTestId('manager-history');
    await expect(panel).toContainText('Channel manager history');
    // the demo assigned every partner at onboarding
    await expect(panel.locator('tbody tr').first()).toContainText('onboarding');
  });
});

test.describe('imports: unknown territories', () => {
  test('the wizard lists each unknown territory once with its rows and creates exactly those on confirm', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
    await page.goto('/#/imports');
    await page.getByTestId('import-kind').selectOption('partners');
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-pick').click();
    const csv = 'Partner Code,Name,Channel Type,Region\r\nUS-001,Acme West,dealer,West\r\nUS-002,Beta West,dealer,West\r\nUS-003,Gamma,dealer,Eastern Seaboard\r\nUS-004,Delta,dealer,East China\r\n';
    await (await chooser).setFiles({ name: 'us-partners.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await expect(page.getByTestId('import-file')).toContainText('us-partners.csv');
    await page.getByTestId('import-run').click();
    const confirm = page.getByTestId('import-create-confirm');
    await expect(confirm).toContainText('2 new territories: West (2 rows), Eastern Seaboard (1 row).');
    await page.getByTestId('import-create-run').click();
    await expect(page.getByTestId('import-result-inserted')).toHaveText('4');
    await expect(page.getByTestId('import-created')).toContainText('territory West created, territory Eastern Seaboard created');
    await page.goto('/#/settings');
    await page.getByTestId('territory-tree-toggle').click();
    await expect(page.getByTestId('territory-tree')).toContainText('Eastern Seaboard');
    await expect(page.getByTestId('territory-row-WEST')).toContainText('2');
  });
});

test.describe('Mine (我的)', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });
  test('with the user profile naming a channel manager, Mine narrows the expiring certificates to that manager’s partners', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
    await page.goto('/#/training?tab=expiring');
    await page.getByTestId('expiring-days').selectOption('365');
    const owners = gridCells(page, 'expiring-grid', 'partnerOwner');
    await expect(owners.first()).toBeVisible();
    const all = await owners.allTextContents();
    const me = all[0];
    expect(new Set(all).size).toBeGreaterThan(1);

    await page.goto('/#/settings');
    await page.getByTestId('user-profile-name').fill(me);
    await page.getByTestId('user-profile-save').click();
    await page.goto('/#/training?tab=expiring');
    await page.getByTestId('expiring-days').selectOption('365');
    await page.getByTestId('expiring-mine').check();
    await expect.poll(async () => [...new Set(await owners.allTextContents())]).toEqual([me]);
    await page.getByTestId('expiring-mine').uncheck();
    await expect.poll(async () => new Set(await owners.allTextContents()).size).toBeGreaterThan(1);

    // the dashboard's overdue risk reviews: Mine keeps fewer (the others' partners' risks go), and is remembered
    await page.goto('/#/');
    const overdue = page.getByTestId('overdue-risks');
    const reviewsHeading = overdue.locator('strong').first();
    await expect(overdue).toBeVisible();
    const count = async () => Number(/\((\d+)\)/.exec((await overdue.textContent()) ?? '')?.[1] ?? 0);
    await expect(reviewsHeading).toBeVisible();
    const everyone = await count();
    expect(everyone).toBeGreaterThan(0);
    await page.getByTestId('overdue-mine').check();
    await expect.poll(count).toBeLessThan(everyone);
    await page.reload();
    await expect(page.getByTestId('overdue-mine')).toBeChecked();

    // the risk register: Mine keeps fewer risks, and the heat map counts follow
    await page.goto('/#/risks');
    const sources = page.getByTestId('risk-heatmap-sources');
    const total = async () => Number(/\d+/.exec((await sources.textContent()) ?? '')?.[0] ?? -1);
    await expect(sources).toBeVisible();
    const allRisks = await total();
    expect(allRisks).toBeGreaterThan(0);
    await page.getByTestId('risks-mine').check();
    await expect.poll(total).toBeLessThan(allRisks);
  });
});

test.describe('Mine (我的) on the sales grid', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });
  test('Mine keeps the sales lines of my partners, the totals follow, and it is remembered', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'zh-CN'));
    await page.goto('/#/sales');
    const call = (op: string, input: object) => bridgeCall(page, op, input).then((r) => r.result);
    // the channel manager with the most partners is "me"
    const managers = (await call('channelManagers.list', {})) as Array<{ id: number; name: string; partners: number }>;
    const me = [...managers].sort((a, b) => b.partners - a.partners)[0];
    const myCodes = new Set(((await call('partners.list', { channelManagerIds: [me.id], limit: 5000 })) as { rows: Array<{ code: string }> }).rows.map((p) => p.code));
    expect(myCodes.size).toBeGreaterThan(0);
    await page.goto('/#/settings');
    await page.getByTestId('user-profile-name').fill(me.name);
    await page.getByTestId('user-profile-save').click();
    await expect.poll(async () => ((await call('system.settings.get', { key: 'user.name' })) as { value: unknown }).value).toBe(me.name);

    await page.goto('/#/sales');
    const totals = page.getByTestId('sales-totals');
    const lines = async () => Number(/([\d,]+)/.exec((await totals.textContent()) ?? '')?.[1].replace(/,/g, '') ?? -1);
    await expect(totals).toBeVisible();
    const everyone = await lines();
    expect(everyone).toBeGreaterThan(0);
    await page.getByTestId('sales-mine').check();
    await expect.poll(lines).toBeLessThan(everyone);
    const codes = gridCells(page, 'sales-grid', 'partnerCode');
    await expect(codes.first()).toBeVisible();
    for (const code of await codes.allTextContents()) expect(myCodes, `sales line of ${code}`).toContain(code);
    const mine = await lines();
    await page.reload();
    await expect(page.getByTestId('sales-mine')).toBeChecked();
    await expect.poll(lines).toBe(mine);
    await page.getByTestId('sales-mine').uncheck();
    await expect.poll(lines).toBe(everyone);
  });
});

test.describe('city tiles', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });
  test('a province with cities opens its city tiles; a city tile filters the partners grid', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'zh-CN'));
    await page.goto('/#/territories');
    const call = (op: string, input: object) => bridgeCall(page, op, input);
    // 浙江 gets two cities; one of its partners is assigned to 杭州
    expect((await call('territories.add', { nameZh: '杭州市', nameEn: 'Hangzhou', code: '330100', parent: '330000' })).ok).toBe(true);
    expect((await call('territories.add', { nameZh: '宁波市', nameEn: 'Ningbo', code: '330200', parent: '330000' })).ok).toBe(true);
    const zj = (await call('partners.list', { places: ['330000'], limit: 5 })).result as { rows: Array<{ id: number; code: string }> };
    expect(zj.rows.length).toBeGreaterThan(0);
    expect((await call('partners.update', { id: zj.rows[0].id, patch: { territory: '330100' } })).ok).toBe(true);
    await page.reload();
    await page.getByTestId('map-measure').selectOption('partners');
    const { x, y } = await tilePoint(page, '330000');
    await page.mouse.click(x, y);
    await expect(page).toHaveURL(/province=330000/);
    const tiles = page.getByTestId('city-tiles');
    await expect(tiles).toContainText('浙江省：城市');
    await expect(page.getByTestId('city-row-330100')).toContainText('杭州市');
    expect(Number(await page.getByTestId('city-row-330100').locator('td').nth(1).textContent())).toBeGreaterThanOrEqual(1);
    await expect(page.getByTestId('city-row-330200')).toContainText('宁波市');
    await expect(page.getByTestId('city-row-elsewhere')).toContainText('省内其他地区');
    await page.getByTestId('city-tiles-close').click();
    await expect(page.getByTestId('province-cities-330000')).toContainText('2 个城市');
    await page.getByTestId('province-cities-330000').click();
    await page.getByTestId('city-tile-330100').click();
    await expect(page).toHaveURL(/#\/partners\?place=330100/);
    await expect(gridCells(page, 'partners-grid', 'code').first()).toBeVisible();
    expect(await gridCells(page, 'partners-grid', 'code').allTextContents()).toContain(zj.rows[0].code);
  });
});

test.describe('territory scorecard and places the company added (runs last: it adds a province)', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });

  test('revenue, attainment and health per territory beside coverage; an added province gets a tile that filters the grid', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
    await page.goto('/#/territories');
    await expect(page.getByTestId('scorecard-period')).toBeVisible();
    await expect(page.getByTestId('revenue-HD')).toContainText(/\d/);
    await expect(page.getByTestId('attainment-HD')).toContainText('%');
    await expect(page.getByTestId('health-HD')).toHaveText(/^\d+\.\d$/);
    await expect(page.getByTestId('map-added-note')).toHaveCount(0);

    const reply = await bridgeCall(page, 'territories.add', { nameZh: '海外', code: 'OVERSEAS', nameEn: 'Overseas', parent: 'HN', kind: 'province' });
    expect(reply.ok).toBe(true);
    await page.reload();
    await expect(page.getByTestId('map-added-note')).toContainText('Overseas');
    await expect(page.getByTestId('province-table').locator('tbody tr')).toHaveCount(35);
    const { x, y } = await tilePoint(page, 'OVERSEAS');
    await page.mouse.click(x, y);
    await expect(page).toHaveURL(/#\/partners\?place=OVERSEAS/);
  });
});
