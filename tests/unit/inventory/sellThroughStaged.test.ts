import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../electron/api/api';
import { customerMonthStore } from '../../../electron/domain/inventory/store';
import { fileWorkspace, partnerInput } from '../../helpers/workspace';
import { failure, writeFile, type ErrorData } from '../imports/importFixtures';

const cleanups: Array<() => void> = [];
afterAll(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A sell-through file of n lines: every tenth names the product `late`, the rest CAM-01; customers and provinces vary. */
function sellThroughCsv(dir: string, n: number, late: string) {
  const lines = ['partnerCode,date,product,quantity,amount,customerRef,customerProvince,orderRef'];
  for (let i = 0; i < n; i++) {
    lines.push(`P001,2025-0${1 + (i % 6)}-${String(1 + (i % 28)).padStart(2, '0')},${i % 10 === 9 ? late : 'CAM-01'},${1 + (i % 3)},${(1 + (i % 3)) * 100}.5,C${i % 50},${i % 2 ? '浙江' : '江苏省'},SO${i % 700}`);
  }
  return writeFile(dir, `st-${late}.csv`, `${lines.join('\r\n')}\r\n`);
}

/**
 * Sell-through lines take the staged pipeline of sales lines: checked and staged as typed rows while the file is read
 * (before the write lock), saved as a set under it; what the checks looked up — partners, products, provinces — is
 * looked up again under the lock, and the file is read again there if any of it changed.
 */
describe('sell-through import, staged', () => {
  it('stages typed rows while reading; a product created meanwhile is seen under the lock (the file is read again) and its rows are kept', async () => {
    const f = fileWorkspace();
    cleanups.push(f.cleanup);
    const api = createApi({ ws: f.ws, user: 'li' });
    await api.send('partners.create', partnerInput('P001'));
    await api.send('imports.run', { kind: 'products', path: writeFile(f.dir, 'products.csv', 'code,nameZh\r\nCAM-01,摄像机\r\n') });
    const csv = sellThroughCsv(f.dir, 20_000, 'NVR-08');
    const stagedColumns = () =>
      (f.ws.sqlite.prepare(`select name from sqlite_temp_master where type = 'table' and name like 'import_stage_%'`).pluck().all() as string[]).map((t) =>
        (f.ws.sqlite.prepare(`select name from pragma_table_info(?, 'temp')`).pluck().all(t) as string[]).join(','),
      );
    let seen: string[] | null = null;
    const r = await api.send('imports.run', { kind: 'sell-through', path: csv }, {
      onProgress: (p) => {
        if (p.phase !== 'import' || seen) return;
        seen = stagedColumns().sort();
        // Another window imports the product list while the file is read.
        f.ws.sqlite.prepare(`insert into products (code, name_zh, created_at) values ('NVR-08', '录像机', '2025-01-01')`).run();
      },
    });
    // The read pass staged typed sell-through rows (beside the rows it refused: NVR-08 was unknown then), and under the
    // lock the rows naming NVR-08 are saved.
    expect(seen).toEqual(['chunk,records', 'partner_id,product_id,date,quantity,amount_minor,currency,customer_ref,customer_name,customer_province,customer_territory_id,customer_city,order_ref,line_ref,dedupe_key'].sort());
    expect(r).toMatchObject({ rowsRead: 20_000, inserted: 20_000, rejected: 0, duplicates: 0 });
    const nvr = f.ws.sqlite.prepare(`select count(*) from sell_through_lines l join products p on p.id = l.product_id where p.code = 'NVR-08'`).pluck().get();
    expect(nvr).toBe(2_000);
    // Saved in file order, with their province resolved and the amount in fen.
    const first = f.ws.sqlite.prepare('select date, quantity, amount_minor, customer_ref, customer_province, customer_territory_id is not null as located from sell_through_lines order by id limit 2').all();
    expect(first).toEqual([
      { date: '2025-01-01', quantity: 1, amount_minor: 10050, customer_ref: 'C0', customer_province: '江苏省', located: 1 },
      { date: '2025-02-02', quantity: 2, amount_minor: 20050, customer_ref: 'C1', customer_province: '浙江', located: 1 },
    ]);
    expect(f.ws.sqlite.prepare(`select count(*) from sqlite_temp_master where name like 'import_stage_%'`).pluck().get()).toBe(0);
    // The end-customer summary follows the lines in the import's transaction, and the same file again adds nothing.
    expect(customerMonthStore.all(f.ws)).toEqual(customerMonthStore.computedFromLines(f.ws));
    const again = await api.send('imports.run', { kind: 'sell-through', path: csv, force: true });
    expect(again).toMatchObject({ inserted: 0, duplicates: 20_000 });
    await api.send('imports.undo', { id: r.importId });
    expect(f.ws.sqlite.prepare('select count(*) from sell_through_lines').pluck().get()).toBe(0);
    expect(customerMonthStore.all(f.ws)).toEqual([]);
  }, 120_000);

  it('a product renamed away while the file is read refuses its rows under the lock, all or nothing', async () => {
    const f = fileWorkspace();
    cleanups.push(f.cleanup);
    const api = createApi({ ws: f.ws, user: 'li' });
    await api.send('partners.create', partnerInput('P001'));
    await api.send('imports.run', { kind: 'products', path: writeFile(f.dir, 'products.csv', 'code,nameZh\r\nCAM-01,摄像机\r\nNVR-08,录像机\r\n') });
    const csv = sellThroughCsv(f.dir, 12_000, 'NVR-08');
    let renamed = false;
    const e = await failure(
      api.send('imports.run', { kind: 'sell-through', path: csv }, {
        onProgress: (p) => {
          if (p.phase !== 'import' || renamed) return;
          renamed = true;
          f.ws.sqlite.prepare(`update products set code = 'NVR-16' where code = 'NVR-08'`).run();
        },
      }),
    );
    expect(renamed).toBe(true);
    const data = e.body.data as ErrorData;
    expect(data.rejected).toBe(1_200);
    expect(data.errors[0]).toMatchObject({ row: 11, column: 'product', value: 'NVR-08', message: "unknown product 'NVR-08' (import the products first)" });
    expect(f.ws.sqlite.prepare('select count(*) from sell_through_lines').pluck().get()).toBe(0);
  }, 120_000);
});
