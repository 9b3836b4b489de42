import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../../electron/api/api';
import type { Workspace } from '../../../db/database';
import { writeFile } from '../imports/importFixtures';
import { memoryApi, tempDir } from '../../helpers/workspace';
import { seedChannelFixture } from './channelFixture';

const tmp = tempDir('pwb-inventory-exports-');
afterAll(() => tmp.cleanup());
let ws: Workspace;
let api: Api;
let n = 0;

/** CSV lines of a grid export (the BOM dropped). */
async function exported(grid: 'inventoryRows' | 'inventoryPartners' | 'inventoryGroups' | 'riskEvidence', query: Record<string, unknown>, columns: Array<Record<string, unknown>>) {
  const file = await api.send('grids.export', { grid, query, columns: columns as never, format: 'csv', out: join(tmp.dir, `${grid}-${++n}.csv`) });
  return { rows: file.rows, lines: readFileSync(file.path, 'utf8').slice(1).split('\r\n').filter(Boolean) };
}

beforeAll(async () => {
  ({ ws, api } = memoryApi());
  await seedChannelFixture(api, tmp.dir);
  // P004 (华东) sells to a 广东 customer whose name a spreadsheet would run as a formula.
  await api.send('imports.run', {
    kind: 'sell-through',
    path: writeFile(tmp.dir, 'st-p004.csv', 'partnerCode,date,product,quantity,amount,customerRef,customerName,customerProvince\r\nP004,2025-02-01,NVR-08,1,900,C7,"=HYPERLINK(""http://x"")",广东\r\n'),
  });
  await api.send('evaluations.run', { period: '2025-Q1' });
});

describe('Inventory page exports (the grid export: what is shown, formula-escaped)', () => {
  it('the partner × product grid writes the last report (never reported in words), the days since and the reporting flag', async () => {
    const { lines } = await exported('inventoryRows', { period: '2025-Q1' }, [
      { colId: 'partnerCode', header: '伙伴' },
      { colId: 'productCode', header: '产品' },
      { colId: 'lastReportDate', header: '最近上报', emptyText: '从未上报' },
      { colId: 'daysSinceReport', header: '距上次上报（天）', kind: 'number' },
      { colId: 'reportFlag', header: '上报', labels: { never: '未上报库存', late: '库存上报逾期' } },
    ]);
    expect(lines).toEqual([
      '伙伴,产品,最近上报,距上次上报（天）,上报',
      'P001,CAM-01,2025-03-31,0,',
      'P001,NVR-08,2025-03-31,0,',
      'P002,CAM-01,2025-03-31,0,',
      'P003,CAM-01,从未上报,,未上报库存',
      'P004,CAM-01,从未上报,,未上报库存',
      'P004,NVR-08,从未上报,,未上报库存',
    ]);
  });

  it('a report older than the rule is flagged late with its age (P002 reported on 02-15 only, as of February)', async () => {
    const { lines } = await exported('inventoryRows', { period: '2025-02' }, [
      { colId: 'partnerCode', header: 'Partner' },
      { colId: 'daysSinceReport', header: 'Days', kind: 'number' },
      { colId: 'reportFlag', header: 'Flag' },
    ]);
    expect(lines.filter((l) => l.startsWith('P001') || l.startsWith('P002'))).toEqual(['P001,0,', 'P002,13,']);
    const march = await api.send('inventory.overview', { period: '2025-03' });
    expect(march.partners.find((p) => p.partnerCode === 'P002')).toMatchObject({ daysSinceReport: 0, reportFlag: null });
    // A rule of 10 days flags P002's report of 02-15 at the end of February (13 days).
    await api.send('inventory.rules.set', { notReportedDays: 10 });
    const feb = await api.send('inventory.overview', { period: '2025-02' });
    expect(feb.partners.find((p) => p.partnerCode === 'P002')).toMatchObject({ daysSinceReport: 13, reportFlag: 'late', notReported: true });
    await api.send('inventory.rules.set', { notReportedDays: 14 });
  });

  it('the partner grid writes its flags as codes the page puts in words', async () => {
    const { lines } = await exported('inventoryPartners', { period: '2025-Q1' }, [
      { colId: 'partnerCode', header: 'Partner' },
      { colId: 'flags', header: 'Flags', labels: { 'crossTerritory belowFloor': 'Cross-territory selling · Price breaking', crossTerritory: 'Cross-territory selling' } },
      { colId: 'reportFlag', header: 'Reporting', labels: { never: 'No stock report' } },
    ]);
    expect(lines).toEqual(['Partner,Flags,Reporting', 'P001,Cross-territory selling · Price breaking,', 'P002,,', 'P003,Cross-territory selling,No stock report', 'P004,Cross-territory selling,No stock report']);
  });

  it('the territory / channel-type sums have an export of their own', async () => {
    const overview = await api.send('inventory.overview', { period: '2025-Q1' });
    const { rows, lines } = await exported('inventoryGroups', { period: '2025-Q1' }, [
      { colId: 'by', header: 'By' },
      { colId: 'key', header: 'Group' },
      { colId: 'partners', header: 'Partners', kind: 'number' },
      { colId: 'sellThroughQuantity', header: 'Sell-through', kind: 'number' },
    ]);
    expect(rows).toBe(overview.groups.length);
    // Q1 sell-through: P001 40 + 30 − 5 + 5, P002 20, P003 4 + 1, P004 1; all four in 华东 (浙江 and 华东北片 are inside).
    expect(lines).toEqual(['By,Group,Partners,Sell-through', 'channelType,dealer,4,96', 'territory,HD,4,96']);
  });

  it('a risk’s evidence lines export in full, a formula-like customer name as text', async () => {
    const risk = ws.sqlite.prepare(`select r.id from risks r join partners p on p.id = r.partner_id where p.code = 'P004' and r.rule_code = 'inventory:crossTerritory'`).pluck().get() as number;
    const { lines } = await exported('riskEvidence', { riskId: risk }, [
      { colId: 'date', header: 'Date' },
      { colId: 'customerName', header: 'Customer' },
      { colId: 'provinceName', header: 'Province', fields: ['provinceName', 'customerProvince'], pick: 'first' },
      { colId: 'amountMinor', header: 'Amount', kind: 'money' },
    ]);
    expect(lines).toEqual(['Date,Customer,Province,Amount', `2025-02-01,"'=HYPERLINK(""http://x"")",广东省,900`]);
  });
});

