import { describe, expect, it } from 'vitest';
import { sellThroughFastRow, sellThroughFullParser } from '../../../electron/domain/imports/kinds/sellThrough';
import { productLookup } from '../../../electron/domain/inventory/productLookup';
import { provinceMatcher } from '../../../electron/domain/inventory/provinceMatcher';
import { compareFastWithFull } from '../../helpers/fastPathCheck';
import { memoryApi } from '../../helpers/workspace';

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
    const partners = new Map([
      ['P001', { id: 1, deleted: false }],
      ['P002', { id: 2, deleted: false }],
      ['P-DEL', { id: 4, deleted: true }],
    ]);
    const { rows, answered } = compareFastWithFull({
      seed: 5,
      cells: CELLS,
      required: ['partnerCode', 'date', 'product', 'quantity'],
      defaults: [['currency', 'customerProvince', 'amount', 'customerRef'], ['USD', '浙江', '1', 'C9']],
      plainShare: 0.85,
      readers: (values, mapped) => ({
        fast: sellThroughFastRow(values, partners, products, province),
        full: sellThroughFullParser({ mapped }, partners, products, province),
      }),
    });
    // The common case takes the fast path.
    expect(answered).toBeGreaterThan(rows / 5);
    ws.close();
  });
});
