import { sql, type Table } from 'drizzle-orm';
import { text } from 'drizzle-orm/sqlite-core';

/**
 * ISO-8601 UTC timestamps as text: sortable, readable in any SQLite tool. The SQLite DEFAULT is only for rows created
 * outside any operation (a migration's seed or backfill, a test's fixture): every store writing within an operation
 * passes the operation clock's instant (`ctx.clock.now()`), so a fixed clock reaches created_at / updated_at too
 * (tests/unit/foundation/storeClock.test.ts).
 */
export const createdAt = () => text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);
export const updatedAt = () => text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

type Columns<T extends Table> = T['_']['columns'];
/**
 * A row as SQLite returns it for `select *`: SQL column names, driver values (booleans 0/1, JSON as text). Imports keep
 * such images of what they insert and update (import_changes), and undo writes them back column by column.
 */
export type StoredImage<T extends Table> = {
  -readonly [K in keyof Columns<T> as Columns<T>[K]['_']['name']]: Columns<T>[K]['_']['notNull'] extends true ? Columns<T>[K]['_']['driverParam'] : Columns<T>[K]['_']['driverParam'] | null;
};
