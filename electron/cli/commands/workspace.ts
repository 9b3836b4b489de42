import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readKey, rekeyFile } from '../../../db/encryption';
import { openWorkspace } from '../../../db/database';
import { withWorkspaceLock } from '../../../db/workspaceLock';
import { checkpointWorkspace, createBackupSync } from '../../domain/backups/backupService';
import type { CheckReport } from '../../model/system';
import { action, cliLanguage, common, defaultWorkspacePath, keyOf, output, progressPrinter, withApi, type CommonOptions } from '../runtime';
import { CliError, cliJoin, cliText, cliWord, formatTable } from '../cliTexts';
import { foreignKeyViolationText, integrityFindingText } from '../../../shared/systemFindings';

export function register(program: Command): void {
  common(
    program
      .command('init')
      .description('create (or migrate) a workspace')
      .option('--demo', 'fill it with the demo dataset')
      .option('--encrypt', 'create it encrypted with the passphrase of --key-file (or PWB_KEY)'),
  )
    .option('--seed <n>', 'demo seed', (v) => Number.parseInt(v, 10))
    .option('--scale <x>', 'demo size factor (1 = ~300 partners, ~200k sales lines)', Number.parseFloat)
    .option('--as-of <date>', 'the day the demo is "as of", YYYY-MM-DD (default today): sales end with the month before it')
    .action(
      action(async (opts: CommonOptions & { demo?: boolean; seed?: number; scale?: number; asOf?: string; encrypt?: boolean }) => {
        if (opts.encrypt) {
          if (!keyOf(opts)) throw new CliError('workspace.encryptNeedsKey');
          const path = resolve(opts.db ?? defaultWorkspacePath());
          if (existsSync(path) && statSync(path).size > 0) throw new CliError('workspace.exists', { path });
        }
        await withApi(opts, async (api, ws) => {
          const demo = opts.demo ? await api.send('system.loadDemo', { seed: opts.seed, scale: opts.scale, asOf: opts.asOf }, { onProgress: progressPrinter() }) : null;
          const info = await api.send('system.info', {});
          const lang = cliLanguage(opts.lang);
          output(opts, { path: ws.path, schemaVersion: info.schemaVersion, demo }, () =>
            [
              cliText(lang, 'workspace.ready', { path: ws.path, schema: info.schemaVersion }),
              demo
                ? cliText(lang, 'workspace.demo', {
                    asOf: demo.asOf,
                    partners: cliText(lang, 'workspace.demo.partners', { count: demo.partners }),
                    salesLines: cliText(lang, 'workspace.demo.salesLines', { count: demo.salesLines }),
                    periods: cliJoin(lang, demo.evaluated),
                    payoutRuns: cliText(lang, 'workspace.demo.payoutRuns', { count: demo.payoutRuns }),
                    channelPartners: cliText(lang, 'workspace.demo.reporting', { count: demo.channel.partners }),
                    sellThroughLines: cliText(lang, 'workspace.demo.lines', { count: demo.channel.sellThroughLines }),
                    stockRows: cliText(lang, 'workspace.demo.rows', { count: demo.channel.stockRows }),
                  })
                : '',
            ]
              .filter(Boolean)
              .join('\n'),
          );
        });
      }),
    );

  common(program.command('check').description('integrity check, foreign keys, schema version and row counts')).action(
    action(async (opts: CommonOptions) => {
      let opened = false;
      try {
        await withApi(opts, async (api) => {
          opened = true;
          await report(opts, await api.send('system.check', {}));
        });
      } catch (e) {
        // A workspace too damaged to open is a finding too (JSON with --json, exit 1), not a crash.
        if (opened || !/malformed|not a database|corrupt|disk image/i.test((e as Error).message)) throw e;
        const message = (e as Error).message;
        await report(opts, { ok: false, integrity: [message], foreignKeyViolations: [], schemaVersion: -1, appSchemaVersion: -1, counts: {}, payoutSeals: [] });
      }
    }),
  );
  async function report(opts: CommonOptions, r: CheckReport) {
    const lang = cliLanguage(opts.lang);
    // SQLite answers a sound file's integrity check with the one word "ok"; a finding of a known kind is worded, SQLite's text beside it.
    const integrity = r.integrity.length === 1 && r.integrity[0] === 'ok' ? cliText(lang, 'check.integrityOk') : r.integrity.map((f) => integrityFindingText(f, lang)).join(lang === 'zh-CN' ? '；' : '; ');
    output(opts, r, () =>
      [
        cliText(lang, 'check.integrity', { result: integrity }),
        r.foreignKeyViolations.length === 0 ? cliText(lang, 'check.foreignKeysOk') : cliText(lang, 'check.foreignKeysBad', { count: r.foreignKeyViolations.length }),
        ...r.foreignKeyViolations.slice(0, 5).map((v) => `  ${foreignKeyViolationText(v, lang)}`),
        cliText(lang, 'check.schema', { version: r.schemaVersion, app: r.appSchemaVersion }),
        ...r.payoutSeals.map((f) => cliText(lang, f.problem === 'broken' ? 'check.sealBroken' : 'check.sealMissing', { id: f.runId, status: cliWord(lang, 'payoutStatus', f.status) })),
        ...(Object.keys(r.counts).length ? [cliText(lang, 'check.counts'), formatTable(null, Object.entries(r.counts).map(([t, n]) => [`  ${t}`, n]))] : []),
        cliText(lang, r.ok ? 'check.ok' : 'check.problems'),
      ].join('\n'),
    );
    if (!r.ok) process.exitCode = 1;
  }

  common(program.command('backup').description('online backup of the workspace to a new file').requiredOption('--out <file>', 'backup file to write')).action(
    action(async (opts: CommonOptions & { out: string }) => {
      await withApi(opts, async (api) => {
        const r = await api.send('backups.copyTo', { out: opts.out });
        output(opts, r, () => cliText(cliLanguage(opts.lang), 'backup.written', { path: r.path, count: r.bytes }));
      });
    }),
  );

  const closedWorkspace = (opts: CommonOptions) => {
    const path = resolve(opts.db ?? defaultWorkspacePath());
    if (!existsSync(path)) throw new CliError('workspace.missing', { path });
    return path;
  };

  common(program.command('encrypt').description('encrypt an existing workspace with the passphrase of --key-file (or PWB_KEY); a plain backup is kept first')).action(
    action(async (opts: CommonOptions) => {
      const path = closedWorkspace(opts);
      const key = keyOf(opts);
      if (!key) throw new CliError('workspace.encryptNeedsNewKey');
      const lang = cliLanguage(opts.lang);
      const r = withWorkspaceLock(path, 'pwb encrypt', cliText(lang, 'workspace.closeApp'), () => {
        const ws = openWorkspace(path);
        let backup: string;
        try {
          backup = createBackupSync(ws.sqlite, path, 'before-encrypt').path;
          checkpointWorkspace(ws.sqlite);
        } finally {
          ws.close();
        }
        rekeyFile(path, null, key);
        openWorkspace(path, { key }).close();
        return { path, encrypted: true, plainBackup: backup };
      });
      output(opts, r, () => cliText(lang, 'workspace.encrypted', { path: r.path, backup: r.plainBackup }));
    }),
  );

  common(
    program
      .command('rekey')
      .description('change the passphrase of an encrypted workspace (--key-file: the current one; --new-key-file: the new one)')
      .requiredOption('--new-key-file <file>', 'the new passphrase (first line of the file)'),
  ).action(
    action(async (opts: CommonOptions & { newKeyFile: string }) => {
      const path = closedWorkspace(opts);
      const oldKey = keyOf(opts);
      if (!oldKey) throw new CliError('workspace.rekeyNeedsKey');
      const newKey = readKey({ keyFile: opts.newKeyFile })!;
      const lang = cliLanguage(opts.lang);
      withWorkspaceLock(path, 'pwb rekey', cliText(lang, 'workspace.closeApp'), () => {
        // Opening checks the current passphrase first: a wrong one is refused before anything changes.
        const ws = openWorkspace(path, { key: oldKey });
        try {
          checkpointWorkspace(ws.sqlite);
        } finally {
          ws.close();
        }
        rekeyFile(path, oldKey, newKey);
        openWorkspace(path, { key: newKey }).close();
      });
      output(opts, { path, rekeyed: true }, () => cliText(lang, 'workspace.rekeyed', { path }));
    }),
  );
}
