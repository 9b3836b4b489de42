import type Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/database';
import { settings } from '../../../db/schema';

/**
 * The system area's store: settings rows and the workspace file's own checks (pragmas, table counts). The registry's
 * rules (which keys exist, their schemas and defaults) stay in settingsStore.ts; the health rules in workspaceHealth.ts.
 */
export type SettingRow = typeof settings.$inferSelect;

export const systemStore = {
  setting(db: Db, key: string): SettingRow | undefined {
    return db.select().from(settings).where(eq(settings.key, key)).get();
  },
  upsertSetting(db: Db, key: string, value: unknown, at: string): void {
    db.insert(settings).values({ key, value, updatedAt: at }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: at } }).run();
  },
  deleteSetting(db: Db, key: string): void {
    db.delete(settings).where(eq(settings.key, key)).run();
  },
  allSettings(db: Db): Array<Pick<SettingRow, 'key' | 'value'>> {
    return db.select({ key: settings.key, value: settings.value }).from(settings).all();
  },
  /** A setting's stored JSON text through the raw handle: also works before the workspace is migrated. */
  settingText(sqlite: Database.Database, key: string): string | undefined {
    return sqlite.prepare<[string], { value: string }>('select value from settings where key = ?').get(key)?.value;
  },
  /** A check pragma's rows, first column of each (`quick_check`, `integrity_check(<table>)`). */
  checkPragma(sqlite: Database.Database, pragma: string): string[] {
    return (sqlite.pragma(pragma) as Array<Record<string, string>>).map((r) => Object.values(r)[0]);
  },
  integrityCheck(sqlite: Database.Database): string[] {
    return (sqlite.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
  },
  foreignKeyCheck(sqlite: Database.Database): Array<{ table: string; rowid: number; parent: string }> {
    return sqlite.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>;
  },
  schemaVersion(sqlite: Database.Database): number {
    return sqlite.pragma('user_version', { simple: true }) as number;
  },
  /** The workspace's own tables, by name. */
  tableNames(sqlite: Database.Database): string[] {
    return sqlite.prepare<[], string>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all();
  },
  /** Rows of one table; `table` comes from the code's own list, never from input. */
  rowCount(sqlite: Database.Database, table: string): number {
    return sqlite.prepare<[], { n: number }>(`select count(*) as n from ${table}`).get()!.n;
  },
};
