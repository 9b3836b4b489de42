import { sql } from 'drizzle-orm';
import { bigint, boolean, date, doublePrecision, index, integer, jsonb, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The HQ database (PostgreSQL, issue 19): what the regional workspaces publish, keyed by office. Migrated by
 * drizzle-kit from this file (drizzle.hq.config.ts → db/hq/migrations); roles and row-level security are in the
 * hand-written migration after the tables. Every published row lands in `records` as JSON; the high-volume sales
 * lines also get a typed table the reports aggregate quickly.
 */
export const hq = pgSchema('hq');

/** One row per workspace: its stable id, the office it belongs to, the PostgreSQL role that publishes it and its high-water mark. */
export const offices = hq.table('offices', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  roleName: text('role_name').notNull().default(sql`current_user`),
  /** The last change-log sequence number of this workspace applied here; moves in the same transaction as the rows. */
  highWater: bigint('high_water', { mode: 'number' }).notNull().default(0),
  firstPublishedAt: timestamp('first_published_at', { withTimezone: true }).notNull().defaultNow(),
  publishedAt: timestamp('published_at', { withTimezone: true }),
});

/** Every published row of every published table, as the workspace has it (snake_case columns, JSON). */
export const records = hq.table(
  'records',
  {
    officeId: text('office_id').notNull(),
    tbl: text('tbl').notNull(),
    rowKey: bigint('row_key', { mode: 'number' }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.officeId, t.tbl, t.rowKey] }), index('records_tbl_idx').on(t.tbl, t.officeId)],
);

/**
 * Sales lines, typed: the volume table. Partitioned by office (`PARTITION BY LIST (office_id)`, migration 0006 — drizzle
 * cannot declare it): a partition per workspace made by `hq.office_sales_partition`, which the office's role may COPY into.
 */
export const salesLines = hq.table(
  'sales_lines',
  {
    officeId: text('office_id').notNull(),
    id: bigint('id', { mode: 'number' }).notNull(),
    partnerId: bigint('partner_id', { mode: 'number' }).notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    orderRef: text('order_ref'),
    lineRef: text('line_ref'),
    product: text('product'),
    category: text('category'),
    quantity: doublePrecision('quantity').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    costMinor: bigint('cost_minor', { mode: 'number' }),
    customerRef: text('customer_ref'),
    currency: text('currency').notNull(),
    importId: bigint('import_id', { mode: 'number' }),
  },
  // By office and partner (then date): a publish writes within its office's part of the index, and the sales summary
  // recomputes an office's partner-quarters from it.
  (t) => [primaryKey({ columns: [t.officeId, t.id] }), index('sales_lines_partner_idx').on(t.officeId, t.partnerId, t.date)],
);

/**
 * Sales per office, partner and calendar quarter — what the company-wide quarter report reads instead of every line.
 * Kept equal to hq.sales_lines: a statement trigger on sales_lines marks the (office, partner, quarter) keys it
 * touches in `sales_stale` in the same transaction, and `hq.refresh_sales_summary(office)` recomputes them (run by
 * each publish after its last batch). A key marked stale is read from the lines until it is recomputed, so the report
 * is exact even between a batch and the refresh (a publish killed there). Written only by those functions.
 */
export const salesSummary = hq.table(
  'sales_summary',
  {
    officeId: text('office_id').notNull(),
    partnerId: bigint('partner_id', { mode: 'number' }).notNull(),
    /** First day of the calendar quarter. */
    quarter: date('quarter', { mode: 'string' }).notNull(),
    revenueMinor: bigint('revenue_minor', { mode: 'number' }).notNull(),
    lines: integer('lines').notNull(),
    /** Distinct order references among the quarter's lines. */
    orders: integer('orders').notNull(),
  },
  (t) => [primaryKey({ columns: [t.quarter, t.officeId, t.partnerId] })],
);

/** Keys of sales_summary whose lines changed since it was last recomputed. */
export const salesStale = hq.table(
  'sales_stale',
  {
    officeId: text('office_id').notNull(),
    partnerId: bigint('partner_id', { mode: 'number' }).notNull(),
    quarter: date('quarter', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.officeId, t.partnerId, t.quarter] })],
);

/** Reference data HQ publishes down to the offices; `version` grows with every change (a sequence), deletions are kept as tombstones. */
export const referenceData = hq.table(
  'reference_data',
  {
    kind: text('kind', { enum: ['territory', 'product', 'course', 'program_template'] }).notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    version: bigint('version', { mode: 'number' }).notNull(),
    deleted: boolean('deleted').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.code] }), index('reference_data_version_idx').on(t.version)],
);
