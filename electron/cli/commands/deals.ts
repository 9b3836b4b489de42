import type { Command } from 'commander';
import { DEAL_STATUSES } from '../../../db/schema';
import type { Result } from '../../contract';
import { action, common, output, withApi, type CommonOptions } from '../runtime';

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
          output(opts, rows, () =>
            [
              ...rows.map((d) => [d.id, d.status.padEnd(8), d.partnerCode ?? '(direct)', d.customerName, d.productLine, d.protectedUntil ?? '', d.riskCode ?? ''].join('\t')),
              `${rows.length} registrations`,
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
          output(opts, r, () => `${r.expired.length} registrations expired (as of ${r.asOf})`);
        });
      }),
    );
}
