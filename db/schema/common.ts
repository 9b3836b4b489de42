import { sql, type Table } from 'drizzle-orm';
import { text } from 'drizzle-orm/sqlite-core';

/** ISO-8601 UTC timestamps as text: sortable, readable in any SQLite tool. */
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
