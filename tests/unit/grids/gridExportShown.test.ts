import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';
import { sale, target } from '../evaluations/fixtures';

/**
 * Columns the grid computes from a row — a certificate's state at the page's day, the audit trail's change summary, the
 * scorecard ratios shown ×100, 直销 for a deal without a partner, a partner's English name in English mode — are in the
 * file as the grid shows them, not left out or written raw.
 */
let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

function setup() {
  const { ws, api } = memoryApi();
  const t = tempDir();
  cleanup = () => {
    ws.close();
    t.cleanup();
  };
  return { ws, api, dir: t.dir };
}

const csvLines = (path: string) => readFileSync(path, 'utf8').slice(1).split('\r\n').slice(0, -1);

describe('grid export of columns computed for the screen', () => {
  it('writes the scorecard ratios as the grid shows them (×100, one decimal), filtered on that figure, in CSV and XLSX', async () => {
    const { ws, api, dir } = setup();
    const a = await api.send('partners.create', partnerInput('A1'));
    const b = await api.send('partners.create', partnerInput('B1'));
    sale(ws, a.id, '2025-02-01', 2_345_60);
    target(ws, a.id, '2025-Q1', 1_000_00); // attainment 2.3456 → 234.6
    sale(ws, b.id, '2025-02-01', 987_60);
    target(ws, b.id, '2025-Q1', 1_000_00); // 0.9876 → 98.8
    await api.send('evaluations.run', { period: '2025-Q1' });
    const listed = (await api.send('evaluations.scorecards.list', { period: '2025-Q1' })).rows;
    expect(listed.map((r) => [r.partnerCode, r.attainment])).toEqual(expect.arrayContaining([['A1', 2.3456], ['B1', 0.9876]]));

    const columns = [
      { colId: 'partnerCode', header: '伙伴编码' },
      { colId: 'attainmentPct', header: '达成率', fields: ['attainment'], kind: 'percentPoints' as const },
    ];
    const csv = await api.send('grids.export', {
      grid: 'scorecards',
      query: { period: '2025-Q1' },
      columns,
      sort: [{ colId: 'attainmentPct', sort: 'asc' }],
      // the grid's number filter is on the ×100 figure: 达成率 ≥ 100 keeps A1 only
      filterModel: { attainmentPct: { filterType: 'number', type: 'greaterThanOrEqual', filter: 100 } },
      format: 'csv',
      out: join(dir, 'scorecards.csv'),
    });
    expect(csvLines(csv.path)).toEqual(['伙伴编码,达成率 (%)', 'A1,234.6']);

    const xlsx = await api.send('grids.export', { grid: 'scorecards', query: { period: '2025-Q1' }, columns, sort: [{ colId: 'attainmentPct', sort: 'asc' }], format: 'xlsx', out: join(dir, 'scorecards.xlsx') });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx.path);
    const sheet = wb.worksheets[0];
    expect([sheet.getCell('B1').value, sheet.getCell('B2').value, sheet.getCell('B3').value]).toEqual(['达成率', 98.8, 234.6]);
    expect(sheet.getCell('B2').numFmt).toBe('0.0"%"');
  });

  it('writes a training record’s state at the page’s day, and the audit trail’s change summary', async () => {
    const { api, dir } = setup();
    const p = await api.send('partners.create', partnerInput('T1'));
    const course = await api.send('training.courses.save', { code: 'C1', titleZh: '产品认证', titleEn: 'Product certification', category: 'product', validityMonths: 12, requiredTiers: [], requiredChannelTypes: [], passingScore: null });
    await api.send('training.records.save', { partnerId: p.id, courseId: course.course.id, trainee: '张三', completedOn: '2024-01-10', passed: true });
    await api.send('training.records.save', { partnerId: p.id, courseId: course.course.id, trainee: '李四', completedOn: '2024-06-10', passed: false });
    const columns = [
      { colId: 'trainee', header: '学员' },
      { colId: 'state', header: '状态', labels: { valid: '有效', expired: '已过期', failed: '未通过' } },
    ];
    const at = async (asOf: string) =>
      csvLines((await api.send('grids.export', { grid: 'trainingRecords', query: { asOf }, columns, sort: [{ colId: 'trainee', sort: 'asc' }], format: 'csv', out: join(dir, `records-${asOf}.csv`) })).path);
    expect(await at('2024-12-31')).toEqual(['学员,状态', '张三,有效', '李四,未通过']);
    expect(await at('2025-03-01')).toEqual(['学员,状态', '张三,已过期', '李四,未通过']);

    await api.send('partners.update', { id: p.id, patch: { name: '改名后', tier: 'tier1' } });
    const audit = await api.send('grids.export', {
      grid: 'audit',
      query: { operation: 'partners.update' },
      columns: [
        { colId: 'operation', header: '操作' },
        { colId: 'changes', header: '变更', fields: ['changeSummary'] },
      ],
      filterModel: { changes: { filterType: 'text', type: 'contains', filter: 'tier' } },
      format: 'csv',
      out: join(dir, 'audit.csv'),
    });
    expect(csvLines(audit.path)).toEqual(['操作,变更', expect.stringMatching(/^partners\.update,"?[^"]*\bname\b.*\btier\b/)]);
  });

  it('writes 直销 for a deal without a partner (and finds it by that word), and the English name where the grid shows it', async () => {
    const { ws, api, dir } = setup();
    const p = await api.send('partners.create', partnerInput('D1', { name: '深圳鑫睿', nameEn: 'Shenzhen Xinrui' }));
    await api.send('partners.create', partnerInput('D2', { name: '广州华商' }));
    await api.send('deals.register', { partnerId: p.id, customerName: '华信科技有限公司', productLine: 'X', expectedValueMinor: 100_00 });
    await api.send('deals.register', { partnerId: null, customerName: '远航集团', productLine: 'X', expectedValueMinor: 200_00 });
    const partnerColumn = { colId: 'partnerCode', header: '伙伴', fields: ['partnerCode', 'partnerName'], emptyText: '直销' };
    const deals = await api.send('grids.export', {
      grid: 'deals',
      query: {},
      columns: [{ colId: 'customerName', header: '客户' }, partnerColumn],
      sort: [{ colId: 'customerName', sort: 'asc' }],
      format: 'csv',
      out: join(dir, 'deals.csv'),
    });
    expect(csvLines(deals.path).sort()).toEqual(['华信科技有限公司,D1 深圳鑫睿', '客户,伙伴', '远航集团,直销'].sort());
    const direct = await api.send('grids.export', {
      grid: 'deals',
      query: {},
      columns: [{ colId: 'customerName', header: '客户' }, partnerColumn],
      filterModel: { partnerCode: { filterType: 'text', type: 'equals', filter: '直销' } },
      format: 'xlsx',
      out: join(dir, 'deals.xlsx'),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(direct.path);
    expect(wb.worksheets[0].getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1))).toEqual([['客户', '伙伴'], ['远航集团', '直销']]);

    const names = await api.send('grids.export', {
      grid: 'partners',
      query: {},
      columns: [{ colId: 'code', header: 'Code' }, { colId: 'name', header: 'Name', fields: ['nameEn', 'name'], pick: 'first' }],
      sort: [{ colId: 'code', sort: 'asc' }],
      format: 'csv',
      out: join(dir, 'partners.csv'),
    });
    expect(csvLines(names.path)).toEqual(['Code,Name', 'D1,Shenzhen Xinrui', 'D2,广州华商']);

    // the training records grid carries the English name too, and exports it the same way in English mode
    const course = (await api.send('training.courses.save', { code: 'C1', titleZh: '产品认证', titleEn: 'Product', category: 'product', validityMonths: 12, requiredTiers: [], requiredChannelTypes: [], passingScore: null })).course;
    await api.send('training.records.save', { partnerId: p.id, courseId: course.id, trainee: '张三', completedOn: '2025-03-01', passed: true });
    expect((await api.send('training.records.list', {})).rows.map((r) => [r.partnerName, r.partnerNameEn])).toEqual([['深圳鑫睿', 'Shenzhen Xinrui']]);
    const records = await api.send('grids.export', {
      grid: 'trainingRecords',
      query: {},
      columns: [{ colId: 'partnerName', header: 'Partner', fields: ['partnerNameEn', 'partnerName'], pick: 'first' }],
      format: 'csv',
      out: join(dir, 'records.csv'),
    });
    expect(csvLines(records.path)).toEqual(['Partner', 'Shenzhen Xinrui']);
    // and the scorecards grid
    sale(ws, p.id, '2025-02-01', 100_00);
    await api.send('evaluations.run', { period: '2025-Q1' });
    expect((await api.send('evaluations.scorecards.list', { period: '2025-Q1' })).rows.find((r) => r.partnerCode === 'D1')?.partnerNameEn).toBe('Shenzhen Xinrui');
  });

  it('in English mode the deals, risks and sales grids write "code English name", else the Chinese one', async () => {
    const { ws, api, dir } = setup();
    const p = await api.send('partners.create', partnerInput('D1', { name: '深圳鑫睿', nameEn: 'Shenzhen Xinrui' }));
    const q = await api.send('partners.create', partnerInput('D2', { name: '广州华商' }));
    await api.send('deals.register', { partnerId: p.id, customerName: '华信科技有限公司', productLine: 'X', expectedValueMinor: 100_00 });
    await api.send('deals.register', { partnerId: q.id, customerName: '远航集团', productLine: 'Y', expectedValueMinor: 200_00 });
    await api.send('deals.register', { partnerId: null, customerName: '东方电子', productLine: 'Z', expectedValueMinor: 300_00 });
    // The spec the English grid sends (renderer/src/partnerName.ts codeNameExport(false)).
    const partner = { colId: 'partnerCode', header: 'Partner', fields: ['partnerCode', 'partnerNameEn', 'partnerName'], pick: 'leadAndFirst' as const, emptyText: 'Direct sales' };
    const deals = await api.send('grids.export', { grid: 'deals', query: {}, columns: [{ colId: 'customerName', header: 'Customer' }, partner], sort: [{ colId: 'customerName', sort: 'asc' }], format: 'csv', out: join(dir, 'deals-en.csv') });
    expect(csvLines(deals.path).sort()).toEqual(['Customer,Partner', '东方电子,Direct sales', '华信科技有限公司,D1 Shenzhen Xinrui', '远航集团,D2 广州华商'].sort());
    expect((await api.send('deals.list', {})).rows.map((r) => r.partnerNameEn).sort()).toEqual(['Shenzhen Xinrui', null, null].sort());

    await api.send('risks.save', { fields: { title: '窜货', category: 'channel_conflict', partnerId: p.id, likelihood: 3, impact: 3 } });
    const risks = await api.send('grids.export', { grid: 'risks', query: {}, columns: [{ ...partner, emptyText: undefined }], filterModel: { partnerCode: { filterType: 'text', type: 'contains', filter: 'Shenzhen' } }, format: 'csv', out: join(dir, 'risks-en.csv') });
    expect(csvLines(risks.path)).toEqual(['Partner', 'D1 Shenzhen Xinrui']);

    sale(ws, p.id, '2025-02-01', 100_00);
    sale(ws, q.id, '2025-02-02', 200_00);
    const sales = await api.send('grids.export', { grid: 'sales', query: {}, columns: [{ colId: 'partnerName', header: 'Name', fields: ['partnerNameEn', 'partnerName'], pick: 'first' }], sort: [{ colId: 'date', sort: 'asc' }], format: 'csv', out: join(dir, 'sales-en.csv') });
    expect(csvLines(sales.path)).toEqual(['Name', 'Shenzhen Xinrui', '广州华商']);
  });
});
