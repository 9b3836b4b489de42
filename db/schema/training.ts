import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './common';
import { COURSE_CATEGORIES } from '../../shared/enums';
import { imports } from './imports';
import { partners } from './partners';

export const trainingCourses = sqliteTable(
  'training_courses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    category: text('category', { enum: COURSE_CATEGORIES }).notNull(),
    /** null = never expires */
    validityMonths: integer('validity_months'),
    /** JSON arrays of tier / channel-type codes; empty array = required for none. */
    requiredTiers: text('required_tiers', { mode: 'json' }).$type<string[]>().notNull().default([]),
    requiredChannelTypes: text('required_channel_types', { mode: 'json' }).$type<string[]>().notNull().default([]),
    passingScore: real('passing_score'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** Version of the HQ reference item this row mirrors (`pwb hq pull`); null = the office's own. HQ rows are read-only here. */
    hqVersion: integer('hq_version'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('training_courses_code_uq').on(t.code)],
);

export const trainingRecords = sqliteTable(
  'training_records',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    partnerId: integer('partner_id').notNull().references(() => partners.id),
    courseId: integer('course_id').notNull().references(() => trainingCourses.id),
    trainee: text('trainee').notNull(),
    completedOn: text('completed_on').notNull(),
    score: real('score'),
    passed: integer('passed', { mode: 'boolean' }).notNull(),
    certificateNo: text('certificate_no'),
    /** Computed from the course's validity when written; null = no expiry. */
    expiresOn: text('expires_on'),
    importId: integer('import_id').references(() => imports.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('training_records_uq').on(t.partnerId, t.courseId, t.trainee, t.completedOn),
    // Covering for every read of passed records per (partner, course) up to a day — the evaluation's course standings
    // (10k partners: 32 → 25 ms CPU), compliance, holdings, latest expiries.
    index('training_records_partner_idx').on(t.partnerId, t.courseId, t.passed, t.completedOn, t.expiresOn),
  ],
);
