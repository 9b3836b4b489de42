import ExcelJS from 'exceljs';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Input } from '../../../electron/contract';
import { ApiError } from '../../../shared/errors';
import { errorText } from '../../../shared/errorMessages';
import { execFileSync } from 'node:child_process';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

const STATUS = { active: '合作中', probation: '考察期', suspended: '暂停' };

async function partners() {
  const { ws, api } = memoryApi();
  await api.send('partners.create', partnerInput('P03', { name: '=HYPERLINK("http://x","点我")', creditCode: '91440300MA5F00001A', status: 'active' }) as never);
  await api.send('partners.create', partnerInput('P01', { name: '深圳鑫睿贸易', creditCode: '91440300MA5F00002D', status: 'probation' }) as never);
  await api.send('partners.create', partnerInput('P02', { name: '广州华商', creditCode: '91440300MA5F00003G', status: 'active' }) as never);
  await api.send('partners.create', partnerInput('X09', { name: '北京远航', creditCode: '91440300MA5F00004K', status: 'suspended' }) as never);
  const t = tempDir();
  cleanup = t.cleanup;
  return { ws, api, dir: t.dir };
}

const partnersExport = (dir: string, format: 'xlsx' | 'csv' | 'csv-excel'): Input<'grids.export'> => ({
  grid: 'partners',
  query: { includeDeleted: false },
  // Re-ordered: status first, code last; tier hidden (not sent).
  columns: [
    { colId: 'status', header: '状态', labels: STATUS },
    { colId: 'name', header: '伙伴名称' },
    { colId: 'creditCode', header: '统一社会信用代码' },
    { colId: 'code', header: '编码' },
  ],
  hiddenColumns: [{ colId: 'territory', header: '区域' }],
  sort: [{ colId: 'code', sort: 'desc' }],
  // The text filter sees the label the user sees (合作中), not the stored code.
  filterModel: { status: { filterType: 'text', type: 'equals', filter: '合作中' } },
  format,
  out: join(dir, `partners.${format === 'xlsx' ? 'xlsx' : 'csv'}`),
  title: '渠道伙伴',
});

