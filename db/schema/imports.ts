import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { IMPORT_KINDS } from '../../shared/enums';

export const IMPORT_STATUSES = ['running', 'committed', 'failed', 'cancelled', 'undone'] as const;

export const imports = sqliteTable(
  'imports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
    fileName: text('file_name').notNull(),
    fileSize: integer('file_size').notNull(),
    sha256: text('sha256').notNull(),
    mapping: text('mapping', { mode: 'json' }).$type<Record<string, unknown>>(),
    status: text('status', { enum: IMPORT_STATUSES }).notNull(),
    rowsRead: integer('rows_read').notNull().default(0),
    inserted: integer('inserted').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    durationMs: integer('duration_ms'),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    undoneAt: text('undone_at'),
    user: text('user'),
    /**
     * Rows the reader skipped as not data (migration 0034): the title rows above the header and the total rows (合计,
     * Total…: how many, the first ones by row), each with its row number and text; null when none was skipped.
     */
    skipped: text('skipped', { mode: 'json' }).$type<{ titles: Array<{ row: number; text: string }>; totals: number; totalRows: Array<{ row: number; text: string }> }>(),
  },
  (t) => [index('imports_started_idx').on(t.startedAt)],
);

export const importErrors = sqliteTable(
  'import_errors',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    importId: integer('import_id').notNull().references(() => imports.id, { onDelete: 'cascade' }),
    rowNumber: integer('row_number').notNull(),
    column: text('column'),
    value: text('value'),
    /** English words (logs, and runs stored before codes whose text matched no known pattern). */
    message: text('message').notNull(),
    /** The error's code and parameters (shared/importMessages), worded in the reader's language when read. */
    code: text('code'),
    params: text('params', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('import_errors_import_idx').on(t.importId)],
);

/** What an import changed, so undo can remove exactly what it inserted and restore what it updated. */
export const importChanges = sqliteTable(
  'import_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    importId: integer('import_id').notNull().references(() => imports.id, { onDelete: 'cascade' }),
    entity: text('entity').notNull(),
    entityId: integer('entity_id').notNull(),
    action: text('action', { enum: ['insert', 'update'] }).notNull(),
    before: text('before', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('import_changes_import_idx').on(t.importId)],
);
