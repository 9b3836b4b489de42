import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt } from './common';
import { imports } from './imports';
import { partners } from './partners';
import { targetPlanVersions } from './plans';

/** One sales line (sell-in or sell-through). Money in integer minor units (fen/cents). */
export const salesLines = sqliteTable(
  'sales_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    partnerId: integer('partner_id').notNull().references(() => partners.id),
    /** YYYY-MM-DD */
    date: text('date').notNull(),
    orderRef: text('order_ref'),
    /** The source system's line id, when it has one. */
    lineRef: text('line_ref'),
    product: text('product'),
    category: text('category'),
    quantity: real('quantity').notNull().default(0),
    amountMinor: integer('amount_minor').notNull(),
    costMinor: integer('cost_minor'),
    customerRef: text('customer_ref'),
    currency: text('currency').notNull().default('CNY'),
    /** 'ref:<lineRef>' when the line has a reference, else 'row:<hash of the row's content and its occurrence>'; unique per partner. */
    dedupeKey: text('dedupe_key').notNull(),
    importId: integer('import_id').references(() => imports.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('sales_partner_dedupe_uq').on(t.partnerId, t.dedupeKey),
    // Covering index for per-partner period aggregation: evaluations read money, orders and customers of a period in one
    // scan of it, payouts money and quantity. Widened in place (not a second index) so imports pay for one index only.
    index('sales_partner_date_idx').on(t.partnerId, t.date, t.amountMinor, t.costMinor, t.quantity, t.customerRef, t.orderRef),
    index('sales_date_idx').on(t.date),
    index('sales_import_idx').on(t.importId),
    index('sales_customer_idx').on(t.partnerId, t.customerRef, t.date),
  ],
);

/** Targets per partner, period ('2019-03', '2019-Q1', '2019-H1', '2019') and metric; revenue targets in minor units. */
export const targets = sqliteTable(
  'targets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    partnerId: integer('partner_id').notNull().references(() => partners.id),
    period: text('period').notNull(),
    metric: text('metric').notNull().default('revenue'),
    value: integer('value').notNull(),
    importId: integer('import_id').references(() => imports.id),
    /** The published plan version that wrote this target (null: imported or typed). */
    planVersionId: integer('plan_version_id').references(() => targetPlanVersions.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('targets_partner_period_metric_uq').on(t.partnerId, t.period, t.metric)],
);

/** Satisfaction feedback, score 1–5. */
export const feedback = sqliteTable(
  'feedback',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    partnerId: integer('partner_id').notNull().references(() => partners.id),
    date: text('date').notNull(),
    score: real('score').notNull(),
    comment: text('comment'),
    dedupeKey: text('dedupe_key').notNull(),
    importId: integer('import_id').references(() => imports.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('feedback_dedupe_uq').on(t.partnerId, t.dedupeKey), index('feedback_partner_date_idx').on(t.partnerId, t.date)],
);
