import type { Db } from '../../../db/database';
import { SETTINGS, type SettingKey, type SettingValue } from '../../model/settings';
import { systemStore } from './store';

/** The stored value of a registered key (as stored, unchecked), or the fallback. */
export function getSetting<T>(db: Db, key: SettingKey, fallback: T): T {
  const row = systemStore.setting(db, key);
  return row ? (row.value as T) : fallback;
}

/** The value of a registered key checked by its schema; the registry's default when unset or no longer valid. */
export function readSetting<K extends SettingKey>(db: Db, key: K): SettingValue<K> | null {
  const row = systemStore.setting(db, key);
  const def = SETTINGS[key];
  if (!row) return def.default as SettingValue<K> | null;
  const parsed = def.schema.safeParse(row.value);
  return parsed.success ? (parsed.data as SettingValue<K>) : (def.default as SettingValue<K> | null);
}

/** Stores a registered key's value, stamped with the operation clock's instant `at` (`ctx.clock.now()`). */
export function setSetting(db: Db, key: SettingKey, value: unknown, at: Date): { before: unknown; after: unknown } {
  const before = systemStore.setting(db, key)?.value;
  systemStore.upsertSetting(db, key, value, at.toISOString());
  return { before, after: value };
}

/** Removes a registered key (settings hold values, never null: clearing one removes it). */
export function clearSetting(db: Db, key: SettingKey): void {
  systemStore.deleteSetting(db, key);
}

/** Every stored setting (keys an older version stored and this one no longer knows are left out). */
export function listSettings(db: Db): Array<{ key: SettingKey; value: unknown }> {
  return systemStore
    .allSettings(db)
    .filter((r): r is { key: SettingKey; value: unknown } => Object.prototype.hasOwnProperty.call(SETTINGS, r.key));
}
