import { expect, test } from './bridgeTest';

test.describe('settings: backups, evaluation schedules and rules (browser mode over the HTTP bridge)', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
  });

  test('what is typed in the general settings survives saving the user profile (which refetches the settings)', async ({ page }) => {
    await page.goto('/#/settings');
    const company = page.locator('input[name="company.name"]');
    await expect(company).toBeVisible();
    await company.fill('未保存的公司名');
    await page.getByTestId('user-profile-name').fill('测试用户');
    // the profile's save invalidates the settings area: wait until the settings list was read again
    const refetched = page.waitForResponse((r) => r.url().endsWith('/api/call') && (r.request().postData() ?? '').includes('"system.settings.list"'));
    await page.getByTestId('user-profile-save').click();
    await refetched;
    await expect(company).toHaveValue('未保存的公司名');
  });

  test('back up now lists a new manual backup', async ({ page }) => {
    await page.goto('/#/settings');
    const section = page.getByTestId('backups-section');
    await expect(section.getByTestId('backups-folder')).not.toBeEmpty();
    const manual = section.locator('[data-testid="backups-table"] tbody tr').filter({ hasText: 'Manual' });
    const before = await manual.count();
    await section.getByTestId('backups-now').click();
    await expect(manual).toHaveCount(before + 1);
    await expect(manual.first().locator('code')).toContainText('.sqlite');
  });

  test('restoring from a file that is not a workspace lists its problem in Chinese words and offers no restore', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'zh-CN'));
    await page.goto('/#/settings');
    const section = page.getByTestId('backups-section');
    const chooser = page.waitForEvent('filechooser');
    await section.getByTestId('backups-restore-file').click();
    await (await chooser).setFiles({ name: '报表.sqlite', mimeType: 'application/octet-stream', buffer: Buffer.from('PK not a database at all, a renamed spreadsheet'.repeat(100)) });
    const dialog = page.getByTestId('backups-restore-confirm');
    const problems = dialog.getByTestId('backups-restore-problems');
    await expect(problems).toContainText('此文件无法恢复：');
    await expect(problems.locator('li')).toHaveCount(1);
    await expect(problems.locator('li')).toHaveText('无法作为 SQLite 数据库读取（不是数据库文件，或文件已加密）');
    await expect(problems).not.toContainText('cannot be read');
    await expect(dialog.getByTestId('backups-restore-go')).toBeDisabled();
  });

  test('add, edit and delete an evaluation schedule', async ({ page }) => {
    const name = `E2E schedule ${Date.now() % 1_000_000}`;
    await page.goto('/#/settings');
    const section = page.getByTestId('settings-schedules');
    await expect(section.locator('tbody tr').first()).toBeVisible();

    await section.getByTestId('schedule-add').click();
    const form = page.getByTestId('schedule-form');
    await form.getByTestId('schedule-form-name').fill(name);
    await form.getByTestId('schedule-form-cycle').selectOption('monthly');
    await form.getByTestId('schedule-form-lag').fill('3');
    await form.getByTestId('schedule-tiers').getByLabel('Tier 1', { exact: true }).check();
    await form.getByTestId('schedule-regions').getByLabel('East China', { exact: true }).check();
    await form.getByTestId('schedule-form-save').click();
    await expect(form).toBeHidden();

    const row = section.locator('tbody tr').filter({ hasText: name });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Monthly');
    await expect(row).toContainText('Tier 1');
    await expect(row).toContainText('East China');
    await expect(row.locator('td').nth(3)).toHaveText('3');

    // edit: a different lag and disabled
    await row.getByTestId('schedule-edit').click();
    await expect(form.getByTestId('schedule-form-name')).toHaveValue(name);
    await form.getByTestId('schedule-form-lag').fill('7');
    await form.getByTestId('schedule-form-enabled').uncheck();
    await form.getByTestId('schedule-form-save').click();
    await expect(form).toBeHidden();
    await expect(row.locator('td').nth(3)).toHaveText('7');
    await expect(row.locator('td').nth(4)).toHaveText('No');

    // the contract's validation reaches the form: an empty name is refused
    await section.getByTestId('schedule-add').click();
    await form.getByTestId('schedule-form-save').click();
    await expect(form.getByTestId('error-banner')).toBeVisible();
    await form.getByRole('button', { name: 'Cancel' }).click();

    await row.getByTestId('schedule-delete').click();
    await row.getByTestId('schedule-delete-confirm').click();
    await expect(row).toHaveCount(0);
  });

  test('evaluation rules show their defaults, save, survive a reload and refuse grade bands out of order', async ({ page }) => {
    await page.goto('/#/settings');
    const rules = page.getByTestId('settings-evaluation-rules');
    await expect(rules.getByTestId('default-gradeBands-A')).toContainText('85');
    await expect(rules.getByTestId('default-tierRules-upgrade-minAttainment')).toContainText('110%');
    await expect(rules.getByTestId('rule-gradeBands-A')).toHaveValue('85');

    await rules.getByTestId('rule-gradeBands-A').fill('90');
    await rules.getByTestId('rule-riskRules-low_retention-threshold').fill('40');
    await rules.getByTestId('rule-enabled-low_satisfaction').uncheck();
    await rules.getByTestId('rules-save').click();
    await expect(rules.getByTestId('rules-saved')).toBeVisible();

    await page.reload();
    await expect(rules.getByTestId('rule-gradeBands-A')).toHaveValue('90');
    await expect(rules.getByTestId('rule-riskRules-low_retention-threshold')).toHaveValue('40');
    await expect(rules.getByTestId('rule-enabled-low_satisfaction')).not.toBeChecked();

    // B above A is refused by the contract and nothing changes
    await rules.getByTestId('rule-gradeBands-B').fill('95');
    await rules.getByTestId('rules-save').click();
    await expect(rules.getByTestId('error-banner')).toBeVisible();
    await page.reload();
    await expect(rules.getByTestId('rule-gradeBands-B')).toHaveValue('70');

    // back to the defaults, so later specs grade as usual
    await rules.getByTestId('rules-reset').click();
    await expect(rules.getByTestId('rule-gradeBands-A')).toHaveValue('85');
    await rules.getByTestId('rules-save').click();
    await expect(rules.getByTestId('rules-saved')).toBeVisible();
  });
  test('HQ: the workspace id is shown; publishing to an unreachable HQ says so in words and keeps the changes', async ({ page }) => {
    await page.goto('/#/settings');
    const hq = page.getByTestId('hq-section');
    await expect(hq.getByTestId('hq-workspace-id')).toHaveText(/^[0-9a-f-]{36}$/);
    await hq.getByTestId('hq-office').fill('E2E 办事处');
    await hq.getByTestId('hq-url').fill('postgres://office_e2e@127.0.0.1:1/pwb_hq');
    await hq.getByTestId('hq-save').click();
    await expect(hq.getByTestId('hq-publish')).toBeEnabled();
    // Browser mode has no OS keychain: the section says where the password goes instead, and offers no password field.
    await expect(hq.getByTestId('hq-password-state')).toContainText('only available in the desktop app');
    await expect(hq.getByTestId('hq-password')).toHaveCount(0);
    const waiting = await hq.getByTestId('hq-state').textContent();
    await hq.getByTestId('hq-publish').click();
    await expect(hq.getByTestId('error-banner')).toContainText('cannot be reached right now');
    await expect(hq.getByTestId('error-banner')).toContainText('Nothing was lost');
    await expect(hq.getByTestId('hq-state')).toContainText(/changes? waiting/);
    expect(await hq.getByTestId('hq-state').textContent()).toContain(waiting!.split(' · ')[0]);
    // What is typed and not yet saved survives the status refetch that follows a publish (it used to be put back).
    await hq.getByTestId('hq-office').fill('E2E 新办事处（未保存）');
    const refetched = page.waitForResponse((r) => r.url().endsWith('/api/call') && (r.request().postData() ?? '').includes('"hq.status"'));
    await hq.getByTestId('hq-publish').click();
    await refetched;
    await expect(hq.getByTestId('error-banner')).toContainText('cannot be reached right now');
    await expect(hq.getByTestId('hq-office')).toHaveValue('E2E 新办事处（未保存）');
    await expect(hq.getByTestId('hq-last-error')).toContainText('cannot be reached right now');
    // Leave no HQ address behind for other specs.
    await hq.getByTestId('hq-url').fill('');
    await hq.getByTestId('hq-save').click();
    await expect(hq.getByTestId('hq-publish')).toBeDisabled();
    // The last failure is stored as its reason and params: the Chinese window words it in Chinese.
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(page.getByTestId('hq-last-error')).toContainText('当前无法连接总部服务器 127.0.0.1:1/pwb_hq');
    await expect(page.getByTestId('hq-last-error')).toContainText('数据没有丢失');
    await expect(page.getByTestId('hq-last-error')).not.toContainText('cannot be reached');
  });
});
