import type { Command } from 'commander';
import { resolve } from 'node:path';
import { withWorkspaceLock } from '../../../db/workspaceLock';
import { backupBeforeMigration } from '../../domain/backups/backupService';
import { restoreWorkspaceFile } from '../../domain/backups/restoreWorkspace';
import { osUser } from '../../domain/system/userProfile';
import { action, common, defaultWorkspacePath, output, withApi, type CommonOptions } from '../runtime';

export function register(program: Command): void {
  common(program.command('backups').description('list the backups in the workspace\'s backup folder (settings backup.folder)')).action(
    action(async (opts: CommonOptions) => {
      await withApi(opts, async (api) => {
        const r = await api.send('backups.list', {});
        output(opts, r, () =>
          [`Backup folder: ${r.folder}`, ...r.backups.map((b) => `  ${b.at}  ${b.kind.padEnd(28)} ${String(b.bytes).padStart(12)}  ${b.path}`), `${r.backups.length} backup(s)`].join(
            '\n',
          ),
        );
      });
    }),
  );

  // Restore works on closed files, not through an open workspace: the workspace being replaced may be damaged
  // beyond opening, which is exactly when one restores.
  common(
    program
      .command('restore')
      .description('replace the workspace with a backup after validating it (integrity, schema version); the replaced file is kept beside it')
      .requiredOption('--from <backup>', 'backup file to restore'),
  ).action(
    action(async (opts: CommonOptions & { from: string }) => {
      const dbPath = resolve(opts.db ?? defaultWorkspacePath());
      // Never under a running app: it would keep writing into the moved-away file and every later edit would be lost.
      const r = withWorkspaceLock(dbPath, 'pwb restore', 'Restore it from Settings → Backups in the app, or close the app and run pwb restore again.', () =>
        restoreWorkspaceFile(dbPath, opts.from, { openOptions: { beforeMigrate: backupBeforeMigration(dbPath) }, auditUser: process.env.PWB_USER || osUser() }),
      );
      const { inspection, ...rest } = r;
      output(opts, { ...rest, counts: inspection.counts }, () =>
        [
          `Restored ${r.path} from ${r.from} (schema ${r.schemaVersion})`,
          r.replacedPath ? `The replaced workspace was kept as ${r.replacedPath}` : 'There was no workspace file to replace.',
        ].join('\n'),
      );
    }),
  );
}
