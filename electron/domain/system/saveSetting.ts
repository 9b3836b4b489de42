import type { SettingKey } from '../../model/settings';
import type { OpContext } from '../opContext';
import { systemStore } from './store';

// Apart from settingsStore.ts: the workspace clock reads settings through that file, and the context builds on the clock.
/**
 * A setting changed by an operation: stored with the operation clock's instant and recorded in its audit trail
 * (before/after) under the operation's name. `null` clears the key (settings hold values, never null).
 */
export function saveSetting(ctx: Pick<OpContext, 'ws' | 'clock' | 'audit'>, key: SettingKey, value: unknown): { before: unknown; after: unknown } {
  const before = systemStore.setting(ctx.ws.db, key)?.value;
  if (value === null) systemStore.deleteSetting(ctx.ws.db, key);
  else systemStore.upsertSetting(ctx.ws.db, key, value, ctx.clock.now().toISOString());
  ctx.audit({ entity: 'setting', entityId: key, before, after: value });
  return { before, after: value };
}
