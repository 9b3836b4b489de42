import type { Workspace } from '../../../db/database';
import type { Clock } from '../../../shared/clock';
import { DomainError } from '../../../shared/errors';
import { parsePeriod, previousPeriod, nextPeriod, samePeriodLastYear, addDays, type Period } from '../../../shared/period';
import type { ExpiringCertificate } from '../../model/training';
import type { PackDeal, PackIncentives, PackMix, PackRisk, PackScore, PackTarget, PackTrendPoint, ReviewPackData, ReviewPackLanguage } from '../../model/reviews';
import { loadCompanyProfile } from '../company/companyProfile';
import { revenueTargets } from '../evaluations/targets';
import { fiscalStartMonth } from '../incentives/calculate';
import { partnerLedger } from '../ledger/partnerLedger';
import { forecastNode } from '../plans/forecast';
import { getRiskBands, riskLevel } from '../risks/riskLevels';
import { riskText } from '../../../shared/riskTexts';
import { trainingCompliance } from '../training/compliance';
import { expiringCertificates } from '../training/expiringCertificates';
import { carriedActions, listMeetings } from './reviewMeetings';
import { packCustomers } from './packCustomers';
import { proposeActions } from './proposals';
import { storedProposals } from './reviewProposals';
import { reviewStore } from './store';
import { notFound } from '../../../shared/errorMessages';

/** How many periods the trend chart shows, per kind of the pack's period. */
const TREND_LENGTH: Record<string, number> = { month: 12, quarter: 8, half: 6, year: 4 };
/** Certificates expiring within this many days of the pack's day are listed. */
export const EXPIRY_HORIZON_DAYS = 90;

/** What every pack of one export shares: read once, not per partner. */
export interface PackContext {
  ws: Workspace;
  /** The operation's clock: instants become the days they happened on in its zone. */
  clock: Clock;
  today: string;
  fsm: number;
  company: { name: string | null; nameEn: string | null };
  bands: ReturnType<typeof getRiskBands>;
  expiring: Map<number, ExpiringCertificate[]>;
}

export function packContext(ws: Workspace, clock: Clock): PackContext {
  const today = clock.today();
  const profile = loadCompanyProfile(ws);
  const expiring = new Map<number, ExpiringCertificate[]>();
  for (const c of expiringCertificates(ws, today, EXPIRY_HORIZON_DAYS)) {
    const list = expiring.get(c.partnerId) ?? [];
    list.push(c);
    expiring.set(c.partnerId, list);
  }
  return { ws, clock, today, fsm: fiscalStartMonth(ws), company: { name: profile.name ?? null, nameEn: profile.nameEn ?? null }, bands: getRiskBands(ws.db), expiring };
}

/** The pack's partner facts, as the model declares them. */
type PartnerRow = ReviewPackData['partner'];

function partnerRow(ws: Workspace, id: number): PartnerRow {
  const p = reviewStore.packPartner(ws, id);
  if (!p) throw new DomainError(`Partner ${id} not found`, 'NOT_FOUND', notFound('partner', id));
  return p;
}

/** The partner's scorecard of a period: from the latest completed run that evaluated it. */
function scoreOf(ws: Workspace, partnerId: number, period: string): PackScore | null {
  return reviewStore.score(ws, partnerId, period) ?? null;
}

/** Revenue per calendar month (YYYY-MM) of a partner between two days, from the covering index. */
function monthlyRevenue(ws: Workspace, partnerId: number, from: string, to: string): Map<string, number> {
  return new Map(reviewStore.monthlyRevenue(ws, partnerId, from, to).map((r) => [r.month, r.revenueMinor]));
}

function revenueBetween(ws: Workspace, partnerId: number, from: string, to: string): number {
  return reviewStore.revenueBetween(ws, partnerId, from, to);
}

const sumMonths = (months: Map<string, number>, p: Period) => {
  let s = 0;
  for (const [m, v] of months) if (m >= p.start.slice(0, 7) && m <= p.end.slice(0, 7)) s += v;
  return s;
};

