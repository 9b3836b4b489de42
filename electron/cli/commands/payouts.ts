import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Result } from '../../contract';
import { formatMoney } from '../../../shared/money';
import { action, cliLanguage, common, output, populationLine, progressPrinter, statementLanguage, withApi, type CommonOptions } from '../runtime';
import { cliText, cliWord } from '../cliTexts';

type Lang = 'zh-CN' | 'en';

const EXPLANATION_LANG = "language of the output and of the lines' explanations: zh or en (default: PWB_LANG, else the workspace's language, else the locale; --json: en)";
/** --json keeps its English explanations unless --lang asks for another language (the machine contract). */
const jsonLang = (lang: string | undefined): Lang => (lang ? cliLanguage(lang) : 'en');
const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

function runJson(run: Result<'incentives.payouts.get'>, lang: Lang) {
  return {
    runId: run.id,
    programCode: run.programCode,
    period: run.period,
    version: run.version,
    status: run.status,
    currency: run.currency,
    totalMinor: run.totalMinor,
    population: run.population,
    lines: run.lines.map((l) => ({
      partnerCode: l.partnerCode,
      kind: l.kind,
      basisMinor: l.basisMinor,
      rate: l.rate,
      tierReached: l.tierReached,
      amountMinor: l.amountMinor,
      explanation: lang === 'en' ? l.explanationEn : l.explanation,
    })),
  };
}

function runText(run: Result<'incentives.payouts.get'>, lang: Lang): string {
  return [
    cliText(lang, 'payouts.run', { id: run.id, program: run.programCode, period: run.period, version: run.version, status: cliWord(lang, 'payoutStatus', run.status), total: formatMoney(run.totalMinor, run.currency) }),
    ...run.lines.map((l) => `${l.partnerCode}\t${cliWord(lang, 'payoutLineKind', l.kind)}\t${formatMoney(l.amountMinor, run.currency)}\t${lang === 'en' ? l.explanationEn : l.explanation}`),
    populationLine(run.population, lang),
  ]
    .filter(Boolean)
    .join('\n');
}

