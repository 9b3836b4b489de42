import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { migrationsBefore } from '../../helpers/migrations';
import type { Api } from '../../../electron/api/api';
import type { Workspace } from '../../../db/database';
import { channelMeasures } from '../../../electron/domain/inventory/channelMeasures';
import { stuffingSignals } from '../../../electron/domain/inventory/stuffingSignal';
import { partnerMonthStore } from '../../../electron/domain/inventory/store/partnerMonths';
import { ensureSalesSummaries, salesSummariesCurrent } from '../../../electron/domain/evaluations/salesSummaries';
import { DEFAULT_INVENTORY_RULES, type InventoryRules, type StuffingSignal } from '../../../electron/model/inventory';
import { parsePeriod, previousPeriod, type Period } from '../../../shared/period';
import { writeFile } from '../imports/importFixtures';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';

const tmp = tempDir('pwb-partner-months-');
afterAll(() => tmp.cleanup());
let ws: Workspace;
let api: Api;
const ids: number[] = [];
const CODES = ['M1', 'M2', 'M3', 'M4', 'M5', 'M6'];

/** A deterministic generator (the same data every run). */
function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}
const day = (r: () => number) => `${2024 + Math.floor(r() * 2)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;

/**
 * The stuffing signal as it was defined before the summary: three periods of channel measures, compared pairwise
 * (the reference the summary-based computation must reproduce exactly).
 */
function reference(period: Period, rules: InventoryRules, fsm = 1): Map<number, StuffingSignal> {
  const p1 = previousPeriod(period, fsm);
  const p2 = previousPeriod(p1, fsm);
  const [m0, m1, m2] = [period, p1, p2].map((p) => channelMeasures(ws, p, ids));
  const growth = (value: number, base: number) => (base === 0 ? null : Math.round(((value - base) / Math.abs(base)) * 1e6) / 1e6);
  const out = new Map<number, StuffingSignal>();
  for (const id of ids) {
    const judge = (p: Period, cur: typeof m0, before: typeof m0) => {
      const c = cur.get(id)!;
      const b = before.get(id)!;
      const sellInGrowth = growth(c.sellInQuantity, b.sellInQuantity);
      const sellThroughGrowth = growth(c.sellThroughQuantity, b.sellThroughQuantity);
      const gap = sellInGrowth !== null && sellThroughGrowth !== null && (sellInGrowth - sellThroughGrowth) * 100 > rules.stuffingGapPoints;
      const doi = c.daysOfInventory !== null && c.daysOfInventory > rules.doiLimitDays;
      return { period: p.label, sellInGrowth, sellThroughGrowth, daysOfInventory: c.daysOfInventory, gap, doi };
    };
    const older = judge(p1, m1, m2);
    const latest = judge(period, m0, m1);
    out.set(id, { partnerId: id, period: period.label, signalled: (older.gap || older.doi) && (latest.gap || latest.doi), periods: [older, latest] });
  }
  return out;
}

const PERIODS: Array<[string, number]> = [['2025-06', 1], ['2025-03', 1], ['2025-Q2', 1], ['2025-Q1', 1], ['2025-Q2', 4], ['2025-H1', 1], ['2025', 1], ['2024-12', 1]];
const RULES: InventoryRules[] = [DEFAULT_INVENTORY_RULES, { ...DEFAULT_INVENTORY_RULES, stuffingGapPoints: 5, doiLimitDays: 20 }];

function expectSignalsAsDefined() {
  for (const [label, fsm] of PERIODS) {
    for (const rules of RULES) {
      const period = parsePeriod(label, fsm);
      expect(stuffingSignals(ws, period, ids, rules, fsm), `${label} fsm ${fsm}`).toEqual(reference(period, rules, fsm));
    }
  }
}

const ST_HEADER = 'partnerCode,date,product,quantity,amount,customerRef,lineRef\r\n';
function sellThroughFile(seed: number, n: number, refFrom: number): string {
  const r = rng(seed);
  let out = ST_HEADER;
  for (let i = 0; i < n; i++) {
    // M6 reports no sell-through at all; a return now and then; some fractional quantities.
    const code = CODES[Math.floor(r() * 5)];
    const q = r() < 0.1 ? -1 : r() < 0.2 ? 2.5 : 1 + Math.floor(r() * 9);
    out += `${code},${day(r)},X,${q},${q * 40},C${Math.floor(r() * 7)},T${refFrom + i}\r\n`;
  }
  return out;
}

beforeAll(async () => {
  ({ ws, api } = memoryApi());
  for (const c of CODES) ids.push((await api.send('partners.create', partnerInput(c))).id);
  await api.send('imports.run', { kind: 'products', path: writeFile(tmp.dir, 'p.csv', 'code,nameZh\r\nX,产品X\r\nY,产品Y\r\n') });
  const r = rng(7);
  let sales = 'partnerCode,date,product,quantity,amount,lineRef\r\n';
  for (let i = 0; i < 600; i++) {
    const q = r() < 0.1 ? 0.5 : 1 + Math.floor(r() * 12);
    sales += `${CODES[Math.floor(r() * 6)]},${day(r)},X,${q},${q * 100},S${i}\r\n`;
  }
  await api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, 'sales.csv', sales) });
  // Month-end and mid-month stock reports; M4 never reports stock, M5 only from 2025-03.
  let stock = 'partnerCode,date,product,quantity\r\n';
  for (const code of ['M1', 'M2', 'M3', 'M5', 'M6']) {
    for (const d of ['2024-06-30', '2024-09-30', '2024-12-15', '2024-12-31', '2025-02-28', '2025-03-20', '2025-05-31', '2025-06-30']) {
      if (code === 'M5' && d < '2025-03') continue;
      stock += `${code},${d},X,${Math.floor(r() * 400)}\r\n${code},${d},Y,${Math.floor(r() * 100)}\r\n`;
    }
  }
  await api.send('imports.run', { kind: 'inventory', path: writeFile(tmp.dir, 'stock.csv', stock) });
});

describe('the sell-through summary per partner and month (kept by import and undo) and the stuffing signal read from it', () => {
  it('equals the lines after an import, a second import, its re-import and an undo in the middle', async () => {
    const first = await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'st1.csv', sellThroughFile(11, 500, 0)) });
    expect(first.inserted).toBe(500);
    expect(partnerMonthStore.current(ws)).toBe(true);
    expect(partnerMonthStore.stored(ws)).toEqual(partnerMonthStore.fromLines(ws));
    expect(partnerMonthStore.stored(ws).length).toBeGreaterThan(40);

    // A second file: lines in months the first one has, and some of the first file's lines again (duplicates add nothing).
    const second = await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'st2.csv', sellThroughFile(11, 100, 0) + sellThroughFile(12, 300, 1000).slice(ST_HEADER.length)) });
    expect(second).toMatchObject({ inserted: 300, duplicates: 100 });
    expect(partnerMonthStore.stored(ws)).toEqual(partnerMonthStore.fromLines(ws));
    const both = partnerMonthStore.stored(ws);
    const again = await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'st2.csv', sellThroughFile(11, 100, 0) + sellThroughFile(12, 300, 1000).slice(ST_HEADER.length)), force: true });
    expect(again.inserted).toBe(0);
    expect(partnerMonthStore.stored(ws)).toEqual(both);

    // The first import undone while the second (on the same partners and months) stands, then imported again.
    await api.send('imports.undo', { id: first.importId });
    expect(partnerMonthStore.current(ws)).toBe(true);
    expect(partnerMonthStore.stored(ws)).toEqual(partnerMonthStore.fromLines(ws));
    await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'st1.csv', sellThroughFile(11, 500, 0)), force: true });
    expect(partnerMonthStore.stored(ws)).toEqual(partnerMonthStore.fromLines(ws));
  });

  it('gives the signal exactly as three periods of channel measures define it: months, quarters, fiscal quarters, halves, years', () => {
    expect(partnerMonthStore.current(ws)).toBe(true);
    expect(salesSummariesCurrent(ws.sqlite)).toBe(false); // sell-in from the lines
    expectSignalsAsDefined();
    ensureSalesSummaries(ws.sqlite); // sell-in from the sales summaries
    expect(salesSummariesCurrent(ws.sqlite)).toBe(true);
    expectSignalsAsDefined();
    // Some partner is signalled and some is not, so the comparison covers both.
    const all = [...stuffingSignals(ws, parsePeriod('2025-Q2'), ids, RULES[1]).values()].map((s) => s.signalled);
    expect(all).toContain(true);
    expect(all).toContain(false);
  });

  it('reads the lines while lines written some other way are not in the summary, and the next import rebuilds it', async () => {
    ws.sqlite.prepare(`insert into sell_through_lines (partner_id, product_id, date, quantity, amount_minor, dedupe_key) values (?, 1, '2025-05-03', 900, 1, 'by-hand')`).run(ids[3]);
    expect(partnerMonthStore.current(ws)).toBe(false);
    expectSignalsAsDefined();
    await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'st3.csv', sellThroughFile(13, 50, 5000)) });
    expect(partnerMonthStore.current(ws)).toBe(true);
    expect(partnerMonthStore.stored(ws)).toEqual(partnerMonthStore.fromLines(ws));
    expectSignalsAsDefined();
  });
});

describe('migration 0027 (sell_through_partner_months)', () => {
  it('fills the summary from the lines of an existing workspace, so it is current at once', () => {
    const path = join(tmp.dir, 'old.sqlite');
    const old = openWorkspace(path, { migrationsFolder: migrationsBefore(tmp.dir, '_sell_through_partner_months') });
    old.sqlite.prepare("insert into partners (id, code, name, channel_type, tier, status) values (1, 'P1', '甲', 'dealer', 'tier1', 'active'), (2, 'P2', '乙', 'dealer', 'tier1', 'active')").run();
    old.sqlite.prepare("insert into products (id, code, name_zh) values (1, 'X', '产品X')").run();
    const line = old.sqlite.prepare('insert into sell_through_lines (partner_id, product_id, date, quantity, amount_minor, dedupe_key) values (?, 1, ?, ?, ?, ?)');
    [[1, '2024-12-31', 3, 300], [1, '2025-01-01', 2.5, null], [1, '2025-01-31', -1, -100], [2, '2025-01-15', 4, 400]].forEach(([p, d, q, a], i) => line.run(p, d, q, a, `k${i}`));
    old.close();
    const migrated = openWorkspace(path);
    try {
      expect(partnerMonthStore.current(migrated)).toBe(true);
      expect(partnerMonthStore.stored(migrated)).toEqual([
        { partnerId: 1, month: 2024 * 12 + 11, quantity: 3, amountMinor: 300, lines: 1 },
        { partnerId: 1, month: 2025 * 12, quantity: 1.5, amountMinor: -100, lines: 2 },
        { partnerId: 2, month: 2025 * 12, quantity: 4, amountMinor: 400, lines: 1 },
      ]);
    } finally {
      migrated.close();
    }
  });
});
