import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/database';
import { settings } from '../../../db/schema';

export function getSetting<T>(db: Db, key: string, fallback: T): T {
  const row = db.select().from(settings).where(eq(settings.key, key)).get();
  return row ? (row.value as T) : fallback;
}

export function setSetting(db: Db, key: string, value: unknown): { before: unknown; after: unknown } {
  const before = db.select().from(settings).where(eq(settings.key, key)).get()?.value;
  db.insert(settings)
    .values({ key, value, updatedAt: new Date().toISOString() })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date().toISOString() } })
    .run();
  return { before, after: value };
}

export function listSettings(db: Db): Array<{ key: string; value: unknown }> {
  return db.select({ key: settings.key, value: settings.value }).from(settings).all();
}
