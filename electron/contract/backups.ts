import { z } from 'zod';
import { EVERY_QUERY, job, mutation, query, zs } from './operation';
import { BackupFileInfo, BackupInspectionInfo, RestoreOutcome } from '../model/backups';

export * from '../model/backups';

export const backupsContract = {
  /** The backup folder (settings 'backup.folder', default `backups` next to the workspace) and its backups, newest first. */
  'backups.list': query<{ folder: string; isDefaultFolder: boolean; backups: BackupFileInfo[]; retention: Record<string, number> }>()(
    z.object({}).strict(),
  ),
  /** "Back up now": an online backup into the backup folder (kind 'manual', never rotated out). */
  'backups.create': job<BackupFileInfo>()(z.object({}).strict(), { invalidates: ['backups'] }),
  /**
   * A one-off backup to a file of the user's choice (`pwb backup --out`), outside the backup folder and its rotation:
   * an online copy while the workspace stays in use, owner-only, checked, written under `.partial` then renamed.
   */
  'backups.copyTo': job<{ path: string; bytes: number }>()(z.object({ out: zs.filePath }).strict()),
  /** Validates a backup file without touching anything: what the restore confirmation shows. */
  'backups.inspect': query<BackupInspectionInfo>()(z.object({ path: zs.filePath }).strict()),
  /**
   * Replaces the workspace with a validated backup; the replaced file is kept as `<name>.replaced-<timestamp>`.
   * Exclusive: refused while jobs run; the connection is closed, the file swapped and the workspace reopened.
   */
  'backups.restore': mutation<RestoreOutcome>()(z.object({ from: zs.filePath, confirm: z.literal(true) }).strict(), {
    invalidates: [EVERY_QUERY],
    exclusive: true,
  }),
};
