import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { Api } from '../../../electron/api/api';
import type { Workspace } from '../../../db/database';
import { bulkTuning } from '../../../electron/domain/imports/bulkIndexes';
import { CustomerGrouping, customerGroupingTuning } from '../../../electron/domain/inventory/customerGrouping';
import { customerMonthStore, groupingSql } from '../../../electron/domain/inventory/store';
import { writeFile } from '../imports/importFixtures';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';

/**
 * The end-customer summary's grouping on a second thread (customerGrouping.ts) writes what the SQL path writes: the
 * same files imported into two workspaces, one grouping on the worker and one in SQL, give the same packed rows, and
 * those of a rebuild from the lines; the worker's rows are used only for a first import without duplicates, or one
 * whose customers are all new to the summary.
 */
const tmp = tempDir('pwb-customer-grouping-');
afterAll(() => tmp.cleanup());
const saved = { grouping: { ...customerGroupingTuning }, bulk: { ...bulkTuning } };
afterEach(() => {
  Object.assign(customerGroupingTuning, saved.grouping);
  Object.assign(bulkTuning, saved.bulk);
  vi.restoreAllMocks();
});

const HEADER = 'partnerCode,date,product,quantity,amount,customerRef,customerName,customerProvince,orderRef,lineRef\r\n';
const csv = (rows: string[]) => HEADER + rows.map((r) => `${r}\r\n`).join('');

/**
 * Ties (two customers with equal figures, an order of two lines on one day), returns, names and provinces that differ
 * by month (and within a month), customers known by name only, a line without any customer, lines without an amount,
 * an order reference that reads like a day, names ordered by code point beyond the BMP (SQLite's BINARY order), orders
 * that span two months.
 */
const FIRST = csv([
  'P1,2024-03-31,X,1,100,A,客户A,浙江,O1,1',
  'P1,2024-04-01,X,1,100,A,客户A,浙江,O1,2',
  'P1,2024-05-15,X,2,300,A,客户B,,O2,3',
  'P1,2024-05-15,X,1,150,A,客户A,江苏,O2,4',
  'P1,2024-05-20,X,-1,-150,A,,江苏,O2,5',
  'P1,2025-01-10,X,-1,-100,A,,,R1,6',
  'P1,2025-02-14,X,1,90,,便利店乙,,,7',
  'P1,2025-02-14,X,1,90,,便利店乙,,,8',
  'P1,2025-03-01,X,1,10,,,,,9',
  'P1,2025-03-02,X,1,,Z,,上海,,10',
  'P1,2025-03-02,X,1,,Y,,上海,,11',
  'P2,2024-05-14,X,1,100,C,\uff21店,,2024-05-16,12',
  'P2,2024-05-16,X,1,200,C,\ud83d\ude00店,,,13',
  'P2,2024-05-16,X,1,200,D,\uff21店,,,14',
  'P2,2024-05-17,X,1,200,D,\ud83d\ude00店,,,15',
  'P2,2025-05-15,X,1,50,E,,,,16',
  'P2,2025-05-16,X,1,60,E,,,,17',
  'P2,2025-05-16,X,1,60,e,,,,18',
]);
/** A week later: an existing order gets a line more, a new order in a month already summed, a new customer of P2. */
const KNOWN = csv(['P1,2024-05-15,X,1,50,A,客户A,,O2,20', 'P1,2024-05-20,X,1,40,A,客户A,,O3,21', 'P2,2025-05-30,X,1,25,F,,,,22']);
/** Only customers new to the summary. */
const NEW = csv(['P1,2025-06-01,X,1,10,G,客户G,浙江,O7,30', 'P2,2025-06-02,X,1,20,H,,江苏,,31', 'P2,2025-06-03,X,1,20,H,,,,32']);

async function twoWorkspaces(): Promise<Array<{ ws: Workspace; api: Api; worker: boolean }>> {
  const out = [];
  for (const worker of [true, false]) {
    const { ws, api } = memoryApi();
    for (const p of ['P1', 'P2']) await api.send('partners.create', partnerInput(p));
    await api.send('imports.run', { kind: 'products', path: writeFile(tmp.dir, `products-${worker}.csv`, 'code,nameZh\r\nX,产品X\r\n') });
    out.push({ ws, api, worker });
  }
  return out;
}

