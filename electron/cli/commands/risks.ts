import type { Command } from 'commander';
import { RISK_CATEGORIES, RISK_STATUSES } from '../../../db/schema';
import type { Result } from '../../contract';
import { RISK_LEVELS as RISK_LEVEL_VALUES } from '../../../shared/enums';
import { action, cliLanguage, common, output, withApi, type CommonOptions } from '../runtime';
import { cliText, cliWord, displayWidth } from '../cliTexts';
import { riskText } from '../../../shared/riskTexts';

const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

interface ListOptions extends CommonOptions {
  status?: string[];
  level?: string[];
  category?: string[];
  asOf?: string;
  residual?: boolean;
  lang?: string;
}

export function register(program: Command): void {
  const risks = program.command('risks').description('risk register');
  common(risks.command('list').description('list the risk register (score and level derived from likelihood × impact and the bands)'))
    .option('--status <statuses>', `statuses (${RISK_STATUSES.join(',')})`, list)
    .option('--level <levels>', `levels (${RISK_LEVEL_VALUES.join(',')})`, list)
    .option('--category <categories>', `categories (${RISK_CATEGORIES.join(',')})`, list)
    .option('--as-of <date>', 'the register as it stood at the end of this day (YYYY-MM-DD)')
    .option('--residual', 'level filter on the residual score')
    .action(
      action(async (opts: ListOptions) => {
        await withApi(opts, async (api) => {
          const r = (await api.sendRaw('risks.list', {
            statuses: opts.status,
            levels: opts.level,
            categories: opts.category,
            asOf: opts.asOf,
            basis: opts.residual ? 'residual' : undefined,
          })) as Result<'risks.list'>;
          const rows = r.rows.map((x) => ({
            code: x.code,
            // The words of the risks the workbench raised, in the reader's language (shared/riskTexts).
            title: riskText(x, cliLanguage(opts.lang)).title,
            category: x.category,
            partnerCode: x.partnerCode,
            likelihood: x.likelihood,
            impact: x.impact,
            score: x.score,
            level: x.level,
            status: x.status,
            owner: x.owner,
            nextReview: x.nextReviewOn,
          }));
          const lang = cliLanguage(opts.lang);
          output(opts, rows, () =>
            [
              ...rows.map((x) => [x.code, cliWord(lang, 'riskLevel', x.level), String(x.score).padStart(2), cliWord(lang, 'riskStatus', x.status), cliWord(lang, 'riskCategory', x.category), x.partnerCode ?? '-', x.title].join('\t')),
              cliText(lang, 'risks.total', { count: rows.length }),
            ].join('\n'),
          );
        });
      }),
    );
  common(risks.command('heatmap').description('5×5 counts per likelihood × impact cell'))
    .option('--residual', 'residual instead of inherent scores')
    .option('--status <statuses>', `statuses (${RISK_STATUSES.join(',')})`, list)
    .action(
      action(async (opts: CommonOptions & { residual?: boolean; status?: string[] }) => {
        await withApi(opts, async (api) => {
          const r = (await api.sendRaw('risks.heatMap', { basis: opts.residual ? 'residual' : 'inherent', statuses: opts.status })) as Result<'risks.heatMap'>;
          const lang = cliLanguage(opts.lang);
          output(opts, r, () => {
            const head = cliText(lang, 'risks.heatHeader');
            const w = displayWidth(head);
            const lines = [`${head}  1  2  3  4  5`];
            for (let l = 5; l >= 1; l--) {
              lines.push(`${String(l).padStart(w)} ${[1, 2, 3, 4, 5].map((i) => String(r.cells.find((c) => c.likelihood === l && c.impact === i)?.count ?? 0).padStart(2)).join(' ')}`);
            }
            lines.push(cliText(lang, 'risks.heatTotal', { count: r.total, basis: cliText(lang, r.basis === 'residual' ? 'risks.basis.residual' : 'risks.basis.inherent') }));
            return lines.join('\n');
          });
        });
      }),
    );
  common(risks.command('overdue').description('reviews and actions past their dates'))
    .option('--as-of <date>', 'date to compare with (default today)')
    .action(
      action(async (opts: CommonOptions & { asOf?: string; lang?: string }) => {
        await withApi(opts, async (api) => {
          const raw = (await api.sendRaw('risks.overdue', { asOf: opts.asOf })) as Result<'risks.overdue'>;
          const r = { ...raw, reviews: raw.reviews.map((x) => ({ ...x, title: riskText(x, cliLanguage(opts.lang)).title })) };
          const lang = cliLanguage(opts.lang);
          const over = (n: number) => cliText(lang, 'risks.daysOver', { n });
          output(opts, r, () =>
            [
              ...r.reviews.map((x) => `${cliText(lang, 'risks.review')}\t${x.code}\t${x.nextReviewOn}\t${over(x.daysOverdue)}\t${x.owner ?? '-'}\t${x.title}`),
              ...r.actions.map((x) => `${cliText(lang, 'risks.action')}\t${x.code}\t${x.dueOn}\t${over(x.daysOverdue)}\t${x.owner ?? '-'}\t${x.description}`),
              cliText(lang, 'risks.overdueTotal', { reviews: cliText(lang, 'risks.overdueReviews', { count: r.reviews.length }), actions: cliText(lang, 'risks.overdueActions', { count: r.actions.length }), asOf: r.asOf }),
            ].join('\n'),
          );
        });
      }),
    );
}
