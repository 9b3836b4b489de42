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

/**
 * Which published version a stored run read its targets from (the run points at the version it used): written when an
 * evaluation run completes or a payout run is calculated, one row per version, run and period label. A revision keeps
 * the months of those periods as they were for as long as the run stands (completed evaluation runs; approved or paid
 * payout runs) — it re-spreads only what no stored run used.
 */
export const targetPlanUses = sqliteTable(
  'target_plan_uses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planVersionId: integer('plan_version_id')
      .notNull()
      .references(() => targetPlanVersions.id),
    runKind: text('run_kind', { enum: ['evaluation', 'payout'] }).notNull(),
    runId: integer('run_id').notNull(),
    /** The run's period label ('2025-Q1', '2025-03', '2025'). */
    period: text('period').notNull(),
    metric: text('metric').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('target_plan_uses_uq').on(t.planVersionId, t.runKind, t.runId, t.metric), index('target_plan_uses_run_idx').on(t.runKind, t.runId)],
);
