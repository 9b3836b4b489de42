import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Result } from '../../contract';
import { REVIEW_ACTION_STATUSES, TIERS } from '../../../shared/enums';
import { action, cliLanguage, common, output, progressPrinter, withApi, type CommonOptions } from '../runtime';
import { CliError, cliText, cliWord } from '../cliTexts';

const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);
const repeat = (v: string, prev: string[] = []) => [...prev, v];

/** "description|owner|YYYY-MM-DD" (owner and due date optional) → an action item. */
function parseAction(text: string): { description: string; owner: string | null; dueOn: string | null } {
  const [description, owner, dueOn] = text.split('|').map((s) => s.trim());
  return { description: description ?? '', owner: owner || null, dueOn: dueOn || null };
}

interface RecordOptions extends CommonOptions {
  partner: string;
  period: string;
  date: string;
  attendee?: string[];
  minutes?: string;
  decision?: string[];
  action?: string[];
}

export function register(program: Command): void {
  const reviews = program.command('reviews').description('business reviews (业务回顾 / QBR): meetings, action items, review packs');

  common(reviews.command('record').description('record a review meeting with its decisions and action items'))
    .requiredOption('--partner <code>', 'partner code')
    .requiredOption('--period <period>', 'period reviewed (2026-Q3, 2026-H1, 2026, 2026-09)')
    .requiredOption('--date <date>', 'day the meeting was held (YYYY-MM-DD)')
    .option('--attendee <name>', 'an attendee (repeat the option)', repeat)
    .option('--minutes <text>', 'minutes (纪要)')
    .option('--decision <text>', 'a decision (repeat the option)', repeat)
    .option('--action <item>', 'an action item "description|owner|YYYY-MM-DD" (repeat the option)', repeat)
    .action(
      action(async (opts: RecordOptions) => {
        await withApi(opts, async (api) => {
          const partner = (await api.sendRaw('partners.getByCode', { code: opts.partner })) as { id: number };
          const m = (await api.sendRaw('reviews.meetings.save', {
            partnerId: partner.id,
            period: opts.period,
            heldOn: opts.date,
            attendees: opts.attendee ?? [],
            minutes: opts.minutes ?? null,
            decisions: opts.decision ?? [],
            actions: (opts.action ?? []).map(parseAction),
          })) as Result<'reviews.meetings.save'>;
          output(opts, m, () => cliText(cliLanguage(opts.lang), 'reviews.recorded', { id: m.id, partner: m.partnerCode, period: m.period, day: m.heldOn, count: m.actions.length }));
        });
      }),
    );

  common(reviews.command('meetings').description('list review meetings, newest first'))
    .option('--partner <code>', 'partner code')
    .option('--period <period>', 'period reviewed')
    .action(
      action(async (opts: CommonOptions & { partner?: string; period?: string }) => {
        await withApi(opts, async (api) => {
          const rows = (await api.sendRaw('reviews.meetings.list', { partnerCode: opts.partner, period: opts.period })) as Result<'reviews.meetings.list'>;
          const lang = cliLanguage(opts.lang);
          output(opts, rows, () =>
            [
              ...rows.map((m) => [m.id, m.heldOn, m.partnerCode, m.period, cliText(lang, 'reviews.openCount', { open: m.actions.filter((a) => a.status === 'open' || a.status === 'in_progress').length, all: m.actions.length })].join('\t')),
              cliText(lang, 'reviews.meetingsTotal', { count: rows.length }),
            ].join('\n'),
          );
        });
      }),
    );

  common(reviews.command('actions').description('open review action items, overdue first'))
    .option('--partner <code>', 'partner code')
    .option('--overdue', 'only those past their due date')
    .option('--as-of <date>', 'the day to compare due dates with (default today)')
    .action(
      action(async (opts: CommonOptions & { partner?: string; overdue?: boolean; asOf?: string }) => {
        await withApi(opts, async (api) => {
          const partnerId = opts.partner ? ((await api.sendRaw('partners.getByCode', { code: opts.partner })) as { id: number }).id : undefined;
          const r = (await api.sendRaw('reviews.actions.open', { partnerId, overdueOnly: opts.overdue, asOf: opts.asOf })) as Result<'reviews.actions.open'>;
          const lang = cliLanguage(opts.lang);
          output(opts, r, () =>
            [
              ...r.actions.map((a) => [a.id, a.partnerCode, cliWord(lang, 'reviewActionStatus', a.status), a.dueOn ?? '-', a.overdue ? cliText(lang, 'reviews.overdueDays', { count: a.daysOverdue }) : '', a.owner ?? '-', a.description].join('\t')),
              cliText(lang, 'reviews.openActions', { count: r.actions.length, asOf: r.asOf }),
            ].join('\n'),
          );
        });
      }),
    );

  common(reviews.command('action').description("set an action item's status").argument('<id>', 'action id'))
    .requiredOption('--status <status>', REVIEW_ACTION_STATUSES.join('|'))
    .option('--note <text>', 'a note (what was done, why cancelled)')
    .action(
      action(async (id: string, opts: CommonOptions & { status: string; note?: string }) => {
        await withApi(opts, async (api) => {
          const a = (await api.sendRaw('reviews.actions.setStatus', { id: Number(id), status: opts.status, note: opts.note })) as Result<'reviews.actions.setStatus'>;
          const lang = cliLanguage(opts.lang);
          output(opts, a, () => `${cliText(lang, 'reviews.actionSet', { id: a.id, status: cliWord(lang, 'reviewActionStatus', a.status) })}${a.closedOn ? (lang === 'zh-CN' ? `（${a.closedOn}）` : ` (${a.closedOn})`) : ''}`);
        });
      }),
    );

  common(reviews.command('export').description('write review pack PDFs: one partner, or every reviewed partner of tiers and/or a territory'))
    .requiredOption('--period <period>', 'period reviewed (2026-Q3, 2026-H1, 2026, 2026-09)')
    .requiredOption('--out <dir>', 'folder the PDFs are written to')
    .option('--partner <codes>', 'partner code(s), comma-separated', list)
    .option('--tier <tiers>', `tiers (${TIERS.join(',')})`, list)
    .option('--territory <code>', 'territory code or exact name (sub-territories included)')
    .option('--overwrite', 'replace packs of an earlier export in the same folder')
    .action(
      action(async (opts: CommonOptions & { period: string; out: string; partner?: string[]; tier?: string[]; territory?: string; overwrite?: boolean }) => {
        if (!opts.partner?.length && !opts.tier?.length && !opts.territory) throw new CliError('reviews.choose');
        const language = opts.lang === undefined || opts.lang === 'zh' || opts.lang === 'zh-CN' ? 'zh-CN' : opts.lang === 'en' ? 'en' : null;
        if (!language) throw new CliError('reviews.lang', { value: opts.lang });
        await withApi(opts, async (api) => {
          // Ctrl-C cancels the job: the packs written so far are removed.
          const abort = new AbortController();
          const onSigint = () => abort.abort();
          process.once('SIGINT', onSigint);
          try {
            const r = await api.send(
              'reviews.export',
              { period: opts.period, out: resolve(opts.out), onExists: opts.overwrite ? 'replace' : 'refuse', language, partnerCodes: opts.partner, tiers: opts.tier as never, territory: opts.territory },
              { onProgress: progressPrinter(), signal: abort.signal },
            );
            const lang = cliLanguage(language);
            output(opts, r, () => [...r.packs.map((p) => `${p.partnerCode}\t${cliText(lang, 'reviews.pages', { count: p.pages })}\t${Math.round(p.bytes / 1024)} KB\t${p.file}`), cliText(lang, 'reviews.packs', { count: r.packs.length, dir: r.dir })].join('\n'));
          } finally {
            process.off('SIGINT', onSigint);
          }
        });
      }),
    );
}
