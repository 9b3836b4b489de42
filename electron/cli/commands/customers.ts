import type { Command } from 'commander';
import { action, cliLanguage, common, output, withApi, type CommonOptions } from '../runtime';
import { cliText, cliWord } from '../cliTexts';
import { addDays, addMonthsClamped } from '../../../shared/period';

type Opts = CommonOptions & { asOf?: string; partner?: string; windowMonths: number };
const yuan = (minor: number) => (minor / 100).toFixed(2);

/** `pwb customers rfm|lapsed`: partners' end customers from sell-through (README "End customers"). */
export function register(program: Command): void {
  const customers = program.command('customers').description("partners' end customers: RFM scores and segments, lapsed customers to win back");
  const withWindow = (c: Command) =>
    common(c)
      .option('--as-of <date>', 'the day to measure from (default: today)')
      .option('--partner <code>', 'one partner only')
      .option('--window-months <n>', 'the purchase window in months', (v) => Number(v), 12);
  withWindow(customers.command('rfm').description('recency, frequency, monetary per end customer, scored 1–5 within each partner, and segments')).action(
    action(async (opts: Opts) => {
      await withApi(opts, async (api) => {
        const rows = await api.send('inventory.customers.rfm', { asOf: opts.asOf, partnerCode: opts.partner, windowMonths: opts.windowMonths });
        output(
          opts,
          rows.map(({ partnerCode, customerRef, recencyDays, frequency, monetaryMinor, r, f, m, segment }) => ({ partnerCode, customerRef, recencyDays, frequency, monetaryMinor, r, f, m, segment })),
          () => {
            const lang = cliLanguage(opts.lang);
            const col = (k: 'partner' | 'customer' | 'recency' | 'orders' | 'amount' | 'segment') => cliText(lang, `customers.col.${k}`);
            return rows.length
              ? [[col('partner'), col('customer'), col('recency'), col('orders'), col('amount'), 'R', 'F', 'M', col('segment')].join('\t'), ...rows.map((c) => [c.partnerCode, c.customerRef, c.recencyDays, c.frequency, yuan(c.monetaryMinor), c.r, c.f, c.m, cliWord(lang, 'segment', c.segment)].join('\t'))].join('\n')
              : cliText(lang, 'customers.none');
          },
        );
      });
    }),
  );
  withWindow(customers.command('lapsed').description('customers who bought in the previous window but not in the current one (win-back list)')).action(
    action(async (opts: Opts) => {
      await withApi(opts, async (api) => {
        const rows = await api.send('inventory.customers.lapsed', { asOf: opts.asOf, partnerCode: opts.partner, windowMonths: opts.windowMonths });
        const lang = cliLanguage(opts.lang);
        // An empty list names the windows it looked at (the previous one is what a lapsed customer bought in).
        const asOf = opts.asOf ?? (rows.length ? '' : (await api.send('system.today', {})).today);
        const months = opts.windowMonths;
        const none = () =>
          cliText(lang, 'customers.noneLapsed', { asOf, count: months, from: addDays(addMonthsClamped(asOf, -2 * months), 1), to: addMonthsClamped(asOf, -months) });
        const col = (k: 'partner' | 'customer' | 'name' | 'province' | 'lastPurchase' | 'ordersBefore' | 'amountBefore') => cliText(lang, `customers.col.${k}`);
        output(opts, rows, () =>
          rows.length
            ? [
                [col('partner'), col('customer'), col('name'), col('province'), col('lastPurchase'), col('ordersBefore'), col('amountBefore')].join('\t'),
                ...rows.map((c) => [c.partnerCode, c.customerRef, c.customerName ?? '', c.customerProvince ?? '', c.lastPurchaseOn, c.previousOrders, yuan(c.previousAmountMinor)].join('\t')),
              ].join('\n')
            : none(),
        );
      });
    }),
  );
}
