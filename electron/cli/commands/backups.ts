import type { Command } from 'commander';
import { resolve } from 'node:path';
import { withWorkspaceLock } from '../../../db/workspaceLock';
import { backupBeforeMigration } from '../../domain/backups/backupService';
import { restoreWorkspaceFile } from '../../domain/backups/restoreWorkspace';
import { osUser } from '../../domain/system/userProfile';
import { action, cliLanguage, common, defaultWorkspacePath, output, withApi, type CommonOptions } from '../runtime';
import { cliText, formatTable, type CliLanguage } from '../cliTexts';

/** A backup's kind as the Backups page names it: daily, manual, before a migration, before an operation. */
function kindWords(lang: CliLanguage, kind: string): string {
  if (kind === 'daily' || kind === 'manual') return cliText(lang, `backups.kind.${kind}`);
  if (kind.startsWith('before-migration-')) return cliText(lang, 'backups.kind.migration');
  return kind.startsWith('before-') ? cliText(lang, 'backups.kind.operation', { op: kind.slice('before-'.length) }) : kind;
}

export function register(program: Command): void {
  common(program.command('backups').description('list the backups in the workspace\'s backup folder (settings backup.folder)')).action(
    action(async (opts: CommonOptions) => {
      await withApi(opts, async (api) => {
        const r = await api.send('backups.list', {});
        const lang = cliLanguage(opts.lang);
        output(opts, r, () =>
          [
            cliText(lang, 'backups.folder', { folder: r.folder }),
            ...(r.backups.length ? [formatTable(null, r.backups.map((b) => [`  ${b.at}`, kindWords(lang, b.kind), String(b.bytes).padStart(12), b.path]))] : []),
            cliText(lang, 'backups.total', { count: r.backups.length }),
          ].join('\n'),
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
      const lang = cliLanguage(opts.lang);
      const r = withWorkspaceLock(dbPath, 'pwb restore', cliText(lang, 'backups.restoreHint'), () =>
        restoreWorkspaceFile(dbPath, opts.from, { openOptions: { beforeMigrate: backupBeforeMigration(dbPath) }, auditUser: process.env.PWB_USER || osUser() }),
      );
      const { inspection, ...rest } = r;
      output(opts, { ...rest, counts: inspection.counts }, () =>
        [
          cliText(lang, 'restore.done', { path: r.path, from: r.from, schema: r.schemaVersion }),
          r.replacedPath ? cliText(lang, 'restore.kept', { path: r.replacedPath }) : cliText(lang, 'restore.nothingReplaced'),
        ].join('\n'),
      );
    }),
  );
}
