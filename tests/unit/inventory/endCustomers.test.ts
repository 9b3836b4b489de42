import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../../db/database';
import { createApi, type Api } from '../../../electron/api/api';
import { quintileScores, segmentOf } from '../../../electron/domain/inventory/endCustomers';
import { pwb } from '../../helpers/cli';
import { writeFile } from '../imports/importFixtures';
import { partnerInput, tempDir } from '../../helpers/workspace';

const tmp = tempDir('pwb-customers-');
const db = join(tmp.dir, 'ws.sqlite');
let ws: Workspace;
let api: Api;
afterAll(() => {
  ws.close();
  tmp.cleanup();
});

/**
 * As of 2025-12-31 with a 12-month window: current window 2025-01-01…2025-12-31, previous 2024-01-01…2024-12-31.
 * P001's customers (sell-through): A four orders this year and one last year; B first bought on the day; C once on the
 * window's first day; D on the previous window's last day; E early last year; F the day before the previous window
 * (out of both); G one order of two lines. P002 reports no sell-through: its sales lines' customers count.
 */
beforeAll(async () => {
  ws = openWorkspace(db);
  api = createApi({ ws, user: 'tester' });
  await api.send('partners.create', partnerInput('P001'));
  await api.send('partners.create', partnerInput('P002'));
  await api.send('imports.run', { kind: 'products', path: writeFile(tmp.dir, 'p.csv', 'code,nameZh\r\nX,产品X\r\n') });
  const lines = [
    ['A', '2024-05-01', 'O0', 100], ['A', '2025-03-01', 'O4', 100], ['A', '2025-06-01', 'O3', 100], ['A', '2025-11-01', 'O2', 100], ['A', '2025-12-20', 'O1', 100],
    ['B', '2025-12-31', 'O5', 1000], ['C', '2025-01-01', 'O6', 50], ['D', '2024-12-31', 'O7', 300], ['E', '2024-01-01', 'O8', 20], ['F', '2023-12-31', 'O10', 500],
    ['G', '2025-07-01', 'O9', 200], ['G', '2025-07-01', 'O9', 200],
  ] as const;
  let st = 'partnerCode,date,product,quantity,amount,customerRef,customerName,orderRef\r\n';
  for (const [c, d, o, a] of lines) st += `P001,${d},X,1,${a},${c},客户${c},${o}\r\n`;
  await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'st.csv', st) });
  await api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, 's.csv', 'partnerCode,date,amount,customerRef,orderRef\r\nP002,2025-06-01,10,Z1,S1\r\n') });
});

describe('RFM quintiles', () => {
  it('give ties one score (their mid-rank) and spread distinct values over 1–5', () => {
    expect(quintileScores([10, 20, 30, 40, 50])).toEqual([1, 2, 3, 4, 5]);
    expect(quintileScores([7, 7, 7, 7])).toEqual([3, 3, 3, 3]);
    expect(quintileScores([4, 1, 1, 0, 0, 1])).toEqual([5, 3, 3, 1, 1, 3]);
    expect(quintileScores([0, 11, 183], false)).toEqual([5, 3, 1]);
  });

  it('follow the documented formula on random values with many ties (each value counted against all the others)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const formula = (values: number[], higher: boolean) =>
      values.map((v) => {
        const worse = values.filter((x) => (higher ? x < v : x > v)).length;
        const equal = values.filter((x) => x === v).length;
        return Math.min(5, 1 + Math.floor((5 * (worse + equal / 2)) / values.length));
      });
    for (let k = 0; k < 300; k++) {
      const values = Array.from({ length: 1 + Math.floor(rnd() * 80) }, () => Math.floor(rnd() * (1 + (k % 7))));
      expect(quintileScores(values)).toEqual(formula(values, true));
      expect(quintileScores(values, false)).toEqual(formula(values, false));
    }
  });
});

describe('segments', () => {
  const c = (r: number, f: number, m: number, first = '2024-01-01', frequency = 2) => segmentOf({ frequency, firstPurchaseOn: first, r, f, m }, '2025-12-31');
  it('follow the documented rules in order', () => {
    expect(c(5, 5, 5, '2024-01-01', 0)).toBe('lost');
    expect(c(5, 5, 5, '2025-10-02')).toBe('new'); // 90 days before asOf
    expect(c(5, 5, 5, '2025-10-01')).toBe('champions');
    expect(c(3, 2, 3)).toBe('loyal');
    expect(c(2, 4, 1)).toBe('atRisk');
    expect(c(2, 2, 2)).toBe('hibernating');
    expect(c(5, 1, 1)).toBe('hibernating');
  });
});

