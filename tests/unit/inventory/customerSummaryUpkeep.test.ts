import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { openWorkspace, type Workspace } from '../../../db/database';
import { createApi, type Api } from '../../../electron/api/api';
import { bulkTuning } from '../../../electron/domain/imports/bulkIndexes';
import { customerGroupingTuning } from '../../../electron/domain/inventory/customerGrouping';
import { customerMonthStore } from '../../../electron/domain/inventory/store';
import { windowRows } from '../../../electron/domain/inventory/store/customerWindow';
import { addMonthsClamped } from '../../../shared/period';
import { writeFile } from '../imports/importFixtures';
import { customerWindowFromLines } from './customerWindowFromLines';
import { migrationsBefore } from '../../helpers/migrations';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';

/**
 * The packed end-customer summary (sell_through_customers) kept by deltas — mergeTouched on known customers, a repack
 * after an undo — stays what a rebuild from the lines gives, whatever order imports, forced re-imports and undos come
 * in, on the ordinary and the bulk path, and on a workspace upgraded through migrations 0029/0030 with data in it.
 */
const tmp = tempDir('pwb-customer-upkeep-');
afterAll(() => tmp.cleanup());
const saved = { ...bulkTuning };
const savedGrouping = { ...customerGroupingTuning };
afterEach(() => {
  Object.assign(bulkTuning, saved);
  Object.assign(customerGroupingTuning, savedGrouping);
});

const HEADER = 'partnerCode,date,product,quantity,amount,customerRef,customerName,customerProvince,orderRef,lineRef\r\n';
const csv = (rows: string[]) => HEADER + rows.map((r) => `${r}\r\n`).join('');

/** A file of `n` lines on few customers and months: names and provinces that change, name-keyed customers, returns, lines without order or line reference. */
function randomFile(rnd: (n: number) => number, n: number, ref: { next: number }): string {
  const names = ['', '甲', '乙', 'A', 'b'];
  const provinces = ['', '江苏', '浙江'];
  const rows: string[] = [];
  for (let k = 0; k < n; k++) {
    const customer = rnd(4);
    const byRef = rnd(3) > 0;
    const name = names[rnd(names.length)];
    const day = `2024-0${1 + rnd(3)}-${String(1 + rnd(28)).padStart(2, '0')}`;
    const sign = rnd(4) === 0 ? '-' : '';
    rows.push(
      `P${1 + rnd(2)},${day},X,${sign}1,${sign}${1 + rnd(500)},${byRef ? `C${customer}` : ''},${byRef ? name : name || `N${customer}`},${provinces[rnd(3)]},${rnd(3) ? `O${rnd(5)}` : ''},${rnd(4) ? ++ref.next : ''}`,
    );
  }
  return csv(rows);
}

/** RFM's window sums read from the summary equal those read straight from the lines. */
function windowsAgree(ws: Workspace, asOf: string): void {
  const from = addMonthsClamped(asOf, -1);
  const prevFrom = addMonthsClamped(asOf, -2);
  expect(windowRows(ws, { asOf, from, prevFrom, partnerId: null }), asOf).toEqual(customerWindowFromLines(ws, { asOf, from, prevFrom }));
}

async function setUp(api: Api): Promise<void> {
  for (const p of ['P1', 'P2']) await api.send('partners.create', partnerInput(p));
  await api.send('imports.run', { kind: 'products', path: writeFile(tmp.dir, 'products.csv', 'code,nameZh\r\nX,产品X\r\n') });
}

