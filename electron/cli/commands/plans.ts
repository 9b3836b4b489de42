import type { Command } from 'commander';
import { decimalToMinor, formatMinor, formatMoney } from '../../../shared/money';
import { isQuantityMetric, type PlanDetail, type PlanMetric, type PlanScope } from '../../contract/plans';
import { action, cliLanguage, common, output, withApi, type CommonOptions } from '../runtime';
import { CliError, cliText, cliWord, type CliLanguage } from '../cliTexts';

interface CreateOptions extends CommonOptions {
  code: string;
  name?: string;
  metric: string;
  period: string;
  total?: string;
  method: string;
  uplift?: string;
  upliftBy?: string;
  scope?: string;
  minimum?: string;
  timeSplit?: string;
  stretch?: string;
  challenge?: string;
}

/** Units of a quantity metric: whole numbers. */
function units(text: string, what: string): number {
  const t = text.replace(/,/g, '').trim();
  if (!/^\d+$/.test(t)) throw new CliError('plans.notUnits', { what, text });
  return Number(t);
}

const figure = (metric: PlanMetric, v: number) => (isQuantityMetric(metric) ? v.toLocaleString('en-US') : formatMoney(v));

function amount(text: string, what: string): number {
  const v = decimalToMinor(text.replace(/,/g, ''));
  if (v === null || v < 0) throw new CliError('plans.notAmount', { what, text });
  return v;
}

/** --scope all | territory=华东 | channelType=dealer | manager=张伟 */
export function parseScope(text: string | undefined): PlanScope {
  if (!text || text === 'all') return { kind: 'all' };
  const m = /^(territory|channelType|channel-type|manager|channelManager)=(.+)$/.exec(text);
  if (!m) throw new CliError('plans.badScope', { text });
  const kind = m[1] === 'channel-type' ? 'channelType' : m[1] === 'manager' ? 'channelManager' : m[1];
  return { kind, value: m[2] } as PlanScope;
}

/** --uplift 0.10 (everyone) or --uplift tier1=0.15,tier2=0.10,0.05 (per tier or grade, with a default). */
export function parseUplift(text: string | undefined, by: string | undefined) {
  const out: { default: number; by: 'tier' | 'grade' | null; rates: Record<string, number> } = { default: 0, by: null, rates: {} };
  if (!text) return out;
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const kv = /^([\w-]+)=(-?[\d.]+)$/.exec(part);
    if (kv) out.rates[kv[1]] = Number(kv[2]);
    else if (/^-?[\d.]+$/.test(part)) out.default = Number(part);
    else throw new CliError('plans.badUplift', { text: part });
  }
  if (Object.keys(out.rates).length) out.by = by === 'grade' || Object.keys(out.rates).some((k) => /^[A-D]$/.test(k)) ? 'grade' : 'tier';
  return out;
}

/** The CLI's JSON of a plan: {code, total, totalMinor, …, allocations: [{partnerCode, amountMinor, quarters, months}]}. */
function planJson(p: PlanDetail) {
  return {
    code: p.code,
    total: isQuantityMetric(p.metric) ? String(p.totalMinor) : formatMinor(p.totalMinor, 'CNY', { grouping: false }),
    totalMinor: p.totalMinor,
    metric: p.metric,
    period: p.period,
    scope: p.scope,
    method: p.rules.method,
    status: p.status,
    publishedVersion: p.publishedVersion,
    allocations: p.allocations,
    versions: p.versions,
  };
}

