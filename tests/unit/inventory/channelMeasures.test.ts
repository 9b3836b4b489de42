import { beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../db/database';
import { channelMeasures } from '../../../electron/domain/inventory/channelMeasures';
import { parsePeriod } from '../../../shared/period';
import { memoryApi, tempDir } from '../../helpers/workspace';
import { seedChannelFixture } from './channelFixture';

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
