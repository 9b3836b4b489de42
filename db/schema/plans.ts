import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './common';

/**
 * Target plans (目标计划): a total for a metric, period and scope, allocated down territories → channel managers →
 * partners by a method (rules JSON: method, uplift, minimum for partners without history, time split, stretch levels).
 * The draft is recomputed from the rules, the locks and the current sales; publishing stores an immutable version and
 * writes the targets scorecards and target-bonus programs read.
 */
export const targetPlans = sqliteTable(
  'target_plans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    name: text('name'),
    metric: text('metric').notNull(),
    period: text('period').notNull(),
    /** {"kind":"all"} | {"kind":"territory","value":"HD"} | {"kind":"channelType",…} | {"kind":"channelManager",…} */
    scope: text('scope', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    totalMinor: integer('total_minor').notNull(),
    rules: text('rules', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('target_plans_code_uq').on(t.code)],
);

/** Manual overrides: a node of the tree ('t:HD', 'm:HD/3', 'p:P0001') fixed at an amount; the rest is re-spread. */
export const targetPlanLocks = sqliteTable(
  'target_plan_locks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id')
      .notNull()
      .references(() => targetPlans.id, { onDelete: 'cascade' }),
    nodeKey: text('node_key').notNull(),
    amountMinor: integer('amount_minor').notNull(),
  },
  (t) => [uniqueIndex('target_plan_locks_uq').on(t.planId, t.nodeKey)],
);

/**
 * A published version: the whole allocation as it was published (nodes with quarters and months). Never updated or
 * deleted (triggers): runs calculated on it can always be traced back to it.
 */
export const targetPlanVersions = sqliteTable(
  'target_plan_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id')
      .notNull()
      .references(() => targetPlans.id),
    version: integer('version').notNull(),
    totalMinor: integer('total_minor').notNull(),
    rules: text('rules', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    allocation: text('allocation', { mode: 'json' }).notNull().$type<unknown[]>(),
    publishedAt: text('published_at').notNull(),
    publishedBy: text('published_by').notNull(),
  },
  (t) => [uniqueIndex('target_plan_versions_uq').on(t.planId, t.version), index('target_plan_versions_published_idx').on(t.publishedAt)],
);
