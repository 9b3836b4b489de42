import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importErrorText } from '../../../shared/importMessages';
import { type ErrorData, failure, importWorkspace, writeFile } from './importFixtures';

/**
 * Two copies of one line (same partner, order and line reference) within one file with other values: before, the
 * first was kept and the later one skipped without a word. Now the later copy is a row error naming the earlier row
 * and every differing field; an identical copy stays a quiet duplicate (issue 16). Every rejected row is listed in
 * file order, whichever check found it.
 */
describe('imports: a line given twice in one file with other values is a row error', () => {
  const w = importWorkspace(2, '产品编码,产品名称\r\nA,甲\r\nB,乙\r\n');

  for (const kind of ['sales', 'sell-through'] as const) {
    const table = kind === 'sales' ? 'sales_lines' : 'sell_through_lines';
    const csv = (name: string, rows: string[]) => writeFile(w.tmp.dir, `${kind}-${name}.csv`, `经销商编码,单据日期,产品编码,数量,金额,订单号,行号\r\n${rows.join('\r\n')}\r\n`);
    const stored = () => w.ctx.ws.sqlite.prepare(`select order_ref o, line_ref l, quantity q, amount_minor a from ${table} order by id`).all();
    const codes = (errors: ReadonlyArray<{ row: number | null; code?: string | null }>) => errors.map((e) => [e.row, e.code]);

    it(`${kind}: the later copy names the earlier row and both values; all-or-nothing refuses; --accept-valid keeps the first`, async () => {
      // Row 4 repeats row 2's SO1 line 1 with ¥100.00 for ¥120.00.
      const file = csv('twice', ['P001,2026-11-02,A,1,120,SO1,1', 'P001,2026-11-02,B,2,40,SO1,2', 'P001,2026-11-02,A,1,100,SO1,1']);
      const data = (await failure(w.ctx.api.send('imports.run', { kind, path: file }))).body.data as ErrorData;
      expect(data).toMatchObject({ rowsRead: 3, rejected: 1 });
      expect(data.errors).toEqual([
        {
          row: 4, column: '金额', value: '100', message: expect.any(String), code: 'changedWithinFile',
          params: { order: 'SO1', lineRef: '1', row: 2, field: 'amount', stored: '¥120.00', value: '¥100.00' },
        },
      ]);
      expect(importErrorText(data.errors[0], 'zh-CN')).toBe('订单 SO1 行 1 已出现在本文件第 2 行，金额 ¥120.00；本行为 ¥100.00。同一明细不能有两种值：请更正或删除其中一行');
      expect(importErrorText(data.errors[0], 'en')).toBe(
        'order SO1 line 1 is already in row 2 of this file with Amount ¥120.00; this row has ¥100.00. One line cannot have two values: correct or delete one of the two rows',
      );
      expect(stored()).toEqual([]);

      const kept = await w.ctx.api.send('imports.run', { kind, path: file, acceptValid: true });
      expect(kept).toMatchObject({ rowsRead: 3, inserted: 2, duplicates: 0, rejected: 1, errors: [{ row: 4, code: 'changedWithinFile' }] });
      expect(stored()).toEqual([{ o: 'SO1', l: '1', q: 1, a: 12000 }, { o: 'SO1', l: '2', q: 2, a: 4000 }]);
      const rejected = readFileSync(kept.rejectedFile!, 'utf8').trim().split(/\r?\n/);
      expect(rejected.slice(1)).toEqual(['P001,2026-11-02,A,1,100,SO1,1,金额: 订单 SO1 行 1 已出现在本文件第 2 行，金额 ¥120.00；本行为 ¥100.00。同一明细不能有两种值：请更正或删除其中一行']);
    });

    it(`${kind}: an identical copy stays a quiet duplicate; the same line number in another order is another line`, async () => {
      const file = csv('same', ['P001,2026-11-02,A,1,120,SO1,1', 'P001,2026-11-02,A,1,120,SO1,1', 'P001,2026-11-05,B,3,90,SO2,1', 'P002,2026-11-02,B,1,10,SO1,1']);
      expect(await w.ctx.api.send('imports.run', { kind, path: file })).toMatchObject({ inserted: 3, duplicates: 1, rejected: 0, errors: [] });
      expect(stored()).toEqual([{ o: 'SO1', l: '1', q: 1, a: 12000 }, { o: 'SO2', l: '1', q: 3, a: 9000 }, { o: 'SO1', l: '1', q: 1, a: 1000 }]);
    });

    it(`${kind}: three copies and more — each differing copy names the first row (the one kept), an equal one is a duplicate`, async () => {
      const file = csv('three', ['P001,2026-11-02,A,1,120,SO1,1', 'P001,2026-11-02,A,1,100,SO1,1', 'P001,2026-11-02,A,1,120,SO1,1', 'P001,2026-11-02,A,1,100,SO1,1']);
      const data = (await failure(w.ctx.api.send('imports.run', { kind, path: file }))).body.data as ErrorData;
      expect(data.errors.map((e) => [e.row, e.code, e.params?.row])).toEqual([[3, 'changedWithinFile', 2], [5, 'changedWithinFile', 2]]);
      expect(await w.ctx.api.send('imports.run', { kind, path: file, acceptValid: true })).toMatchObject({ inserted: 1, duplicates: 1, rejected: 2 });
      expect(stored()).toEqual([{ o: 'SO1', l: '1', q: 1, a: 12000 }]);
    });

    it(`${kind}: every differing field is named with both values, within one error per row (in the file and against a stored import)`, async () => {
      const first = await w.ctx.api.send('imports.run', { kind, path: csv('first', ['P001,2026-11-02,A,1,120,SO1,1']) });
      // Row 2: line 1 re-exported with another quantity and amount; rows 3–4: SO2 line 1 twice, date, product and quantity apart.
      const file = csv('fields', ['P001,2026-11-02,A,2,130,SO1,1', 'P001,2026-11-03,A,1,50,SO2,1', 'P001,2026-11-04,B,5,50,SO2,1']);
      const data = (await failure(w.ctx.api.send('imports.run', { kind, path: file }))).body.data as ErrorData;
      expect(data.errors).toMatchObject([
        {
          row: 2, column: '金额', code: 'changedDuplicate',
          params: { importId: first.importId, differences: [{ field: 'amount', stored: '¥120.00', value: '¥130.00' }, { field: 'quantity', stored: '1', value: '2' }] },
        },
        {
          row: 4, column: '数量', code: 'changedWithinFile',
          params: { row: 3, differences: [{ field: 'quantity', stored: '1', value: '5' }, { field: 'date', stored: '2026-11-03', value: '2026-11-04' }, { field: 'product', stored: 'A', value: 'B' }] },
        },
      ]);
      expect(importErrorText(data.errors[0], 'zh-CN')).toBe(
        `订单 SO1 行 1 已由导入 ${first.importId} 写入，金额 ¥120.00、数量 1；本文件为金额 ¥130.00、数量 2。要采用新值，请先撤销导入 ${first.importId}（或用“替换”）`,
      );
      expect(importErrorText(data.errors[1], 'en')).toBe(
        'order SO2 line 1 is already in row 3 of this file with Quantity 1, Date 2026-11-03, Product A; this row has Quantity 5, Date 2026-11-04, Product B. One line cannot have two values: correct or delete one of the two rows',
      );
    });

    it(`${kind}: rejected rows are listed in file order whichever check found them (errors, rejected-rows file, stored errors)`, async () => {
      // Stored: SO1 line 1 and line L7 in order SO9.
      const first = await w.ctx.api.send('imports.run', { kind, path: csv('first', ['P001,2026-11-02,A,1,120,SO1,1', 'P001,2026-11-02,A,1,10,SO9,L7']) });
      const file = csv('mixed', [
        'P001,2026-11-02,A,1,10,SO3,1', // 2 kept
        'P001,2026-11-02,A,1,abc,SO3,2', // 3 not a number (read)
        'P001,2026-11-02,A,1,11,SO3,1', // 4 copy of row 2 with another amount (save)
        'P001,2026-11-02,A,1,10,,L7', // 5 L7 stored with order SO9, no order here (read)
        'P001,2026-11-02,A,1,99,SO1,1', // 6 stored by the first import with ¥120.00 (save)
        'P001,2026-11-02,A,x,10,SO3,3', // 7 not a number (read)
      ]);
      const order = [[3, 'notNumber'], [4, 'changedWithinFile'], [5, 'lineStoredWithOrder'], [6, 'changedDuplicate'], [7, 'notNumber']];
      const kept = await w.ctx.api.send('imports.run', { kind, path: file, acceptValid: true });
      expect(kept).toMatchObject({ rowsRead: 6, inserted: 1, duplicates: 0, rejected: 5 });
      expect(codes(kept.errors)).toEqual(order);
      const rows = readFileSync(kept.rejectedFile!, 'utf8').trim().split(/\r?\n/).slice(1);
      expect(rows.map((r) => r.split(',').slice(3, 7).join(','))).toEqual(['1,abc,SO3,2', '1,11,SO3,1', '1,10,,L7', '1,99,SO1,1', 'x,10,SO3,3']);
      const shown = w.ctx.ws.sqlite.prepare('select row_number r, code from import_errors where import_id = ? order by id').all(kept.importId) as Array<{ r: number; code: string }>;
      expect(shown.map((e) => [e.r, e.code])).toEqual(order);
      expect(first.inserted).toBe(2);
      // All-or-nothing without a row failing while read: the save's two checks, in file order too.
      const saved = csv('saved', ['P001,2026-11-02,A,1,99,SO1,1', 'P001,2026-11-02,A,1,10,SO4,1', 'P001,2026-11-02,A,1,12,SO4,1', 'P001,2026-11-02,A,1,98,SO1,1']);
      expect(codes(((await failure(w.ctx.api.send('imports.run', { kind, path: saved }))).body.data as ErrorData).errors)).toEqual([
        [2, 'changedDuplicate'], [4, 'changedWithinFile'], [5, 'changedDuplicate'],
      ]);
    });
  }
});
