import type { Command } from 'commander';
import { resolve } from 'node:path';
import type { Result } from '../../contract';
import { formatMoney } from '../../../shared/money';
import { action, cliLanguage, common, output, progressPrinter, statementLanguage, withApi, type CommonOptions } from '../runtime';
import { CliError, cliText, cliWord, type CliLanguage } from '../cliTexts';

/** The CLI's ledger JSON: the documented keys only (README "The partner ledger"). */
export function ledgerJson(l: Result<'ledger.partner'>) {
  return {
    partnerCode: l.partner.code,
    currency: l.currency,
    from: l.from,
    to: l.to,
    opening: l.openingMinor,
    entries: l.entries.map((e) => ({ date: e.date, kind: e.kind, ref: e.ref, amountMinor: e.amountMinor, balanceMinor: e.balanceMinor })),
    closing: l.closingMinor,
    accruedMinor: l.accruedMinor,
  };
}

function ledgerText(l: Result<'ledger.partner'>, lang: CliLanguage): string {
  const m = (v: number) => formatMoney(v, l.currency);
  const name = lang === 'en' ? (l.partner.nameEn ?? l.partner.name) : l.partner.name;
  return [
    `${l.partner.code} ${name} · ${l.currency} · ${l.from ?? '…'} – ${l.to ?? '…'}`,
    `${cliText(lang, 'ledger.opening')}\t${m(l.openingMinor)}`,
    ...l.entries.map((e) => [e.date, cliWord(lang, 'ledgerKind', e.kind), e.ref, m(e.amountMinor), m(e.balanceMinor)].join('\t')),
    `${cliText(lang, 'ledger.closing')}\t${m(l.closingMinor)}`,
    `${cliText(lang, 'ledger.accrued')}\t${m(l.accruedMinor)}`,
  ].join('\n');
}

export function register(program: Command): void {
  const ledger = common(program.command('ledger').description('the partner ledger (对账): approved, paid, adjustments, clawbacks, voids; balance = approved − paid'))
    .option('--partner <code>', 'partner code')
    .option('--from <date>', 'first day YYYY-MM-DD (entries before it make the opening balance)')
    .option('--to <date>', 'last day YYYY-MM-DD')
    .action(
      action(async (opts: CommonOptions & { partner?: string; from?: string; to?: string }) => {
        if (!opts.partner) throw new CliError('ledger.needPartner');
        await withApi(opts, async (api) => {
          const l = await api.send('ledger.partner', { partnerCode: opts.partner!, from: opts.from, to: opts.to });
          output(opts, ledgerJson(l), () => ledgerText(l, cliLanguage(opts.lang)));
        });
      }),
    );
  // `ledger`'s own options (--partner, --from, --to, --db, --json) are parsed by `ledger` even after `statement`:
  // the subcommand reads them merged with its own (optsWithGlobals).
  common(
    ledger.command('statement').description('对账单 (reconciliation statement) as PDF and XLSX for one partner, or every partner with a balance'),
    "statement language: zh (zh-CN), en or bilingual (default: the company profile's statement language); refusals are printed in it too",
  )
    .option('--partner <code>', 'partner code (default: every partner with a balance at --to)')
    .option('--from <date>', 'first day YYYY-MM-DD')
    .option('--to <date>', 'last day YYYY-MM-DD')
    .requiredOption('--out <dir>', 'folder to write into')
    .option('--format <formats>', 'pdf,xlsx', 'pdf,xlsx')
    .option('--no-zip', 'no zip beside the folder')
    .option('--overwrite', 'write over the statements of an earlier export in the same folder')
    .action(
      action(async (_opts: unknown, cmd: Command) => {
        const o = cmd.optsWithGlobals<CommonOptions & { partner?: string; from?: string; to?: string; out: string; format: string; lang?: string; zip: boolean; overwrite?: boolean }>();
        if (!o.from || !o.to) throw new CliError('ledger.needDates');
        await withApi(o, async (api) => {
          const r = await api.send(
            'ledger.statements',
            {
              partnerCodes: o.partner ? [o.partner] : undefined,
              from: o.from!,
              to: o.to!,
              out: resolve(o.out),
              onExists: o.overwrite ? 'replace' : 'refuse',
              formats: o.format.split(',').map((f) => f.trim()) as Array<'pdf' | 'xlsx'>,
              language: statementLanguage(o.lang),
              zip: o.zip,
            },
            { onProgress: progressPrinter() },
          );
          output(o, r, () => [...r.files, ...(r.zip ? [r.zip] : []), cliText(cliLanguage(o.lang === 'bilingual' ? undefined : o.lang), 'ledger.statements', { count: r.statements.length })].join('\n'));
        });
      }),
    );

  common(program.command('accruals').description('accrual report for finance as of a day: accrued, approved-unpaid with ageing, paid; totals per currency'))
    .option('--as-of <date>', 'YYYY-MM-DD (default today)')
    .action(
      action(async (opts: CommonOptions & { asOf?: string }) => {
        await withApi(opts, async (api) => {
          const r = await api.send('ledger.accruals', { asOf: opts.asOf });
          const lang = cliLanguage(opts.lang);
          output(opts, r, () =>
            [
              cliText(lang, 'accruals.asOf', { asOf: r.asOf }),
              (['program', 'partner', 'currency', 'accrued', 'unpaid', 'd0_30', 'd31_60', 'd61_90', 'd90_plus', 'paid'] as const).map((c) => cliText(lang, `accruals.col.${c}`)).join('\t'),
              ...r.rows.map((x) =>
                [x.programCode ?? '', x.partnerCode, x.currency, x.accruedMinor, x.approvedUnpaidMinor, x.ageing.d0_30, x.ageing.d31_60, x.ageing.d61_90, x.ageing.d90_plus, x.paidMinor]
                  .map((v) => (typeof v === 'number' ? formatMoney(v, x.currency) : v))
                  .join('\t'),
              ),
              ...r.totals.map((t) =>
                cliText(lang, 'accruals.total', { currency: t.currency, accrued: formatMoney(t.accruedMinor, t.currency), unpaid: formatMoney(t.approvedUnpaidMinor, t.currency), paid: formatMoney(t.paidMinor, t.currency) }),
              ),
            ].join('\n'),
          );
        });
      }),
    );
}
