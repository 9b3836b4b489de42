import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './common';
import { REVIEW_ACTION_STATUSES } from '../../shared/enums';
import { partners } from './partners';

/** A business review meeting (业务回顾 / QBR) with one partner about one period. */
export const reviewMeetings = sqliteTable(
  'review_meetings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    partnerId: integer('partner_id').notNull().references(() => partners.id),
    /** The period reviewed ('2026-Q3', '2026-H1', '2026', '2026-09'). */
    period: text('period').notNull(),
    /** YYYY-MM-DD, the local day the meeting was held. */
    heldOn: text('held_on').notNull(),
    attendees: text('attendees', { mode: 'json' }).$type<string[]>().notNull().default([]),
    minutes: text('minutes'),
    decisions: text('decisions', { mode: 'json' }).$type<string[]>().notNull().default([]),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('review_meetings_partner_idx').on(t.partnerId, t.heldOn)],
);

/** An action item agreed in a review meeting: who does what by when, and how far it got. */
export const reviewActions = sqliteTable(
  'review_actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => reviewMeetings.id, { onDelete: 'cascade' }),
    partnerId: integer('partner_id').notNull().references(() => partners.id),
    description: text('description').notNull(),
    owner: text('owner'),
    dueOn: text('due_on'),
    status: text('status', { enum: REVIEW_ACTION_STATUSES }).notNull().default('open'),
    /** The local day it was marked done or cancelled. */
    closedOn: text('closed_on'),
    note: text('note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('review_actions_meeting_idx').on(t.meetingId), index('review_actions_open_idx').on(t.status, t.dueOn), index('review_actions_partner_idx').on(t.partnerId, t.status)],
);

export type ReviewMeetingRow = typeof reviewMeetings.$inferSelect;
export type ReviewActionRow = typeof reviewActions.$inferSelect;

/**
 * This period's proposed actions as a review pack put them (业务回顾材料 · 本期建议行动), stored when the pack is made so the
 * next period's pack shows what was proposed and what became of it (agreed in a meeting as an action item, or not
 * taken up). A pack made again for the same period replaces the proposals still only proposed.
 */
export const reviewProposals = sqliteTable(
  'review_proposals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    partnerId: integer('partner_id').notNull().references(() => partners.id),
    period: text('period').notNull(),
    /** What called for it: meeting, attainment, grade, training, certificates, risk, deal, carried, target, customers. */
    source: text('source').notNull(),
    textZh: text('text_zh').notNull(),
    textEn: text('text_en').notNull(),
    owner: text('owner'),
    dueOn: text('due_on'),
    /** The action item it became (agreed in a meeting), if any. */
    actionId: integer('action_id').references(() => reviewActions.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('review_proposals_partner_idx').on(t.partnerId, t.period)],
);
export type ReviewProposalRow = typeof reviewProposals.$inferSelect;
