import type { Command } from 'commander';
import type { Result } from '../../contract';
import { action, cliLanguage, common, output, populationLine, progressPrinter, withApi, type CommonOptions } from '../runtime';
import { CliError, cliText } from '../cliTexts';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const days = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new CliError('training.days', { value: v });
  return n;
};

export function register(program: Command): void {
  const training = program.command('training').description('training records, certifications and compliance');

  common(training.command('compliance').description('training compliance per partner at a date'))
    .option('--as-of <date>', 'date YYYY-MM-DD (default: today)')
    .action(
      action(async (opts: CommonOptions & { asOf?: string }) => {
        await withApi(opts, async (api) => {
          const r = (await api.sendRaw('training.compliance', { asOf: opts.asOf })) as Result<'training.compliance'>;
          const rows = r.rows.map((x) => ({
            partnerCode: x.partnerCode,
            required: x.required,
            valid: x.valid,
            expiringIn90Days: x.expiringIn90Days,
            compliance: x.compliance,
          }));
          const lang = cliLanguage(opts.lang);
          output(opts, { asOf: r.asOf, rows, population: r.population }, () =>
            [
              (['partner', 'required', 'valid', 'expiring', 'compliance'] as const).map((c) => cliText(lang, `training.col.${c}`)).join('\t'),
              ...rows.map((x) => [x.partnerCode, x.required, x.valid, x.expiringIn90Days, pct(x.compliance)].join('\t')),
              cliText(lang, 'training.partnersAsOf', { count: rows.length, asOf: r.asOf }),
              populationLine(r.population, cliLanguage(opts.lang)),
            ].join('\n'),
          );
        });
      }),
    );

  common(training.command('expiring').description('certifications expiring within N days (optionally exported)'), 'language of the output and of the --out file: zh or en (default: zh-CN for the file)')
    .option('--days <n>', 'window in days', days, 90)
    .option('--as-of <date>', 'date YYYY-MM-DD (default: today)')
    .option('--out <file>', 'also write the list to a .csv or .xlsx file')
    .option('--overwrite', 'replace the --out file if it exists')
    .action(
      action(async (opts: CommonOptions & { days: number; asOf?: string; out?: string; overwrite?: boolean }) => {
        await withApi(opts, async (api) => {
          const r = (await api.sendRaw('training.expiring', { asOf: opts.asOf, days: opts.days })) as Result<'training.expiring'>;
          let written: string | undefined;
          if (opts.out) {
            const format = opts.out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
            const e = (await api.sendRaw(
              'training.exportExpiring',
              { asOf: r.asOf, days: opts.days, format, lang: opts.lang ? cliLanguage(opts.lang) : 'zh-CN', out: opts.out, onExists: opts.overwrite ? 'replace' : 'refuse' },
              { onProgress: progressPrinter() },
            )) as Result<'training.exportExpiring'>;
            written = e.path;
          }
          const rows = r.rows.map((x) => ({
            partnerCode: x.partnerCode,
            courseCode: x.courseCode,
            trainee: x.trainee,
            certificateNo: x.certificateNo,
            completedOn: x.completedOn,
            expiresOn: x.expiresOn,
            daysLeft: x.daysLeft,
            required: x.required,
            partnerCovered: x.partnerCovered,
          }));
          const lang = cliLanguage(opts.lang);
          output(opts, rows, () =>
            [
              ...rows.map((x) => [x.expiresOn, cliText(lang, 'training.daysLeft', { n: x.daysLeft }), x.partnerCode, x.courseCode, x.trainee, x.certificateNo ?? ''].join('\t')),
              `${cliText(lang, 'training.expiring', { certifications: cliText(lang, 'training.expiringCertifications', { count: rows.length }), asOf: r.asOf, days: cliText(lang, 'training.expiringDays', { count: r.days }) })}${written ? cliText(lang, 'training.written', { path: written }) : ''}`,
            ].join('\n'),
          );
        });
      }),
    );
}
