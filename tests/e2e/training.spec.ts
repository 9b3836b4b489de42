import { expect, test } from './bridgeTest';
import { gridCells, gridCell } from './grid';

test.describe('training and certification', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('pwb.language', 'en'));
  });

  test('adding a required course and then a passed record changes the partner\'s compliance', async ({ page }) => {
    const n = Date.now() % 100000;
    const partner = `E2ET${n}`;
    const course = `TRN-E2E-${n}`;

    // A strategic telesales partner.
    await page.goto('/#/partners');
    await page.getByTestId('partner-new').click();
    const pf = page.getByTestId('partner-form');
    await pf.locator('input[name="code"]').fill(partner);
    await pf.locator('input[name="name"]').fill('杭州培训测试科技有限公司');
    await pf.locator('select[name="channelType"]').selectOption('telesales');
    await pf.locator('select[name="tier"]').selectOption('strategic');
    await pf.getByTestId('partner-save').click();
    await expect(pf).toBeHidden();

    // A course required for strategic telesales partners, valid 12 months.
    await page.goto('/#/training?tab=courses');
    await page.getByTestId('course-new').click();
    const cf = page.getByTestId('course-form');
    await cf.locator('input[name="code"]').fill(course);
    await cf.locator('input[name="titleZh"]').fill('电话销售合规认证');
    await cf.locator('input[name="titleEn"]').fill('Telesales compliance certificate');
    await cf.locator('select[name="category"]').selectOption('compliance');
    await cf.locator('input[name="validityMonths"]').fill('12');
    await cf.locator('input[name="passingScore"]').fill('70');
    await cf.locator('input[name="tier-strategic"]').check();
    await cf.locator('input[name="channel-telesales"]').check();
    await cf.getByTestId('course-save').click();
    await expect(cf).toBeHidden();
    await page.getByTestId('courses-grid-filter').fill(course);
    await expect(gridCells(page, 'courses-grid', 'code')).toHaveText([course]);

    // The matrix shows the course as missing for the partner.
    await page.getByTestId('training-tab-matrix').click();
    await page.getByTestId('matrix-course').selectOption(course);
    await page.getByTestId('matrix-grid-filter').fill(partner);
    await expect(gridCells(page, 'matrix-grid', 'partnerCode')).toHaveText([partner]);
    await expect(gridCells(page, 'matrix-grid', `course_${course}`)).toHaveText(['Missing']);
    await expect(gridCells(page, 'matrix-grid', `course_${course}`)).toHaveClass(/tc-missing/);
    const validBefore = Number(await gridCells(page, 'matrix-grid', 'valid').innerText());
    const required = Number(await gridCells(page, 'matrix-grid', 'required').innerText());
    expect(required).toBeGreaterThanOrEqual(1);

    // A failing score is refused as a pass; a passing one counts.
    await page.getByTestId('training-tab-records').click();
    await page.getByTestId('record-new').click();
    const rf = page.getByTestId('record-form');
    await rf.locator('input[name="partner"]').fill(partner);
    await rf.locator('select[name="course"]').selectOption({ label: `${course} · Telesales compliance certificate` });
    await rf.locator('input[name="trainee"]').fill('王小明');
    await rf.locator('input[name="score"]').fill('88');
    await expect(rf.getByTestId('record-expiry-preview')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
    await rf.locator('input[name="certificateNo"]').fill(`CERT-E2E-${n}`);
    await rf.getByTestId('record-save').click();
    await expect(rf).toBeHidden();
    await page.getByTestId('records-grid-filter').fill(`CERT-E2E-${n}`);
    await expect(gridCells(page, 'records-grid', 'state')).toHaveText(['Valid']);

    await page.getByTestId('training-tab-matrix').click();
    await page.getByTestId('matrix-course').selectOption(course);
    await page.getByTestId('matrix-grid-filter').fill(partner);
    await expect(gridCells(page, 'matrix-grid', `course_${course}`)).toHaveClass(/tc-valid/);
    await expect(gridCells(page, 'matrix-grid', `course_${course}`)).toHaveText([/^\d{4}-\d{2}-\d{2}$/]);
    await expect(gridCells(page, 'matrix-grid', 'valid')).toHaveText([String(validBefore + 1)]);
    const ratio = Math.round(((validBefore + 1) / required) * 1000) / 10;
    await expect(gridCells(page, 'matrix-grid', 'compliance')).toHaveText([`${ratio}%`]);
  });

  test('the expiring list can be exported', async ({ page }) => {
    await page.goto('/#/training?tab=expiring');
    await page.getByTestId('expiring-days').selectOption('365');
    await expect(gridCell(page, 'expiring-grid', 'partnerCode', 0)).toHaveText(/\S/);
    await page.getByTestId('expiring-export-csv').click();
    await expect(page.getByTestId('expiring-exported')).toContainText('.csv');
  });
});
