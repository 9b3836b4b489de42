import { expect, type Page } from './bridgeTest';

/** Imports a CSV through the Imports page's wizard (the page must be open) and waits for its `rows` lines to be saved. */
export async function importFile(page: Page, kind: string, name: string, content: string, rows: number) {
  await page.getByTestId('import-kind').selectOption(kind);
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-pick').click();
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
  await expect(page.getByTestId('import-file')).toContainText(name);
  await expect(page.getByTestId('import-summary')).toContainText(`${rows} valid`);
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-result-inserted')).toHaveText(String(rows));
}
