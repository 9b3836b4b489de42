import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { importErrorText } from '../../../shared/importMessages';
import { migrationsBefore } from '../../helpers/migrations';
import { tempDir } from '../../helpers/workspace';
import { type ErrorData, failure, importWorkspace, seedPartners, writeFile } from './importFixtures';

/**
 * A line is known by its line reference within its order (migration 0032: the unique dedupe index is partner, key and
 * order), so 行号 counted within each order — 1, 2 … in every order, as DMS and ERP exports number them — is a key:
 * a later file's order SO2 line 1 is a line of its own, not a duplicate of an earlier import's SO1 line 1.
 */
describe('imports: line numbers counted within each order are keys within their order', () => {
  const w = importWorkspace(2, '产品编码,产品名称\r\nA,甲\r\nB,乙\r\n');
  const lines = (table: string) =>
    w.ctx.ws.sqlite.prepare(`select order_ref o, line_ref l, dedupe_key k from ${table} order by id`).all() as Array<{ o: string | null; l: string | null; k: string }>;

  for (const kind of ['sales', 'sell-through'] as const) {
    const table = kind === 'sales' ? 'sales_lines' : 'sell_through_lines';
    const csv = (name: string, rows: string[]) => writeFile(w.tmp.dir, `${kind}-${name}.csv`, `经销商编码,单据日期,产品编码,数量,金额,订单号,行号\r\n${rows.join('\r\n')}\r\n`);

    it(`${kind}: two files numbering lines 1, 2 in each order land every line; each file again adds nothing; undo takes back only its own`, async () => {
      const first = csv('nov', ['P001,2026-11-02,A,1,10,SO1,1', 'P001,2026-11-02,B,2,40,SO1,2', 'P002,2026-11-02,A,1,10,SO1,1']);
      const second = csv('dec', ['P001,2026-12-01,A,3,30,SO2,1', 'P001,2026-12-01,B,1,20,SO2,2', 'P001,2026-12-02,A,1,10,SO3,1']);
      expect(await w.ctx.api.send('imports.run', { kind, path: first })).toMatchObject({ inserted: 3, duplicates: 0, rejected: 0 });
      const r2 = await w.ctx.api.send('imports.run', { kind, path: second });
      expect(r2).toMatchObject({ inserted: 3, duplicates: 0, rejected: 0 });
      expect(lines(table).map((x) => `${x.o}/${x.l}`)).toEqual(['SO1/1', 'SO1/2', 'SO1/1', 'SO2/1', 'SO2/2', 'SO3/1']);
      // The stored key is still the line reference's (the order is the index's third part).
      expect(lines(table).map((x) => x.k)).toEqual(['ref:1', 'ref:2', 'ref:1', 'ref:1', 'ref:2', 'ref:1']);
      for (const path of [first, second]) expect(await w.ctx.api.send('imports.run', { kind, path, force: true })).toMatchObject({ inserted: 0, duplicates: 3 });
      await w.ctx.api.send('imports.undo', { id: r2.importId! });
      expect(lines(table).map((x) => `${x.o}/${x.l}`)).toEqual(['SO1/1', 'SO1/2', 'SO1/1']);
      expect(await w.ctx.api.send('imports.run', { kind, path: second, force: true })).toMatchObject({ inserted: 3, duplicates: 0 });
    });

    it(`${kind}: line IDs unique across the file (the common case) key as before; a line exported twice is one line`, async () => {
      const unique = csv('unique', ['P001,2026-11-05,A,1,299,DMS-3,DMS-3-1', 'P001,2026-11-05,A,1,299,DMS-4,DMS-4-1', 'P001,2026-11-05,A,1,299,DMS-5,7', 'P001,2026-11-05,A,1,299,DMS-5,7']);
      expect(await w.ctx.api.send('imports.run', { kind, path: unique })).toMatchObject({ inserted: 3, duplicates: 1 });
      expect(lines(table).map((x) => x.k)).toEqual(['ref:DMS-3-1', 'ref:DMS-4-1', 'ref:7']);
      // A later export holding the same lines adds nothing.
      const later = csv('later', ['P001,2026-11-05,A,1,299,DMS-4,DMS-4-1', 'P001,2026-11-06,B,1,5,DMS-6,DMS-6-1']);
      expect(await w.ctx.api.send('imports.run', { kind, path: later })).toMatchObject({ inserted: 1, duplicates: 1 });
    });

    it(`${kind}: without an order, a line number the file gives two different lines of a partner is a row error naming the fix (not a silent duplicate)`, async () => {
      const noOrder = writeFile(w.tmp.dir, `${kind}-no-order.csv`, '经销商编码,单据日期,产品编码,数量,金额,行号\r\nP001,2026-11-02,A,1,10,1\r\nP001,2026-11-02,B,1,20,2\r\nP001,2026-11-03,A,2,20,1\r\nP002,2026-11-03,A,2,20,1\r\nP001,2026-11-02,A,1,10,1\r\n');
      const e = await failure(w.ctx.api.send('imports.run', { kind, path: noOrder }));
      const data = e.body.data as ErrorData;
      // Row 4 is another line numbered 1 of P001; row 5 is P002's own line 1; row 6 is row 2 again (a duplicate, not an error).
      expect(data).toMatchObject({ rejected: 1, errors: [{ row: 4, column: '行号', code: 'lineNumberWithoutOrder', params: { lineRef: '1' } }] });
      expect(importErrorText(data.errors[0], 'zh-CN')).toContain('请同时映射“订单号”列');
      expect(importErrorText(data.errors[0], 'en')).toContain('map the Order no. column too');
      expect(await w.ctx.api.send('imports.run', { kind, path: noOrder, acceptValid: true })).toMatchObject({ inserted: 3, duplicates: 1, rejected: 1 });
    });

    it(`${kind}: a file without the order column whose line references the partner has stored with an order is refused, naming the rows, the order and the fix`, async () => {
      const first = await w.ctx.api.send('imports.run', { kind, path: csv('with-order', ['P001,2026-11-02,A,1,10,SO1,1', 'P001,2026-11-02,B,2,40,SO1,2']) });
      const noOrder = writeFile(w.tmp.dir, `${kind}-same-lines-no-order.csv`, '经销商编码,单据日期,产品编码,数量,金额,行号\r\nP002,2026-11-02,A,1,10,1\r\nP001,2026-11-02,B,2,40,2\r\nP001,2026-11-04,A,5,50,L9\r\n');
      const e = await failure(w.ctx.api.send('imports.run', { kind, path: noOrder }));
      const data = e.body.data as ErrorData;
      expect(e.body.message).toContain(`${kind}-same-lines-no-order.csv`);
      // Row 3 is SO1's line 2 without its order; P002 has no line 1 and L9 is new: both fine.
      expect(data).toMatchObject({ rejected: 1, errors: [{ row: 3, column: '行号', code: 'lineStoredWithOrder', params: { lineRef: '2', order: 'SO1', importId: first.importId } }] });
      expect(importErrorText(data.errors[0], 'zh-CN')).toBe(
        `行号“2”已存在于该伙伴之前导入的订单“SO1”中（导入 #${first.importId}），而本行没有订单号：明细以订单号 + 行号识别，按此导入会把同一明细再记一次。请映射“订单号”列后再导入，或把“行号”映射为不导入（按内容区分明细）`,
      );
      expect(importErrorText(data.errors[0], 'en')).toContain(`already stored for this partner in order 'SO1' (import ${first.importId})`);
      expect(lines(table)).toHaveLength(2);
      // The preview says so before the import.
      const preview = await w.ctx.api.send('imports.preview', { kind, path: noOrder });
      expect(preview.summary.errors.map((x) => [x.row, x.code])).toEqual([[3, 'lineStoredWithOrder']]);
      // Accepting the valid rows stores the two others, not SO1's line 2 again.
      expect(await w.ctx.api.send('imports.run', { kind, path: noOrder, acceptValid: true })).toMatchObject({ inserted: 2, duplicates: 0, rejected: 1 });
      expect(lines(table).map((x) => `${x.o}/${x.l}`)).toEqual(['SO1/1', 'SO1/2', 'null/1', 'null/L9']);
    });
  }
});

