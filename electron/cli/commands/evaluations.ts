import type { Command } from 'commander';
import type { ScorecardRow } from '../../contract/evaluations';
import { action, cliLanguage, common, output, populationLine, progressPrinter, withApi, type CommonOptions } from '../runtime';
import { CliError, cliText, cliWord, type CliLanguage } from '../cliTexts';

const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

/** The scorecard fields the CLI prints, in this order (money in minor units, ratios as plain numbers, null where undefined). */
function cliCard(r: ScorecardRow) {
  return {
    partnerCode: r.partnerCode,
    revenueMinor: r.revenueMinor,
    targetMinor: r.targetMinor,
    attainment: r.attainment,
    growthPrev: r.growthPrev,
    growthYoY: r.growthYoY,
    grossMargin: r.grossMargin,
    orders: r.orders,
    activeCustomers: r.activeCustomers,
    newCustomers: r.newCustomers,
    retention: r.retention,
    satisfaction: r.satisfaction,
    trainingCompliance: r.trainingCompliance,
    sellThroughRate: r.sellThroughRate,
    daysOfInventory: r.daysOfInventory,
    inventoryTurnover: r.inventoryTurnover,
    crossTerritoryShare: r.crossTerritoryShare,
    belowFloorShare: r.belowFloorShare,
    healthScore: r.healthScore,
    grade: r.grade,
    tierRecommendation: r.tierRecommendation,
  };
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
function table(cards: ReturnType<typeof cliCard>[], lang: CliLanguage): string {
  const head = (['partner', 'revenue', 'target', 'attainment', 'qoq', 'yoy', 'score', 'grade', 'tier'] as const).map((c) => cliText(lang, `eval.col.${c}`));
  const lines = cards.map((c) =>
    [c.partnerCode, (c.revenueMinor / 100).toFixed(2), c.targetMinor === null ? '—' : (c.targetMinor / 100).toFixed(2), pct(c.attainment), pct(c.growthPrev), pct(c.growthYoY), c.healthScore.toFixed(1), c.grade, cliWord(lang, 'tier', c.tierRecommendation)].join('\t'),
  );
  return [head.join('\t'), ...lines].join('\n');
}

export function register(program: Command): void {
  common(program.command('evaluate').description('evaluate partners for a period and store the run (a new version each time)'))
    .requiredOption('--period <period>', 'month 2019-03, quarter 2019-Q1, half 2019-H1 or year 2019')
    .option('--partners <codes>', 'only these partner codes (comma-separated)', list)
    .action(
      action(async (opts: CommonOptions & { period: string; partners?: string[] }) => {
        await withApi(opts, async (api) => {
          const run = await api.send('evaluations.run', { period: opts.period, partnerCodes: opts.partners, trigger: 'cli' }, { onProgress: progressPrinter() });
          const { rows } = await api.send('evaluations.scorecards.list', { runId: run.runId });
          const scorecards = [...rows].sort((a, b) => a.partnerCode.localeCompare(b.partnerCode)).map(cliCard);
          const lang = cliLanguage(opts.lang);
          output(opts, { runId: run.runId, period: run.period, population: run.population, scorecards }, () =>
            [table(scorecards, lang), cliText(lang, 'eval.run', { id: run.runId, period: run.period, version: run.version, count: run.partnerCount }), populationLine(run.population, lang)].join('\n'),
          );
        });
      }),
    );

  common(program.command('scorecards').description("print a period's latest scorecards"))
    .requiredOption('--period <period>', 'the evaluated period')
    .action(
      action(async (opts: CommonOptions & { period: string }) => {
        await withApi(opts, async (api) => {
          const runs = await api.send('evaluations.runs', { period: opts.period, limit: 1 });
          if (runs.length === 0) throw new CliError('eval.noRun', { period: opts.period });
          const { rows } = await api.send('evaluations.scorecards.list', { period: opts.period });
          const scorecards = [...rows].sort((a, b) => a.partnerCode.localeCompare(b.partnerCode)).map(cliCard);
          output(opts, { runId: runs[0].id, period: opts.period, population: runs[0].population, scorecards }, () => [table(scorecards, cliLanguage(opts.lang)), populationLine(runs[0].population, cliLanguage(opts.lang))].filter(Boolean).join('\n'));
        });
      }),
    );

  const schedules = program.command('schedules').description('evaluation schedules');
  common(schedules.command('list').description('list schedules')).action(
    action(async (opts: CommonOptions) => {
      await withApi(opts, async (api) => {
        const s = await api.send('evaluations.schedules.list', {});
        const lang = cliLanguage(opts.lang);
        output(opts, s, () =>
          s.map((x) => [x.id, x.name, cliWord(lang, 'cycle', x.cycle), cliText(lang, x.enabled ? 'schedules.on' : 'schedules.off'), cliText(lang, 'schedules.lag', { n: x.lagDays }), x.lastPeriod ?? '—', cliWord(lang, 'outcome', x.lastOutcome)].join('\t')).join('\n') ||
          cliText(lang, 'schedules.none'),
        );
      });
    }),
  );
  common(schedules.command('run-due').description('run every schedule-period that is due, catching up missed ones (what the app runs hourly)'))
    .option('--as-of <datetime>', 'pretend it is this moment (ISO 8601), for testing')
    .action(
      action(async (opts: CommonOptions & { asOf?: string }) => {
        await withApi(opts, async (api) => {
          const asOf = opts.asOf ? new Date(opts.asOf).toISOString() : undefined;
          const r = await api.send('evaluations.schedules.runDue', { asOf }, { onProgress: progressPrinter() });
          const lang = cliLanguage(opts.lang);
          output(opts, r, () =>
            r.runs.length
              ? r.runs.map((x) => [x.scheduleName, x.period, cliWord(lang, 'outcome', x.outcome), x.runId ?? '', x.message ?? populationLine(x.population, lang)].join('\t')).join('\n')
              : cliText(lang, 'schedules.nothingDue', { asOf: r.asOf }),
          );
          if (r.runs.some((x) => x.outcome === 'failed')) process.exitCode = 1;
        });
      }),
    );
}