function trendOf(ctx: PackContext, partnerId: number, period: Period): PackTrendPoint[] {
  const periods: Period[] = [period];
  while (periods.length < (TREND_LENGTH[period.kind] ?? 8)) periods.unshift(previousPeriod(periods[0], ctx.fsm));
  const months = monthlyRevenue(ctx.ws, partnerId, periods[0].start, period.end);
  return periods.map((p) => {
    const revenueMinor = sumMonths(months, p);
    const targetMinor = revenueTargets(ctx.ws, p, ctx.fsm, [partnerId]).get(partnerId) ?? null;
    return { label: p.label, revenueMinor, targetMinor, attainment: targetMinor ? revenueMinor / targetMinor : null };
  });
}

/**
 * Target and forecast of the period, by the plans area's run-rate forecast (`forecastNode`: linear = actual × days in
 * the period ÷ days elapsed; last year's shape = actual × last year's period ÷ last year's same window up to the same
 * calendar day; each rounded once, half away from zero; the actual once the period is over).
 */
export function targetOf(ctx: PackContext, partnerId: number, period: Period, actualMinor: number, targetMinor: number | null): PackTarget {
  const state: PackTarget['state'] = ctx.today > period.end ? 'complete' : ctx.today < period.start ? 'not_started' : 'in_progress';
  const ly = samePeriodLastYear(period, ctx.fsm);
  const upTo = state === 'in_progress' ? ctx.today : period.end;
  const lyTo = `${Number(upTo.slice(0, 4)) - 1}${upTo.slice(4)}`.replace(/-02-29$/, '-02-28');
  const inProgress = state === 'in_progress';
  const f = forecastNode({
    targetMinor,
    actualToDateMinor: actualMinor,
    lastYearToDateMinor: inProgress ? revenueBetween(ctx.ws, partnerId, ly.start, lyTo) : 0,
    lastYearFullMinor: inProgress ? revenueBetween(ctx.ws, partnerId, ly.start, ly.end) : 0,
    periodStart: period.start,
    periodEnd: period.end,
    asOf: ctx.today,
  });
  const next = nextPeriod(period, ctx.fsm);
  const forecast = f.lastYearShapeMinor ?? f.linearMinor;
  return {
    targetMinor,
    actualMinor,
    attainment: targetMinor ? actualMinor / targetMinor : null,
    gapMinor: targetMinor == null ? null : Math.max(0, targetMinor - actualMinor),
    state,
    daysElapsed: f.elapsedDays,
    daysTotal: f.periodDays,
    forecastLinearMinor: f.linearMinor,
    forecastSeasonalMinor: f.lastYearShapeMinor,
    forecastAttainment: targetMinor && forecast != null ? forecast / targetMinor : null,
    next: { label: next.label, targetMinor: revenueTargets(ctx.ws, next, ctx.fsm, [partnerId]).get(partnerId) ?? null },
  };
}

function mixOf(ws: Workspace, partnerId: number, period: Period, lang: ReviewPackLanguage): PackMix {
  const none = lang === 'zh-CN' ? '（未分类）' : '(no category)';
  const rows = reviewStore.salesMix(ws, partnerId, period.start, period.end).map((r) => ({ category: r.category, product: r.product, amount: r.amountMinor, quantity: r.quantity }));
  const totalMinor = rows.reduce((s, r) => s + r.amount, 0);
  const byCategory = new Map<string, number>();
  for (const r of rows) byCategory.set(r.category || none, (byCategory.get(r.category || none) ?? 0) + r.amount);
  const share = (v: number) => (totalMinor > 0 ? v / totalMinor : 0);
  return {
    totalMinor,
    categories: [...byCategory].map(([name, amountMinor]) => ({ name, amountMinor, share: share(amountMinor) })).sort((a, b) => b.amountMinor - a.amountMinor),
    products: rows
      .filter((r) => r.product)
      .map((r) => ({ name: r.product, amountMinor: r.amount, quantity: r.quantity, share: share(r.amount) }))
      .sort((a, b) => b.amountMinor - a.amountMinor)
      .slice(0, 8),
  };
}