describe('the end-customer summary kept by deltas', () => {
  for (const [bulk, worker] of [[false, false], [true, false], [true, true]]) {
    it(`equals a rebuild from the lines after each of 120 random imports, forced re-imports and undos (${bulk ? 'bulk' : 'ordinary'} path${worker ? ', grouped on a second thread' : ''})`, async () => {
      if (bulk) Object.assign(bulkTuning, { minFileBytes: 0 });
      // Every import hands its lines to the grouping worker (customerGrouping.ts); its rows are used where they may be.
      if (worker) Object.assign(customerGroupingTuning, { enabled: true, minRows: 0, batchRows: 5 });
      else customerGroupingTuning.enabled = false;
      const spy = vi.spyOn(customerMonthStore, 'refreshAfterImport');
      const { ws, api } = memoryApi();
      await setUp(api);
      let seed = bulk ? 29 : 7;
      const rnd = (n: number) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
      const ref = { next: 0 };
      const files: string[] = [];
      const standing: number[] = [];
      const done = { undo: 0, again: 0, fresh: 0 };
      for (let step = 0; step < 120; step++) {
        const action = rnd(4);
        if (action === 0 && standing.length) {
          await api.send('imports.undo', { id: standing.splice(rnd(standing.length), 1)[0] });
          done.undo++;
        } else if (action === 1 && files.length) {
          standing.push((await api.send('imports.run', { kind: 'sell-through', path: files[rnd(files.length)], force: true })).importId);
          done.again++;
        } else {
          const path = writeFile(tmp.dir, `st-${bulk}-${step}.csv`, randomFile(rnd, 12, ref));
          files.push(path);
          standing.push((await api.send('imports.run', { kind: 'sell-through', path })).importId);
          done.fresh++;
        }
        expect(customerMonthStore.customers(ws), `step ${step}`).toEqual(customerMonthStore.customersPackedFromLines(ws));
      }
      // Every kind of change happened many times.
      expect(Math.min(done.undo, done.again, done.fresh)).toBeGreaterThan(10);
      const byWorker = spy.mock.results.filter((r) => r.value === 'worker').length;
      // The first import at least (later ones mostly touch known customers: SQL merges them).
      if (worker) expect(byWorker).toBeGreaterThan(0);
      else expect(byWorker).toBe(0);
      spy.mockRestore();
      expect(customerMonthStore.customers(ws).length).toBeGreaterThan(4);
      for (const asOf of ['2024-02-29', '2024-03-15', '2024-03-31']) windowsAgree(ws, asOf);
      ws.close();
    });
  }

  it('on a workspace upgraded through migrations 0029 and 0030 with data: the packed rows kept, later imports and undos merge onto them', async () => {
    const path = join(tmp.dir, 'old.sqlite');
    const old = openWorkspace(path, { migrationsFolder: migrationsBefore(tmp.dir, '_kpi_covering_indexes') });
    // Today's import saves against the order + line dedupe index of migration 0032 (an index only, independent of
    // 0029/0030): give the old workspace that index so this code can stand in for the import of that time.
    old.sqlite.exec("drop index sell_through_dedupe_uq; create unique index sell_through_dedupe_uq on sell_through_lines (partner_id, dedupe_key, ifnull(order_ref, ''))");
    const oldApi = createApi({ ws: old, user: 'tester' });
    await setUp(oldApi);
    const first = csv([
      'P1,2024-01-05,X,1,100,K,乙商店,江苏,O1,1',
      'P1,2024-02-20,X,2,250.5,K,乙商店,,O2,2',
      'P1,2024-02-21,X,1,10,,无编号客户,浙江,O3,3',
      'P2,2024-03-01,X,1,42,M,,,,4',
    ]);
    const firstId = (await oldApi.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'old-1.csv', first) })).importId;
    // The month table the app of that time kept beside the packed rows (migration 0030 drops it, rows and all).
    old.sqlite.exec(
      `insert into sell_through_customer_months select partner_id, coalesce(customer_ref, customer_name), substr(date, 1, 7), sum(amount_minor),
         count(distinct coalesce(order_ref, date)), min(date), max(date), max(customer_name), max(customer_province)
         from sell_through_lines group by 1, 2, 3`,
    );
    const packedBefore = customerMonthStore.customers(old);
    expect(packedBefore.length).toBe(3);
    old.close();

    const ws = openWorkspace(path);
    const api = createApi({ ws, user: 'tester' });
    try {
      const tables = ws.sqlite.prepare("select name from sqlite_master where type = 'table' and name like 'sell_through_customer%'").pluck().all();
      expect(tables).toEqual(['sell_through_customers']);
      expect(customerMonthStore.customers(ws)).toEqual(packedBefore);
      // A greater name (甲 > 乙) and a province arrive for K in a month it had and in a new one; 无编号客户 buys again.
      const second = csv([
        'P1,2024-02-03,X,1,5,K,甲商店,浙江,O2,10',
        'P1,2024-04-09,X,1,7,K,乙商店,江苏,O9,11',
        'P1,2024-02-25,X,1,8,,无编号客户,,O3,12',
      ]);
      const secondId = (await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'new-2.csv', second) })).importId;
      expect(customerMonthStore.customers(ws)).toEqual(customerMonthStore.customersPackedFromLines(ws));
      const k = customerMonthStore.customers(ws).find((c) => c.customer === 'K')!;
      expect(k).toMatchObject({ firstDate: '2024-01-05', lastDate: '2024-04-09', customerName: '甲商店', customerProvince: '浙江' });
      // February: O2 counted once although it now has lines from both files; only February holds 甲商店 / 浙江 (flags 3).
      expect(k.months).toBe('2024010505010000:1;2024020320325550:1;20240409090700:1');
      await api.send('imports.undo', { id: firstId });
      expect(customerMonthStore.customers(ws)).toEqual(customerMonthStore.customersPackedFromLines(ws));
      windowsAgree(ws, '2024-04-30');
      await api.send('imports.undo', { id: secondId });
      expect(customerMonthStore.customers(ws)).toEqual([]);
    } finally {
      ws.close();
    }
  });
  it('packs new customers with SQL when a month of theirs sums beyond what JavaScript holds exactly (2^53 minor units)', async () => {
    customerGroupingTuning.enabled = false;
    const { ws, api } = memoryApi();
    await setUp(api);
    const spy = vi.spyOn(customerMonthStore, 'refreshAfterImport');
    // Two lines of 50 trillion yuan in one month: 5e15 (+ 1) fen each (safe), 10000000000000001 in the sum, which a double
    // rounds to 1e16 (only an exact sum writes the 1); one ordinary customer beside.
    const big = (n: number, more: string[]) => csv([`P1,2024-01-0${n},X,1,50000000000000.01,BIG${n},,,O${n},${n}1`, `P1,2024-01-1${n},X,1,50000000000000.00,BIG${n},,,O${n}b,${n}2`, ...more]);
    for (const [n, more] of [[1, ['P2,2024-02-01,X,1,3,SMALL,,江苏,,13']], [2, ['P2,2024-03-01,X,1,4,SMALL,,江苏,,23']]] as const) {
      // The first file into an empty summary; the second onto it (SMALL known, BIG2 new).
      await api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, `big-${n}.csv`, big(n, [...more])) });
      expect(customerMonthStore.customers(ws)).toEqual(customerMonthStore.customersPackedFromLines(ws));
    }
    expect(spy.mock.results.map((r) => r.value)).toEqual(['sql', 'sql']);
    const months = Object.fromEntries(customerMonthStore.customers(ws).map((c) => [c.customer, c.months]));
    expect(months).toEqual({ BIG1: '2024010111310000000000000001:2', BIG2: '2024010212310000000000000001:2', SMALL: '20240201013300:1;20240301013400:1' });
    spy.mockRestore();
    ws.close();
  });
});
