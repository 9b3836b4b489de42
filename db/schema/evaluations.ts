import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './common';
import { EVALUATION_CYCLES, GRADES, PERIOD_KINDS, TIERS } from '../../shared/enums';
import type { Population } from '../../shared/population';
import { partners } from './partners';

export const evaluationSchedules = sqliteTable('evaluation_schedules', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  cycle: text('cycle', { enum: EVALUATION_CYCLES }).notNull(),
  /** Partner filters; empty array = all. */
  tiers: text('tiers', { mode: 'json' }).$type<string[]>().notNull().default([]),
  channelTypes: text('channel_types', { mode: 'json' }).$type<string[]>().notNull().default([]),
  regions: text('regions', { mode: 'json' }).$type<string[]>().notNull().default([]),
  /** Days after period end before the period is evaluated (data arrives late). */
  lagDays: integer('lag_days').notNull().default(5),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A stored evaluation; never changed once completed. Re-running a period makes a new version. */
export const evaluationRuns = sqliteTable(
  'evaluation_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    scheduleId: integer('schedule_id').references(() => evaluationSchedules.id),
    period: text('period').notNull(),
    periodKind: text('period_kind', { enum: PERIOD_KINDS }).notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: ['running', 'completed', 'failed'] }).notNull(),
    trigger: text('trigger', { enum: ['manual', 'schedule', 'cli'] }).notNull(),
    partnerCount: integer('partner_count').notNull().default(0),
    inputsFingerprint: text('inputs_fingerprint'),
    settingsSnapshot: text('settings_snapshot', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** Which partners the run covered: the schedule's or the caller's filters (tiers, channel types, regions, partner codes). */
    partnerFilter: text('partner_filter', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** Whom the run considered, evaluated and left out by reason (shared/population); null on runs from before it was kept. */
    population: text('population', { mode: 'json' }).$type<Population>(),
    /** Who started it (user profile, or 'scheduler'). */
    startedBy: text('started_by'),
    error: text('error'),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
  },
  (t) => [
    uniqueIndex('evaluation_runs_period_version_uq').on(t.period, t.version),
    index('evaluation_runs_schedule_idx').on(t.scheduleId, t.period),
  ],
);

export const scorecards = sqliteTable(
  'scorecards',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: integer('run_id').notNull().references(() => evaluationRuns.id),
    /**
     * No foreign key to partners: its child-key lookup needs an index led by partner_id, and such an index gains an
     * entry in every partner's range with each run, so a run's COMMIT dirtied every leaf page of it (growing with the
     * stored history). Import undo, the one path that deletes partners, checks for scorecards itself (undo.ts).
     */
    partnerId: integer('partner_id').notNull(),
    tier: text('tier', { enum: TIERS }).notNull(),
    /**
     * The partner's channel type and territory as they were when evaluated (a stored run never changes, even when the
     * territory is renamed, moved or merged later): `region` is its Chinese name, `regionEn` its English name,
     * `regionCode` its code. Ranks are computed within the channel type and the top-level territory at run time.
     */
    channelType: text('channel_type'),
    region: text('region'),
    regionEn: text('region_en'),
    regionCode: text('region_code'),
    revenueMinor: integer('revenue_minor').notNull(),
    targetMinor: integer('target_minor'),
    attainment: real('attainment'),
    growthPrev: real('growth_prev'),
    growthYoY: real('growth_yoy'),
    grossMargin: real('gross_margin'),
    orders: integer('orders').notNull(),
    activeCustomers: integer('active_customers').notNull(),
    newCustomers: integer('new_customers').notNull(),
    retention: real('retention'),
    satisfaction: real('satisfaction'),
    trainingCompliance: real('training_compliance'),
    openHighRisks: integer('open_high_risks').notNull().default(0),
    /** Channel measures (inventory and sell-through area); null where the data is missing or the run predates them. */
    sellThroughRate: real('sell_through_rate'),
    daysOfInventory: real('days_of_inventory'),
    inventoryTurnover: real('inventory_turnover'),
    crossTerritoryShare: real('cross_territory_share'),
    belowFloorShare: real('below_floor_share'),
    healthScore: real('health_score').notNull(),
    grade: text('grade', { enum: GRADES }).notNull(),
    rankInChannel: integer('rank_in_channel'),
    rankInRegion: integer('rank_in_region'),
    tierRecommendation: text('tier_recommendation', { enum: TIERS }),
    recommendationReason: text('recommendation_reason'),
    /** Normalised KPI components (0–1) and weights behind the health score: the radar chart and the explanation. */
    scoreParts: text('score_parts', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [uniqueIndex('scorecards_run_partner_uq').on(t.runId, t.partnerId)],
);

/** A tier recommendation accepted or rejected by the user; accepted ones change the partner's tier from `effectiveOn`. */
export const tierDecisions = sqliteTable(
  'tier_decisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    scorecardId: integer('scorecard_id').notNull().references(() => scorecards.id),
    partnerId: integer('partner_id').notNull().references(() => partners.id),
    fromTier: text('from_tier', { enum: TIERS }).notNull(),
    toTier: text('to_tier', { enum: TIERS }).notNull(),
    decision: text('decision', { enum: ['accepted', 'rejected'] }).notNull(),
    effectiveOn: text('effective_on'),
    decidedBy: text('decided_by').notNull(),
    decidedAt: text('decided_at').notNull(),
  },
  (t) => [uniqueIndex('tier_decisions_scorecard_uq').on(t.scorecardId)],
);

export const scheduleRuns = sqliteTable(
  'schedule_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    scheduleId: integer('schedule_id').notNull().references(() => evaluationSchedules.id),
    period: text('period').notNull(),
    evaluationRunId: integer('evaluation_run_id').references(() => evaluationRuns.id),
    /** 'waiting': not evaluated yet because the period's sales are not all in (message says why). */
    outcome: text('outcome', { enum: ['running', 'succeeded', 'failed', 'waiting'] }).notNull(),
    message: text('message'),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
  },
  // One row per schedule-period: the claim that keeps two runs of the same schedule-period from happening at once.
  (t) => [uniqueIndex('schedule_runs_schedule_period_uq').on(t.scheduleId, t.period)],
);
