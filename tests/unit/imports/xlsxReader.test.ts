import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryApi, tempDir } from '../../helpers/workspace';

describe('imports: reading XLSX workbooks', () => {
  let ctx: ReturnType<typeof memoryApi>;
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    ctx = memoryApi();
    tmp = tempDir();
  });
  afterEach(() => {
    ctx.ws.close();
    tmp.cleanup();
  });

  it('imports a multi-sheet workbook 50 times, any sheet, without an error (no temp-file race)', async () => {
    // exceljs writes the sheets before the shared strings, the layout that made its streaming reader buffer sheets in
    // temp files and delete an unread one under an opening stream (an unhandled ENOENT, which fails this run).
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Orders').addRows([['code', 'name', 'channel type'], ['NEW1', '新伙伴', '分销商']]);
    wb.addWorksheet('Returns').addRows([['x'], ['y'], ['z']]);
    wb.addWorksheet('More').addRows([['code', 'name', 'channel type'], ['NEW2', '第二', '零售商']]);
    wb.addWorksheet('Notes').addRows([['note'], ['n']]);
    const path = `${tmp.dir}/multi.xlsx`;
    await wb.xlsx.writeFile(path);
    for (let i = 0; i < 50; i++) {
      const sheet = i % 2 === 0 ? undefined : 'More';
      const r = await ctx.api.send('imports.run', { kind: 'partners', path, sheet });
      expect([r.rowsRead, r.rejected]).toEqual([1, 0]);
    }
    const partners = ctx.ws.sqlite.prepare('select code, name, channel_type from partners order by code').all();
    expect(partners).toEqual([
      { code: 'NEW1', name: '新伙伴', channel_type: 'distributor' },
      { code: 'NEW2', name: '第二', channel_type: 'retail' },
    ]);
  });
});
