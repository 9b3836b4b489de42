import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from './bridgeTest';
import { ADMIN_PASSWORD, ADMIN_USER, startTestCluster, type TestCluster } from '../helpers/postgres';
import { TEMPLATE_DB } from './workspaces';

/**
 * HQ in the window, against a real PostgreSQL cluster of its own: reference data pulled from HQ is marked and
 * protected on the pages, a program is made from an HQ template, and the HQ overview page reads what two offices
 * published (with the conflicts between them) — and says so in words when HQ cannot be reached.
 */
const PW = 'e2e-office-password';
let cluster: TestCluster;
let dir: string;
let pwFile: string;
let published: Promise<void> | null = null;

function pwb(args: string[]): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/pwb.ts', ...args], { encoding: 'utf8', env: { ...process.env, PGPASSWORD: undefined, PWB_LANG: 'en' } as NodeJS.ProcessEnv, timeout: 300_000 });
  if (r.status !== 0) throw new Error(`pwb ${args.slice(0, 2).join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

const url = (role: string) => `postgres://${role}@127.0.0.1:${cluster.port}/pwb_hq`;
const adminArgs = () => ['--hq', `postgres://${ADMIN_USER}@127.0.0.1:${cluster.port}/pwb_hq`, '--password-file', join(dir, 'admin.pw')];

test.beforeAll(async () => {
  test.setTimeout(300_000);
  cluster = await startTestCluster();
  dir = mkdtempSync(join(tmpdir(), 'pwb-e2e-hq-'));
  pwFile = join(dir, 'office.pw');
  writeFileSync(pwFile, PW);
  writeFileSync(join(dir, 'admin.pw'), ADMIN_PASSWORD);
  chmodSync(pwFile, 0o600);
  chmodSync(join(dir, 'admin.pw'), 0o600);
  pwb(['hq', 'setup', ...adminArgs()]);
  for (const role of ['office_east', 'office_west']) pwb(['hq', 'add-office', ...adminArgs(), '--role', role, '--office-password-file', pwFile]);
  pwb(['hq', 'add-office', ...adminArgs(), '--role', 'hq_analyst', '--reader', '--office-password-file', pwFile]);
  const lists: Array<[string, unknown[]]> = [
    ['territory', [{ code: 'HQ-E2E', name: '总部直管区', data: { nameEn: 'HQ managed region' } }]],
    ['course', [{ code: 'HQ-CERT', name: '总部渠道认证', data: { titleEn: 'HQ channel certification', category: 'product', validityMonths: 12 } }]],
    ['product', [{ code: 'HQ-SKU-1', name: '总部标准机型', data: { unit: '台', prices: [{ validFrom: '2020-01-01', floorPriceMinor: 120_000, listPriceMinor: 150_050 }] } }]],
    ['program_template', [{ code: 'TPL-Q-REBATE', name: '总部季度阶梯返利', data: { type: 'tiered_rebate', periodKind: 'quarter', basis: 'revenue', tiering: 'retroactive', tiers: [{ from: 0, rate: 0.01 }, { from: 500000, rate: 0.02 }], eligibility: { statuses: ['active'] } } }]],
  ];
  for (const [kind, items] of lists) {
    const file = join(dir, `${kind}.json`);
    writeFileSync(file, JSON.stringify(items));
    pwb(['hq', 'reference', 'publish', ...adminArgs(), '--kind', kind, '--file', file]);
  }
});

test.afterAll(() => {
  cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Once per spec: this spec's workspace pulls HQ's reference data and publishes as 华东大区; a second office (a copy of
 * the demo with its own workspace id, so the same partner codes) publishes as 华西大区.
 */
function pullAndPublish(dbPath: string): Promise<void> {
  published ??= (async () => {
    pwb(['hq', 'pull', '--db', dbPath, '--hq', url('office_east'), '--password-file', pwFile]);
    pwb(['hq', 'publish', '--db', dbPath, '--hq', url('office_east'), '--password-file', pwFile, '--office', '华东大区']);
    const west = join(dir, 'west.sqlite');
    copyFileSync(TEMPLATE_DB, west);
    const db = new Database(west);
    db.prepare("UPDATE workspace_identity SET workspace_id = '00000000-0000-4000-8000-00000000e2e2'").run();
    db.close();
    pwb(['hq', 'publish', '--db', west, '--hq', url('office_west'), '--password-file', pwFile, '--office', '华西大区']);
  })();
  return published;
}

/** The latest quarter with sales in the demo workspace: the period the overview is opened on. */
function latestSalesQuarter(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true });
  const { d } = db.prepare('SELECT max(date) AS d FROM sales_lines').get() as { d: string };
  db.close();
  return `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Browser mode opens only files in the server's own folder: the key file goes there (mode 600, as the app requires). */
function keyFileIn(filesDir: string): string {
  const file = join(filesDir, 'hq-office.pw');
  copyFileSync(pwFile, file);
  chmodSync(file, 0o600);
  return file;
}

async function configureHq(page: Page, keyFile: string, address: string) {
  await page.goto('/#/settings');
  const hq = page.getByTestId('hq-section');
  await hq.getByTestId('hq-office').fill('华东大区');
  await hq.getByTestId('hq-url').fill(address);
  await hq.getByTestId('hq-password-file').fill(keyFile);
  await hq.getByTestId('hq-save').click();
  await expect(hq.getByTestId('hq-publish')).toBeEnabled();
}

test.describe('HQ in the window (a PostgreSQL cluster of its own)', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
  });

  test('pulled territories and courses carry the HQ badge and offer no edit; the reason is the domain\'s words', async ({ page, specServer }) => {
    await pullAndPublish(specServer.dbPath);
    await page.goto('/#/settings');
    const tree = page.getByTestId('settings-territories');
    await tree.getByTestId('territory-tree-toggle').click();
    const row = tree.getByTestId('territory-row-HQ-E2E');
    await expect(row.getByTestId('hq-badge-HQ-E2E')).toHaveText(/^HQ v\d+$/);
    await expect(row.getByTestId('hq-badge-HQ-E2E')).toHaveAttribute('title', /^Territory HQ-E2E comes from HQ \(version \d+\) and cannot be changed or deleted here/);
    await expect(tree.getByTestId('territory-edit-HQ-E2E')).toBeDisabled();
    // the office's own territories stay editable
    const own = tree.locator('[data-testid^="territory-edit-"]:not([disabled])').first();
    await expect(own).toBeEnabled();

    await page.goto('/#/training?tab=courses');
    const grid = page.getByTestId('courses-grid');
    await expect(grid.getByTestId('hq-badge-HQ-CERT')).toHaveText(/^HQ v\d+$/);
    await grid.getByText('HQ-CERT', { exact: true }).click();
    const form = page.getByTestId('course-form');
    await expect(form.getByTestId('course-hq-note')).toContainText('Course HQ-CERT comes from HQ');
    await expect(form.getByTestId('course-save')).toBeDisabled();
    await expect(form.getByTestId('course-delete')).toBeDisabled();
    await expect(form.locator('input[name="titleZh"]')).toBeDisabled();

    // Chinese: the same badge and reason in Chinese
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(page.getByTestId('courses-grid').getByTestId('hq-badge-HQ-CERT')).toHaveText(/^总部 v\d+$/);
    await expect(page.getByTestId('courses-grid').getByTestId('hq-badge-HQ-CERT')).toHaveAttribute('title', /^课程 HQ-CERT 由总部统一下发（版本 \d+），不能在本地修改或删除/);
  });

  test('Settings → Products: the HQ product and its HQ prices are marked, Edit and Set price disabled (the reason on hover); own products are added, edited and priced', async ({ page, specServer }) => {
    await pullAndPublish(specServer.dbPath);
    await page.goto('/#/settings');
    const products = page.getByTestId('settings-products');
    const hqRow = products.getByTestId('product-row-HQ-SKU-1');
    await expect(hqRow.getByTestId('hq-badge-HQ-SKU-1')).toHaveText(/^HQ v\d+$/);
    await expect(hqRow).toContainText('总部标准机型');
    await expect(products.getByTestId('product-edit-HQ-SKU-1')).toBeDisabled();
    await expect(products.getByTestId('product-edit-HQ-SKU-1').locator('..')).toHaveAttribute('title', /^Product HQ-SKU-1 comes from HQ \(version \d+\) and cannot be changed or deleted here/);
    // HQ's prices came with the product: shown, marked, and not to be set here.
    await expect(products.getByTestId('product-floor-HQ-SKU-1')).toContainText('1,200.00');
    await expect(products.getByTestId('product-list-HQ-SKU-1')).toContainText('1,500.50');
    await expect(products.getByTestId('product-hq-prices-HQ-SKU-1')).toHaveText('HQ prices');
    await expect(products.getByTestId('product-price-HQ-SKU-1')).toBeDisabled();
    await expect(products.getByTestId('product-price-HQ-SKU-1').locator('..')).toHaveAttribute('title', /^The prices of product HQ-SKU-1 come from HQ \(version \d+\) and cannot be set, changed or deleted here/);
    // An office product: added, then edited (its Edit is enabled).
    await products.getByTestId('product-new').click();
    const form = products.getByTestId('product-form');
    await form.getByTestId('product-code').fill('E2E-SKU');
    await form.getByTestId('product-name-zh').fill('华东专供机型');
    await form.getByTestId('product-name-en').fill('East special');
    await form.getByTestId('product-line').fill('Line A');
    await form.getByTestId('product-unit').fill('台');
    await form.getByTestId('product-save').click();
    const own = products.getByTestId('product-row-E2E-SKU');
    await expect(own).toContainText('East special');
    await expect(own).toContainText('This office');
    await products.getByTestId('product-edit-E2E-SKU').click();
    await form.getByTestId('product-line').fill('Line B');
    await form.getByTestId('product-save').click();
    await expect(own).toContainText('Line B');
    // The office prices its own product: a floor and a list price from a day, typed as people type them.
    await products.getByTestId('product-price-E2E-SKU').click();
    const priceForm = products.getByTestId('product-price-form');
    await priceForm.getByTestId('price-from').fill('2020-01-01');
    await priceForm.getByTestId('price-floor').fill('abc');
    await expect(priceForm.getByTestId('price-save')).toBeDisabled();
    await expect(priceForm).toContainText('Floor price');
    await priceForm.getByTestId('price-floor').fill('¥1,300');
    await priceForm.getByTestId('price-list').fill('1600.5');
    await priceForm.getByTestId('price-save').click();
    await expect(priceForm).toHaveCount(0);
    await expect(products.getByTestId('product-floor-E2E-SKU')).toContainText('1,300.00');
    await expect(products.getByTestId('product-list-E2E-SKU')).toContainText('1,600.50');
    // A code in use is refused in words.
    await products.getByTestId('product-new').click();
    await form.getByTestId('product-code').fill('e2e-sku');
    await form.getByTestId('product-name-zh').fill('重复');
    await form.getByTestId('product-save').click();
    await expect(products.getByTestId('error-banner')).toContainText('The product code E2E-SKU is taken already');

    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(products.getByRole('heading', { name: '产品' })).toBeVisible();
    await expect(products.getByTestId('hq-badge-HQ-SKU-1')).toHaveText(/^总部 v\d+$/);
    await expect(products.getByTestId('product-edit-HQ-SKU-1').locator('..')).toHaveAttribute('title', /^产品 HQ-SKU-1 由总部统一下发（版本 \d+），不能在本地修改或删除/);
    await expect(products.getByTestId('product-hq-prices-HQ-SKU-1')).toHaveText('总部价格');
    await expect(products.getByTestId('product-price-HQ-SKU-1').locator('..')).toHaveAttribute('title', /^产品 HQ-SKU-1 的价格由总部统一下发（版本 \d+），不能在本地设置、修改或删除/);
    await expect(products.getByTestId('product-row-E2E-SKU')).toContainText('华东专供机型');
    await expect(products.getByTestId('product-row-E2E-SKU')).toContainText('本办事处');
  });

  test('a program from an HQ template: the editor starts from a copy, the saved program is local, the template stays', async ({ page, specServer }) => {
    await pullAndPublish(specServer.dbPath);
    await page.goto('/#/incentives');
    await page.getByTestId('program-from-template').selectOption('TPL-Q-REBATE');
    const editor = page.getByTestId('program-editor');
    await expect(editor.getByTestId('program-template-note')).toContainText('A copy of the HQ program template TPL-Q-REBATE');
    await expect(editor.locator('input[name="name"]')).toHaveValue('总部季度阶梯返利');
    await editor.locator('input[name="code"]').fill('E2E-TPL-REB');
    await editor.locator('input[name="name"]').fill('华东季度返利（来自总部模板）');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect(editor).toHaveCount(0);
    const grid = page.getByTestId('programs-grid');
    await expect(grid.getByText('E2E-TPL-REB', { exact: true })).toBeVisible();
    // the template is still offered, unchanged
    await expect(page.getByTestId('program-from-template').locator('option', { hasText: 'TPL-Q-REBATE' })).toHaveCount(1);
  });

  test('the HQ overview page: nav entry once configured, figures of both offices, conflicts, reference data; offline says so', async ({ page, specServer }) => {
    await pullAndPublish(specServer.dbPath);
    await page.goto('/#/');
    await expect(page.getByTestId('nav-hq')).toHaveCount(0);
    const keyFile = keyFileIn(specServer.filesDir);
    await configureHq(page, keyFile, url('hq_analyst'));
    await expect(page.getByTestId('nav-hq')).toBeVisible();

    const period = latestSalesQuarter(specServer.dbPath);
    await page.goto(`/#/hq?period=${period}`);
    const hqPage = page.getByTestId('hq-page');
    await expect(hqPage.getByTestId('hq-kpi-revenue')).toContainText('Revenue of 2 offices');
    await expect(hqPage.getByTestId('hq-chart-revenue')).toBeVisible();
    await expect(hqPage.getByTestId('hq-chart-payouts')).toBeVisible();
    await expect(hqPage.getByTestId('hq-top-grid').getByText('华西大区').first()).toBeVisible();
    await expect(hqPage.getByTestId('hq-top-grid').getByText('华东大区').first()).toBeVisible();
    // the same demo in two offices: every partner code is claimed twice, reported (never merged)
    const conflicts = hqPage.getByTestId('hq-conflicts-grid');
    await conflicts.getByRole('searchbox').fill('P0032');
    await expect(conflicts.getByText('Same partner code')).toBeVisible();
    await expect(conflicts.getByText('Same credit code')).toBeVisible();
    await expect(conflicts.getByText('华东大区, 华西大区').first()).toBeVisible();
    const kpi = Number((await hqPage.getByTestId('hq-kpi-conflicts').locator('.card-value').textContent())!.trim());
    expect(kpi).toBeGreaterThan(0);
    await expect(hqPage.getByTestId('hq-reference-grid').getByText('TPL-Q-REBATE')).toBeVisible();
    await expect(hqPage.getByTestId('hq-reference-grid').getByTestId('hq-badge-HQ-SKU-1')).toBeVisible();
    // Risks the workbench raised reach HQ as text code + params: worded in the reader's language, not the stored zh-CN.
    const risks = hqPage.getByTestId('hq-risks-grid');
    await expect(risks.getByText(/^Channel conflict: /).first()).toBeVisible();
    await expect(risks.getByText(/^渠道冲突：/)).toHaveCount(0);
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(risks.getByText(/^渠道冲突：/).first()).toBeVisible();
    await expect(risks.getByText(/^Channel conflict: /)).toHaveCount(0);
    await page.getByTestId('language-switch').selectOption('en');

    // HQ unreachable: the page says so in words, in the user's language, and offers to try again
    await configureHq(page, keyFile, 'postgres://hq_analyst@127.0.0.1:1/pwb_hq');
    await page.goto(`/#/hq?period=${period}`);
    const offline = page.getByTestId('hq-offline');
    await expect(offline).toContainText('HQ figures are not available right now');
    await expect(offline).toContainText('cannot be reached right now');
    await expect(offline.getByTestId('hq-retry')).toBeVisible();
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(offline).toContainText('暂时无法获取总部数据');
    await expect(offline).toContainText('当前无法连接总部服务器 127.0.0.1:1/pwb_hq');

    // leave no HQ address behind
    await page.goto('/#/settings');
    await page.getByTestId('hq-url').fill('');
    await page.getByTestId('hq-save').click();
    await expect(page.getByTestId('nav-hq')).toHaveCount(0);
  });
});
