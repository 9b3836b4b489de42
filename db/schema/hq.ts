import { index, integer, sqliteTable, text, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt } from './common';

/**
 * The workspace's change log (issue 19): one row per insert, update or delete of a published table, written by SQLite
 * triggers in the same transaction as the change (db/hq/publishedTables.ts declares the tables and generates the
 * triggers). AUTOINCREMENT keeps sequence numbers strictly increasing even after published entries are trimmed, so a
 * sequence number below HQ's high-water mark is never reused.
 */
export const changeLog = sqliteTable(
  'change_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    tbl: text('tbl').notNull(),
    rowKey: integer('row_key').notNull(),
    /** 'i' insert, 'u' update, 'd' delete; publishing reads the row's state at publish time, the op is for counting. */
    op: text('op', { enum: ['i', 'u', 'd'] }).notNull(),
  },
);

/** This workspace's identity at HQ: a stable id made when the workspace is created, and the office it belongs to. */
export const workspaceIdentity = sqliteTable('workspace_identity', {
  id: integer('id').primaryKey(),
  workspaceId: text('workspace_id').notNull(),
  officeName: text('office_name'),
  createdAt: createdAt(),
});

/** The outcome of the last publish attempts (HQ's high-water mark is the authority; this is for the user and the retry schedule). */
export const hqPublishState = sqliteTable('hq_publish_state', {
  id: integer('id').primaryKey(),
  lastAttemptAt: text('last_attempt_at'),
  lastSuccessAt: text('last_success_at'),
  lastSeq: integer('last_seq').notNull().default(0),
  lastError: text('last_error'),
});

/** Reference data pulled from HQ (territories, products, courses, program templates): read-only here, versioned by HQ. */
export const hqReference = sqliteTable(
  'hq_reference',
  {
    kind: text('kind', { enum: ['territory', 'product', 'course', 'program_template'] }).notNull(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    pulledAt: text('pulled_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.code] }), index('hq_reference_version_idx').on(t.version)],
);

/**
 * The audit summary HQ receives (issue 19): one row per UTC day, user, operation and outcome with the number of audit
 * records, kept by a trigger on audit_log in the same transaction as the record. Published instead of the audit trail
 * itself, whose before/after values stay in the office.
 */
export const auditDaily = sqliteTable(
  'audit_daily',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** YYYY-MM-DD of the records' `at` (UTC: the trigger cannot know the workspace's time zone). */
    day: text('day').notNull(),
    user: text('user').notNull(),
    operation: text('operation').notNull(),
    outcome: text('outcome').notNull(),
    count: integer('count').notNull(),
    firstAt: text('first_at').notNull(),
    lastAt: text('last_at').notNull(),
  },
  (t) => [uniqueIndex('audit_daily_key_uq').on(t.day, t.user, t.operation, t.outcome)],
);
