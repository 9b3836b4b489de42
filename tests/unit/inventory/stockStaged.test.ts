import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../electron/api/api';
import { fileWorkspace, partnerInput } from '../../helpers/workspace';
import { failure, writeFile } from '../imports/importFixtures';

const cleanups: Array<() => void> = [];
afterAll(() => {
  while (cleanups.length) cleanups.pop()!();
});

/**
 * Month-end stock of P001 and P002: n rows over products CAM-01 and `late` (every tenth row), warehouses A and B, dates
 * month by month; `quantity(i)` and `value(i)` give each row's figures (value '' = none).
 */
function stockCsv(dir: string, name: string, n: number, late: string, quantity: (i: number) => number, value: (i: number) => string) {
  const lines = ['partnerCode,date,product,quantity,value,warehouse'];
  for (let i = 0; i < n; i++) {
    const month = Math.floor(i / 40);
    const day = new Date(Date.UTC(2020, month + 1, 0)).toISOString().slice(0, 10);
    const k = i % 40;
    lines.push(`P00${1 + (k % 2)},${day},${k % 10 === 9 ? late : 'CAM-01'},${quantity(i)},${value(i)},W${Math.floor(k / 2)}`);
  }
  return writeFile(dir, name, `${lines.join('\r\n')}\r\n`);
}

async function setup() {
  const f = fileWorkspace();
  cleanups.push(f.cleanup);
  const api = createApi({ ws: f.ws, user: 'li' });
  await api.send('partners.create', partnerInput('P001'));
  await api.send('partners.create', partnerInput('P002'));
  await api.send('imports.run', { kind: 'products', path: writeFile(f.dir, 'products.csv', 'code,nameZh\r\nCAM-01,摄像机\r\n') });
  const rows = () => f.ws.sqlite.prepare('select partner_id, product_id, date, warehouse, quantity, value_minor, import_id, created_at from inventory_snapshots order by id').all();
  return { ...f, api, rows };
}

/**
 * Stock reports take the staged line pipeline of sales and sell-through lines, keyed by partner, date, product and
 * warehouse instead of a dedupe key: checked and staged while the file is read, saved as a set under the lock, a key
 * reported again with other figures corrected with its change record (undo puts it back).
 */
