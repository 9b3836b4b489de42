import { expect, test, type Page } from './bridgeTest';

/**
 * Forms refuse empty and invalid input in the app's language with the field's label — no zod text, no field paths —
 * and a corrected field loses its error at once (issue 11, "Words on screen").
 */
const ZOD_OR_PATH = /Too small|Too big|Invalid input|Invalid option|expected|received|>=|\w+\.\d+\.\w+/;

async function errorsOf(page: Page, form: string): Promise<string[]> {
  const errors = page.getByTestId(form).locator('.field-error');
  await expect(errors.first()).toBeVisible();
  return errors.allInnerTexts();
}

for (const lang of ['zh-CN', 'en'] as const) {
  test.describe(`form errors in ${lang}`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((l) => localStorage.setItem('pwb.language', l), lang);
    });

    test('partner, course, training record and risk forms: empty input is named by its label in the app language', async ({ page }) => {
      const check = (texts: string[]) => {
        expect(texts.length).toBeGreaterThan(0);
        for (const text of texts) {
          expect(text).not.toMatch(ZOD_OR_PATH);
          if (lang === 'zh-CN') expect(text).toMatch(/[\u4e00-\u9fff]/);
          else expect(text).not.toMatch(/[\u4e00-\u9fff]/);
        }
      };
      await page.goto('/#/partners');
      await page.getByTestId('partner-new').click();
      await page.getByTestId('partner-save').click();
      const partner = await errorsOf(page, 'partner-form');
      check(partner);
      expect(partner).toContain(lang === 'zh-CN' ? '名称不能为空' : 'Name is required');
      // correcting the name clears its error, the others stay
      await page.getByTestId('partner-form').locator('input[name="name"]').fill('新伙伴');
      await expect(page.getByTestId('partner-form').locator('.field-error')).toHaveCount(partner.length - 1);

      await page.goto('/#/training?tab=courses');
      await page.getByTestId('course-new').click();
      await page.getByTestId('course-save').click();
      check(await errorsOf(page, 'course-form'));

      await page.goto('/#/training?tab=records');
      await page.getByTestId('record-new').click();
      await page.getByTestId('record-save').click();
      check(await errorsOf(page, 'record-form'));

      await page.goto('/#/risks');
      await page.getByTestId('risk-new').click();
      await page.getByTestId('risk-save').click();
      check(await errorsOf(page, 'risk-form'));
    });
  });
}