describe('inventory.customers.rfm and inventory.customers.lapsed (hand-computed)', () => {
  it('scores recency, frequency and monetary within the partner and segments by the documented rules', async () => {
    const rows = await api.send('inventory.customers.rfm', { asOf: '2025-12-31', partnerCode: 'P001', windowMonths: 12 });
    const pick = rows.map(({ customerRef, recencyDays, frequency, monetaryMinor, r, f, m, segment }) => [customerRef, recencyDays, frequency, monetaryMinor, r, f, m, segment]);
    expect(pick).toEqual([
      ['A', 11, 4, 40000, 4, 5, 4, 'champions'],
      ['B', 0, 1, 100000, 5, 3, 5, 'new'],
      ['C', 364, 1, 5000, 3, 3, 3, 'loyal'],
      ['D', 365, 0, 0, 2, 1, 1, 'lost'],
      ['E', 730, 0, 0, 1, 1, 1, 'lost'],
      ['G', 183, 1, 40000, 3, 3, 4, 'loyal'],
    ]);
  });

  it('lists lapsed customers (previous window, not the current; the window edges included exactly once), biggest first', async () => {
    expect(await api.send('inventory.customers.lapsed', { asOf: '2025-12-31', partnerCode: 'P001', windowMonths: 12 })).toEqual([
      { partnerCode: 'P001', customerRef: 'D', customerName: '客户D', customerProvince: null, lastPurchaseOn: '2024-12-31', previousOrders: 1, previousAmountMinor: 30000 },
      { partnerCode: 'P001', customerRef: 'E', customerName: '客户E', customerProvince: null, lastPurchaseOn: '2024-01-01', previousOrders: 1, previousAmountMinor: 2000 },
    ]);
    // One day later C's only purchase leaves the window: C has lapsed too.
    expect((await api.send('inventory.customers.lapsed', { asOf: '2026-01-01', partnerCode: 'P001', windowMonths: 12 })).map((c) => c.customerRef)).toEqual(['D', 'C']);
  });

  it('pwb customers rfm --json prints the issue\'s fields for every partner; a partner without sell-through uses its sales lines', () => {
    const r = pwb(['customers', 'rfm', '--as-of', '2025-12-31', '--db', db, '--json']);
    expect(r.stderr).toBe('');
    const rows = r.json<Array<Record<string, unknown>>>();
    expect(Object.keys(rows[0])).toEqual(['partnerCode', 'customerRef', 'recencyDays', 'frequency', 'monetaryMinor', 'r', 'f', 'm', 'segment']);
    expect(rows.filter((x) => x.partnerCode === 'P002')).toEqual([{ partnerCode: 'P002', customerRef: 'Z1', recencyDays: 213, frequency: 1, monetaryMinor: 1000, r: 3, f: 3, m: 3, segment: 'loyal' }]);
  });

  it('pwb customers lapsed: an empty list names the windows it looked at, in both languages', () => {
    const args = ['customers', 'lapsed', '--as-of', '2019-03-31', '--partner', 'P001', '--db', db];
    expect(pwb([...args, '--lang', 'zh']).stdout).toBe('没有需要挽回的客户：截至 2019-03-31，没有在前 12 个月（2017-04-01 至 2018-03-31）有购买、此后未再购买的客户\n');
    expect(pwb([...args, '--lang', 'en', '--window-months', '6']).stdout).toBe(
      'No customers to win back: as of 2019-03-31, no customer bought in the previous 6 months (2018-04-01 to 2018-09-30) without buying again since\n',
    );
  });

  it('a refusal names the options as the user typed them (--as-of, not asOf), in both languages', () => {
    const args = ['customers', 'rfm', '--as-of', '2026-02-30', '--window-months', '0', '--db', db];
    const zh = pwb([...args, '--lang', 'zh']);
    expect(zh.code).toBe(1);
    expect(zh.stderr).toContain('  --as-of 不是有效的日期\n');
    expect(zh.stderr).toContain('  --window-months 不能小于 1\n');
    const en = pwb([...args, '--lang', 'en']);
    expect(en.stderr).toContain('  --as-of is not a calendar date\n');
    expect(en.stderr).toContain('  --window-months must be at least 1\n');
    expect(en.stderr).not.toContain('asOf');
  });
});
