import { describe, expect, it } from 'vitest';
import { RowValues } from '../../../electron/domain/imports/kinds/kind';
import { sellThroughFastRow, sellThroughFullParser } from '../../../electron/domain/imports/kinds/sellThrough';
import { productLookup } from '../../../electron/domain/inventory/productLookup';
import { provinceMatcher } from '../../../electron/domain/inventory/provinceMatcher';
import { memoryApi } from '../../helpers/workspace';

/** A deterministic generator (the failing input is then reproducible). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cells near the fast path's edges for each sell-through field: plain ones first, then every kind the full reader treats otherwise. */
const CELLS: Record<string, readonly unknown[]> = {
  partnerCode: ['P001', 'P002', 'P-DEL', ' P001', 'p001', 'P404', '', 'NULL', '\u3000P001', "'P001", null],
  date: ['2025-03-05', '2024-02-29', '2023-02-29', '2025/3/5', ' 2025-03-05', '45000', '', 'NULL', 45000, null],
  product: ['SKU-1', '摄像机', 'sku-1', 'SKU-404', '同名', '', 'NULL', ' SKU-1', 'x'.repeat(201), null],
  quantity: ['1', '-2', '0', '2.50', '1,000', '1,00', '', 'NULL', '(1)', '1.2E+05', ' 3', 3, null],
  amount: ['10', '-10', '0', '1,234.50', '1234.565', '¥10', '(10)', '', 'NULL', '1e3', ' 10', 10.5, null],
  currency: ['CNY', 'USD', 'JPY', 'usd', 'RMB', '人民币', '', 'XX', 'NULL', null],
  customerRef: ['C1', '终端客户', '', ' C1', 'NULL', 'w'.repeat(201), null],
  customerName: ['便利店乙', 'Acme', '', 'N/A', 'n'.repeat(201), null],
  customerProvince: ['浙江', 'Zhejiang', '', '浙江省', '330000', '火星', ' 浙江', 'NULL', 'p'.repeat(51), null],
  customerCity: ['杭州', '', 'NULL', 'c'.repeat(51), null],
  orderRef: ['SO-1', '', ' SO-1', "'=1+2", 'x'.repeat(101), 'bad\uFFFD', null],
  lineRef: ['L1', 'L2', '', 'NULL', 'y'.repeat(101), null],
};

describe('sell-through rows: the fast path reads exactly what the full reader reads', () => {
  it('random rows and mappings: the fast path answers only error-free rows, with the full reader\'s row', () => {
    const { ws } = memoryApi();
    ws.sqlite.exec("insert into products (code, name_zh, name_en) values ('SKU-1', '摄像机', 'Camera'), ('SKU-2', '同名', null), ('SKU-3', '同名', null)");
    const products = productLookup(ws);
    const province = provinceMatcher(ws);
    const r = rng(5);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
    const partners = new Map([
      ['P001', { id: 1, deleted: false }],
      ['P002', { id: 2, deleted: false }],
      ['P-DEL', { id: 4, deleted: true }],
    ]);
    let answered = 0;
    let rows = 0;
    for (let m = 0; m < 300; m++) {
      // A mapping: some optional fields left out, columns in any order, sometimes defaults and other null words.
      const fields = Object.keys(CELLS).filter((f) => ['partnerCode', 'date', 'product', 'quantity'].includes(f) || r() < 0.7);
      const order = [...fields].sort(() => r() - 0.5);
      const index = new Map(order.map((f, i) => [f, i]));
      const defaults: Record<string, string> = {};
      if (r() < 0.15) defaults[pick(['currency', 'customerProvince', 'amount', 'customerRef'])] = pick(['USD', '浙江', '1', 'C9']);
      const nullValues = r() < 0.2 ? new Set(['-', 'NONE']) : new Set(['NULL', 'N/A', '#N/A']);
      const values = new RowValues(index, { dateFormat: null, values: {}, nullValues, defaults });
      const mapped = new Set([...index.keys(), ...Object.keys(defaults)]);
      const fast = sellThroughFastRow(values, partners, products, province);
      const full = sellThroughFullParser({ mapped }, partners, products, province);
      for (let i = 0; i < 100; i++) {
        rows++;
        const cells = order.map((f) => CELLS[f][r() < 0.85 ? Math.floor(r() * 2) : Math.floor(r() * CELLS[f].length)]);
        const fullErrors: unknown[] = [];
        const expected = full(values.reset(cells as never, fullErrors as never));
        const got = fast ? fast(cells as never) : null;
        if (got !== null) {
          answered++;
          expect(fullErrors, JSON.stringify({ order, cells, defaults })).toEqual([]);
          expect(got, JSON.stringify({ order, cells, defaults })).toEqual(expected);
        }
      }
    }
    // The common case takes the fast path.
    expect(answered).toBeGreaterThan(rows / 5);
    ws.close();
  });
});
