import type { Command } from 'commander';
import { DEAL_STATUSES } from '../../../db/schema';
import type { Result } from '../../contract';
import { action, cliLanguage, common, output, withApi, type CommonOptions } from '../runtime';
import { cliText, cliWord } from '../cliTexts';

const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

export function register(program: Command): void {
  const deals = program.command('deals').description('deal registrations (商机报备) and channel conflicts');
  common(deals.command('list').description('list deal registrations, newest first'))
    .option('--status <statuses>', `statuses (${DEAL_STATUSES.join(',')})`, list)
    .option('--search <text>', 'customer, credit code, product line or partner contains')
    .action(
      action(async (opts: CommonOptions & { status?: string[]; search?: string }) => {
        await withApi(opts, async (api) => {
          const r = (await api.sendRaw('deals.list', { statuses: opts.status, search: opts.search })) as Result<'deals.list'>;
          const rows = r.rows.map((d) => ({
            id: d.id,
            partnerCode: d.partnerCode,
            customerName: d.customerName,
            customerCreditCode: d.customerCreditCode,
            productLine: d.productLine,
            expectedValueMinor: d.expectedValueMinor,
            quotedPriceMinor: d.quotedPriceMinor,
            expectedCloseOn: d.expectedCloseOn,
            status: d.status,
            registeredAt: d.registeredAt,
            protectedUntil: d.protectedUntil,
            conflicts: d.conflicts,
            riskCode: d.riskCode,
          }));
          const lang = cliLanguage(opts.lang);
          output(opts, rows, () =>
            [
              ...rows.map((d) => [d.id, cliWord(lang, 'dealStatus', d.status), d.partnerCode ?? cliText(lang, 'deals.direct'), d.customerName, d.productLine, d.protectedUntil ?? '', d.riskCode ?? ''].join('\t')),
              cliText(lang, 'deals.total', { count: rows.length }),
            ].join('\n'),
          );
        });
      }),
    );
  common(deals.command('expire').description('expire approved registrations whose protection has ended'))
    .option('--as-of <date>', 'date (default today)')
    .action(
      action(async (opts: CommonOptions & { asOf?: string }) => {
        await withApi(opts, async (api) => {
          const r = (await api.sendRaw('deals.expire', { asOf: opts.asOf })) as Result<'deals.expire'>;
          output(opts, r, () => cliText(cliLanguage(opts.lang), 'deals.expired', { count: r.expired.length, asOf: r.asOf }));
        });
      }),
    );
}