/** Imports `file` into both workspaces (grouping on the worker in the first); what path each took. */
async function importBoth(both: Array<{ ws: Workspace; api: Api; worker: boolean }>, name: string, file: string, force = false): Promise<string[]> {
  const path = writeFile(tmp.dir, name, file);
  const spy = vi.spyOn(customerMonthStore, 'refreshAfterImport');
  const paths: string[] = [];
  for (const { api, worker } of both) {
    Object.assign(customerGroupingTuning, { enabled: worker, minRows: 0 });
    customerGroupingTuning.batchRows = 2;
    spy.mockClear();
    await api.send('imports.run', { kind: 'sell-through', path, force });
    paths.push(spy.mock.results[0].value as string);
  }
  spy.mockRestore();
  const [a, b] = both;
  expect(customerMonthStore.customers(a.ws)).toEqual(customerMonthStore.customers(b.ws));
  expect(customerMonthStore.customers(a.ws)).toEqual(customerMonthStore.customersPackedFromLines(a.ws));
  return paths;
}

describe('the end-customer summary grouped on a second thread', () => {
  for (const bulk of [false, true]) {
    it(`writes what the SQL path writes: a first import, new customers, known customers, duplicates (${bulk ? 'bulk' : 'ordinary'} path)`, async () => {
      if (bulk) Object.assign(bulkTuning, { minFileBytes: 0 });
      const both = await twoWorkspaces();
      expect(await importBoth(both, 'first.csv', FIRST)).toEqual(['worker', 'sql']);
      const p2 = customerMonthStore.customers(both[0].ws).filter((c) => c.customer === 'C' || c.customer === 'D');
      // U+1F600 is above U+FF21 in code points (SQLite's order), below it in UTF-16 units.
      expect(p2.map((c) => c.customerName)).toEqual(['\ud83d\ude00店', '\ud83d\ude00店']);
      // Every line again: all duplicates, so nothing is grouped on the worker's word.
      expect(await importBoth(both, 'first.csv', FIRST, true)).toEqual(['sql', 'sql']);
      expect(await importBoth(both, 'new.csv', NEW)).toEqual(['worker', 'sql']);
      // Known customers: the worker's rows are refused by the summary's key and the SQL path merges instead.
      expect(await importBoth(both, 'known.csv', KNOWN)).toEqual(['sql', 'sql']);
      // Half the file duplicates: SQL.
      expect(await importBoth(both, 'mixed.csv', csv(['P1,2025-07-01,X,1,10,Q,,,,40', 'P1,2024-03-31,X,1,100,A,客户A,浙江,O1,1']))).toEqual(['sql', 'sql']);
      for (const { ws } of both) ws.close();
    });
  }

  it('leaves a file whose texts hold the hand-over separators to SQL, and a small file too', async () => {
    // (A CSV file with control characters is refused as binary; an XLSX cell may hold them.)
    const both = await twoWorkspaces();
    Object.assign(customerGroupingTuning, { enabled: true, minRows: 0 });
    for (const odd of [['A\u0001B', null], ['A', '客户\u0002C']]) {
      const g = new CustomerGrouping(() => groupingSql(both[0].ws));
      g.add(1, 'K', null, '2024-01-01', 1, null, null);
      g.add(1, odd[0], odd[1], '2024-01-02', 1, null, null);
      expect(g.finish()).toBeNull();
    }
    const g = new CustomerGrouping(() => groupingSql(both[0].ws));
    g.add(1, 'K', null, '2024-01-01', 1, null, null);
    expect(g.finish()).toEqual(['[[1,"K","2024-01-01","2024-01-01",null,null,"202401010131:1"]]']);
    Object.assign(customerGroupingTuning, { enabled: true, minRows: 3 });
    const spy = vi.spyOn(customerMonthStore, 'refreshAfterImport');
    await both[0].api.send('imports.run', { kind: 'sell-through', path: writeFile(tmp.dir, 'small.csv', csv(['P1,2024-05-01,X,1,100,K,,,,50', 'P1,2024-05-02,X,1,100,K,,,,51'])) });
    expect(spy.mock.results[0].value).toBe('sql');
    expect(customerMonthStore.customers(both[0].ws)).toEqual(customerMonthStore.customersPackedFromLines(both[0].ws));
    for (const { ws } of both) ws.close();
  });
});
