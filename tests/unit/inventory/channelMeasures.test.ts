import { beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../db/database';
import { channelMeasures } from '../../../electron/domain/inventory/channelMeasures';
import { parsePeriod } from '../../../shared/period';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';
import { insideProvinces } from '../../../electron/domain/inventory/territoryScope';
import { writeFile } from '../imports/importFixtures';
import { seedChannelFixture } from './channelFixture';
import { measureStore } from '../../../electron/domain/inventory/store/measures';

const tmp = tempDir('pwb-measures-');
let ws: Workspace;
let ids: Record<string, number> = {};

beforeAll(async () => {
  const m = memoryApi();
  ws = m.ws;
  ids = await seedChannelFixture(m.api, tmp.dir);
});

describe('channel measures (hand-computed, 2025-Q1)', () => {
  const q1 = () => channelMeasures(ws, parsePeriod('2025-Q1'), Object.values(ids));

  it('sell-through rate, DOI, weeks of supply and turnover with opening and closing stock; returns net out', () => {
    const m = q1().get(ids.P001)!;
    expect(m).toMatchObject({ sellInQuantity: 140, sellThroughQuantity: 70, sellThroughAmountMinor: 960000, sellThroughRate: 0.5 });
    expect(m).toMatchObject({ openingStock: 100, closingStock: 60, closingStockValueMinor: 250000, lastReportDate: '2025-03-31' });
    expect(m.daysOfInventory).toBeCloseTo(60 / (70 / 90), 5); // 77.142857
    expect(m.weeksOfSupply).toBeCloseTo(60 / (70 / 90) / 7, 5);
    expect(m.inventoryTurnover).toBe(0.875); // 70 / ((100 + 60) / 2)
  });

  it('stock first reported mid-period stands for the opening stock; zero sell-in leaves the rate undefined', () => {
    const m = q1().get(ids.P002)!;
    expect(m).toMatchObject({ sellInQuantity: 0, sellThroughQuantity: 20, sellThroughRate: null, openingStock: 30, closingStock: 10, inventoryTurnover: 1 });
    expect(m.daysOfInventory).toBe(45); // 10 / (20 / 90)
  });

  it('no stock report: DOI and turnover are null, the rate is still measured', () => {
    const m = q1().get(ids.P003)!;
    expect(m).toMatchObject({ sellThroughRate: 0.5, openingStock: null, closingStock: null, lastReportDate: null, daysOfInventory: null, inventoryTurnover: null });
  });

  it('a partner that never reported sell-through has no rate (missing data, not 0 %)', () => {
    expect(q1().get(ids.P004)).toMatchObject({ sellInQuantity: 10, sellThroughRate: null, crossTerritoryShare: null, belowFloorShare: null });
  });

  it('窜货: lines to customers outside the territory tree of the partner; a sub-territory province is inside; lines without a province are left out', () => {
    expect(q1().get(ids.P001)).toMatchObject({ locatedLines: 2, crossTerritoryLines: 1, crossTerritoryAmountMinor: 210000, crossTerritoryShare: 0.5 });
    expect(q1().get(ids.P002)).toMatchObject({ locatedLines: 1, crossTerritoryLines: 0, crossTerritoryShare: 0 });
    expect(q1().get(ids.P003)).toMatchObject({ locatedLines: 2, crossTerritoryLines: 1, crossTerritoryShare: 0.5 });
  });

  it('控价: below the floor in force at the line date; products without a floor are left out', () => {
    expect(q1().get(ids.P001)).toMatchObject({ pricedLines: 2, belowFloorLines: 1, belowFloorAmountMinor: 210000, belowFloorGapMinor: 30000, belowFloorShare: 0.5 });
    // 65.00 in March is above that month's floor of 60 (it would be below January's 80).
    expect(q1().get(ids.P003)).toMatchObject({ pricedLines: 2, belowFloorLines: 0, belowFloorShare: 0 });
  });
});

/**
 * The measures' single pass over the lines (sell-through, 窜货, 控价 with the floor per line) against the grouped SQL
 * that defined them, on generated lines: floors changing by date and ending, another currency, returns, lines without
 * amount, province or floor, partners without a territory.
 */
describe('channel measures from one pass over the lines = the grouped SQL definition', () => {
  const FLOOR = `(select pp.floor_price_minor from product_prices pp where pp.product_id = s.product_id and pp.valid_from <= s.date
     and (pp.valid_to is null or pp.valid_to >= s.date) and pp.floor_price_minor is not null and pp.currency = s.currency order by pp.valid_from desc limit 1)`;
  const reference = (start: string, end: string, partnerIds: number[]) => {
    const ids = JSON.stringify(partnerIds);
    const inside = insideProvinces(ws, partnerIds);
    const through = ws.sqlite.prepare(`select partner_id as p, sum(quantity) as q, coalesce(sum(amount_minor), 0) as a from sell_through_lines
      where partner_id in (select value from json_each(?)) and date between ? and ? group by partner_id`).all(ids, start, end) as Array<{ p: number; q: number; a: number }>;
    const prov = ws.sqlite.prepare(`select partner_id as p, customer_territory_id as t, count(*) as n, coalesce(sum(amount_minor), 0) as a from sell_through_lines
      where partner_id in (select value from json_each(?)) and date between ? and ? and quantity > 0 and customer_territory_id is not null group by partner_id, customer_territory_id`).all(ids, start, end) as Array<{ p: number; t: number; n: number; a: number }>;
    const priced = ws.sqlite.prepare(`select p, count(*) as priced, sum(a < f * q) as below, sum(case when a < f * q then a else 0 end) as amount, sum(case when a < f * q then f * q - a else 0 end) as gap
      from (select s.partner_id as p, s.quantity as q, s.amount_minor as a, ${FLOOR} as f from sell_through_lines s
            where s.partner_id in (select value from json_each(?)) and s.date between ? and ? and s.quantity > 0 and s.amount_minor is not null) where f is not null group by p`).all(ids, start, end) as Array<{ p: number; priced: number; below: number; amount: number; gap: number }>;
    return partnerIds.map((id) => {
      const st = through.find((r) => r.p === id);
      const c = { located: 0, lines: 0, amount: 0 };
      for (const r of prov.filter((x) => x.p === id)) {
        const scope = inside.get(id);
        if (!scope) continue;
        c.located += r.n;
        if (!scope.has(r.t)) {
          c.lines += r.n;
          c.amount += r.a;
        }
      }
      const pr = priced.find((r) => r.p === id);
      return {
        sellThroughQuantity: Math.round((st?.q ?? 0) * 1e6) / 1e6,
        sellThroughAmountMinor: st?.a ?? 0,
        locatedLines: c.located,
        crossTerritoryLines: c.lines,
        crossTerritoryAmountMinor: c.amount,
        pricedLines: pr?.priced ?? 0,
        belowFloorLines: pr?.below ?? 0,
        belowFloorAmountMinor: pr?.amount ?? 0,
        belowFloorGapMinor: Math.round(pr?.gap ?? 0),
      };
    });
  };

  it('gives the same figures for every partner and period', async () => {
    const m = memoryApi();
    ws = m.ws;
    const fixture = await seedChannelFixture(m.api, tmp.dir);
    const extra = (await m.api.send('partners.create', partnerInput('P005', { territory: null }))).id;
    const all = [...Object.values(fixture), extra];
    await m.api.send('imports.run', {
      kind: 'products',
      path: writeFile(tmp.dir, 'more-products.csv', 'code,nameZh,floorPrice,validFrom,validTo,currency\r\nDVR-02,硬盘录像机,30,2024-11-01,2025-01-31,CNY\r\nDVR-02,硬盘录像机,35,2025-02-01,2025-02-20,CNY\r\nDVR-02,硬盘录像机,5,2025-01-01,,USD\r\n'),
    });
    let s = 1;
    const r = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    const codes = ['P001', 'P002', 'P003', 'P004', 'P005'];
    const provinces = ['浙江', '江苏', '广东', '北京', '上海', ''];
    let csv = 'partnerCode,date,product,quantity,amount,currency,customerRef,customerProvince,lineRef\r\n';
    for (let i = 0; i < 800; i++) {
      const q = r() < 0.1 ? -(1 + Math.floor(r() * 3)) : r() < 0.1 ? 1.5 : 1 + Math.floor(r() * 6);
      const unit = 20 + Math.floor(r() * 100);
      const amount = r() < 0.1 ? '' : String(Math.round(q * unit * 100) / 100);
      const day = `2025-0${1 + Math.floor(r() * 4)}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
      const product = ['CAM-01', 'NVR-08', 'DVR-02'][Math.floor(r() * 3)];
      const currency = product === 'DVR-02' && r() < 0.3 ? 'USD' : 'CNY';
      csv += `${codes[Math.floor(r() * 5)]},${day},${product},${q},${amount},${currency},C${Math.floor(r() * 9)},${provinces[Math.floor(r() * 6)]},G${i}\r\n`;
    }
    const imported = await m.api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'generated.csv', csv) });
    expect(imported.inserted).toBe(800);
    for (const label of ['2025-Q1', '2025-01', '2025-02', '2025-03', '2025-04', '2025-H1']) {
      const p = parsePeriod(label);
      const got = channelMeasures(ws, p, all);
      const want = reference(p.start, p.end, all);
      all.forEach((id, i) => expect(got.get(id), `${label} partner ${id}`).toMatchObject(want[i]));
      expect(want.some((x) => x.belowFloorLines > 0) && want.some((x) => x.crossTerritoryLines > 0)).toBe(true);
    }
  });
});

/**
 * Stock at a day (the closing and opening stock) and the first report within a period, read by one index seek per
 * partner, against the grouped SQL that defined them (every report date up to the day grouped per partner), on
 * generated reports: several products and warehouses a date, values given or not, days before, on, between and after
 * the reports, a partner without any, a partner listed twice.
 */
describe('stock at a day and first report in a period = the grouped definition', () => {
  const IN = 'partner_id in (select value from json_each(@ids))';
  const stockAtBefore = (by: 'partner' | 'product') =>
    `select i.partner_id as p, ${by === 'product' ? 'i.product_id' : 'null'} as product, i.date as d, sum(i.quantity) as q, sum(i.value_minor) as v from inventory_snapshots i
       join (select partner_id, max(date) as d from inventory_snapshots where ${IN} and date <= @day group by partner_id) l on l.partner_id = i.partner_id and l.d = i.date
      group by ${by === 'product' ? 'i.partner_id, i.product_id' : 'i.partner_id'}`;
  const firstBefore = `select i.partner_id as p, null as product, i.date as d, sum(i.quantity) as q, null as v from inventory_snapshots i
       join (select partner_id, min(date) as d from inventory_snapshots where ${IN} and date between @start and @end group by partner_id) f on f.partner_id = i.partner_id and f.d = i.date
      group by i.partner_id`;

  it('gives the same rows for every day, grouping and period', async () => {
    const m = memoryApi();
    const fixture = await seedChannelFixture(m.api, tmp.dir);
    const extra = (await m.api.send('partners.create', partnerInput('P005', { territory: null }))).id;
    const ids = [...Object.values(fixture), extra, fixture.P001];
    let s = 7;
    const r = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    let csv = 'partnerCode,date,product,quantity,value,warehouse\r\n';
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const partner = ['P001', 'P002', 'P003', 'P004'][Math.floor(r() * 4)];
      const day = `2025-0${1 + Math.floor(r() * 6)}-${['05', '15', '28'][Math.floor(r() * 3)]}`;
      const product = ['CAM-01', 'NVR-08'][Math.floor(r() * 2)];
      const warehouse = ['', 'W1', 'W2'][Math.floor(r() * 3)];
      const key = `${partner}|${day}|${product}|${warehouse}`;
      if (seen.has(key)) continue;
      seen.add(key);
      csv += `${partner},${day},${product},${Math.floor(r() * 40)},${r() < 0.5 ? '' : 10 + Math.floor(r() * 900)},${warehouse}\r\n`;
    }
    await m.api.send('imports.run', { kind: 'inventory', path: writeFile(tmp.dir, 'generated-stock.csv', csv) });
    const list = JSON.stringify(ids);
    for (const day of ['2024-06-30', '2024-12-31', '2025-01-05', '2025-02-10', '2025-03-28', '2025-04-30', '2025-06-28', '2025-12-31']) {
      for (const by of ['partner', 'product'] as const) {
        const want = m.ws.sqlite.prepare(stockAtBefore(by)).all({ ids: list, day });
        expect(measureStore.stockAt(m.ws, ids, day, by), `${day} by ${by}`).toEqual(want);
      }
    }
    // The days above meet no report, and every partner that reports (P005 never does).
    expect(measureStore.stockAt(m.ws, ids, '2024-06-30')).toEqual([]);
    expect(measureStore.stockAt(m.ws, ids, '2025-06-28').map((x) => x.p).sort()).toEqual([fixture.P001, fixture.P002, fixture.P003, fixture.P004].sort());
    for (const label of ['2025-Q1', '2025-Q2', '2025-02', '2025-H1', '2024-Q4']) {
      const p = parsePeriod(label);
      const want = m.ws.sqlite.prepare(firstBefore).all({ ids: list, start: p.start, end: p.end });
      expect(measureStore.firstStockIn(m.ws, { ids, start: p.start, end: p.end }), label).toEqual(want);
    }
  });
});
