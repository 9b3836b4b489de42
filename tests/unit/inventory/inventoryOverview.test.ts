import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../../electron/api/api';
import { memoryApi, tempDir } from '../../helpers/workspace';
import { seedChannelFixture } from './channelFixture';
import type { Workspace } from '../../../db/database';
import { ensureSalesSummaries } from '../../../electron/domain/evaluations/salesSummaries';

const tmp = tempDir('pwb-overview-');
let api: Api;
let ws: Workspace;
beforeAll(async () => {
  const m = memoryApi();
  api = m.api;
  ws = m.ws;
  await seedChannelFixture(api, tmp.dir);
});

describe('inventory.overview / evidence / trend (the page)', () => {
  it('gives stock, DOI and sell-through rate per partner × product and flags partners without a recent report', async () => {
    const o = await api.send('inventory.overview', { period: '2025-Q1' });
    const row = (p: string, prod: string) => o.rows.find((r) => r.partnerCode === p && r.productCode === prod)!;
    expect(row('P001', 'CAM-01')).toMatchObject({ sellInQuantity: 140, sellThroughQuantity: 65, closingStock: 50, lastReportDate: '2025-03-31', daysSinceReport: 0, notReported: false });
    expect(row('P001', 'CAM-01').daysOfInventory).toBeCloseTo(50 / (65 / 90), 5);
    expect(row('P001', 'NVR-08')).toMatchObject({ sellInQuantity: 0, sellThroughRate: null, closingStock: 10, daysOfInventory: 18 * 10 });
    // P003 never reported stock: flagged, no stock figure.
    expect(row('P003', 'CAM-01')).toMatchObject({ closingStock: null, daysOfInventory: null, notReported: true });
    expect(o.partners.map((p) => [p.partnerCode, p.crossTerritoryLines, p.belowFloorLines])).toEqual([['P001', 1, 1], ['P002', 0, 0], ['P003', 1, 0]]);
  });

  it('lists the evidence lines: outside the territory, and under the floor with how far', async () => {
    const cross = await api.send('inventory.evidence', { period: '2025-Q1', kind: 'crossTerritory' });
    expect(cross.map((l) => [l.partnerCode, l.customerRef, l.provinceName, l.territoryName])).toEqual([['P001', 'C2', '广东省', '华东'], ['P003', 'C6', '浙江省', '华东北片']]);
    // In English the page shows the territory tree's English names (a sub-territory added without one keeps its Chinese name).
    expect(cross.map((l) => [l.provinceNameEn, l.territoryNameEn])).toEqual([['Guangdong', 'East China'], ['Zhejiang', null]]);
    const below = await api.send('inventory.evidence', { period: '2025-Q1', kind: 'belowFloor' });
    expect(below.map((l) => [l.partnerCode, l.date, l.floorPriceMinor, l.unitPriceMinor, l.underFloor])).toEqual([['P001', '2025-02-15', 8000, 7000, 0.125]]);
  });

  it('trend: sell-in against sell-through per month, and the stock of every reporting partner at each month end', async () => {
    const t = await api.send('inventory.trend', { to: '2025-Q1', months: 3 });
    expect(t).toEqual([
      // P001's report of 2024-12-31 (100) is its stock at January's end; P002 first reports in February.
      { month: '2025-01', sellInQuantity: 110, sellThroughQuantity: 44, closingStock: 100 },
      { month: '2025-02', sellInQuantity: 50, sellThroughQuantity: 50, closingStock: 80 + 30 },
      { month: '2025-03', sellInQuantity: -10, sellThroughQuantity: 1, closingStock: 50 + 10 + 10 },
    ]);
  });

  it("trend of one partner (the partner page): its sell-in, sell-through and closing stock from the summaries, as its lines and reports give them", async () => {
    const p001 = [
      // No sell-through line in a month is no report: null (a gap in the chart, — in the table), not 0; a month
      // without sales to the partner before the workspace's latest sales line is a true 0.
      { month: '2024-11', sellInQuantity: 0, sellThroughQuantity: null, closingStock: null }, // before its first report
      { month: '2024-12', sellInQuantity: 999, sellThroughQuantity: null, closingStock: 100 },
      { month: '2025-01', sellInQuantity: 100, sellThroughQuantity: 40, closingStock: 100 }, // no report in January: December's stands
      { month: '2025-02', sellInQuantity: 50, sellThroughQuantity: 30, closingStock: 80 },
      { month: '2025-03', sellInQuantity: -10, sellThroughQuantity: -5 + 5, closingStock: 50 + 10 }, // a return; two products: reported, 0
    ];
    expect(await api.send('inventory.trend', { to: '2025-Q1', months: 5, partnerCode: 'P001' })).toEqual(p001);
    // With the sales summaries kept (a workspace evaluated once) the figures are the same.
    ensureSalesSummaries(ws.sqlite);
    expect(await api.send('inventory.trend', { to: '2025-Q1', months: 5, partnerCode: 'P001' })).toEqual(p001);
    // P003 never reported stock; P004 only buys.
    expect((await api.send('inventory.trend', { to: '2025-Q1', months: 3, partnerCode: 'P003' })).map((m) => [m.sellInQuantity, m.sellThroughQuantity, m.closingStock])).toEqual([
      [10, 4, null],
      [0, null, null], // nothing reported in February
      [0, 1, null],
    ]);
    expect((await api.send('inventory.trend', { to: '2025-Q1', months: 3, partnerCode: 'P004' })).map((m) => m.sellInQuantity)).toEqual([10, 0, 0]);
    await expect(api.send('inventory.trend', { to: '2025-Q1', months: 3, partnerCode: 'P999' })).rejects.toMatchObject({ body: { code: 'NOT_FOUND' } });
  });

  it('trend: a month after the latest report is not yet reported (null), not a slump to 0 — the company and one partner', async () => {
    // The fixture's latest sales line is of 2025-03 and its latest sell-through line of 2025-04: May has neither.
    const company = await api.send('inventory.trend', { to: '2025-05', months: 3 });
    expect(company.map((m) => [m.month, m.sellInQuantity, m.sellThroughQuantity])).toEqual([
      ['2025-03', -10, 1],
      ['2025-04', null, 7],
      ['2025-05', null, null],
    ]);
    const p002 = await api.send('inventory.trend', { to: '2025-05', months: 3, partnerCode: 'P002' });
    expect(p002.map((m) => [m.sellInQuantity, m.sellThroughQuantity, m.closingStock])).toEqual([
      [0, null, 10],
      [null, null, 10],
      [null, null, 10],
    ]);
  });

  it('Mine: the partners, partner × product rows and territory sums of my partners only, their exports the same', async () => {
    const { rows: partners } = await api.send('partners.list', {});
    const id = (code: string) => partners.find((p) => p.code === code)!.id;
    const me = await api.send('channelManagers.create', { name: '周敏' });
    await api.send('channelManagers.reassign', { partnerIds: [id('P001'), id('P003')], to: me.id, reason: '分配' });
    const all = await api.send('inventory.overview', { period: '2025-Q1' });
    const mine = await api.send('inventory.overview', { period: '2025-Q1', channelManagerIds: [me.id] });
    expect(mine.partners.map((p) => p.partnerCode)).toEqual(['P001', 'P003']);
    expect([...new Set(mine.rows.map((r) => r.partnerCode))]).toEqual(['P001', 'P003']);
    expect(mine.rows).toEqual(all.rows.filter((r) => r.partnerCode !== 'P002'));
    const sum = (o: typeof all) => o.groups.filter((g) => g.by === 'territory').reduce((n, g) => n + g.partners, 0);
    expect(sum(mine)).toBe(2);
    expect(sum(all)).toBe(3);
    expect((await api.send('inventory.overview', { period: '2025-Q1', channelManagerIds: [] })).partners).toEqual([]);
    const t = tempDir('pwb-overview-mine-');
    try {
      const file = await api.send('grids.export', { grid: 'inventoryPartners', query: { period: '2025-Q1', channelManagerIds: [me.id] }, columns: [{ colId: 'partnerCode', header: 'code' }], format: 'csv', out: `${t.dir}/mine.csv` });
      expect(readFileSync(file.path, 'utf8').replace(/^\uFEFF/, '').split('\r\n')).toEqual(['code', 'P001', 'P003', '']);
    } finally {
      t.cleanup();
    }
  });
});
