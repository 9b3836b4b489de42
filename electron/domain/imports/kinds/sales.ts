import type { SalesLineRow } from '../../../../db/schema';
import type { FieldSpec, KindContext, KindRun, RowValues, StageContext, StagedKindRun } from './kind';
import { partnerLookup, resolvePartner, TrackedPartners, defineKind } from './kind';
import { salesStage, type StagedSalesLine } from '../store';
import { lineNumbersWithoutOrder, storedLineWithOrder, stagedLines } from './stagedLines';
import { minorExponent } from '../../../../shared/money';
import { plainCells, type LineHead } from './plainCells';

const fields: FieldSpec[] = [
  { name: 'partnerCode', type: 'text', required: true, synonyms: ['经销商编码', '经销商代码', '合作伙伴代码', '合作伙伴编码', '伙伴编码', '渠道编码', '渠道代码', '客户编码', '代理商编码', 'Partner Code', 'partner', 'Partner ID', 'Dealer Code', 'Customer ID', 'Reseller ID', '客户代码', '客户号', '购货单位编码', '购货单位代码', 'Sold-To Party', 'Sold-to Party Code', 'Customer Number', 'Customer No', 'Customer Code'] },
  { name: 'date', type: 'date', required: true, synonyms: ['日期', '销售日期', '订单日期', '出库日期', '开票日期', '单据日期', 'Order Date', 'Sale Date', 'Invoice Date', 'Date', '发货日期', '业务日期', '交易日期', '记账日期', 'Billing Date', 'Posting Date', 'Document Date', 'Delivery Date'] },
  { name: 'orderRef', type: 'text', synonyms: ['订单号', '订单编号', '单号', '销售单号', '单据编号', 'Order ID', 'Order No', 'Order Number', 'Order', '单据号', '销售订单号', '发货单号', '发票号', '发票号码', 'Billing Document', 'Sales Document', 'Invoice No', 'Invoice Number', 'Document No'] },
  { name: 'lineRef', type: 'text', synonyms: ['行号', '明细号', '明细ID', '行ID', '订单行号', 'Row ID', 'Line ID', 'Line Ref', 'Line No', 'Line Number', '行项目', '项目号', '分录号', '分录行号', 'Item No', 'Line Item'] },
  { name: 'product', type: 'text', synonyms: ['产品', '产品编码', '物料编码', '商品编码', '产品代码', 'SKU', 'Product ID', 'Product Code', 'Product', 'Item', '产品名称', '商品名称', '存货编码', '存货名称', '物料名称', '品名', '货品名称', 'Material', 'Material Description', 'Product Name', 'Item Name'] },
  { name: 'category', type: 'text', synonyms: ['品类', '产品类别', '类别', '产品线', '分类', 'Category', 'Product Category', 'Product Line', '存货分类', '物料分类', '商品类别', 'Material Group', 'Product Group'] },
  { name: 'quantity', type: 'number', synonyms: ['数量', '销量', '件数', 'Quantity', 'Qty', 'Units', '销售数量', '发货数量', '开票数量', 'Billed Quantity', 'Order Quantity'] },
  { name: 'amount', type: 'money', required: true, synonyms: ['金额', '销售额', '销售金额', '含税金额', '订单金额', '收入', 'Sales', 'Amount', 'Revenue', 'Net Sales', 'Sales Amount', '价税合计', '本币价税合计', '销售收入', '无税金额', '不含税金额', '本币无税金额', 'Net Value', 'Net Amount', 'Total Amount'] },
  { name: 'cost', type: 'money', synonyms: ['成本', '成本金额', '销售成本', 'Cost', 'COGS', '成本额', '出库成本', 'Cost Amount', 'Cost of Sales'] },
  { name: 'profit', type: 'money', synonyms: ['毛利', '利润', '毛利额', 'Profit', 'Gross Profit', 'Margin Amount', '毛利金额', '销售毛利'] },
  { name: 'customerRef', type: 'text', synonyms: ['终端客户', '客户', '终端客户编码', '客户名称', 'End Customer', 'Customer', 'Customer Ref', 'Customer Name', '客户编号', '终端客户名称', '最终客户', 'End Customer Code', 'Ship-To Party'] },
  { name: 'currency', type: 'text', synonyms: ['币种', '货币', 'Currency', '币别', '结算币种', 'Document Currency', 'Currency Code'] },
];

