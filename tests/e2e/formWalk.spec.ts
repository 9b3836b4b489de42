import { expect, test, type Page } from './bridgeTest';

/**
 * Every form, opened and submitted empty (then with invalid values where a form has typed fields), answers in the app's
 * language with the field's name — no zod text, no field path, no "this field" (issue 11, "Words on screen").
 */
const ZOD_OR_PATH = /Too small|Too big|Invalid input|Invalid option|expected|received|>=|\w+\.\d+\.\w+|Required$/;
const NAMELESS = /此字段|this field/i;

interface Walk {
  name: string;
  page: string;
  open: (page: Page) => Promise<void>;
  form: string;
  save: string;
  /** Invalid values typed before a second submit: [test id of the input, text]. */
  invalid?: Array<[string, string]>;
  /** The form opens filled with valid defaults, or keeps Save disabled while empty: only the invalid values are tried. */
  prefilled?: boolean;
}

const click = (id: string) => async (page: Page) => page.getByTestId(id).click();

const FORMS: Walk[] = [
  { name: 'partner', page: '/#/partners', open: click('partner-new'), form: 'partner-form', save: 'partner-save' },
  { name: 'course', page: '/#/training?tab=courses', open: click('course-new'), form: 'course-form', save: 'course-save' },
  { name: 'training record', page: '/#/training?tab=records', open: click('record-new'), form: 'record-form', save: 'record-save' },
  { name: 'risk', page: '/#/risks', open: click('risk-new'), form: 'risk-form', save: 'risk-save' },
  { name: 'deal registration', page: '/#/deals', open: click('deal-register'), form: 'deal-form', save: 'deal-save', invalid: [['deal-customer', '某某科技有限公司'], ['deal-expected-value', '一百万'], ['deal-credit-code', '91330100ABC']] },
  { name: 'MDF fund', page: '/#/mdf', open: click('mdf-fund-new'), form: 'mdf-fund-form', save: 'mdf-fund-save', invalid: [['mdf-fund-code', 'F-WALK'], ['mdf-fund-name', '走查基金'], ['mdf-fund-period', '2026-Q5'], ['mdf-fund-budget', '¥1,500,000.00']] },
  {
    name: 'MDF request',
    page: '/#/mdf',
    open: async (page) => {
      await page.getByTestId('mdf-tab-requests').click();
      await page.getByTestId('mdf-request-new').click();
    },
    form: 'mdf-request-form',
    save: 'mdf-request-save',
  },
  { name: 'target plan', page: '/#/plans', open: click('plan-new'), form: 'plan-form', save: 'plan-save', invalid: [['plan-code', 'PL-WALK'], ['plan-period', '明年']] },
  { name: 'incentive program', page: '/#/incentives', open: click('program-new'), form: 'program-editor', save: 'program-save' },
  { name: 'business review', page: '/#/partners/1', open: click('review-meeting-new'), form: 'review-meeting-form', save: 'review-meeting-save', prefilled: true, invalid: [['review-meeting-period', '明年'], ['review-meeting-date', '']] },
  { name: 'evaluation schedule', page: '/#/settings', open: click('schedule-add'), form: 'schedule-form', save: 'schedule-form-save', invalid: [['schedule-form-lag', '-3']] },
  { name: 'territory', page: '/#/settings', open: click('territory-new'), form: 'territory-form', save: 'territory-save', prefilled: true, invalid: [['territory-nameZh', '走查区域'], ['territory-code', '走 查!']] },
  { name: 'channel manager', page: '/#/settings', open: click('manager-new'), form: 'manager-form', save: 'manager-save', prefilled: true, invalid: [['manager-name', '走查经理'], ['manager-email', 'not-an-email'], ['manager-phone', '123']] },
];

/**
 * The messages a form shows after a submit: its field errors and the error banner's lines (else the banner itself).
 * `before`: what the previous submit left on screen. The messages are redrawn as a submit is checked — a refusal from
 * the API clears the banner while the request runs and shows it again when it answers — so this waits for this
 * submit's messages (shown with their words, and not the earlier ones) and returns exactly what it saw, never a second
 * read that could fall into the redraw.
 */
async function messages(page: Page, form: string, before: string[] = []): Promise<string[]> {
  const scope = page.getByTestId(form);
  const shown = scope.locator('.field-error, [data-testid="error-banner"] li, [data-testid="error-banner"]:not(:has(li))');
  const texts = async () => (await shown.allInnerTexts()).map((s) => s.trim()).filter(Boolean);
  let seen: string[] = [];
  await expect
    .poll(async () => {
      seen = await texts();
      return seen.length > 0 && JSON.stringify(seen) !== JSON.stringify(before);
    })
    .toBe(true);
  return seen;
}

for (const lang of ['zh-CN', 'en'] as const) {
  test.describe(`every form in ${lang}`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((l) => localStorage.setItem('pwb.language', l), lang);
    });

    for (const walk of FORMS) {
      test(`${walk.name}: empty and invalid input is refused in words naming the field`, async ({ page }) => {
        await page.goto(walk.page);
        await walk.open(page);
        await expect(page.getByTestId(walk.form)).toBeVisible();
        const check = (texts: string[]) => {
          expect(texts.length, `${walk.name}: no message`).toBeGreaterThan(0);
          for (const text of texts) {
            expect(text, walk.name).not.toMatch(ZOD_OR_PATH);
            expect(text, walk.name).not.toMatch(NAMELESS);
            if (lang === 'zh-CN') expect(text, walk.name).toMatch(/[\u4e00-\u9fff]/);
            else expect(text, walk.name).not.toMatch(/[\u4e00-\u9fff]/);
          }
        };
        // A form that checks as one types keeps Save disabled while a field is wrong, its messages already shown.
        const submit = async () => {
          const save = page.getByTestId(walk.save);
          if (await save.isEnabled()) await save.click();
        };
        let shown: string[] = [];
        if (!walk.prefilled) {
          await submit();
          shown = await messages(page, walk.form);
          check(shown);
        }
        if (walk.invalid) {
          for (const [id, text] of walk.invalid) await page.getByTestId(id).fill(text);
          await submit();
          check(await messages(page, walk.form, shown));
        }
        // still open: nothing was saved, nothing typed was lost
        await expect(page.getByTestId(walk.form)).toBeVisible();
      });
    }
  });
}