describe('grid export', () => {
  it('writes the visible columns in their order, under their headers, filtered and sorted as the grid shows them (XLSX)', async () => {
    const { api, dir } = await partners();
    const r = await api.send('grids.export', partnersExport(dir, 'xlsx'));
    expect([r.rows, r.scanned]).toEqual([2, 4]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(r.path);
    const sheet = wb.worksheets[0];
    expect(sheet.name).toBe('渠道伙伴');
    const values = sheet.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1));
    expect(values).toEqual([
      ['状态', '伙伴名称', '统一社会信用代码', '编码'],
      ['合作中', '=HYPERLINK("http://x","点我")', '91440300MA5F00001A', 'P03'],
      ['合作中', '广州华商', '91440300MA5F00003G', 'P02'],
    ]);
    // Text columns are typed text: a long digit string edited in Excel stays text.
    expect(sheet.getCell('C2').numFmt).toBe('@');
    expect(sheet.getCell('B2').formula).toBeUndefined();
    expect(sheet.getCell('B2').type).toBe(ExcelJS.ValueType.String);
  });

  it('writes the same as CSV, and as the Excel-flavoured CSV with long digit strings kept as text', async () => {
    const { api, ws, dir } = await partners();
    ws.sqlite.prepare(`update partners set credit_code = '123456789012345678' where code = 'P02'`).run();
    const plain = await api.send('grids.export', partnersExport(dir, 'csv'));
    const text = readFileSync(plain.path, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split('\r\n')).toEqual(['状态,伙伴名称,统一社会信用代码,编码', `合作中,"'=HYPERLINK(""http://x"",""点我"")",91440300MA5F00001A,P03`, '合作中,广州华商,123456789012345678,P02', '']);
    const excel = await api.send('grids.export', { ...partnersExport(dir, 'csv-excel'), out: join(dir, 'partners_excel.csv') });
    expect(readFileSync(excel.path, 'utf8')).toContain('合作中,广州华商,"=""123456789012345678""",P02');
  });

  it('applies number filters, combined conditions and the quick filter over the shown values', async () => {
    const { api, dir } = await partners();
    const r = await api.send('grids.export', {
      ...partnersExport(dir, 'csv'),
      filterModel: { name: { filterType: 'text', operator: 'OR', conditions: [{ filterType: 'text', type: 'startsWith', filter: '深圳' }, { filterType: 'text', type: 'contains', filter: '远航' }] } },
      quickFilter: '考察',
      sort: [{ colId: 'code', sort: 'asc' }],
    });
    expect(readFileSync(r.path, 'utf8').split('\r\n').slice(1, -1)).toEqual(['考察期,深圳鑫睿贸易,91440300MA5F00002D,P01']);
  });

  it('reads every page of a paged list, not only the one on screen', async () => {
    const { api, ws, dir } = await partners();
    const insert = ws.sqlite.prepare(`insert into audit_log (at, user, operation, entity, entity_id, outcome) values (?, 'u', 'partners.update', 'partner', ?, 'ok')`);
    ws.sqlite.transaction(() => {
      for (let i = 0; i < 12_345; i++) insert.run(new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(), String(i));
    })();
    const r = await api.send('grids.export', {
      grid: 'audit',
      query: { operation: 'partners.update', limit: 100, offset: 200 },
      columns: [{ colId: 'entityId', header: 'ID' }],
      filterModel: { entityId: { filterType: 'text', type: 'endsWith', filter: '7' } },
      format: 'csv',
      out: join(dir, 'audit.csv'),
    });
    expect(r.rows).toBe(1_234); // 7, 17, … 12337 of 0…12344: far beyond the page of 100 the query asked for
  });

  it('prints through the PDF path: the same rows and headers on A4 with page numbers; past the print limit it is refused, in words', async () => {
    const { api, ws, dir } = await partners();
    const r = await api.send('grids.export', { ...partnersExport(dir, 'xlsx'), format: 'pdf', out: join(dir, 'partners.pdf'), language: 'zh-CN' });
    expect(r.rows).toBe(2);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', r.path, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/状态\s+伙伴名称\s+统一社会信用代码\s+编码/);
    expect(text.indexOf('P03')).toBeLessThan(text.indexOf('P02'));
    expect(text).not.toContain('P01');
    expect(execFileSync('pdftotext', ['-enc', 'UTF-8', r.path, '-'], { encoding: 'utf8' })).toMatch(/第\s*1\s*页\s*\/\s*共\s*1\s*页/);
    const id = (ws.sqlite.prepare(`select id from partners where code = 'P01'`).get() as { id: number }).id;
    ws.sqlite.exec(`with recursive n(i) as (select 1 union all select i + 1 from n where i < 5001)
      insert into sales_lines (partner_id, date, amount_minor, quantity, currency, dedupe_key) select ${id}, '2025-01-01', i, 1, 'CNY', 'k' || i from n`);
    const e = await api
      .send('grids.export', { grid: 'sales', query: {}, columns: [{ colId: 'amountMinor', header: '金额', kind: 'money' }], format: 'pdf', out: join(dir, 'sales.pdf') })
      .catch((x: unknown) => x);
    expect(ApiError.is(e) && errorText(e.body, 'zh-CN')).toBe('打印最多 5000 行，当前表格超过此数：请先筛选，或改用导出');
    expect(existsSync(join(dir, 'sales.pdf'))).toBe(false);
  });

  it('never writes over an existing file silently: refuses by default (in words), replaces or writes beside it when asked', async () => {
    const { api, dir } = await partners();
    const input = partnersExport(dir, 'csv');
    writeFileSync(input.out, 'kept');
    const refused = await api.send('grids.export', input).catch((x: unknown) => x);
    expect(ApiError.is(refused) && refused.body.code).toBe('CONFLICT');
    expect(ApiError.is(refused) && errorText(refused.body, 'zh-CN')).toContain('已存在');
    expect(readFileSync(input.out, 'utf8')).toBe('kept');
    const beside = await api.send('grids.export', { ...input, onExists: 'rename' });
    expect(beside.path).toBe(join(dir, 'partners (2).csv'));
    expect(readFileSync(input.out, 'utf8')).toBe('kept');
    expect(readFileSync(beside.path, 'utf8')).toContain('广州华商');
    const replaced = await api.send('grids.export', { ...input, onExists: 'replace' });
    expect(replaced.path).toBe(input.out);
    expect(readFileSync(input.out, 'utf8')).toContain('广州华商');
  });

  it('refuses columns the grid does not have for sorting and leaves no file when cancelled', async () => {
    const { api, ws, dir } = await partners();
    const e = await api.send('grids.export', { ...partnersExport(dir, 'csv'), grid: 'sales', query: {}, sort: [{ colId: 'partnerName', sort: 'asc' }] }).catch((x: unknown) => x);
    expect(ApiError.is(e) && e.body.code).toBe('DOMAIN');
    const id = (ws.sqlite.prepare(`select id from partners where code = 'P01'`).get() as { id: number }).id;
    ws.sqlite.exec(`with recursive n(i) as (select 1 union all select i + 1 from n where i < 20000)
      insert into sales_lines (partner_id, date, amount_minor, quantity, currency, dedupe_key) select ${id}, '2025-01-01', i, 1, 'CNY', 'k' || i from n`);
    const abort = new AbortController();
    const out = join(dir, 'sales.xlsx');
    const cancelled = await api
      .send('grids.export', { grid: 'sales', query: {}, columns: [{ colId: 'amountMinor', header: '金额', kind: 'money' }], sort: [{ colId: 'amountMinor', sort: 'asc' }], format: 'xlsx', out }, {
        signal: abort.signal,
        onProgress: (p) => p.done >= 5000 && abort.abort(),
      })
      .catch((x: unknown) => x);
    expect(ApiError.is(cancelled) && cancelled.body.code).toBe('CANCELLED');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('sales'))).toEqual([]);
  });
});
