import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/database';
import { settings } from '../../../db/schema';
import { SETTINGS, type SettingKey, type SettingValue } from '../../model/settings';

/** The stored value of a registered key (as stored, unchecked), or the fallback. */
export function getSetting<T>(db: Db, key: SettingKey, fallback: T): T {
  const row = db.select().from(settings).where(eq(settings.key, key)).get();
  return row ? (row.value as T) : fallback;
}

/** The value of a registered key checked by its schema; the registry's default when unset or no longer valid. */
export function readSetting<K extends SettingKey>(db: Db, key: K): SettingValue<K> | null {
  const row = db.select().from(settings).where(eq(settings.key, key)).get();
  const def = SETTINGS[key];
  if (!row) return def.default as SettingValue<K> | null;
  const parsed = def.schema.safeParse(row.value);
  return parsed.success ? (parsed.data as SettingValue<K>) : (def.default as SettingValue<K> | null);
}

export function setSetting(db: Db, key: SettingKey, value: unknown): { before: unknown; after: unknown } {
  const before = db.select().from(settings).where(eq(settings.key, key)).get()?.value;
  db.insert(settings)
    .values({ key, value, updatedAt: new Date().toISOString() })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date().toISOString() } })
    .run();
  return { before, after: value };
}

/** Every stored setting (keys an older version stored and this one no longer knows are left out). */
export function listSettings(db: Db): Array<{ key: SettingKey; value: unknown }> {
  return db
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .all()
    .filter((r): r is { key: SettingKey; value: unknown } => Object.prototype.hasOwnProperty.call(SETTINGS, r.key));
}
