import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { createdAt, updatedAt } from './common';
import { imports } from './imports';
import { partners } from './partners';
import { risks } from './risks';
import { territories } from './territories';

/** The company's product list: one code per product, so quantities, prices and product lines mean the same across files. */
export const products = sqliteTable(
  'products',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en'),
    productLine: text('product_line'),
    unit: text('unit'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    importId: integer('import_id').references(() => imports.id),
    /** Version of the HQ reference item this row mirrors (`pwb hq pull`); null = the office's own. HQ rows are read-only here. */
    hqVersion: integer('hq_version'),
    /** The product's price periods are HQ's (the pulled item lists `prices`): read-only here, replaced by each pull. */
    hqPrices: integer('hq_prices', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('products_code_uq').on(t.code)],
);

/** Floor (控价底价) and list price of a product from `validFrom` to `validTo` (inclusive; null = open), in minor units. */
export const productPrices = sqliteTable(
  'product_prices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    productId: integer('product_id').notNull().references(() => products.id),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to'),
    floorPriceMinor: integer('floor_price_minor'),
    listPriceMinor: integer('list_price_minor'),
    currency: text('currency').notNull().default('CNY'),
    importId: integer('import_id').references(() => imports.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('product_prices_product_from_uq').on(t.productId, t.validFrom)],
);

/**
 * A partner's stock report (库存上报): one row per product and warehouse of the snapshot taken on `date`. The latest
 * snapshot date on or before a day is the partner's stock then (products missing from it hold none).
 */
export const inventorySnapshots = sqliteTable(
  'inventory_snapshots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    partnerId: integer('partner_id').notNull().references(() => partners.id),
    productId: integer('product_id').notNull().references(() => products.id),
    date: text('date').notNull(),
    /** '' when the report names no warehouse. */
    warehouse: text('warehouse').notNull().default(''),
    quantity: real('quantity').notNull(),
    valueMinor: integer('value_minor'),
    importId: integer('import_id').references(() => imports.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('inventory_snapshot_uq').on(t.partnerId, t.date, t.productId, t.warehouse),
    index('inventory_import_idx').on(t.importId),
  ],
);

/** The partner's own sales to its customers (出货/动销), sell-through. Returns have a negative quantity (and amount). */
export const sellThroughLines = sqliteTable(
  'sell_through_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    partnerId: integer('partner_id').notNull().references(() => partners.id),
    productId: integer('product_id').notNull().references(() => products.id),
    date: text('date').notNull(),
    quantity: real('quantity').notNull(),
    amountMinor: integer('amount_minor'),
    currency: text('currency').notNull().default('CNY'),
    customerRef: text('customer_ref'),
    customerName: text('customer_name'),
    /** The customer's province as the file wrote it, and the province territory it names (null when none is given). */
    customerProvince: text('customer_province'),
    customerTerritoryId: integer('customer_territory_id').references(() => territories.id),
    customerCity: text('customer_city'),
    orderRef: text('order_ref'),
    lineRef: text('line_ref'),
    /** 'ref:<lineRef>', else 'row:<hash of the content>:<occurrence>'; unique per partner and order (re-imports add nothing). */
    dedupeKey: text('dedupe_key').notNull(),
    importId: integer('import_id').references(() => imports.id),
    createdAt: createdAt(),
  },
  (t) => [
    // As sales lines: a line's key within its order (no order: ''), so per-order line numbers are keys.
    uniqueIndex('sell_through_dedupe_uq').on(t.partnerId, t.dedupeKey, sql`ifnull(${t.orderRef}, '')`),
    // Covers the channel measures' one pass over a period's lines (currency for the floor, the customer's province
    // territory for 窜货): no table row is read per line (README "Channel inventory", Speed).
    index('sell_through_partner_date_idx').on(t.partnerId, t.date, t.productId, t.quantity, t.amountMinor, t.currency, t.customerTerritoryId),
    index('sell_through_customer_idx').on(t.partnerId, t.customerRef, t.date),
    index('sell_through_import_idx').on(t.importId),
    // The lines that are not purchases (returns, README "End customers"), partial and so tiny: the RFM, lapsed and cohort
    // reads find the customers with a return here, not by scanning every line up to the as-of day. Its condition is
    // electron/domain/inventory/store.ts `purchase()` negated, word for word (SQLite uses a partial index only then).
    index('sell_through_returns_idx')
      .on(t.partnerId, t.customerRef, t.customerName, t.date, t.quantity, t.amountMinor)
      .where(sql`not (quantity > 0 or (quantity = 0 and amount_minor > 0))`),
  ],
);

/**
 * Each partner's end customers, one row per (partner, customer) — `customer` is coalesce(customerRef, customerName) —
 * kept by the sell-through import and its undo in their transaction (inventory/store.ts): the first and last purchase
 * ever, the greatest name and province (as SQL max), and `months`, the customer's months packed in month order, so
 * RFM, the win-back list, cohorts and review packs read one row per customer instead of its lines (migration 0030
 * dropped the month table they were packed from; `packedMonths` reads the months as rows). Each month is `YYYYMM` +
 * first day `DD` + last day `DD` + a flag digit (1: the month's greatest name is the customer's, 2: likewise its
 * province) + the amount in minor units + `:` + the distinct orders (orderRef, else the date) in the month, months
 * separated by `;` (inventory/store.ts `decodeMonths`, `packedMonths`).
 */
export const sellThroughCustomers = sqliteTable(
  'sell_through_customers',
  {
    partnerId: integer('partner_id').notNull(),
    customer: text('customer').notNull(),
    firstDate: text('first_date').notNull(),
    lastDate: text('last_date').notNull(),
    customerName: text('customer_name'),
    customerProvince: text('customer_province'),
    months: text('months').notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.customer] })],
);

/**
 * Sell-through per partner and calendar month (`month` = year × 12 + month − 1, as `sales_partner_months`): quantity
 * (net of returns), amount and lines, kept by the sell-through import and its undo in their transaction
 * (inventory/store/partnerMonths.ts), so the channel-stuffing signal compares consecutive periods from summaries
 * instead of lines. `sell_through_summary_state` records the highest line id it describes: lines written some other
 * way show as a higher max(id), and reads then take the lines (the next import rebuilds it).
 */
export const sellThroughPartnerMonths = sqliteTable(
  'sell_through_partner_months',
  {
    partnerId: integer('partner_id').notNull(),
    month: integer('month').notNull(),
    quantity: real('quantity').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    lines: integer('lines').notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.month] })],
);

/** What `sell_through_partner_months` describes (one row): the highest sell-through line id (ids are never reused). */
export const sellThroughSummaryState = sqliteTable('sell_through_summary_state', {
  id: integer('id').primaryKey(),
  maxLineId: integer('max_line_id').notNull(),
});

/**
 * The sell-through lines behind a channel auto-risk (窜货 → channel conflict, 乱价 → price conflict): kept by difference
 * on each re-evaluation; a line removed by an import's undo takes its link with it.
 */
export const riskEvidence = sqliteTable(
  'risk_evidence',
  {
    riskId: integer('risk_id').notNull().references(() => risks.id, { onDelete: 'cascade' }),
    lineId: integer('line_id').notNull().references(() => sellThroughLines.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('risk_evidence_uq').on(t.riskId, t.lineId), index('risk_evidence_line_idx').on(t.lineId)],
);

export type ProductRow = typeof products.$inferSelect;
export type ProductPriceRow = typeof productPrices.$inferSelect;
