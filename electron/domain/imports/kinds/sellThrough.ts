import { productLookup, type ProductLookup } from '../../inventory/productLookup';
import { provinceMatcher, type ProvinceMatcher } from '../../inventory/provinceMatcher';
import { customerMonthStore, groupingSql, sellThroughStage, type StagedSellThroughLine } from '../../inventory/store';
import { partnerMonthStore } from '../../inventory/store/partnerMonths';
import { CustomerGrouping } from '../../inventory/customerGrouping';
import type { FieldSpec, KindContext, KindRun, RowValues, StageContext, StagedKindRun } from './kind';
import { partnerLookup, TrackedPartners, defineKind } from './kind';
import { PRODUCT_FIELD, readPartnerProductHead } from './partnerProductLine';
import { lineNumbersWithoutOrder, storedLineWithOrder, stagedLines } from './stagedLines';
import { plainCells, type LineHead } from './plainCells';
import { minorExponent } from '../../../../shared/money';
import type { sellThroughLines } from '../../../../db/schema';

// In a sell-through file 客户 is the partner's own customer, so the partner is named only by partner/dealer words.
const fields: FieldSpec[] = [
  { name: 'partnerCode', type: 'text', required: true, synonyms: ['经销商编码', '经销商代码', '合作伙伴代码', '合作伙伴编码', '伙伴编码', '渠道编码', '渠道代码', '代理商编码', '门店编码', 'Partner Code', 'Partner', 'Partner ID', 'Dealer Code', 'Reseller ID', 'Distributor Code'] },
  { name: 'date', type: 'date', required: true, synonyms: ['日期', '销售日期', '出货日期', '出库日期', '单据日期', '交易日期', '订单日期', 'Date', 'Sale Date', 'Ship Date', 'Order Date', 'Invoice Date', 'Transaction Date'] },
  PRODUCT_FIELD,
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

/** A parsed sell-through line: the stored line's columns (the drizzle schema's) and the quantity's exact text. */
export type SellThroughRow = Pick<
  typeof sellThroughLines.$inferSelect,
  'partnerId' | 'productId' | 'date' | 'quantity' | 'amountMinor' | 'currency' | 'customerRef' | 'customerName' | 'customerProvince' | 'customerTerritoryId' | 'customerCity' | 'orderRef' | 'lineRef'
> & { quantityText: string };

type Partners = Map<string, { id: number; deleted: boolean }>;

/**
 * The common well-formed row read straight from its cells (plainCells.ts): a known partner's code, an ISO date, a
 * product its lookup knows, plain numbers, a province the matcher knows, texts within their lengths. It answers
 * exactly what the full reader answers for such a row (fastPaths.test.ts compares both on random rows), and null for
 * any other row, which the full reader then parses with its errors.
 */
export function sellThroughFastRow(row: RowValues, partners: Partners, products: ProductLookup, province: ProvinceMatcher): ((cells: RowValues['cells']) => SellThroughRow | null) | null {
  const cells = plainCells(row, fields.map((f) => f.name));
  if (cells.defaultsAbsent()) return null;
  const [iPartner, iDate, iProduct, iQuantity, iAmount, iCurrency, iRef, iName, iProvince, iCity, iOrder, iLine] = [
    'partnerCode', 'date', 'product', 'quantity', 'amount', 'currency', 'customerRef', 'customerName', 'customerProvince', 'customerCity', 'orderRef', 'lineRef',
  ].map(cells.col);
  const head: LineHead = { partnerId: 0, date: '', currency: '' };
  const at = { partner: iPartner, date: iDate, currency: iCurrency };
  return (c) => {
    if (!cells.lineHead(c, at, partners, head)) return null;
    const { partnerId, date, currency } = head;
    const productText = cells.text(c, iProduct, 200);
    if (!productText) return null;
    const product = products.resolve(productText);
    if ('error' in product) return null;
    const quantityText = cells.decimal(c, iQuantity);
    if (!quantityText) return null;
    const quantity = Number(quantityText);
    const amountMinor = cells.money(c, iAmount, minorExponent(currency));
    if (amountMinor === undefined) return null;
    if (amountMinor !== null && amountMinor !== 0 && quantity !== 0 && Math.sign(quantity) !== Math.sign(amountMinor)) return null;
    const customerProvince = cells.text(c, iProvince, 50);
    if (customerProvince === undefined) return null;
    let customerTerritoryId: number | null = null;
    if (customerProvince !== null) {
      customerTerritoryId = province(customerProvince);
      if (customerTerritoryId === null) return null;
    }
    const customerRef = cells.text(c, iRef, 200);
    const customerName = cells.text(c, iName, 200);
    const customerCity = cells.text(c, iCity, 50);
    const orderRef = cells.text(c, iOrder, 100);
    const lineRef = cells.text(c, iLine, 100);
    if (customerRef === undefined || customerName === undefined || customerCity === undefined || orderRef === undefined || lineRef === undefined) return null;
    return { partnerId, productId: product.id, date, quantity, quantityText, amountMinor, currency, customerRef, customerName, customerProvince, customerTerritoryId, customerCity, orderRef, lineRef };
  };
}

/** A line's parsed content (separated by U+001F): its dedupe key's hash when it has no line reference, and what tells two lines apart. */
const content = (r: SellThroughRow): string =>
  `${r.partnerId}\u001f${r.date}\u001f${r.productId}\u001f${r.quantityText}\u001f${r.amountMinor ?? ''}\u001f${r.currency}\u001f${r.customerRef ?? ''}\u001f${r.customerName ?? ''}\u001f${r.customerProvince ?? ''}\u001f${r.customerCity ?? ''}\u001f${r.orderRef ?? ''}`;

/** Parses and checks one row (shared by the preview and the import's read pass): the fast path, else the full reader. */
function sellThroughParser(ctx: Pick<KindContext, 'mapped' | 'ws'>, partners: Partners, products: ProductLookup, province: ProvinceMatcher) {
  const full = sellThroughFullParser(ctx, partners, products, province);
  let compiledFor: RowValues | null = null;
  const withoutOrder = lineNumbersWithoutOrder(content);
  const storedWithOrder = storedLineWithOrder(ctx.ws, 'sell_through_lines');
  let fast: ReturnType<typeof sellThroughFastRow> = null;
  return (row: RowValues): SellThroughRow | null => {
    if (compiledFor !== row) {
      compiledFor = row;
      fast = sellThroughFastRow(row, partners, products, province);
    }
    const r = (fast && row.errors.length === 0 ? fast(row.cells) : null) ?? full(row);
    if (r === null) return r;
    if (withoutOrder(r, r.partnerId, r.orderRef, r.lineRef)) return row.fail('lineRef', 'lineNumberWithoutOrder', { lineRef: r.lineRef });
    const stored = storedWithOrder(r.partnerId, r.orderRef, r.lineRef);
    return stored ? row.fail('lineRef', 'lineStoredWithOrder', { lineRef: r.lineRef, order: stored.orderRef, importId: stored.importId }) : r;
  };
}

/** The full reader of a row: every form the value parsers read, every error with its field. */
export function sellThroughFullParser(ctx: Pick<KindContext, 'mapped'>, partners: Partners, products: ProductLookup, province: ProvinceMatcher) {
  const hasCurrency = ctx.mapped.has('currency');
  return (row: RowValues): SellThroughRow | null => {
    const { partnerId, date, productId } = readPartnerProductHead(row, partners, products);
    const currency = (hasCurrency ? row.currency('currency') : null) ?? 'CNY';
    const quantityText = row.quantity('quantity', true);
    const quantity = quantityText === null ? null : Number(quantityText);
    const amountMinor = row.money('amount', false, currency);
    if (quantity !== null && amountMinor !== null && amountMinor !== 0 && quantity !== 0 && Math.sign(quantity) !== Math.sign(amountMinor)) {
      row.fail('quantity', 'returnSigns', { negative: quantity < 0 ? 'quantity' : 'amount' });
    }
    const customerProvince = row.text('customerProvince', false, 50);
    let customerTerritoryId: number | null = null;
    if (customerProvince !== null) {
      customerTerritoryId = province(customerProvince);
      if (customerTerritoryId === null) row.fail('customerProvince', 'unknownProvince', { value: customerProvince });
    }
    const customerRef = row.text('customerRef', false, 200);
    const customerName = row.text('customerName', false, 200);
    const customerCity = row.text('customerCity', false, 50);
    const orderRef = row.text('orderRef', false, 100);
    const lineRef = row.text('lineRef', false, 100);
    if (row.errors.length || partnerId === null || date === null || productId === null || quantity === null || quantityText === null) return null;
    return { partnerId, productId, date, quantity, quantityText, amountMinor, currency, customerRef, customerName, customerProvince, customerTerritoryId, customerCity, orderRef, lineRef };
  };
}

/** For the preview: parse and display only (nothing is written). */
function open(ctx: KindContext): KindRun<SellThroughRow> {
  const products = productLookup(ctx.ws);
  return {
    parse: sellThroughParser(ctx, partnerLookup(ctx.ws), products, provinceMatcher(ctx.ws)),
    // The product's code, not its internal id (the preview's 产品 column was empty).
    display: ({ quantityText: _q, customerTerritoryId: _t, productId, ...rest }) => ({ ...rest, product: products.codeOf(productId) }),
  };
}

/**
 * The import: the staged line pipeline sales lines take (stagedLines.ts) with the sell-through checks and columns —
 * checked and staged while the file is read, saved as a set under the write lock with per-partner dedupe keys; then
 * the end-customer summary and the partner × month summary by the new lines' deltas, in the same transaction (undone with it).
 */
function stage(ctx: StageContext): StagedKindRun<SellThroughRow> {
  const partners = new TrackedPartners(ctx.ws);
  const products = productLookup(ctx.ws);
  const province = provinceMatcher(ctx.ws);
  let linesBefore: number | null = null;
  // The end-customer summary's grouping, on a second thread while the file is read (used when no line is a duplicate).
  const grouping = new CustomerGrouping(() => groupingSql(ctx.ws));
  const run = stagedLines<SellThroughRow, StagedSellThroughLine>({
    parse: sellThroughParser(ctx, partners, products, province),
    dedupe: {
      lineRef: (r) => r.lineRef,
      content,
    },
    // The default currency is staged as null (the stage derives it when saving: SELL_THROUGH_STAGE.derived).
    row: (r, key) => {
      grouping.add(r.partnerId, r.customerRef, r.customerName, r.date, r.amountMinor, r.orderRef, r.customerProvince);
      return [
        r.partnerId, r.productId, r.date, r.quantity, r.amountMinor, r.currency === 'CNY' ? null : r.currency, r.customerRef, r.customerName,
        r.customerProvince, r.customerTerritoryId, r.customerCity, r.orderRef, r.lineRef, key,
      ];
    },
    stage: sellThroughStage(ctx.ws.sqlite),
    unchanged: () => partners.unchanged() && products.unchanged() && province.unchanged(),
    beforeSave: () => {
      linesBefore = partnerMonthStore.linesBefore(ctx.ws);
    },
    afterSave: (importId) => {
      customerMonthStore.refreshAfterImport(ctx.ws, importId, { lines: grouping.lines, packed: () => grouping.finish() });
      grouping.reset();
      if (linesBefore !== null) partnerMonthStore.addLinesAfter(ctx.ws, linesBefore);
    },
  });
  // Dropping the staged rows (the file read again under the lock, or the import's end) forgets what was handed over.
  const drop = run.drop;
  run.drop = () => {
    grouping.reset();
    drop();
  };
  return run;
}

export const sellThroughKind = defineKind({
  kind: 'sell-through',
  fields,
  bulkTable: 'sell_through_lines',
  open,
  stage,
});