export function register(program: Command): void {
  const programs = program.command('programs').description('incentive programs (program files: see README "Incentives, payouts and statements")');
  common(programs.command('add').argument('<file>', 'program file (JSON: one program or an array)').description('add or replace programs from a JSON file')).action(
    action(async (file: string, opts: CommonOptions) => {
      await withApi(opts, async (api) => {
        const r = await api.send('incentives.programs.import', { content: readFileSync(resolve(file), 'utf8') });
        output(opts, r, () => cliText(cliLanguage(opts.lang), 'programs.added', { count: r.imported, codes: r.codes.join(', ') }));
      });
    }),
  );
  common(programs.command('list').description('list programs')).action(
    action(async (opts: CommonOptions) => {
      await withApi(opts, async (api) => {
        const r = await api.send('incentives.programs.list', {});
        const lang = cliLanguage(opts.lang);
        output(opts, r, () => r.map((p) => [p.code, cliWord(lang, 'programType', p.type), cliWord(lang, 'periodKind', p.periodKind), p.validFrom, p.validTo ?? '', p.name].join('\t')).join('\n') || cliText(lang, 'programs.none'));
      });
    }),
  );
  common(programs.command('templates').description('program templates pulled from HQ (pwb hq pull); read-only, copy one with from-template')).action(
    action(async (opts: CommonOptions) => {
      await withApi(opts, async (api) => {
        const r = await api.send('incentives.programs.templates', {});
        const lang = cliLanguage(opts.lang);
        output(opts, r, () => r.map((x) => [x.code, cliText(lang, 'payouts.version', { version: x.version }), cliWord(lang, 'programType', x.type), x.name].join('\t')).join('\n') || cliText(lang, 'programs.noTemplates'));
      });
    }),
  );
  common(
    programs
      .command('from-template')
      .argument('<template>', 'the HQ template code (pwb programs templates)')
      .description('a new local program copied from an HQ template (the template stays read-only)')
      .requiredOption('--code <code>', 'the new program\'s code')
      .option('--name <name>', 'its name (default: the template\'s)')
      .option('--valid-from <date>', 'first day (default: 1 January of this year)')
      .option('--valid-to <date>', 'last day (default: 31 December of this year)'),
  ).action(
    action(async (template: string, opts: CommonOptions & { code: string; name?: string; validFrom?: string; validTo?: string }) => {
      await withApi(opts, async (api) => {
        const r = await api.send('incentives.programs.fromTemplate', {
          template,
          code: opts.code,
          ...(opts.name ? { name: opts.name } : {}),
          ...(opts.validFrom ? { validFrom: opts.validFrom } : {}),
          ...(opts.validTo ? { validTo: opts.validTo } : {}),
        });
        output(opts, r, () => cliText(cliLanguage(opts.lang), 'programs.fromTemplate', { code: r.code, name: r.name, template }));
      });
    }),
  );
  common(programs.command('export').description('write program files').requiredOption('--out <file>', 'JSON file to write').option('--overwrite', 'replace the file if it exists')).action(
    action(async (opts: CommonOptions & { out: string; overwrite?: boolean }) => {
      await withApi(opts, async (api) => {
        const r = await api.send('incentives.programs.export', { out: resolve(opts.out), onExists: opts.overwrite ? 'replace' : 'refuse' });
        output(opts, { path: r.path, count: r.programs.length }, () => cliText(cliLanguage(opts.lang), 'programs.exported', { count: r.programs.length, path: r.path }));
      });
    }),
  );

  const payouts = program.command('payouts').description('payout runs: calculate, approve, pay');
  common(payouts.command('calc').description('calculate a draft payout run (recalculating a draft makes a new version)'), EXPLANATION_LANG)
    .requiredOption('--program <code>', 'program code')
    .requiredOption('--period <period>', 'period: 2025-03, 2025-Q1, 2025-H1 or 2025')
    .action(
      action(async (opts: CommonOptions & { program: string; period: string }) => {
        await withApi(opts, async (api) => {
          const run = await api.send('incentives.payouts.calculate', { programCode: opts.program, period: opts.period }, { onProgress: progressPrinter() });
          output(opts, runJson(run, jsonLang(opts.lang)), () => runText(run, cliLanguage(opts.lang)));
        });
      }),
    );
  common(payouts.command('list').description('list payout runs'))
    .option('--program <code>', 'program code')
    .action(
      action(async (opts: CommonOptions & { program?: string }) => {
        await withApi(opts, async (api) => {
          const programId = opts.program ? (await api.send('incentives.programs.get', { code: opts.program })).id : undefined;
          const runs = await api.send('incentives.payouts.runs', { programId });
          const lang = cliLanguage(opts.lang);
          output(opts, runs, () => runs.map((r) => [r.id, r.programCode, r.period, cliText(lang, 'payouts.version', { version: r.version }), cliWord(lang, 'payoutStatus', r.status), formatMoney(r.totalMinor, r.currency)].join('\t')).join('\n') || cliText(lang, 'payouts.none'));
        });
      }),
    );
  common(payouts.command('show').argument('<runId>', 'run id').description('show a run with its lines'), EXPLANATION_LANG)
    .action(
      action(async (runId: string, opts: CommonOptions) => {
        await withApi(opts, async (api) => {
          const run = await api.send('incentives.payouts.get', { runId: Number(runId) });
          output(opts, runJson(run, jsonLang(opts.lang)), () => runText(run, cliLanguage(opts.lang)));
        });
      }),
    );
  common(payouts.command('approve').argument('<runId>', 'run id').description('approve a draft run (it is frozen afterwards)')).action(
    action(async (runId: string, opts: CommonOptions) => {
      await withApi(opts, async (api) => {
        const r = await api.send('incentives.payouts.approve', { runId: Number(runId) });
        output(opts, { runId: r.id, status: r.status, totalMinor: r.totalMinor }, () => cliText(cliLanguage(opts.lang), 'payouts.approved', { id: r.id, total: formatMoney(r.totalMinor, r.currency) }));
      });
    }),
  );
  common(payouts.command('pay').argument('<runId>', 'run id').description('mark an approved run paid'))
    .requiredOption('--ref <reference>', 'payment reference')
    .option('--date <date>', 'payment date YYYY-MM-DD (default today)')
    .action(
      action(async (runId: string, opts: CommonOptions & { ref: string; date?: string }) => {
        await withApi(opts, async (api) => {
          const r = await api.send('incentives.payouts.pay', { runId: Number(runId), paymentRef: opts.ref, date: opts.date });
          output(opts, { runId: r.id, status: r.status, paymentRef: r.paymentRef, paidAt: r.paidAt }, () => cliText(cliLanguage(opts.lang), 'payouts.paid', { id: r.id, ref: r.paymentRef, day: r.paidAt }));
        });
      }),
    );
  common(payouts.command('void').argument('<runId>', 'run id').description('void a draft or approved run'))
    .requiredOption('--reason <text>', 'why')
    .action(
      action(async (runId: string, opts: CommonOptions & { reason: string }) => {
        await withApi(opts, async (api) => {
          const r = await api.send('incentives.payouts.void', { runId: Number(runId), reason: opts.reason });
          output(opts, { runId: r.id, status: r.status }, () => cliText(cliLanguage(opts.lang), 'payouts.voided', { id: r.id }));
        });
      }),
    );

  const statements = program.command('statements').description('payout statements');
  common(
    statements.command('export').description('write the statements of an approved or paid run (PDF, XLSX per partner; finance CSV/XLSX; zip)'),
    "statement language: zh (zh-CN), en or bilingual (default: the company profile's statement language); refusals are printed in it too",
  )
    .requiredOption('--run <runId>', 'run id')
    .requiredOption('--out <dir>', 'folder to write into')
    .option('--format <formats>', 'pdf,xlsx,csv', list)
    .option('--no-zip', 'do not write the zip')
    .option('--overwrite', 'write over the statements of an earlier export in the same folder')
    .action(
      action(async (opts: CommonOptions & { run: string; out: string; format?: string[]; zip: boolean; lang?: string; overwrite?: boolean }) => {
        const language = statementLanguage(opts.lang);
        await withApi(opts, async (api) => {
          const r = await api.send(
            'statements.export',
            { runId: Number(opts.run), out: resolve(opts.out), onExists: opts.overwrite ? 'replace' : 'refuse', formats: opts.format as Array<'pdf' | 'xlsx' | 'csv'> | undefined, zip: opts.zip, language },
            { onProgress: progressPrinter() },
          );
          const files = r.zip ? [...r.files, r.zip] : r.files;
          output(opts, { runId: r.runId, dir: r.dir, zip: r.zip, files, statements: r.statements }, () => files.join('\n'));
        });
      }),
    );
}