function planText(p: PlanDetail, lang: CliLanguage): string {
  const head = [
    p.code,
    `${cliWord(lang, 'planMetric', p.metric)} ${p.period}`,
    cliWord(lang, 'planMethod', p.rules.method),
    figure(p.metric, p.totalMinor),
    `${cliWord(lang, 'planStatus', p.status)}${p.publishedVersion ? ` ${cliText(lang, 'payouts.version', { version: p.publishedVersion })}` : ''}`,
  ].join(' · ');
  const att = new Map(p.attainment.map((a) => [a.key, a]));
  const lines = p.nodes.map((n) => {
    const indent = { plan: '', territory: '  ', channelManager: '    ', partner: '      ' }[n.kind];
    const a = att.get(n.key);
    const pct = a?.attainmentToDate != null ? ` ${(a.attainmentToDate * 100).toFixed(1)}%` : '';
    const name = lang === 'en' ? (n.nameEn ?? n.nameZh) : n.nameZh;
    return `${indent}${n.kind === 'plan' ? p.code : `${n.code ?? ''} ${name}`.trim()}\t${figure(p.metric, n.amountMinor)}${n.locked ? ' 🔒' : ''}${pct}`;
  });
  return [head, ...lines].join('\n');
}

/** `pwb plans create|list|show|lock|publish`: target plans allocated down territories, channel managers and partners. */
export function register(program: Command): void {
  const plans = program.command('plans').description('target plans (目标计划): allocate a total down the territory tree, publish as targets');
  common(plans.command('create').description('create a target plan and allocate it'))
    .requiredOption('--code <code>', 'plan code')
    .option('--name <name>', 'plan name')
    .option('--metric <metric>', 'revenue, margin or sellThroughQuantity', 'revenue')
    .requiredOption('--period <period>', 'year (2025), half (2025-H1) or quarter (2025-Q3)')
    .option('--total <amount>', 'total in yuan (units for sellThroughQuantity) (default: the scope’s same period last year × (1 + uplift))')
    .requiredOption('--method <method>', 'last-year-share, last-12-months, equal, growth-weighted or manual')
    .option('--uplift <rates>', 'growth: 0.10, or per tier / grade: tier1=0.15,tier2=0.10,0.05')
    .option('--uplift-by <what>', 'tier or grade (for per-key uplifts)')
    .option('--scope <scope>', 'all, territory=华东, channelType=dealer or manager=NAME', 'all')
    .option('--minimum <amount>', 'yuan for a partner without history', '0')
    .option('--time-split <how>', 'seasonal (last year’s months) or equal', 'seasonal')
    .option('--stretch <pct>', '冲刺 level, % of the target', '110')
    .option('--challenge <pct>', '挑战 level, % of the target', '120')
    .action(
      action(async (opts: CreateOptions) => {
        const quantity = opts.metric === 'sellThroughQuantity';
        await withApi(opts, async (api) => {
          const p = await api.send('plans.create', {
            code: opts.code,
            name: opts.name,
            metric: opts.metric as PlanMetric,
            period: opts.period,
            scope: parseScope(opts.scope),
            totalMinor: opts.total !== undefined ? (quantity ? units(opts.total, '--total') : amount(opts.total, '--total')) : undefined,
            rules: {
              method: opts.method as 'equal',
              uplift: parseUplift(opts.uplift, opts.upliftBy) as never,
              newPartnerMinimumMinor: quantity ? units(opts.minimum ?? '0', '--minimum') : amount(opts.minimum ?? '0', '--minimum'),
              timeSplit: opts.timeSplit as 'seasonal',
              stretchPct: Number(opts.stretch),
              challengePct: Number(opts.challenge),
            },
          });
          output(opts, planJson(p), () => planText(p, cliLanguage(opts.lang)));
        });
      }),
    );
  common(plans.command('list').description('every plan with its status')).action(
    action(async (opts: CommonOptions) => {
      await withApi(opts, async (api) => {
        const rows = await api.send('plans.list', {});
        const lang = cliLanguage(opts.lang);
        output(opts, rows, () =>
          rows
            .map((p) => [p.code, cliWord(lang, 'planMetric', p.metric), p.period, cliWord(lang, 'planMethod', p.rules.method), figure(p.metric, p.totalMinor), cliWord(lang, 'planStatus', p.status), p.publishedVersion ? cliText(lang, 'payouts.version', { version: p.publishedVersion }) : ''].join('\t'))
            .join('\n') || cliText(lang, 'plans.none'),
        );
      });
    }),
  );
  common(plans.command('show').argument('<code>', 'plan code').description('the allocation tree with attainment and forecast'))
    .option('--version <n>', 'a published version instead of the draft')
    .action(
      action(async (code: string, opts: CommonOptions & { version?: string }) => {
        await withApi(opts, async (api) => {
          const p = await api.send('plans.show', { code, version: opts.version ? Number(opts.version) : undefined });
          output(opts, { ...planJson(p), nodes: p.nodes, attainment: p.attainment, asOf: p.asOf, shownVersion: p.shownVersion }, () => planText(p, cliLanguage(opts.lang)));
        });
      }),
    );
  common(plans.command('lock').argument('<code>', 'plan code').argument('<node>', "node: partner code, t:TERRITORY, m:TERRITORY/MANAGER_ID").argument('<amount>', 'yuan (units for a sell-through plan), or "off" to unlock'))
    .description('lock a node at an amount (manual override); the rest is re-spread')
    .action(
      action(async (code: string, node: string, value: string, opts: CommonOptions) => {
        await withApi(opts, async (api) => {
          const key = /^(t|m|p):/.test(node) ? node : `p:${node}`;
          const quantity = value !== 'off' && isQuantityMetric((await api.send('plans.list', {})).find((x) => x.code.toLowerCase() === code.toLowerCase())?.metric ?? 'revenue');
          const p = await api.send('plans.lock', { code, node: key, amountMinor: value === 'off' ? null : quantity ? units(value, cliText(cliLanguage(opts.lang), 'plans.amountWhat')) : amount(value, cliText(cliLanguage(opts.lang), 'plans.amountWhat')) });
          output(opts, planJson(p), () => planText(p, cliLanguage(opts.lang)));
        });
      }),
    );
  common(plans.command('publish').argument('<code>', 'plan code').description('publish the plan as a new version: writes the partners’ targets')).action(
    action(async (code: string, opts: CommonOptions) => {
      await withApi(opts, async (api) => {
        const r = await api.send('plans.publish', { code });
        output(opts, r, () => cliText(cliLanguage(opts.lang), 'plans.published', { code: r.code, version: r.version, total: formatMoney(r.totalMinor), count: r.targetsWritten }));
      });
    }),
  );
  common(plans.command('export').argument('<code>', 'plan code').description('write the plan as an XLSX workbook to edit in Excel or WPS'), 'language of the workbook\'s headers and the output: zh or en (default: zh for the workbook)')
    .requiredOption('--out <file>', 'the .xlsx file to write')
    .option('--overwrite', 'replace an existing file (without it an existing file is refused)')
    .action(
      action(async (code: string, opts: CommonOptions & { out: string; overwrite?: boolean }) => {
        await withApi(opts, async (api) => {
          const r = await api.send('plans.exportXlsx', { code, out: opts.out, lang: opts.lang && cliLanguage(opts.lang) === 'en' ? 'en' : 'zh-CN', onExists: opts.overwrite ? 'replace' : 'refuse' });
          output(opts, r, () => cliText(cliLanguage(opts.lang), 'plans.exported', { path: r.path, count: r.rows }));
        });
      }),
    );
  common(plans.command('import').argument('<code>', 'plan code').argument('<file>', 'the edited .xlsx workbook').description('bring an edited plan workbook back (all or nothing)')).action(
    action(async (code: string, file: string, opts: CommonOptions) => {
      await withApi(opts, async (api) => {
        const r = await api.send('plans.importXlsx', { code, path: file });
        output(opts, { ...planJson(r.plan), locked: r.locked, unlocked: r.unlocked, totalChanged: r.totalChanged }, () => {
          const lang = cliLanguage(opts.lang);
          return `${cliText(lang, 'plans.imported', { locked: r.locked, unlocked: r.unlocked })}${r.totalChanged ? cliText(lang, 'plans.totalChanged') : ''}\n${planText(r.plan, lang)}`;
        });
      });
    }),
  );
}
