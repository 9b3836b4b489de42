import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readKey, rekeyFile } from '../../../db/encryption';
import { openWorkspace } from '../../../db/database';
import { withWorkspaceLock } from '../../../db/workspaceLock';
import { checkpointWorkspace, createBackupSync } from '../../domain/backups/backupService';
import type { CheckReport } from '../../model/system';
import { action, common, defaultWorkspacePath, keyOf, output, progressPrinter, withApi, type CommonOptions } from '../runtime';

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
          if (!keyOf(opts)) throw new Error('--encrypt needs a passphrase: --key-file FILE or PWB_KEY');
          const path = resolve(opts.db ?? defaultWorkspacePath());
          if (existsSync(path) && statSync(path).size > 0) throw new Error(`${path} already exists; encrypt an existing workspace with pwb encrypt`);
        }
        await withApi(opts, async (api, ws) => {
          const demo = opts.demo ? await api.send('system.loadDemo', { seed: opts.seed, scale: opts.scale, asOf: opts.asOf }, { onProgress: progressPrinter() }) : null;
          const info = await api.send('system.info', {});
          output(opts, { path: ws.path, schemaVersion: info.schemaVersion, demo }, () =>
            [`Workspace ready: ${ws.path} (schema ${info.schemaVersion})`, demo
              ? `Demo data as of ${demo.asOf}: ${demo.partners} partners, ${demo.salesLines} sales lines; evaluated ${demo.evaluated.join(', ')}; ${demo.payoutRuns} payout runs; ${demo.channel.partners} partners report sell-through (${demo.channel.sellThroughLines} lines) and stock (${demo.channel.stockRows} rows)`
              : ''].filter(Boolean).join('\n'),
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
    output(opts, r, () =>
      [
        `integrity: ${r.integrity.join(', ')}`,
        `foreign keys: ${r.foreignKeyViolations.length === 0 ? 'ok' : `${r.foreignKeyViolations.length} violations`}`,
        `schema: ${r.schemaVersion} (app ${r.appSchemaVersion})`,
        ...r.payoutSeals.map((f) =>
          f.problem === 'broken'
            ? `payout run ${f.runId} (${f.status}): its lines or figures changed after approval (the approval seal does not match)`
            : `payout run ${f.runId} (${f.status}): approved before approval seals existed; not verifiable`,
        ),
        ...Object.entries(r.counts).map(([t, n]) => `  ${t.padEnd(20)} ${n}`),
        r.ok ? 'OK' : 'PROBLEMS FOUND',
      ].join('\n'),
    );
    if (!r.ok) process.exitCode = 1;
  }

  common(program.command('backup').description('online backup of the workspace to a new file').requiredOption('--out <file>', 'backup file to write')).action(
    action(async (opts: CommonOptions & { out: string }) => {
      await withApi(opts, async (api) => {
        const r = await api.send('backups.copyTo', { out: opts.out });
        output(opts, r, () => `Backup written: ${r.path} (${r.bytes} bytes)`);
      });
    }),
  );

  const closedWorkspace = (opts: CommonOptions) => {
    const path = resolve(opts.db ?? defaultWorkspacePath());
    if (!existsSync(path)) throw new Error(`${path} does not exist`);
    return path;
  };

  common(program.command('encrypt').description('encrypt an existing workspace with the passphrase of --key-file (or PWB_KEY); a plain backup is kept first')).action(
    action(async (opts: CommonOptions) => {
      const path = closedWorkspace(opts);
      const key = keyOf(opts);
      if (!key) throw new Error('pwb encrypt needs the new passphrase: --key-file FILE or PWB_KEY');
      const r = withWorkspaceLock(path, 'pwb encrypt', 'Close the app first.', () => {
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
      output(opts, r, () => `Encrypted ${r.path}. The backup taken before, ${r.plainBackup}, is NOT encrypted: delete it once you have checked the workspace opens with its passphrase.`);
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
      if (!oldKey) throw new Error('pwb rekey needs the current passphrase: --key-file FILE or PWB_KEY');
      const newKey = readKey({ keyFile: opts.newKeyFile })!;
      withWorkspaceLock(path, 'pwb rekey', 'Close the app first.', () => {
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
      output(opts, { path, rekeyed: true }, () => `New passphrase set for ${path}. Backups made before keep the passphrase they were made with.`);
    }),
  );
}
