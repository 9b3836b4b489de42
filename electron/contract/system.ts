import { z } from 'zod';
import { job, mutation, query, zs } from './operation';
import { isKnownSetting, KNOWN_SETTINGS } from './settingKeys';
import { CheckReport, WorkspaceInfo, WorkspaceToday, settingKey, unlockInput, type UnlockStatus } from '../model/system';

export * from '../model/system';

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
  'system.backup': job<{ path: string; bytes: number }>()(z.object({ out: zs.filePath }).strict()),
  /** Fills an empty workspace with the deterministic demo network. */
  'system.loadDemo': job<{ partners: number; salesLines: number; asOf: string; evaluated: string[]; payoutRuns: number }>()(
    z
      .object({
        seed: z.number().int().min(0).max(2 ** 31).optional(),
        scale: z.number().min(0.01).max(10).optional(),
        /** The day the demo is "as of" (default today): its sales end with the last full month before it. */
        asOf: z.iso.date().optional(),
      })
      .strict(),
    { invalidates: [''] },
  ),
  'system.dismissDemo': mutation<{ ok: true }>()(z.object({}).strict(), { invalidates: ['system'] }),
  'settings.get': query<{ key: string; value: unknown }>()(z.object({ key: settingKey }).strict()),
  'settings.list': query<Array<{ key: string; value: unknown }>>()(z.object({}).strict()),
  'settings.set': mutation<{ key: string; value: unknown }>()(
    z
      .object({ key: settingKey, value: z.json() })
      .strict()
      .superRefine(({ key, value }, ctx) => {
        if (!isKnownSetting(key)) return;
        const r = KNOWN_SETTINGS[key].safeParse(value);
        if (!r.success) for (const i of r.error.issues) ctx.addIssue({ code: 'custom', path: ['value', ...i.path.map((p) => p as string | number)], message: i.message });
      }),
    // The user profile (user.name) decides which channel manager "Mine" means.
    { invalidates: ['settings', 'channelManagers'] },
  ),
  'jobs.cancel': mutation<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1).max(64) }).strict()),
};
