import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './common';
import { INQUIRY_STATUSES, PAYOUT_LINE_KINDS, PAYOUT_RUN_STATUSES, PERIOD_KINDS, PROGRAM_TYPES } from '../../shared/enums';
import type { Population } from '../../shared/population';
import { partners } from './partners';

/** An incentive program; `definition` is the full program document (see README, "Program files"). */
export const incentivePrograms = sqliteTable(
  'incentive_programs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: text('type', { enum: PROGRAM_TYPES }).notNull(),
    periodKind: text('period_kind', { enum: PERIOD_KINDS }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to'),
    definition: text('definition', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('incentive_programs_code_uq').on(t.code)],
);

export const payoutRuns = sqliteTable(
  'payout_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    programId: integer('program_id').notNull().references(() => incentivePrograms.id),
    period: text('period').notNull(),
    /** Recalculating a draft makes a new version; older versions stay for comparison. */
    version: integer('version').notNull().default(1),
    status: text('status', { enum: PAYOUT_RUN_STATUSES }).notNull().default('draft'),
    currency: text('currency').notNull(),
    totalMinor: integer('total_minor').notNull().default(0),
    /** The program document as calculated, frozen with the run. */
    programSnapshot: text('program_snapshot', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    inputsFingerprint: text('inputs_fingerprint').notNull(),
    /** Whom the calculation considered, included and left out by reason (shared/population); null on runs from before it was kept. */
    population: text('population', { mode: 'json' }).$type<Population>(),
    calculatedAt: text('calculated_at').notNull(),
    approvedAt: text('approved_at'),
    approvedBy: text('approved_by'),
    paidAt: text('paid_at'),
    paymentRef: text('payment_ref'),
    voidedAt: text('voided_at'),
    voidReason: text('void_reason'),
    /** At approval: what statements print about each payee (names, credit code, bank, address), frozen with the run. */
    payeeSnapshot: text('payee_snapshot', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** At approval: `v1:` + SHA-256 over the run, its lines and the payee snapshot; `pwb check` recomputes it. */
    approvalFingerprint: text('approval_fingerprint'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('payout_runs_program_period_version_uq').on(t.programId, t.period, t.version)],
);

export const payoutLines = sqliteTable(
  'payout_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: integer('run_id').notNull().references(() => payoutRuns.id),
    partnerId: integer('partner_id').notNull().references(() => partners.id),
    kind: text('kind', { enum: PAYOUT_LINE_KINDS }).notNull().default('calculated'),
    basisMinor: integer('basis_minor').notNull().default(0),
    attainment: real('attainment'),
    tierReached: integer('tier_reached'),
    rate: real('rate'),
    amountMinor: integer('amount_minor').notNull(),
    explanation: text('explanation').notNull(),
    /** For adjustments and clawbacks: why, and which earlier line it corrects. */
    reason: text('reason'),
    relatesToLineId: integer('relates_to_line_id'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index('payout_lines_run_idx').on(t.runId, t.partnerId)],
);

export const payoutInquiries = sqliteTable(
  'payout_inquiries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    lineId: integer('line_id').notNull().references(() => payoutLines.id),
    question: text('question').notNull(),
    answer: text('answer'),
    status: text('status', { enum: INQUIRY_STATUSES }).notNull().default('open'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('payout_inquiries_line_idx').on(t.lineId)],
);

/** Statement numbers are unique and sequential across the workspace. */
export const statements = sqliteTable(
  'statements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    number: text('number').notNull(),
    runId: integer('run_id').notNull().references(() => payoutRuns.id),
    partnerId: integer('partner_id').notNull().references(() => partners.id),
    totalMinor: integer('total_minor').notNull(),
    generatedAt: text('generated_at').notNull(),
  },
  (t) => [uniqueIndex('statements_number_uq').on(t.number), uniqueIndex('statements_run_partner_uq').on(t.runId, t.partnerId)],
);

export type IncentiveProgramRecord = typeof incentivePrograms.$inferSelect;
export type PayoutRunRecord = typeof payoutRuns.$inferSelect;
export type PayoutLineRecord = typeof payoutLines.$inferSelect;
export type PayoutInquiryRecord = typeof payoutInquiries.$inferSelect;