function incentivesOf(ws: Workspace, partnerId: number, period: Period, clock: Clock): PackIncentives {
  // Runs of the last twelve months up to the period's end: what was earned for which program and whether it is paid.
  const runs = reviewStore.partnerRuns(ws, partnerId);
  const yearBefore = addDays(period.end, -365);
  const inWindow = runs.filter((r) => {
    try {
      const p = parsePeriod(r.period);
      return p.end <= period.end && p.end > yearBefore;
    } catch {
      return false;
    }
  });
  const ledger = partnerLedger(ws, { partnerId, from: period.start, to: period.end }, clock);
  let earnedMinor = 0;
  let paidMinor = 0;
  for (const e of ledger.entries) {
    if (e.kind === 'paid') paidMinor -= e.amountMinor;
    else if (e.kind !== 'void') earnedMinor += e.amountMinor;
  }
  return {
    runs: inWindow.map(({ calculatedAt: _c, ...r }) => r),
    earnedMinor,
    paidMinor,
    balanceMinor: ledger.closingMinor,
    accruedMinor: ledger.accruedMinor,
  };
}

function risksOf(ctx: PackContext, partnerId: number, language: ReviewPackLanguage): PackRisk[] {
  return reviewStore
    .openRisks(ctx.ws, partnerId)
    .map(({ likelihood, impact, description, ...r }) => {
      // The workbench's own risks in the pack's language (shared/riskTexts); proposals word them again in the other one.
      const title = riskText({ title: r.title, description, textCode: r.textCode, textParams: r.textParams }, language).title;
      return { ...r, title, score: likelihood * impact, level: riskLevel(likelihood * impact, ctx.bands) };
    })
    .sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
}

function dealsOf(ws: Workspace, partnerId: number): PackDeal[] {
  return reviewStore.liveDeals(ws, partnerId);
}

/** Everything the pack of one partner and period shows, read from the workspace as of the context's day. */
export function reviewPackData(ctx: PackContext, partnerId: number, periodLabel: string, language: ReviewPackLanguage): ReviewPackData {
  const { ws, today, fsm } = ctx;
  const period = parsePeriod(periodLabel, fsm);
  const partner = partnerRow(ws, partnerId);
  const score = scoreOf(ws, partnerId, period.label);
  const previousScore = scoreOf(ws, partnerId, previousPeriod(period, fsm).label);
  const trend = trendOf(ctx, partnerId, period);
  const current = trend[trend.length - 1];
  const target = targetOf(ctx, partnerId, period, current.revenueMinor, current.targetMinor);
  const compliance = trainingCompliance(ws, today, [partnerId]).get(partnerId);
  const training = {
    required: compliance?.required ?? 0,
    valid: compliance?.valid ?? 0,
    compliance: compliance?.compliance ?? null,
    expiring: (ctx.expiring.get(partnerId) ?? []).map((c) => ({
      courseCode: c.courseCode,
      courseTitle: language === 'zh-CN' ? c.courseTitleZh : c.courseTitleEn,
      trainee: c.trainee,
      certificateNo: c.certificateNo,
      expiresOn: c.expiresOn,
      daysLeft: c.daysLeft,
      required: c.required,
    })),
  };
  const risks = risksOf(ctx, partnerId, language);
  const deals = dealsOf(ws, partnerId);
  const { lastMeeting, actions } = carriedActions(ws, partnerId, period, fsm, today);
  const thisPeriodMeetings = listMeetings(ws, { partnerId, period: period.label }, today);
  const data: Omit<ReviewPackData, 'proposals' | 'proposalsOther'> = {
    language,
    generatedAt: ctx.clock.now().toISOString(),
    today,
    company: ctx.company,
    partner,
    period: { label: period.label, kind: period.kind, start: period.start, end: period.end },
    score,
    previousScore,
    trend,
    target,
    mix: mixOf(ws, partnerId, period, language),
    incentives: incentivesOf(ws, partnerId, period, ctx.clock),
    training,
    risks,
    deals,
    lastReview: lastMeeting ? { period: lastMeeting.period, heldOn: lastMeeting.heldOn, attendees: lastMeeting.attendees, decisions: lastMeeting.decisions } : null,
    carriedActions: actions,
    customers: packCustomers(ws, partner, period, today < period.end ? today : period.end),
    previousProposals: storedProposals(ws, partnerId, previousPeriod(period, fsm).label, language),
  };
  const agreed = thisPeriodMeetings.flatMap((m) => m.actions);
  const other: ReviewPackLanguage = language === 'zh-CN' ? 'en' : 'zh-CN';
  return { ...data, proposals: proposeActions(data, agreed), proposalsOther: proposeActions({ ...data, language: other }, agreed) };
}
