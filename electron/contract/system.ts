import { z } from 'zod';
import { EVERY_QUERY, job, mutation, query, zs } from './operation';
import { CheckReport, WorkspaceInfo, WorkspaceToday, unlockInput, type UnlockStatus } from '../model/system';
import { isSettingKey, isUserSetting, SETTING_HAS_OWN_OPERATION, SETTINGS, settingKey, type SettingKey } from '../model/settings';

export * from '../model/system';
export * from '../model/settings';

export const systemContract = {
  'system.info': query<WorkspaceInfo>()(z.object({}).strict()),
  /** Whether the desktop app waits for the workspace's passphrase (answered by its gate before the workspace opens). */
  'system.unlockStatus': query<UnlockStatus>()(z.object({}).strict()),
  /**
   * Opens the encrypted workspace the desktop app waits for with its passphrase, remembered in the OS keychain if
   * asked. A query, not a mutation: it carries a passphrase, which must never reach the audit trail.
   */
  'system.unlock': query<UnlockStatus>()(unlockInput),
  /** Forgets the passphrase remembered in the OS keychain for this workspace. */
  'system.forgetKey': query<UnlockStatus>()(z.object({}).strict()),
  /** The workspace clock's today: the renderer never takes the calendar day from the machine it runs on. */
  'system.today': query<WorkspaceToday>()(z.object({}).strict()),
  'system.check': query<CheckReport>()(z.object({}).strict()),
  /**
   * Fills an empty workspace with the deterministic demo network; `channel`: the partners reporting sell-through and
   * stock, their lines and stock rows, and the codes of those carrying a finding (README "After sell-in in the demo").
   */
  'system.loadDemo': job<{
    partners: number;
    salesLines: number;
    asOf: string;
    evaluated: string[];
    payoutRuns: number;
    channel: { partners: number; sellThroughLines: number; stockRows: number; roles: Record<'stuffing' | 'crossTerritory' | 'belowFloor' | 'lateReport' | 'neverReported', string[]> };
  }>()(
    z
      .object({
        seed: z.number().int().min(0).max(2 ** 31).optional(),
        scale: z.number().min(0.01).max(10).optional(),
        /** The day the demo is "as of" (default today): its sales end with the last full month before it. */
        asOf: zs.isoDate.optional(),
      })
      .strict(),
    { invalidates: [EVERY_QUERY] },
  ),
  'system.dismissDemo': mutation<{ ok: true }>()(z.object({}).strict(), { invalidates: ['system'] }),
  /** A registered setting: its stored value, else null; `default` is what the workspace behaves as when unset. */
  'system.settings.get': query<{ key: SettingKey; value: unknown; default: unknown }>()(z.object({ key: settingKey }).strict()),
  /** Every stored setting (the registry, `SETTINGS`, lists every key with its default). */
  'system.settings.list': query<Array<{ key: SettingKey; value: unknown }>>()(z.object({}).strict()),
  /** Writes a key of the registry that the generic path may set, checked by the key's schema. */
  'system.settings.set': mutation<{ key: SettingKey; value: unknown }>()(
    z
      .object({ key: settingKey, value: z.json() })
      .strict()
      .superRefine(({ key, value }, ctx) => {
        if (!isSettingKey(key)) return;
        if (!isUserSetting(key)) {
          ctx.addIssue({ code: 'custom', path: ['key'], message: SETTING_HAS_OWN_OPERATION, params: { operations: SETTINGS[key].setBy } });
          return;
        }
        const r = SETTINGS[key].schema.safeParse(value);
        // The key's own issues (code and params kept, so they are worded like any field's) under 'value'.
        if (!r.success) for (const i of r.error.issues) ctx.addIssue({ ...i, path: ['value', ...i.path.map((p) => p as string | number)] } as never);
      })
      // The value's schema depends on the key, which JSON Schema does not say: examples show the shape.
      .meta({ examples: [{ key: 'company.name', value: '华东渠道有限公司' }, { key: 'user.name', value: '王磊' }] }),
    // The user profile (user.name) decides which channel manager "Mine" means.
    { invalidates: ['system.settings', 'channelManagers'] },
  ),
  'system.jobs.cancel': mutation<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1).max(64) }).strict()),
};
