import { productLookup } from '../../inventory/productLookup';
import { provinceMatcher } from '../../inventory/provinceMatcher';
import { customerMonthStore } from '../../inventory/store';
import type { FieldSpec, KindContext, KindRun, KindSpec, RowValues } from './kind';
import { contentHash, occurrenceCounter, partnerLookup, resolvePartner } from './kind';

// In a sell-through file 客户 is the partner's own customer, so the partner is named only by partner/dealer words.
const fields: FieldSpec[] = [
  { name: 'partnerCode', type: 'text', required: true, synonyms: ['经销商编码', '经销商代码', '合作伙伴代码', '合作伙伴编码', '伙伴编码', '渠道编码', '渠道代码', '代理商编码', '门店编码', 'Partner Code', 'Partner', 'Partner ID', 'Dealer Code', 'Reseller ID', 'Distributor Code'] },
  { name: 'date', type: 'date', required: true, synonyms: ['日期', '销售日期', '出货日期', '出库日期', '单据日期', '交易日期', '订单日期', 'Date', 'Sale Date', 'Ship Date', 'Order Date', 'Invoice Date', 'Transaction Date'] },
  { name: 'product', type: 'text', required: true, synonyms: ['产品编码', '产品', '物料编码', '商品编码', '存货编码', 'SKU', '产品代码', 'Product Code', 'Product', 'Product ID', 'Item', 'Material', '产品名称', '商品名称', '存货名称', 'Product Name'] },
  { name: 'quantity', type: 'number', required: true, synonyms: ['数量', '销量', '出货数量', '销售数量', '出库数量', 'Quantity', 'Qty', 'Units'] },
  { name: 'amount', type: 'money', synonyms: ['金额', '销售额', '销售金额', '出货金额', '含税金额', '价税合计', 'Amount', 'Sales', 'Sales Amount', 'Revenue', 'Net Sales'] },
  { name: 'currency', type: 'text', synonyms: ['币种', '货币', 'Currency', '币别'] },
  { name: 'customerRef', type: 'text', synonyms: ['客户编码', '终端客户编码', '客户代码', '客户编号', '客户ID', 'Customer Code', 'Customer ID', 'Customer Ref', 'Customer No', 'End Customer Code'] },
  { name: 'customerName', type: 'text', synonyms: ['客户名称', '终端客户', '终端客户名称', '客户', '购买方', 'Customer Name', 'Customer', 'End Customer', 'Buyer'] },
  { name: 'customerProvince', type: 'text', synonyms: ['客户省份', '省份', '省', '所在省份', '收货省份', 'Customer Province', 'Province', 'State', 'Ship-To Province'] },
  { name: 'customerCity', type: 'text', synonyms: ['客户城市', '城市', '市', '所在城市', '收货城市', 'Customer City', 'City', 'Ship-To City'] },
  { name: 'orderRef', type: 'text', synonyms: ['订单号', '单号', '单据号', '单据编号', '销售单号', '出库单号', '小票号', 'Order ID', 'Order No', 'Order Number', 'Invoice No', 'Receipt No'] },
  { name: 'lineRef', type: 'text', synonyms: ['行号', '明细号', '行ID', '明细ID', '订单行号', 'Line ID', 'Line Ref', 'Row ID', 'Line No'] },
];

interface SellThroughRow {
  partnerId: number;
  productId: number;
  date: string;
  quantity: number;
  quantityText: string;
  amountMinor: number | null;
  currency: string;
  customerRef: string | null;
  customerName: string | null;
  customerProvince: string | null;
  customerTerritoryId: number | null;
  customerCity: string | null;
  orderRef: string | null;
  lineRef: string | null;
}

const COLUMNS = 16;
const BATCH = 64;