/** A parsed sales line: the stored line's columns (from the drizzle schema) and the quantity's exact text. */
export type SalesRow = Pick<SalesLineRow, 'partnerId' | 'date' | 'orderRef' | 'lineRef' | 'product' | 'category' | 'quantity' | 'amountMinor' | 'costMinor' | 'customerRef' | 'currency'> & {
  /** Exact decimal text of the quantity, for the content hash. */
  quantityText: string;
};

type Partners = Map<string, { id: number; deleted: boolean }>;

/**
 * The common well-formed row read straight from its cells: every cell plain (RowValues.isPlain: no outer spaces, no
 * null word, no formula guard), the code of a known partner, an ISO date, plain numbers (1234.50, -12, 1,234,567.89),
 * no defaults to apply. It answers exactly what the full reader below answers for such a row (fastPaths.test.ts
 * compares both on random rows), and null for any other row, which the full reader then parses with its errors.
 */
export function salesFastRow(row: RowValues, partners: Partners): ((cells: RowValues['cells']) => SalesRow | null) | null {
  const cells = plainCells(row, fields.map((f) => f.name));
  // A default for a field without a column applies to every row: leave such files to the full reader.
  if (cells.defaultsAbsent()) return null;
  const [iPartner, iDate, iOrder, iLine, iProduct, iCategory, iQuantity, iAmount, iCost, iProfit, iCustomer, iCurrency] = [
    'partnerCode', 'date', 'orderRef', 'lineRef', 'product', 'category', 'quantity', 'amount', 'cost', 'profit', 'customerRef', 'currency',
  ].map(cells.col);
  const head: LineHead = { partnerId: 0, date: '', currency: '' };
  const at = { partner: iPartner, date: iDate, currency: iCurrency };
  return (c) => {
    if (!cells.lineHead(c, at, partners, head)) return null;
    const { partnerId, date, currency } = head;
    const exp = minorExponent(currency);
    const amountMinor = cells.money(c, iAmount, exp);
    if (amountMinor === undefined || amountMinor === null) return null;
    // No quantity column or an empty cell: 0.
    const q = cells.decimal(c, iQuantity);
    if (q === undefined) return null;
    const quantityText = q ?? '0';
    const quantity = Number(quantityText);
    if (quantity !== 0 && amountMinor !== 0 && Math.sign(quantity) !== Math.sign(amountMinor)) return null;
    let costMinor: number | null = null;
    if (iCost >= 0) {
      const cost = cells.money(c, iCost, exp);
      if (cost === undefined) return null;
      costMinor = cost;
    }
    if (costMinor === null && iProfit >= 0) {
      const p = cells.money(c, iProfit, exp);
      if (p === undefined) return null;
      if (p !== null) costMinor = amountMinor - p;
    }
    const orderRef = cells.text(c, iOrder, 100);
    const lineRef = cells.text(c, iLine, 100);
    const product = cells.text(c, iProduct, 200);
    const category = cells.text(c, iCategory, 100);
    const customerRef = cells.text(c, iCustomer, 200);
    if (orderRef === undefined || lineRef === undefined || product === undefined || category === undefined || customerRef === undefined) return null;
    return { partnerId, date, orderRef, lineRef, product, category, quantity, amountMinor, costMinor, customerRef, currency, quantityText };
  };
}

/** A line's parsed content (separated by U+001F): its dedupe key's hash when it has no line reference, and what tells two lines apart. */
const content = (r: SalesRow): string =>
  `${r.partnerId}\u001f${r.date}\u001f${r.orderRef ?? ''}\u001f${r.product ?? ''}\u001f${r.category ?? ''}\u001f${r.quantityText}\u001f${r.amountMinor}\u001f${r.costMinor ?? ''}\u001f${r.customerRef ?? ''}\u001f${r.currency}`;

