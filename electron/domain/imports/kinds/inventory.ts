import { productLookup } from '../../inventory/productLookup';
import { inventoryImportStatements } from '../../inventory/store';
import type { FieldSpec, KindContext, KindRun, KindSpec, RowValues } from './kind';
import { changeRecorder, partnerLookup, resolvePartner } from './kind';

const fields: FieldSpec[] = [
  { name: 'partnerCode', type: 'text', required: true, synonyms: ['经销商编码', '经销商代码', '合作伙伴代码', '合作伙伴编码', '伙伴编码', '渠道编码', '渠道代码', '代理商编码', 'Partner Code', 'Partner', 'Partner ID', 'Dealer Code', 'Reseller ID'] },
  { name: 'date', type: 'date', required: true, synonyms: ['日期', '库存日期', '盘点日期', '上报日期', '快照日期', '统计日期', 'Date', 'Stock Date', 'Snapshot Date', 'Report Date', 'As Of'] },
  { name: 'product', type: 'text', required: true, synonyms: ['产品编码', '产品', '物料编码', '商品编码', '存货编码', 'SKU', '产品代码', 'Product Code', 'Product', 'Product ID', 'Item', 'Material', '产品名称', '商品名称', '存货名称', 'Product Name'] },
  { name: 'quantity', type: 'number', required: true, synonyms: ['库存数量', '数量', '库存', '结存数量', '现存量', '期末数量', '在库数量', 'Quantity', 'Qty', 'Stock', 'On Hand', 'Stock Qty', 'Units'] },
  { name: 'value', type: 'money', synonyms: ['库存金额', '金额', '结存金额', '库存价值', 'Value', 'Stock Value', 'Amount', 'Inventory Value'] },
  { name: 'warehouse', type: 'text', synonyms: ['仓库', '仓库名称', '库房', '仓库编码', 'Warehouse', 'Location', 'Store', 'Site'] },
];

interface SnapshotRow {
  partnerId: number;
  productId: number;
  date: string;
  warehouse: string;
  quantity: number;
  valueMinor: number | null;
}

/**
 * Stock reports: one row per partner, date, product and warehouse. The same row again is a duplicate; the same key with
 * another quantity or value is a correction (updated, undoable). Two rows with one key in one file are an error.
 */
function open(ctx: KindContext): KindRun<SnapshotRow> {
  const partners = partnerLookup(ctx.ws);
  const products = productLookup(ctx.ws);
  const record = changeRecorder(ctx, 'inventory_snapshot');
  const { insert, find, byId, update } = inventoryImportStatements(ctx.ws);
  const seen = new Set<string>();
  return {
    parse(row: RowValues) {
      const partnerId = resolvePartner(row, partners);
      const date = row.date('date', true);
      const productText = row.text('product', true, 200);
      let productId: number | null = null;
      if (productText !== null) {
        const r = products.resolve(productText);
        if ('error' in r) row.fail('product', r.error, { value: productText });
        else productId = r.id;
      }
      const qText = row.decimal('quantity', true);
      const quantity = qText === null ? null : Number(qText);
      if (quantity !== null && quantity < 0) row.fail('quantity', 'negativeStockQuantity');
      const valueMinor = row.money('value');
      if (valueMinor !== null && valueMinor < 0) row.fail('value', 'negativeStockValue');
      const warehouse = row.text('warehouse', false, 100) ?? '';
      if (partnerId !== null && date !== null && productId !== null) {
        const key = `${partnerId}\u001f${date}\u001f${productId}\u001f${warehouse}`;
        if (seen.has(key)) row.fail(null, 'duplicateStockRow');
        seen.add(key);
      }
      if (row.errors.length || partnerId === null || date === null || productId === null || quantity === null) return null;
      return { partnerId, productId, date, warehouse, quantity, valueMinor };
    },
    write(s) {
      if (insert.run(s.partnerId, s.productId, s.date, s.warehouse, s.quantity, s.valueMinor, ctx.importId, ctx.now).changes) return 'inserted';
      const before = find.get(s.partnerId, s.date, s.productId, s.warehouse)!;
      if (before.quantity === s.quantity && (s.valueMinor === null || before.value_minor === s.valueMinor)) return 'duplicate';
      update.run(s.quantity, s.valueMinor ?? before.value_minor, ctx.importId, before.id);
      record(before.id, 'update', { before, after: byId.get(before.id)! });
      return 'updated';
    },
    display: (s) => ({ ...s }),
  };
}

export const inventoryKind: KindSpec = { kind: 'inventory', fields, open: open as (ctx: KindContext) => KindRun<unknown> };
