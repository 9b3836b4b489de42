import type { Command } from 'commander';
import { CHANNEL_TYPES, MDF_ACTIVITY_TYPES, TIERS } from '../../../db/schema';
import type { Result } from '../../contract';
import { decimalToMinor, formatMoney } from '../../../shared/money';
import { action, cliLanguage, common, output, withApi, type CommonOptions } from '../runtime';
import { CliError, cliText, cliWord, formatTable, type CliLanguage } from '../cliTexts';

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Yuan (or the currency's major unit) as typed on the command line → minor units, rounded once (shared/money). */
function amount(text: string, currency: string, what = '--amount'): number {
  const v = decimalToMinor(text, currency);
  if (v === null) throw new CliError('mdf.notAmount', { what, text, currency });
  return v;
}

const id = (text: string, what: 'request' | 'claim'): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new CliError(what === 'request' ? 'mdf.notRequestId' : 'mdf.notClaimId', { text });
  return n;
};

function balanceText(b: Result<'mdf.balance'>, lang: CliLanguage): string {
  const m = (v: number) => formatMoney(v, b.currency);
  const row = (k: 'budget' | 'allocated' | 'requested' | 'approved' | 'claimed' | 'paid' | 'expired' | 'remaining', v: number) => [`  ${cliText(lang, `mdf.balance.${k}`)}`, m(v)];
  return [
    cliText(lang, 'mdf.balance.fund', { code: b.fundCode, currency: b.currency }),
    formatTable(null, [
      row('budget', b.budgetMinor),
      row('allocated', b.allocatedMinor),
      row('requested', b.requestedMinor),
      row('approved', b.approvedMinor),
      row('claimed', b.claimedMinor),
      row('paid', b.paidMinor),
      row('expired', b.expiredMinor),
      row('remaining', b.remainingMinor),
    ]),
  ].join('\n');
}