describe('migration 0032: stored lines keep their keys, and an old file re-imported after it adds nothing', () => {
  it('sales and sell-through lines imported before the migration are duplicates of the same file after it; a per-order numbered file then lands whole', async () => {
    const tmp = tempDir('pwb-order-line-keys-');
    try {
      const path = join(tmp.dir, 'ws.sqlite');
      const old = openWorkspace(path, { migrationsFolder: migrationsBefore(tmp.dir, '_order_line_keys') });
      const oldApi = createApi({ ws: old, user: 'tester' });
      await seedPartners(oldApi, 1);
      await oldApi.send('imports.run', { kind: 'products', path: writeFile(tmp.dir, 'products.csv', '产品编码,产品名称\r\nA,甲\r\n') });
      // What an import before the migration stored: the key 'ref:<lineRef>', unique per partner.
      old.sqlite.prepare("insert into imports (id, kind, file_name, file_size, sha256, status, started_at) values (100, 'sales', 'old.csv', 10, 'x', 'committed', '2026-01-01T00:00:00.000Z'), (101, 'sell-through', 'old-st.csv', 10, 'y', 'committed', '2026-01-01T00:00:00.000Z')").run();
      old.sqlite.prepare("insert into sales_lines (partner_id, date, order_ref, line_ref, product, quantity, amount_minor, dedupe_key, import_id) select id, '2026-01-05', 'SO-9', 'L1', 'A', 1, 1000, 'ref:L1', 100 from partners").run();
      old.sqlite.prepare("insert into sales_lines (partner_id, date, order_ref, line_ref, product, quantity, amount_minor, dedupe_key, import_id) select id, '2026-01-05', null, 'L2', 'A', 1, 2000, 'ref:L2', 100 from partners").run();
      old.sqlite.prepare("insert into sell_through_lines (partner_id, product_id, date, quantity, amount_minor, order_ref, line_ref, dedupe_key, import_id) select p.id, (select id from products), '2026-01-05', 1, 1000, 'SO-9', '1', 'ref:1', 101 from partners p").run();
      old.close();

      const ws = openWorkspace(path);
      const api = createApi({ ws, user: 'tester' });
      try {
        const index = (name: string) => (ws.sqlite.prepare('select sql from sqlite_master where name = ?').get(name) as { sql: string }).sql;
        expect(index('sales_partner_dedupe_uq')).toContain("ifnull(`order_ref`, '')");
        expect(index('sell_through_dedupe_uq')).toContain("ifnull(`order_ref`, '')");
        const keys = (t: string) => ws.sqlite.prepare(`select dedupe_key k from ${t} order by id`).all();
        expect(keys('sales_lines')).toEqual([{ k: 'ref:L1' }, { k: 'ref:L2' }]);
        // The old files again: nothing added.
        const sales = writeFile(tmp.dir, 'old.csv', '经销商编码,单据日期,订单号,行号,产品,数量,金额\r\nP001,2026-01-05,SO-9,L1,A,1,10\r\nP001,2026-01-05,,L2,A,1,20\r\n');
        expect(await api.send('imports.run', { kind: 'sales', path: sales })).toMatchObject({ inserted: 0, duplicates: 2 });
        const st = writeFile(tmp.dir, 'old-st.csv', '经销商编码,单据日期,产品编码,数量,金额,订单号,行号\r\nP001,2026-01-05,A,1,10,SO-9,1\r\n');
        expect(await api.send('imports.run', { kind: 'sell-through', path: st })).toMatchObject({ inserted: 0, duplicates: 1 });
        // A later file whose order SO-10 numbers its lines from 1 again: its line 1 is its own.
        const later = writeFile(tmp.dir, 'later-st.csv', '经销商编码,单据日期,产品编码,数量,金额,订单号,行号\r\nP001,2026-02-05,A,1,10,SO-10,1\r\nP001,2026-02-05,A,2,20,SO-10,2\r\n');
        const r = await api.send('imports.run', { kind: 'sell-through', path: later });
        expect(r).toMatchObject({ inserted: 2, duplicates: 0 });
        await api.send('imports.undo', { id: r.importId! });
        expect(ws.sqlite.prepare('select order_ref o, line_ref l from sell_through_lines order by id').all()).toEqual([{ o: 'SO-9', l: '1' }]);
      } finally {
        ws.close();
      }
    } finally {
      tmp.cleanup();
    }
  });
});
