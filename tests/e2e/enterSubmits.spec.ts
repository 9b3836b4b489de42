import { expect, test, type Page } from './bridgeTest';

/**
 * Enter in a field submits every dialog and inline form that has fields (issue 11): an empty or invalid form answers
 * with its field errors exactly as a click on Save does; a valid one saves and closes. Only the keyboard is used after
 * the form opens.
 */
const click = (id: string) => async (page: Page) => page.getByTestId(id).click();

interface EnterCase {
  name: string;
  page: string;
  open: (page: Page) => Promise<void>;
  form: string;
  /** Fields typed first ([selector, text]); the last one gets the Enter. */
  type: Array<[string, string]>;
  /** 'errors': the submit shows the form's messages and keeps it open; 'closes': it saves and the form goes away. */
  expect: 'errors' | 'closes';
}

const CASES: EnterCase[] = [
  { name: 'partner', page: '/#/partners', open: click('partner-new'), form: 'partner-form', type: [['input[name="code"]', 'P-ENTER']], expect: 'errors' },
  { name: 'risk', page: '/#/risks', open: click('risk-new'), form: 'risk-form', type: [['[data-testid="risk-title"]', '回车提交']], expect: 'closes' },
  { name: 'deal registration', page: '/#/deals', open: click('deal-register'), form: 'deal-form', type: [['[data-testid="deal-customer"]', '回车科技有限公司']], expect: 'errors' },
  { name: 'MDF request', page: '/#/mdf', open: async (p) => { await p.getByTestId('mdf-tab-requests').click(); await p.getByTestId('mdf-request-new').click(); }, form: 'mdf-request-form', type: [['[data-testid="mdf-request-amount"]', '1,50,000']], expect: 'errors' },
  { name: 'target plan', page: '/#/plans', open: click('plan-new'), form: 'plan-form', type: [['[data-testid="plan-code"]', 'PL-ENTER'], ['[data-testid="plan-total"]', '一百万']], expect: 'errors' },
  { name: 'business review', page: '/#/partners/1', open: click('review-meeting-new'), form: 'review-meeting-form', type: [['[data-testid="review-meeting-period"]', '明年']], expect: 'errors' },
  { name: 'evaluation schedule', page: '/#/settings', open: click('schedule-add'), form: 'schedule-form', type: [['[data-testid="schedule-form-lag"]', '-3']], expect: 'errors' },
  { name: 'risk level bands', page: '/#/risks', open: click('risk-bands'), form: 'risk-bands-form', type: [['[data-testid="band-low-min"]', '1']], expect: 'closes' },
  { name: 'deal rules', page: '/#/deals', open: click('deal-settings-open'), form: 'deal-settings', type: [['[data-testid="deal-settings-window"]', '90']], expect: 'closes' },
  { name: 'channel manager', page: '/#/settings', open: click('manager-new'), form: 'manager-form', type: [['[data-testid="manager-name"]', '回车经理'], ['[data-testid="manager-email"]', 'enter@example.com']], expect: 'closes' },
  { name: 'territory', page: '/#/settings', open: click('territory-new'), form: 'territory-form', type: [['[data-testid="territory-nameZh"]', '回车片区'], ['[data-testid="territory-code"]', 'ENTER-1']], expect: 'closes' },
];

test.describe('Enter submits', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'zh-CN'));
  });

  for (const c of CASES) {
    test(`${c.name}: Enter in a field submits the form`, async ({ page }) => {
      await page.goto(c.page);
      await c.open(page);
      const form = page.getByTestId(c.form);
      await expect(form).toBeVisible();
      for (const [selector, text] of c.type) await form.locator(selector).fill(text);
      await form.locator(c.type.at(-1)![0]).press('Enter');
      if (c.expect === 'closes') {
        await expect(form).toBeHidden();
      } else {
        await expect(form.locator('.field-error, [data-testid="error-banner"]').first()).toBeVisible();
        await expect(form).toBeVisible();
      }
    });
  }

  test('MDF: a request typed and sent with Enter; Enter in the reject reason rejects it, Enter in the amount approves another', async ({ page }) => {
    const year = new Date().getFullYear();
    await page.goto('/#/mdf');
    // A fund of its own to draw on (the demo's fund is for the as-of quarter), typed and saved with Enter.
    await page.getByTestId('mdf-fund-new').click();
    const fund = page.getByTestId('mdf-fund-form');
    await fund.getByTestId('mdf-fund-code').fill('F-ENTER');
    await fund.getByTestId('mdf-fund-name').fill('回车基金');
    await fund.getByTestId('mdf-fund-period').fill(String(year));
    await fund.getByTestId('mdf-fund-budget').fill('10万');
    await fund.getByTestId('mdf-fund-budget').press('Enter');
    await expect(fund).toBeHidden();
    await page.getByTestId('mdf-tab-requests').click();
    const request = async (title: string) => {
      await page.getByTestId('mdf-request-new').click();
      const form = page.getByTestId('mdf-request-form');
      await form.getByTestId('mdf-request-fund').selectOption({ label: 'F-ENTER 回车基金' });
      await form.getByTestId('mdf-request-partner').selectOption({ index: 1 });
      await form.getByTestId('mdf-request-title').fill(title);
      await form.getByTestId('mdf-request-from').fill(`${year}-03-01`);
      await form.getByTestId('mdf-request-to').fill(`${year}-03-02`);
      await form.getByTestId('mdf-request-amount').fill('￥1,000');
      await form.getByTestId('mdf-request-amount').press('Enter');
      await expect(form).toBeHidden();
    };
    await request('回车申请一');
    await request('回车申请二');
    // The demo's own requests awaiting a decision are in the grid too: ours are the two newest (highest ids).
    const grid = page.getByTestId('mdf-requests-grid');
    await expect(grid).toContainText('回车申请二');
    const decideIds = await grid.locator('[data-testid^="mdf-decide-"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-testid')!.replace('mdf-decide-', ''))));
    const [first, second] = decideIds.sort((a, b) => a - b).slice(-2);
    const dialog = page.getByTestId('mdf-request-decision');
    await page.getByTestId(`mdf-decide-${first}`).click();
    await dialog.getByTestId('mdf-reject-reason').fill('回车驳回');
    await dialog.getByTestId('mdf-reject-reason').press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId(`mdf-decide-${first}`)).toHaveCount(0);
    await page.getByTestId(`mdf-decide-${second}`).click();
    await dialog.getByTestId('mdf-approve-amount').press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId(`mdf-decide-${second}`)).toHaveCount(0);
    await expect(grid.locator('[data-testid^="mdf-decide-"]')).toHaveCount(decideIds.length - 2);
  });
});