/** The partner's sales to its own customers, written 64 rows per statement with per-partner dedupe keys (as sales lines). */
function open(ctx: KindContext): KindRun<SellThroughRow> {
  const partners = partnerLookup(ctx.ws);
  const products = productLookup(ctx.ws);
  const province = provinceMatcher(ctx.ws);
  const occurrence = occurrenceCounter();
  const columns = 'partner_id, product_id, date, quantity, amount_minor, currency, customer_ref, customer_name, customer_province, customer_territory_id, customer_city, order_ref, line_ref, dedupe_key, import_id, created_at';
  const insertSql = (n: number) =>
    `insert into sell_through_lines (${columns}) values ${Array.from({ length: n }, () => `(${Array(COLUMNS).fill('?').join(', ')})`).join(', ')} on conflict (partner_id, dedupe_key) do nothing`;
  const insertOne = ctx.ws.sqlite.prepare(insertSql(1));
  let insertBatch: typeof insertOne | null = null;
  const per = COLUMNS;
  const params: unknown[] = [];
  let queued = 0;
  let inserted = 0;
  let written = 0;
  const writeQueued = () => {
    if (queued === BATCH) {
      insertBatch ??= ctx.ws.sqlite.prepare(insertSql(BATCH));
      inserted += insertBatch.run(params).changes;
    } else {
      for (let i = 0; i < queued; i++) inserted += insertOne.run(params.slice(i * per, (i + 1) * per)).changes;
    }
    written += queued;
    queued = 0;
    params.length = 0;
  };
  const hasCurrency = ctx.mapped.has('currency');
  return {
    parse(row: RowValues) {
      const partnerId = resolvePartner(row, partners);
      const date = row.date('date', true);
      const productText = row.text('product', true, 200);
      let productId: number | null = null;
      if (productText !== null) {
        const r = products.resolve(productText);
        if ('error' in r) row.fail('product', r.error);
        else productId = r.id;
      }
      const currency = (hasCurrency ? row.currency('currency') : null) ?? 'CNY';
      const quantityText = row.decimal('quantity', true);
      const quantity = quantityText === null ? null : Number(quantityText);
      const amountMinor = row.money('amount', false, currency);
      if (quantity !== null && amountMinor !== null && amountMinor !== 0 && quantity !== 0 && Math.sign(quantity) !== Math.sign(amountMinor)) {
        row.fail('quantity', quantity < 0 ? 'negative quantity with a positive amount (a return has both negative)' : 'negative amount with a positive quantity (a return has both negative)');
      }
      const customerProvince = row.text('customerProvince', false, 50);
      let customerTerritoryId: number | null = null;
      if (customerProvince !== null) {
        customerTerritoryId = province(customerProvince);
        if (customerTerritoryId === null) row.fail('customerProvince', `'${customerProvince}' is not a province of the territory tree (浙江, 浙江省, Zhejiang or 330000)`);
      }
      const customerRef = row.text('customerRef', false, 200);
      const customerName = row.text('customerName', false, 200);
      const customerCity = row.text('customerCity', false, 50);
      const orderRef = row.text('orderRef', false, 100);
      const lineRef = row.text('lineRef', false, 100);
      if (row.errors.length || partnerId === null || date === null || productId === null || quantity === null || quantityText === null) return null;
      return { partnerId, productId, date, quantity, quantityText, amountMinor, currency, customerRef, customerName, customerProvince, customerTerritoryId, customerCity, orderRef, lineRef };
    },
    write(r) {
      let key: string;
      if (r.lineRef !== null) key = `ref:${r.lineRef}`;
      else {
        const h = contentHash(
          `${r.partnerId}\u001f${r.date}\u001f${r.productId}\u001f${r.quantityText}\u001f${r.amountMinor ?? ''}\u001f${r.currency}\u001f${r.customerRef ?? ''}\u001f${r.customerName ?? ''}\u001f${r.customerProvince ?? ''}\u001f${r.customerCity ?? ''}\u001f${r.orderRef ?? ''}`,
        );
        key = `row:${h}:${occurrence(h)}`;
      }
      params.push(r.partnerId, r.productId, r.date, r.quantity, r.amountMinor, r.currency, r.customerRef, r.customerName, r.customerProvince, r.customerTerritoryId, r.customerCity, r.orderRef, r.lineRef, key, ctx.importId, ctx.now);
      if (++queued === BATCH) writeQueued();
      return 'queued';
    },
    flush() {
      writeQueued();
      // The end-customer summary of the months this import touched, in its transaction (undone with it).
      if (ctx.importId !== null) customerMonthStore.refreshAfterImport(ctx.ws, ctx.importId);
      const out = { inserted, duplicates: written - inserted };
      inserted = 0;
      written = 0;
      return out;
    },
    display: ({ quantityText: _q, customerTerritoryId: _t, ...rest }) => rest,
  };
}

export const sellThroughKind: KindSpec = { kind: 'sell-through', fields, bulkTable: 'sell_through_lines', open: open as (ctx: KindContext) => KindRun<unknown> };
