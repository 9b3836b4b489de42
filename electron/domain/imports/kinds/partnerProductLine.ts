import type { ProductLookup } from '../../inventory/productLookup';
import type { FieldSpec, RowValues } from './kind';
import { resolvePartner } from './kind';

/** The product column of the files partners send about products (stock reports, sell-through): a code or a name. */
export const PRODUCT_FIELD: FieldSpec = {
  name: 'product',
  type: 'text',
  required: true,
  synonyms: ['产品编码', '产品', '物料编码', '商品编码', '存货编码', 'SKU', '产品代码', 'Product Code', 'Product', 'Product ID', 'Item', 'Material', '产品名称', '商品名称', '存货名称', 'Product Name'],
};

/** What a partner's line about a product starts with: who, when, which product (null where the row's cell failed). */
export interface PartnerProductHead {
  partnerId: number | null;
  date: string | null;
  productId: number | null;
}

/**
 * Reads a stock or sell-through row's partner code, date and product (code, else exact name) — the block both kinds
 * share — recording each failure on the row under its column (an unknown product names the text as written, and the
 * code it was before a spreadsheet dropped its leading zeros).
 */
export function readPartnerProductHead(row: RowValues, partners: Map<string, { id: number; deleted: boolean }>, products: ProductLookup): PartnerProductHead {
  const partnerId = resolvePartner(row, partners);
  const date = row.date('date', true);
  const productText = row.text('product', true, 200);
  let productId: number | null = null;
  if (productText !== null) {
    const r = products.resolve(productText);
    if ('error' in r) {
      const zeros = r.error === 'unknownProduct' ? products.droppedZeros(productText) : [];
      row.fail('product', r.error, { value: productText, ...(zeros.length ? { zeros } : {}) });
    }
    else productId = r.id;
  }
  return { partnerId, date, productId };
}
