import { productLookup, type ProductLookup } from '../../inventory/productLookup';
import { snapshotStage, type StagedSnapshot } from '../../inventory/store';
import type { FieldSpec, KindContext, KindRun, RowValues, StageContext, StagedKindRun } from './kind';
import { partnerLookup, TrackedPartners, defineKind } from './kind';
import { PRODUCT_FIELD, readPartnerProductHead } from './partnerProductLine';
import { stagedLines } from './stagedLines';
import type { inventorySnapshots } from '../../../../db/schema';

const fields: FieldSpec[] = [
  { name: 'partnerCode', type: 'text', required: true, synonyms: ['经销商编码', '经销商代码', '合作伙伴代码', '合作伙伴编码', '伙伴编码', '渠道编码', '渠道代码', '代理商编码', 'Partner Code', 'Partner', 'Partner ID', 'Dealer Code', 'Reseller ID'] },
  { name: 'date', type: 'date', required: true, synonyms: ['日期', '库存日期', '盘点日期', '上报日期', '快照日期', '统计日期', 'Date', 'Stock Date', 'Snapshot Date', 'Report Date', 'As Of'] },
  PRODUCT_FIELD,
  { name: 'quantity', type: 'number', required: true, synonyms: ['库存数量', '数量', '库存', '结存数量', '现存量', '期末数量', '在库数量', 'Quantity', 'Qty', 'Stock', 'On Hand', 'Stock Qty', 'Units'] },
  { name: 'value', type: 'money', synonyms: ['库存金额', '金额', '结存金额', '库存价值', 'Value', 'Stock Value', 'Amount', 'Inventory Value'] },
  { name: 'warehouse', type: 'text', synonyms: ['仓库', '仓库名称', '库房', '仓库编码', 'Warehouse', 'Location', 'Store', 'Site'] },
];

/** A parsed stock report row: the stored snapshot's columns (the drizzle schema's). */
type SnapshotRow = Pick<typeof inventorySnapshots.$inferSelect, 'partnerId' | 'productId' | 'date' | 'warehouse' | 'quantity' | 'valueMinor'>;

/**
 * Parses and checks one stock row (shared by the preview and the import's read pass). Two rows with one key
 * (partner, date, product, warehouse) in one file are an error of the later one, naming the first.
 */
function snapshotParser(partners: Map<string, { id: number; deleted: boolean }>, products: ProductLookup) {
  const firstRowOf = new Map<string, number>();
  return (row: RowValues): SnapshotRow | null => {
    const { partnerId, date, productId } = readPartnerProductHead(row, partners, products);
    const qText = row.quantity('quantity', true);
    const quantity = qText === null ? null : Number(qText);
    if (quantity !== null && quantity < 0) row.fail('quantity', 'negativeStockQuantity');
    const valueMinor = row.money('value');
    if (valueMinor !== null && valueMinor < 0) row.fail('value', 'negativeStockValue');
    const warehouse = row.text('warehouse', false, 100) ?? '';
    if (partnerId !== null && date !== null && productId !== null) {
      const key = `${partnerId}\u001f${date}\u001f${productId}\u001f${warehouse}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) row.fail(null, 'duplicateStockRow', { row: first });
      else firstRowOf.set(key, row.at);
    }
    if (row.errors.length || partnerId === null || date === null || productId === null || quantity === null) return null;
    return { partnerId, productId, date, warehouse, quantity, valueMinor };
  };
}

/** For the preview: parse and display only (nothing is written). */
function open(ctx: KindContext): KindRun<SnapshotRow> {
  const products = productLookup(ctx.ws);
  // The product's code, not its internal id (the preview's 产品 column was empty).
  return { parse: snapshotParser(partnerLookup(ctx.ws), products), display: ({ productId, ...s }) => ({ ...s, product: products.codeOf(productId) }) };
}

/**
 * Stock reports: one row per partner, date, product and warehouse, on the staged line pipeline (stagedLines.ts) —
 * checked and staged while the file is read, saved as a set under the write lock by that natural key: a new key is
 * inserted, the same row again is a duplicate, the same key with another quantity or value is a correction (updated,
 * its before/after images recorded for undo; an empty value keeps the stored one). Partners and products are looked
 * up again under the lock, and the file read again there if any changed.
 */
function stage(ctx: StageContext): StagedKindRun<SnapshotRow> {
  const partners = new TrackedPartners(ctx.ws);
  const products = productLookup(ctx.ws);
  return stagedLines<SnapshotRow, StagedSnapshot>({
    parse: snapshotParser(partners, products),
    row: (s) => [s.partnerId, s.productId, s.date, s.warehouse, s.quantity, s.valueMinor],
    stage: snapshotStage(ctx.ws.sqlite),
    unchanged: () => partners.unchanged() && products.unchanged(),
  });
}

export const inventoryKind = defineKind({
  kind: 'inventory',
  fields,
  open,
  stage,
});