export function register(program: Command): void {
  const mdf = program.command('mdf').description('market development funds (市场费用): funds, requests, claims with proof, payment, ROI');
  const funds = mdf.command('funds').description('MDF budgets');
  common(funds.command('add').description('add a fund: a budget for a period and a scope'))
    .requiredOption('--code <code>', 'fund code')
    .requiredOption('--name <name>', 'fund name')
    .requiredOption('--period <period>', 'period: 2022, 2022-H1, 2022-Q1 or 2022-03')
    .requiredOption('--amount <yuan>', 'budget, in the currency with decimals (100000 or 100000.00)')
    .option('--currency <code>', 'currency', 'CNY')
    .option('--territory <code>', 'territory code or name (sub-territories included)')
    .option('--channel-type <type>', `channel type (${CHANNEL_TYPES.join(', ')})`)
    .option('--tier <tier>', `tier (${TIERS.join(', ')})`)
    .option('--partner <code>', 'one partner')
    .option('--activity <type>', `activity types it pays for (repeat; default all: ${MDF_ACTIVITY_TYPES.join(', ')})`, collect)
    .option('--claim-deadline <date>', 'approvals unclaimed by this day lapse (default: the period\'s last day)')
    .action(
      action(async (opts: CommonOptions & { code: string; name: string; period: string; amount: string; currency: string; territory?: string; channelType?: string; tier?: string; partner?: string; activity?: string[]; claimDeadline?: string }) => {
        await withApi(opts, async (api) => {
          const f = (await api.sendRaw('mdf.funds.add', {
            code: opts.code,
            name: opts.name,
            period: opts.period,
            budgetMinor: amount(opts.amount, opts.currency.toUpperCase()),
            currency: opts.currency,
            territory: opts.territory,
            channelType: opts.channelType,
            tier: opts.tier,
            partnerCode: opts.partner,
            activityTypes: opts.activity,
            claimDeadline: opts.claimDeadline,
          })) as Result<'mdf.funds.add'>;
          output(opts, { fundId: f.id, ...f }, () => cliText(cliLanguage(opts.lang), 'mdf.fundAdded', { code: f.code, budget: formatMoney(f.balance.budgetMinor, f.currency), period: f.period }));
        });
      }),
    );
  common(funds.command('list').description('funds with their balances'))
    .option('--period <period>', 'only this period')
    .action(
      action(async (opts: CommonOptions & { period?: string }) => {
        await withApi(opts, async (api) => {
          const rows = (await api.sendRaw('mdf.funds.list', { period: opts.period })) as Result<'mdf.funds.list'>;
          const lang = cliLanguage(opts.lang);
          output(opts, rows, () =>
            [
              ...rows.map((f) => [f.code, f.period, cliWord(lang, 'mdfFundStatus', f.status), formatMoney(f.balance.budgetMinor, f.currency), cliText(lang, 'mdf.remaining', { value: formatMoney(f.balance.remainingMinor, f.currency) }), f.name].join('\t')),
              cliText(lang, 'mdf.fundsTotal', { count: rows.length }),
            ].join('\n'),
          );
        });
      }),
    );
  common(mdf.command('allocate').description('earmark a fund for partners: --partner CODE=yuan (repeat), or --pro-rata by last period\'s revenue'))
    .requiredOption('--fund <code>', 'fund code')
    .option('--partner <code=amount>', 'a partner and its allocation (repeat; 0 removes it)', collect)
    .option('--pro-rata', 'split by the partners\' revenue in the previous period (largest remainder, exact to the fen)')
    .option('--amount <yuan>', 'pro rata: the amount to split (default: the budget)')
    .option('--basis-period <period>', 'pro rata: the revenue period (default: the period before the fund\'s)')
    .action(
      action(async (opts: CommonOptions & { fund: string; partner?: string[]; proRata?: boolean; amount?: string; basisPeriod?: string }) => {
        await withApi(opts, async (api) => {
          const fund = (await api.sendRaw('mdf.funds.get', { fundCode: opts.fund })) as Result<'mdf.funds.get'>;
          const allocations = (opts.partner ?? []).map((p) => {
            const [code, value] = p.split('=');
            if (!code || value == null) throw new CliError('mdf.partnerFormat', { value: p });
            return { partnerCode: code.trim(), amountMinor: amount(value, fund.currency, `--partner ${code}`) };
          });
          const rows = (await api.sendRaw('mdf.allocate', {
            fundId: fund.id,
            method: opts.proRata ? 'pro_rata' : 'manual',
            allocations: opts.proRata ? undefined : allocations,
            amountMinor: opts.amount ? amount(opts.amount, fund.currency) : undefined,
            basisPeriod: opts.basisPeriod,
          })) as Result<'mdf.allocate'>;
          const lang = cliLanguage(opts.lang);
          output(opts, rows, () =>
            [
              ...rows.map((a) => [a.partnerCode, formatMoney(a.amountMinor, fund.currency), cliWord(lang, 'mdfMethod', a.method), a.basisMinor != null ? cliText(lang, 'mdf.basis', { value: formatMoney(a.basisMinor, fund.currency), period: a.basisPeriod }) : ''].join('\t')),
              cliText(lang, 'mdf.allocationsTotal', { count: rows.length }),
            ].join('\n'),
          );
        });
      }),
    );
  common(mdf.command('request').description('a partner asks a fund to co-fund an activity (费用申请)'))
    .requiredOption('--fund <code>', 'fund code')
    .requiredOption('--partner <code>', 'partner code')
    .requiredOption('--activity <type>', `activity type (${MDF_ACTIVITY_TYPES.join(', ')})`)
    .requiredOption('--from <date>', 'first day of the activity')
    .requiredOption('--to <date>', 'last day of the activity')
    .requiredOption('--amount <yuan>', 'the activity\'s cost')
    .option('--share <fraction>', 'the fund\'s part of the cost (0.5 = half paid by the partner)', '1')
    .option('--title <text>', 'what the activity is')
    .option('--expected-leads <n>', 'leads expected')
    .option('--expected-revenue <yuan>', 'revenue expected')
    .action(
      action(async (opts: CommonOptions & { fund: string; partner: string; activity: string; from: string; to: string; amount: string; share: string; title?: string; expectedLeads?: string; expectedRevenue?: string }) => {
        await withApi(opts, async (api) => {
          const b = (await api.sendRaw('mdf.balance', { fundCode: opts.fund })) as Result<'mdf.balance'>;
          const r = (await api.sendRaw('mdf.requests.add', {
            fundCode: opts.fund,
            partnerCode: opts.partner,
            activityType: opts.activity,
            startsOn: opts.from,
            endsOn: opts.to,
            amountMinor: amount(opts.amount, b.currency),
            share: Number(opts.share),
            title: opts.title,
            expectedLeads: opts.expectedLeads != null ? Number(opts.expectedLeads) : undefined,
            expectedRevenueMinor: opts.expectedRevenue != null ? amount(opts.expectedRevenue, b.currency, '--expected-revenue') : undefined,
          })) as Result<'mdf.requests.add'>;
          const lang = cliLanguage(opts.lang);
          output(opts, { requestId: r.id, ...r }, () => cliText(lang, 'mdf.requested', { id: r.id, partner: r.partnerCode, activity: cliWord(lang, 'mdfActivity', r.activityType), amount: formatMoney(r.amountMinor, r.currency), share: r.share }));
        });
      }),
    );
  common(mdf.command('approve').description('approve a request, fully or for a lower cost'))
    .argument('<requestId>')
    .option('--amount <yuan>', 'approve this cost instead of the requested one')
    .option('--claim-by <date>', 'claim deadline (default: the fund\'s)')
    .action(
      action(async (requestId: string, opts: CommonOptions & { amount?: string; claimBy?: string }) => {
        await withApi(opts, async (api) => {
          const before = (await api.sendRaw('mdf.requests.get', { id: id(requestId, 'request') })) as Result<'mdf.requests.get'>;
          const r = (await api.sendRaw('mdf.requests.approve', { requestId: before.id, amountMinor: opts.amount ? amount(opts.amount, before.currency) : undefined, claimBy: opts.claimBy })) as Result<'mdf.requests.approve'>;
          output(opts, { requestId: r.id, ...r }, () =>
            cliText(cliLanguage(opts.lang), 'mdf.requestApproved', { id: r.id, approved: formatMoney(r.approvedMinor!, r.currency), committed: formatMoney(r.committedMinor!, r.currency), claimBy: r.claimBy }),
          );
        });
      }),
    );
  common(mdf.command('reject').description('reject a request with a reason'))
    .argument('<requestId>')
    .requiredOption('--reason <text>', 'why')
    .action(
      action(async (requestId: string, opts: CommonOptions & { reason: string }) => {
        await withApi(opts, async (api) => {
          const r = (await api.sendRaw('mdf.requests.reject', { requestId: id(requestId, 'request'), reason: opts.reason })) as Result<'mdf.requests.reject'>;
          output(opts, { requestId: r.id, ...r }, () => cliText(cliLanguage(opts.lang), 'mdf.requestRejected', { id: r.id }));
        });
      }),
    );
  common(mdf.command('claim').description('claim against an approved request, with proof files (费用核销)'))
    .argument('<requestId>')
    .requiredOption('--amount <yuan>', 'amount to reimburse (at most approved × share)')
    .requiredOption('--proof <file>', 'proof file: PDF, JPEG, PNG, GIF, WebP or OFD (repeat)', collect)
    .option('--actual-leads <n>', 'leads the activity brought')
    .option('--actual-revenue <yuan>', 'revenue the partner attributes to it')
    .option('--note <text>', 'note')
    .action(
      action(async (requestId: string, opts: CommonOptions & { amount: string; proof: string[]; actualLeads?: string; actualRevenue?: string; note?: string }) => {
        await withApi(opts, async (api) => {
          const req = (await api.sendRaw('mdf.requests.get', { id: id(requestId, 'request') })) as Result<'mdf.requests.get'>;
          const c = (await api.sendRaw('mdf.claims.add', {
            requestId: req.id,
            amountMinor: amount(opts.amount, req.currency),
            proofs: opts.proof.map((path) => ({ path })),
            actualLeads: opts.actualLeads != null ? Number(opts.actualLeads) : undefined,
            actualRevenueMinor: opts.actualRevenue != null ? amount(opts.actualRevenue, req.currency, '--actual-revenue') : undefined,
            note: opts.note,
          })) as Result<'mdf.claims.add'>;
          output(opts, { claimId: c.id, ...c }, () => cliText(cliLanguage(opts.lang), 'mdf.claimed', { id: c.id, amount: formatMoney(c.amountMinor, c.currency), count: c.proofs.length }));
        });
      }),
    );
  for (const decision of ['approve', 'reject'] as const) {
    const cmd = common(mdf.command(`claim-${decision}`).description(decision === 'approve' ? 'approve a claim (as claimed, or a lower amount)' : 'reject a claim with a reason'))
      .argument('<claimId>')
      .option('--amount <yuan>', 'approve this amount instead of the claimed one')
      .option('--reason <text>', decision === 'reject' ? 'why (required)' : 'note');
    cmd.action(
      action(async (claimId: string, opts: CommonOptions & { amount?: string; reason?: string }) => {
        await withApi(opts, async (api) => {
          const before = (await api.sendRaw('mdf.claims.get', { id: id(claimId, 'claim') })) as Result<'mdf.claims.get'>;
          const c = (await api.sendRaw('mdf.claims.decide', { claimId: before.id, decision, amountMinor: opts.amount ? amount(opts.amount, before.currency) : undefined, reason: opts.reason })) as Result<'mdf.claims.decide'>;
          const lang = cliLanguage(opts.lang);
          output(opts, { claimId: c.id, ...c }, () => cliText(lang, 'mdf.claimDecided', { id: c.id, status: cliWord(lang, 'mdfClaimStatus', c.status), amount: formatMoney(c.amountMinor, c.currency) }));
        });
      }),
    );
  }
  common(mdf.command('pay').description('pay an approved claim (--ref) or settle it with the partner\'s next rebate run (--deduct-from-rebates)'))
    .argument('<claimId>')
    .option('--ref <reference>', 'payment reference')
    .option('--date <date>', 'payment day (default today)')
    .option('--deduct-from-rebates', 'settle on the partner\'s next payout run, as a line with its explanation (抵扣返利)')
    .action(
      action(async (claimId: string, opts: CommonOptions & { ref?: string; date?: string; deductFromRebates?: boolean }) => {
        if (Boolean(opts.ref) === Boolean(opts.deductFromRebates)) throw new CliError('mdf.payEither');
        await withApi(opts, async (api) => {
          const input = opts.deductFromRebates ? { claimId: id(claimId, 'claim'), deductFromRebates: true } : { claimId: id(claimId, 'claim'), paymentRef: opts.ref, paidOn: opts.date };
          const c = (await api.sendRaw('mdf.claims.pay', input)) as Result<'mdf.claims.pay'>;
          const lang = cliLanguage(opts.lang);
          output(opts, { claimId: c.id, ...c }, () =>
            c.status === 'paid' ? cliText(lang, 'mdf.claimPaid', { id: c.id, day: c.paidOn, ref: c.paymentRef }) : cliText(lang, 'mdf.claimDeducted', { id: c.id, partner: c.partnerCode }),
          );
        });
      }),
    );
  common(mdf.command('expire').description('return approvals unclaimed after their claim deadline to their funds'))
    .option('--as-of <date>', 'day (default today)')
    .action(
      action(async (opts: CommonOptions & { asOf?: string }) => {
        await withApi(opts, async (api) => {
          const r = (await api.sendRaw('mdf.expire', { asOf: opts.asOf })) as Result<'mdf.expire'>;
          output(opts, r, () => cliText(cliLanguage(opts.lang), 'mdf.expired', { count: r.expired.length, asOf: r.asOf }));
        });
      }),
    );
  common(mdf.command('balance').description('a fund\'s balances: budget, allocated, requested, approved, claimed, paid, remaining'))
    .requiredOption('--fund <code>', 'fund code')
    .action(
      action(async (opts: CommonOptions & { fund: string }) => {
        await withApi(opts, async (api) => {
          const b = (await api.sendRaw('mdf.balance', { fundCode: opts.fund })) as Result<'mdf.balance'>;
          output(opts, b, () => balanceText(b, cliLanguage(opts.lang)));
        });
      }),
    );
  common(mdf.command('roi').description('what a fund returned: revenue in the activity window against last year and comparable partners'))
    .option('--fund <code>', 'fund code (default: every fund)')
    .option('--weeks <n>', 'weeks after the activity still counted', '4')
    .action(
      action(async (opts: CommonOptions & { fund?: string; weeks: string }) => {
        await withApi(opts, async (api) => {
          const r = (await api.sendRaw('mdf.roi', { fundCode: opts.fund, weeksAfter: Number(opts.weeks) })) as Result<'mdf.roi'>;
          const m = (v: number | null) => (v == null ? '—' : formatMoney(v, r.currency));
          const pct = (v: number | null) => (v == null ? '—' : `${(v * 100).toFixed(1)} %`);
          const lang = cliLanguage(opts.lang);
          output(opts, r, () =>
            [
              ...r.requests.map((q) =>
                [
                  `#${q.requestId}`,
                  q.partnerCode,
                  cliWord(lang, 'mdfActivity', q.activityType),
                  cliText(lang, 'mdf.roi.cost', { value: m(q.costMinor) }),
                  cliText(lang, 'mdf.roi.revenue', { value: m(q.window.revenueMinor) }),
                  cliText(lang, 'mdf.roi.lastYear', { value: m(q.lastYear.revenueMinor) }),
                  cliText(lang, 'mdf.roi.incremental', { value: m(q.incrementalMinor) }),
                  cliText(lang, 'mdf.roi.roi', { value: pct(q.roi) }),
                ].join('\t'),
              ),
              cliText(lang, 'mdf.roi.total', { cost: m(r.totals.costMinor), uplift: m(r.totals.upliftMinor), incremental: m(r.totals.incrementalMinor), roi: pct(r.totals.roi) }),
            ].join('\n'),
          );
        });
      }),
    );
}
