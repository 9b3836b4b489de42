import type { Workspace } from '../../../db/database';
import type { MdfActivityType } from '../../../shared/enums';
import { mulDivRound } from '../../../shared/money';
import type { MdfRequestRoi, MdfRoiReport } from '../../model/mdf';
import { fundRecord } from './funds';
import { mdfStore } from './store';

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
  const requests = mdfStore.fundedRequests(ws, fund?.id ?? null);
  const sales = mdfStore.roiStatements(ws);
  const rev = sales.revenue;
  const rows: MdfRequestRoi[] = requests.map((r) => {
    const to = addDays(r.endsOn, input.weeksAfter * 7);
    const window = { from: r.startsOn, to, revenueMinor: rev(r.partnerId, r.currency, r.startsOn, to) };
    const ly = { from: yearBefore(r.startsOn), to: yearBefore(to) };
    const lastYear = { ...ly, revenueMinor: rev(r.partnerId, r.currency, ly.from, ly.to) };
    const peers = sales
      .comparables(r, r.startsOn, to)
      .map((id) => ({ now: rev(id, r.currency, window.from, window.to), before: rev(id, r.currency, ly.from, ly.to) }))
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
  const groups = new Map<string, { activityType: MdfActivityType; period: string; list: MdfRequestRoi[] }>();
  requests.forEach((r, i) => {
    const period = quarterOf(r.startsOn);
    const k = `${r.activityType}|${period}`;
    const g = groups.get(k) ?? { activityType: r.activityType, period, list: [] };
    g.list.push(rows[i]);
    groups.set(k, g);
  });
  return {
    fundCode: fund?.code ?? null,
    currency: fund?.currency ?? requests[0]?.currency ?? 'CNY',
    weeksAfter: input.weeksAfter,
    requests: rows,
    totals: total(rows),
    byActivity: [...groups.values()].map(({ activityType, period, list }) => ({ activityType, period, ...total(list) })),
  };
}
