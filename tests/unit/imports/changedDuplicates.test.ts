import { describe, expect, it } from 'vitest';
import { importErrorText } from '../../../shared/importMessages';
import { type ErrorData, failure, importWorkspace, writeFile } from './importFixtures';

/**
 * A partner re-exports a corrected file: the same order and line reference with another amount or quantity. Before,
 * the line was skipped as a duplicate without a word (the old price and any 乱价 finding stayed); now it is a row error
 * naming the stored import and both values, so all-or-nothing applies and --accept-valid keeps the rest (issue 16).
 */
describe('imports: a stored line re-exported with other values is a row error, not a quiet duplicate', () => {
  const w = importWorkspace(2, '产品编码,产品名称\r\nA,甲\r\nB,乙\r\n');

  for (const kind of ['sales', 'sell-through'] as const) {
    const table = kind === 'sales' ? 'sales_lines' : 'sell_through_lines';
    const csv = (name: string, rows: string[]) => writeFile(w.tmp.dir, `${kind}-${name}.csv`, `经销商编码,单据日期,产品编码,数量,金额,订单号,行号\r\n${rows.join('\r\n')}\r\n`);
    const stored = () => w.ctx.ws.sqlite.prepare(`select order_ref o, line_ref l, quantity q, amount_minor a, import_id i from ${table} order by id`).all();
    const base = ['P001,2026-11-02,A,1,120,SO1,1', 'P001,2026-11-02,B,2,40,SO1,2', 'P002,2026-11-02,A,1,10,SO1,1'];

    it(`${kind}: a changed amount or quantity names the order, line, stored import and both values; all-or-nothing; --accept-valid keeps the rest`, async () => {
      const first = await w.ctx.api.send('imports.run', { kind, path: csv('first', base) });
      expect(first).toMatchObject({ inserted: 3, duplicates: 0 });
      const before = stored();
      // Row 2: amount 120 → 100; row 3: quantity 2 → 3 (amount the same); row 4 identical; row 5 a new line.
      const corrected = csv('corrected', ['P001,2026-11-02,A,1,100,SO1,1', 'P001,2026-11-02,B,3,40,SO1,2', 'P002,2026-11-02,A,1,10,SO1,1', 'P001,2026-11-03,A,1,10,SO2,1']);
      const e = await failure(w.ctx.api.send('imports.run', { kind, path: corrected }));
      const data = e.body.data as ErrorData;
      expect(data).toMatchObject({ rejected: 2 });
      expect(data.errors).toMatchObject([
        { row: 2, column: '金额', code: 'changedDuplicate', params: { order: 'SO1', lineRef: '1', importId: first.importId, field: 'amount', stored: '¥120.00', value: '¥100.00' } },
        { row: 3, column: '数量', code: 'changedDuplicate', params: { order: 'SO1', lineRef: '2', importId: first.importId, field: 'quantity', stored: '2', value: '3' } },
      ]);
      expect(importErrorText(data.errors[0], 'zh-CN')).toBe(
        `订单 SO1 行 1 已由导入 ${first.importId} 写入，金额 ¥120.00；本文件为 ¥100.00。要采用新值，请先撤销导入 ${first.importId}（或用“替换”）`,
      );
      expect(importErrorText(data.errors[1], 'en')).toBe(
        `order SO1 line 2 was already imported by import ${first.importId} with Quantity 2; this file has 3. To take the new value, undo import ${first.importId} first (or use Replace)`,
      );
      expect(stored()).toEqual(before);
      const kept = await w.ctx.api.send('imports.run', { kind, path: corrected, acceptValid: true });
      expect(kept).toMatchObject({ inserted: 1, duplicates: 1, rejected: 2 });
      // The stored lines keep their values: nothing was corrected silently either.
      expect(stored()).toEqual([...before, { o: 'SO2', l: '1', q: 1, a: 1000, i: kept.importId }]);
    });

    it(`${kind}: an identical re-export still adds nothing and says nothing; replacing the import takes the new values`, async () => {
      const first = await w.ctx.api.send('imports.run', { kind, path: csv('first', base) });
      const again = await w.ctx.api.send('imports.run', { kind, path: csv('again', [...base].reverse()) });
      expect(again).toMatchObject({ inserted: 0, duplicates: 3, rejected: 0, errors: [] });
      const corrected = csv('fixed', ['P001,2026-11-02,A,1,100,SO1,1', ...base.slice(1)]);
      expect(await w.ctx.api.send('imports.run', { kind, path: corrected, replace: first.importId! })).toMatchObject({ inserted: 3, duplicates: 0, rejected: 0 });
      expect((stored() as Array<{ a: number }>).map((x) => x.a)).toEqual([10000, 4000, 1000]);
    });
  }
});
