import type Database from 'better-sqlite3';
import { userInfo } from 'node:os';
import { systemStore } from './store';

/** Setting key of the local user profile: the name recorded in the audit trail. */
export const USER_NAME_SETTING = 'user.name';

/** The operating-system user (PWB_USER overrides it, e.g. in scripts and tests). */
export function osUser(): string {
  try {
    return process.env.PWB_USER || userInfo().username || 'local';
  } catch {
    return 'local';
  }
}

/** Who is working: settings 'user.name' when set (trimmed, non-empty), else the operating-system user. */
export function currentUser(sqlite: Database.Database): string {
  try {
    const text = systemStore.settingText(sqlite, USER_NAME_SETTING);
    if (text !== undefined) {
      const v = JSON.parse(text) as unknown;
      if (typeof v === 'string' && v.trim()) return v.trim().slice(0, 100);
    }
  } catch {
    /* no settings table yet */
  }
  return osUser();
}