/** Parses and checks one row (shared by the preview and the import's read pass): the fast path, else the full reader. */
function salesParser(ctx: Pick<KindContext, 'mapped' | 'ws'>, partners: Partners) {
  const full = salesFullParser(ctx, partners);
  let compiledFor: RowValues | null = null;
  const withoutOrder = lineNumbersWithoutOrder(content);
  const storedWithOrder = storedLineWithOrder(ctx.ws, 'sales_lines');
  let fast: ReturnType<typeof salesFastRow> = null;
  return (row: RowValues): SalesRow | null => {
    if (compiledFor !== row) {
      compiledFor = row;
      fast = salesFastRow(row, partners);
    }
    const r = (fast && row.errors.length === 0 ? fast(row.cells) : null) ?? full(row);
    if (r === null) return r;
    if (withoutOrder(r, r.partnerId, r.orderRef, r.lineRef)) return row.fail('lineRef', 'lineNumberWithoutOrder', { lineRef: r.lineRef });
    const stored = storedWithOrder(r.partnerId, r.orderRef, r.lineRef);
    return stored ? row.fail('lineRef', 'lineStoredWithOrder', { lineRef: r.lineRef, order: stored.orderRef, importId: stored.importId }) : r;
  };
}

/** The full reader of a row: every form the value parsers read, every error with its field. */
export function salesFullParser(ctx: Pick<KindContext, 'mapped'>, partners: Partners) {
  const hasCost = ctx.mapped.has('cost');
  const hasProfit = ctx.mapped.has('profit');
  const hasCurrency = ctx.mapped.has('currency');
  const hasQuantity = ctx.mapped.has('quantity');
  return (row: RowValues): SalesRow | null => {
    const partnerId = resolvePartner(row, partners);
    const date = row.date('date', true);
    let currency = 'CNY';
    if (hasCurrency) {
      currency = row.currency('currency') ?? currency;
    }
    const amountMinor = row.money('amount', true, currency);
    const quantityText = hasQuantity ? (row.quantity('quantity') ?? '0') : '0';
    const quantity = Number(quantityText);
    let costMinor: number | null = null;
    if (hasCost) costMinor = row.money('cost', false, currency);
    if (costMinor === null && hasProfit) {
      const profit = row.money('profit', false, currency);
      if (profit !== null && amountMinor !== null) costMinor = amountMinor - profit;
    }
    if (amountMinor !== null && quantity !== 0 && Math.sign(quantity) !== Math.sign(amountMinor) && amountMinor !== 0) {
      row.fail('quantity', 'returnSigns', { negative: quantity < 0 ? 'quantity' : 'amount' });
    }
    const orderRef = row.text('orderRef', false, 100);
    const lineRef = row.text('lineRef', false, 100);
    const product = row.text('product', false, 200);
    const category = row.text('category', false, 100);
    const customerRef = row.text('customerRef', false, 200);
    if (row.errors.length || partnerId === null || date === null || amountMinor === null) return null;
    return { partnerId, date, orderRef, lineRef, product, category, quantity, amountMinor, costMinor, customerRef, currency, quantityText };
  };
}

/** For the preview: parse and display only (nothing is written). */
function open(ctx: KindContext): KindRun<SalesRow> {
  const parse = salesParser(ctx, partnerLookup(ctx.ws));
  return {
    parse,
    display(r) {
      const { quantityText: _q, ...rest } = r;
      return rest;
    },
  };
}

/** The import: the staged line pipeline (stagedLines.ts) with the sales parser and sales_lines' columns. */
function stage(ctx: StageContext): StagedKindRun<SalesRow> {
  const partners = new TrackedPartners(ctx.ws);
  return stagedLines<SalesRow, StagedSalesLine>({
    parse: salesParser(ctx, partners),
    dedupe: {
      lineRef: (r) => r.lineRef,
      content,
    },
    // The default currency is staged as null (the stage derives it when saving: SALES_STAGE.derived).
    row: (r, key) => [r.partnerId, r.date, r.orderRef, r.lineRef, r.product, r.category, r.quantity, r.amountMinor, r.costMinor, r.customerRef, r.currency === 'CNY' ? null : r.currency, key],
    stage: salesStage(ctx.ws.sqlite),
    unchanged: () => partners.unchanged(),
  });
}

export const salesKind = defineKind({
  kind: 'sales',
  fields,
  bulkTable: 'sales_lines',
  open,
  stage,
});