describe('stock-report import, staged', () => {
  it('stages typed rows while reading; a product created meanwhile is seen under the lock and its rows are kept', async () => {
    const f = await setup();
    const csv = stockCsv(f.dir, 'stock.csv', 20_000, 'NVR-08', (i) => i % 50, (i) => (i % 3 ? `${i}.5` : ''));
    let seen: string[] | null = null;
    const r = await f.api.send('imports.run', { kind: 'inventory', path: csv }, {
      onProgress: (p) => {
        if (p.phase !== 'import' || seen) return;
        seen = (f.ws.sqlite.prepare(`select name from sqlite_temp_master where type = 'table' and name like 'import_stage_%'`).pluck().all() as string[])
          .map((t) => (f.ws.sqlite.prepare(`select name from pragma_table_info(?, 'temp')`).pluck().all(t) as string[]).join(','))
          .sort();
        f.ws.sqlite.prepare(`insert into products (code, name_zh, created_at) values ('NVR-08', '录像机', '2025-01-01')`).run();
      },
    });
    expect(seen).toEqual(['chunk,records', 'partner_id,product_id,date,warehouse,quantity,value_minor'].sort());
    expect(r).toMatchObject({ rowsRead: 20_000, inserted: 20_000, updated: 0, duplicates: 0, rejected: 0 });
    // File order, money in fen, an empty value stays empty.
    expect(f.ws.sqlite.prepare('select date, warehouse, quantity, value_minor from inventory_snapshots order by id limit 2').all()).toEqual([
      { date: '2020-01-31', warehouse: 'W0', quantity: 0, value_minor: null },
      { date: '2020-01-31', warehouse: 'W0', quantity: 1, value_minor: 150 },
    ]);
    expect(f.ws.sqlite.prepare(`select count(*) from inventory_snapshots s join products p on p.id = s.product_id where p.code = 'NVR-08'`).pluck().get()).toBe(2_000);
    expect(f.ws.sqlite.prepare(`select count(*) from sqlite_temp_master where name like 'import_stage_%'`).pluck().get()).toBe(0);
  }, 120_000);

  it('a later file corrects changed rows across save ranges (more than 65,536 rows), keeps an empty value, and undo puts every row back', async () => {
    const f = await setup();
    await f.api.send('imports.run', { kind: 'products', path: writeFile(f.dir, 'p2.csv', 'code,nameZh\r\nNVR-08,录像机\r\n') });
    const n = 70_000;
    const first = await f.api.send('imports.run', { kind: 'inventory', path: stockCsv(f.dir, 'a.csv', n, 'NVR-08', (i) => i % 50, (i) => (i % 3 ? `${i}` : '')) });
    expect(first).toMatchObject({ inserted: n, updated: 0 });
    const before = f.rows();
    // Every seventh row changes its quantity; every eleventh not multiple of 3 sends no value (the stored one stays);
    // every thirteenth gains a value where it had none; the rest are the same again.
    const q2 = (i: number) => (i % 7 === 0 ? (i % 50) + 1 : i % 50);
    const v2 = (i: number) => (i % 3 === 0 ? (i % 13 === 0 ? '9' : '') : i % 11 === 0 ? '' : `${i}`);
    const changed = (i: number) => i % 7 === 0 || (i % 3 === 0 && i % 13 === 0);
    let expectUpdated = 0;
    for (let i = 0; i < n; i++) if (changed(i)) expectUpdated++;
    const second = await f.api.send('imports.run', { kind: 'inventory', path: stockCsv(f.dir, 'b.csv', n, 'NVR-08', q2, v2) });
    expect(second).toMatchObject({ inserted: 0, updated: expectUpdated, duplicates: n - expectUpdated });
    const after = f.rows() as Array<{ quantity: number; value_minor: number | null; import_id: number }>;
    for (const i of [0, 7, 11, 13, 39, 65_541, 69_993]) {
      expect(after[i], `row ${i}`).toMatchObject({
        quantity: q2(i),
        value_minor: v2(i) === '' ? (i % 3 ? i * 100 : null) : Number(v2(i)) * 100,
        import_id: changed(i) ? second.importId : first.importId,
      });
    }
    // The same file again: nothing changes.
    expect(await f.api.send('imports.run', { kind: 'inventory', path: stockCsv(f.dir, 'b.csv', n, 'NVR-08', q2, v2), force: true })).toMatchObject({ inserted: 0, updated: 0, duplicates: n });
    // The first import stands under corrections: refused; the correction's undo restores every row as it was.
    expect((await failure(f.api.send('imports.undo', { id: first.importId }))).body.code).toBe('CONFLICT');
    expect(await f.api.send('imports.undo', { id: second.importId })).toMatchObject({ restored: expectUpdated, removed: 0 });
    expect(f.rows()).toEqual(before);
    await f.api.send('imports.undo', { id: first.importId });
    expect(f.rows()).toEqual([]);
  }, 300_000);

  it('with --accept-valid keeps the first of two rows with one key and corrects nothing it refused', async () => {
    const f = await setup();
    const a = await f.api.send('imports.run', { kind: 'inventory', path: writeFile(f.dir, 'a.csv', 'partnerCode,date,product,quantity\r\nP001,2025-03-31,CAM-01,4\r\n') });
    const b = await f.api.send('imports.run', {
      kind: 'inventory',
      path: writeFile(f.dir, 'b.csv', 'partnerCode,date,product,quantity\r\nP001,2025-03-31,CAM-01,5\r\nP001,2025-03-31,CAM-01,6\r\nP001,2025-03-31,NOPE,1\r\nP002,2025-03-31,CAM-01,2\r\n'),
      acceptValid: true,
    });
    expect(b).toMatchObject({ inserted: 1, updated: 1, rejected: 2 });
    expect(b.errors.map((e) => e.row)).toEqual([3, 4]);
    expect(f.rows()).toMatchObject([{ quantity: 5, import_id: b.importId }, { quantity: 2, import_id: b.importId }]);
    await f.api.send('imports.undo', { id: b.importId });
    expect(f.rows()).toMatchObject([{ quantity: 4, import_id: a.importId }]);
  }, 60_000);
});
