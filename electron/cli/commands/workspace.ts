import type { Command } from 'commander';
import { action, common, output, progressPrinter, withApi, type CommonOptions } from '../runtime';

export function register(program: Command): void {
  common(program.command('init').description('create (or migrate) a workspace').option('--demo', 'fill it with the demo dataset'))
    .option('--seed <n>', 'demo seed', (v) => Number.parseInt(v, 10))
    .option('--scale <x>', 'demo size factor (1 = ~300 partners, ~200k sales lines)', Number.parseFloat)
    .option('--as-of <date>', 'the day the demo is "as of", YYYY-MM-DD (default today): sales end with the month before it')
    .action(
      action(async (opts: CommonOptions & { demo?: boolean; seed?: number; scale?: number; asOf?: string }) => {
        await withApi(opts, async (api, ws) => {
          const demo = opts.demo ? await api.send('system.loadDemo', { seed: opts.seed, scale: opts.scale, asOf: opts.asOf }, { onProgress: progressPrinter() }) : null;
          const info = await api.send('system.info', {});
          output(opts, { path: ws.path, schemaVersion: info.schemaVersion, demo }, () =>
            [`Workspace ready: ${ws.path} (schema ${info.schemaVersion})`, demo
              ? `Demo data as of ${demo.asOf}: ${demo.partners} partners, ${demo.salesLines} sales lines; evaluated ${demo.evaluated.join(', ')}; ${demo.payoutRuns} payout runs`
              : ''].filter(Boolean).join('\n'),
          );
        });
      }),
    );

  common(program.command('check').description('integrity check, foreign keys, schema version and row counts')).action(
    action(async (opts: CommonOptions) => {
      await withApi(opts, async (api) => {
        const r = await api.send('system.check', {});
        output(opts, r, () =>
          [
            `integrity: ${r.integrity.join(', ')}`,
            `foreign keys: ${r.foreignKeyViolations.length === 0 ? 'ok' : `${r.foreignKeyViolations.length} violations`}`,
            `schema: ${r.schemaVersion} (app ${r.appSchemaVersion})`,
            ...Object.entries(r.counts).map(([t, n]) => `  ${t.padEnd(20)} ${n}`),
            r.ok ? 'OK' : 'PROBLEMS FOUND',
          ].join('\n'),
        );
        if (!r.ok) process.exitCode = 1;
      });
    }),
  );

  common(program.command('backup').description('online backup of the workspace to a new file').requiredOption('--out <file>', 'backup file to write')).action(
    action(async (opts: CommonOptions & { out: string }) => {
      await withApi(opts, async (api) => {
        const r = await api.send('system.backup', { out: opts.out });
        output(opts, r, () => `Backup written: ${r.path} (${r.bytes} bytes)`);
      });
    }),
  );
}
