import { beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../../electron/api/api';
import type { Workspace } from '../../../db/database';
import { stuffingSignals } from '../../../electron/domain/inventory/stuffingSignal';
import { DEFAULT_INVENTORY_RULES } from '../../../electron/model/inventory';
import { parsePeriod } from '../../../shared/period';
import { writeFile } from '../imports/importFixtures';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';

const tmp = tempDir('pwb-stuffing-');
let ws: Workspace;
let api: Api;
const ids: Record<string, number> = {};

/**
 * Monthly quantities (sell-in / sell-through), 2025-01 … 2025-04:
 *  S001 stuffs in March and April: sell-in 100, 100, 150, 225 (+50 %, +50 %) against sell-through 100 each month (0 %).
 *  S002 stuffs in April only: sell-in 100, 100, 100, 150 against sell-through 100.
 *  S003 sells through what it buys (+50 % both) but sits on 1,000 units in March and April: DOI 1000 ÷ (150/31) ≈ 207 and 1000 ÷ (225/30) ≈ 133, both > 90.
 */
beforeAll(async () => {
  ({ ws, api } = memoryApi());
  for (const c of ['S001', 'S002', 'S003']) ids[c] = (await api.send('partners.create', partnerInput(c))).id;
  await api.send('imports.run', { kind: 'products', path: writeFile(tmp.dir, 'p.csv', 'code,nameZh\r\nX,产品X\r\n') });
  const sellIn: Record<string, number[]> = { S001: [100, 100, 150, 225], S002: [100, 100, 100, 150], S003: [100, 100, 150, 225] };
  const through: Record<string, number[]> = { S001: [100, 100, 100, 100], S002: [100, 100, 100, 100], S003: [100, 100, 150, 225] };
  let si = 'partnerCode,date,product,quantity,amount\r\n';
  let st = 'partnerCode,date,product,quantity\r\n';
  for (const c of Object.keys(sellIn)) {
    sellIn[c].forEach((q, i) => (si += `${c},2025-0${i + 1}-10,X,${q},${q}\r\n`));
    through[c].forEach((q, i) => (st += `${c},2025-0${i + 1}-12,X,${q}\r\n`));
  }
  await api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, 'si.csv', si) });
  await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'st.csv', st) });
  await api.send('imports.run', { kind: 'inventory', path: writeFile(tmp.dir, 'inv.csv', 'partnerCode,date,product,quantity\r\nS003,2025-03-31,X,1000\r\nS003,2025-04-30,X,1000\r\nS001,2025-03-31,X,50\r\n') });
});

describe('channel-stuffing signal over two consecutive periods', () => {
  const run = (label: string) => stuffingSignals(ws, parsePeriod(label), Object.values(ids), DEFAULT_INVENTORY_RULES);

  it('is raised when sell-in outgrows sell-through by more than the gap in the period and the one before', () => {
    const s = run('2025-04').get(ids.S001)!;
    expect(s.signalled).toBe(true);
    expect(s.periods).toEqual([
      { period: '2025-03', sellInGrowth: 0.5, sellThroughGrowth: 0, daysOfInventory: 15.5, gap: true, doi: false },
      { period: '2025-04', sellInGrowth: 0.5, sellThroughGrowth: 0, daysOfInventory: 15, gap: true, doi: false },
    ]);
  });

  it('is not raised on one period alone', () => {
    const s = run('2025-04').get(ids.S002)!;
    expect(s.signalled).toBe(false);
    expect(s.periods.map((p) => p.gap)).toEqual([false, true]);
    expect(run('2025-03').get(ids.S001)!.signalled).toBe(false); // February grew nothing
  });

  it('is raised by days of inventory above the limit in both periods, growth in step or not', () => {
    const s = run('2025-04').get(ids.S003)!;
    expect(s.periods.map((p) => [p.gap, p.doi])).toEqual([[false, true], [false, true]]);
    expect(s.periods[0].daysOfInventory).toBeCloseTo(1000 / (150 / 31), 5);
    expect(s.signalled).toBe(true);
    expect(stuffingSignals(ws, parsePeriod('2025-04'), [ids.S003], { ...DEFAULT_INVENTORY_RULES, doiLimitDays: 150 }).get(ids.S003)!.signalled).toBe(false);
  });
});
