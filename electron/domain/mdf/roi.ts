import type { Workspace } from '../../../db/database';
import type { MdfActivityType } from '../../../shared/enums';
import { mulDivRound } from '../../../shared/money';
import type { MdfRequestRoi, MdfRoiReport } from '../../model/mdf';
import { fundRecord } from './funds';

const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
/** The same calendar day a year earlier (29 February → 28 February). */
export const yearBefore = (day: string) => {
  const y = Number(day.slice(0, 4)) - 1;
  const md = day.slice(5) === '02-29' ? '02-28' : day.slice(5);
  return `${y}-${md}`;
};
const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
const ratio = (gain: number, cost: number) => (cost > 0 ? Math.round(((gain - cost) / cost) * 10_000) / 10_000 : null);

interface FundedRequest {
  id: number;
  partnerId: number;
  partnerCode: string;
  channelType: string;
  tier: string;
  activityType: MdfActivityType;
  startsOn: string;
  endsOn: string;
  currency: string;
  costMinor: number;
}

/**
 * What the money returned. For each approved request: the partner's net revenue (sales lines in the fund's currency)
 * from the activity's first day to its last day + `weeksAfter` weeks, against the same days a year earlier (uplift), and
 * against comparable partners — same channel type and tier, with revenue in last year's window and no approved MDF
 * activity overlapping the window — whose combined growth says what the partner would have sold anyway:
 * incremental = revenue − last year × (comparables now ÷ comparables last year), rounded once. ROI = (incremental, or
 * the uplift without comparables, − cost) ÷ cost, where the cost is the fund's approved claim (0 until claimed: no ROI).
 */
export function mdfRoi(ws: Workspace, input: { fundId?: number; fundCode?: string; weeksAfter: number }): MdfRoiReport {
  const fund = input.fundId != null || input.fundCode != null ? fundRecord(ws, input) : null;
  const requests = ws.sqlite
    .prepare(
      `select r.id, r.partner_id as partnerId, p.code as partnerCode, p.channel_type as channelType, p.tier, r.activity_type as activityType,
        r.starts_on as startsOn, r.ends_on as endsOn, f.currency,
        coalesce((select sum(c.amount_minor) from mdf_claims c where c.request_id = r.id and c.status in ('approved', 'paid', 'settling')), 0) as costMinor
       from mdf_requests r join partners p on p.id = r.partner_id join mdf_funds f on f.id = r.fund_id
       where r.status = 'approved' and (? is null or r.fund_id = ?) order by r.starts_on, r.id`,
    )
    .all(fund?.id ?? null, fund?.id ?? null) as FundedRequest[];
  const revenue = ws.sqlite.prepare(`select coalesce(sum(amount_minor), 0) as s from sales_lines where partner_id = ? and currency = ? and date between ? and ?`);
  const rev = (partnerId: number, currency: string, from: string, to: string) => (revenue.get(partnerId, currency, from, to) as { s: number }).s;
  const comparables = ws.sqlite.prepare(
    `select p.id from partners p where p.deleted_at is null and p.channel_type = ? and p.tier = ? and p.id != ? and p.currency = ?
      and not exists (select 1 from mdf_requests r where r.partner_id = p.id and r.status = 'approved' and r.starts_on <= ? and r.ends_on >= ?)`,
  );
  const rows: MdfRequestRoi[] = requests.map((r) => {
    const to = addDays(r.endsOn, input.weeksAfter * 7);
    const window = { from: r.startsOn, to, revenueMinor: rev(r.partnerId, r.currency, r.startsOn, to) };
    const ly = { from: yearBefore(r.startsOn), to: yearBefore(to) };
    const lastYear = { ...ly, revenueMinor: rev(r.partnerId, r.currency, ly.from, ly.to) };
    const peers = (comparables.all(r.channelType, r.tier, r.partnerId, r.currency, to, r.startsOn) as Array<{ id: number }>)
      .map((p) => ({ now: rev(p.id, r.currency, window.from, window.to), before: rev(p.id, r.currency, ly.from, ly.to) }))
      .filter((p) => p.before > 0);
    const sumNow = peers.reduce((s, p) => s + p.now, 0);
    const sumBefore = peers.reduce((s, p) => s + p.before, 0);
    const uplift = window.revenueMinor - lastYear.revenueMinor;
    const incremental = peers.length ? window.revenueMinor - mulDivRound(lastYear.revenueMinor, sumNow, sumBefore) : null;
    return {
      requestId: r.id,
      partnerCode: r.partnerCode,
      activityType: r.activityType,
      costMinor: r.costMinor,
      window,
      lastYear,
      upliftMinor: uplift,
      comparableCount: peers.length,
      comparableWindowMinor: peers.length ? Math.round(sumNow / peers.length) : null,
      comparableLastYearMinor: peers.length ? Math.round(sumBefore / peers.length) : null,
      incrementalMinor: incremental,
      roi: ratio(incremental ?? uplift, r.costMinor),
    };
  });
  const total = (list: MdfRequestRoi[]) => {
    const costMinor = list.reduce((s, r) => s + r.costMinor, 0);
    const upliftMinor = list.reduce((s, r) => s + r.upliftMinor, 0);
    const incrementalMinor = list.length && list.every((r) => r.incrementalMinor != null) ? list.reduce((s, r) => s + r.incrementalMinor!, 0) : null;
    return { costMinor, upliftMinor, incrementalMinor, roi: ratio(incrementalMinor ?? upliftMinor, costMinor) };
  };
  const groups = new Map<string, MdfRequestRoi[]>();
  requests.forEach((r, i) => {
    const k = `${r.activityType}|${quarterOf(r.startsOn)}`;
    groups.set(k, [...(groups.get(k) ?? []), rows[i]]);
  });
  return {
    fundCode: fund?.code ?? null,
    currency: fund?.currency ?? requests[0]?.currency ?? 'CNY',
    weeksAfter: input.weeksAfter,
    requests: rows,
    totals: total(rows),
    byActivity: [...groups].map(([k, list]) => {
      const [activityType, period] = k.split('|');
      return { activityType: activityType as MdfActivityType, period, ...total(list) };
    }),
  };
}