describe('the dashboard’s channel measures (inventory.kpi)', () => {
  it('sum the network like the Inventory page’s groups and count the partners each flag holds', async () => {
    const kpi = await api.send('inventory.kpi', { period: '2025-Q1' });
    const hd = (await api.send('inventory.overview', { period: '2025-Q1' })).groups.find((g) => g.by === 'territory' && g.key === 'HD')!;
    // All four partners are in 华东, so the network is that group: the same ratios from the same sums.
    expect(kpi).toMatchObject({ period: '2025-Q1', partners: 4, sellThroughQuantity: 96, sellThroughRate: hd.sellThroughRate, daysOfInventory: hd.daysOfInventory, doiLimitDays: 90 });
    // Rate over partners with sell-in: (70 + 5 + 1) ÷ (140 + 10 + 10); DOI over partners with stock: (60 + 10) ÷ ((70 + 20) ÷ 90 days).
    expect(kpi).toMatchObject({ sellThroughRate: 0.475, daysOfInventory: 70 });
    // 窜货: P001 (广东), P003 (浙江 outside 华东北片), P004 (广东); 乱价: P001's 70.00 under the 80.00 floor; no stock report: P003, P004.
    expect(kpi).toMatchObject({ crossTerritoryPartners: 3, crossTerritoryLines: 3, belowFloorPartners: 1, belowFloorLines: 1, stuffingPartners: 0, notReportedPartners: 2 });
  });

  it('say there is nothing to measure in a workspace without sell-through or stock', async () => {
    const empty = memoryApi();
    expect(await empty.api.send('inventory.kpi', { period: '2025-Q1' })).toMatchObject({ partners: 0, sellThroughRate: null, daysOfInventory: null, crossTerritoryPartners: 0 });
    empty.ws.close();
  });
});
