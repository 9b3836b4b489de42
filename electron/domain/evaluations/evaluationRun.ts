import { createHash } from 'node:crypto';
import type { Workspace } from '../../../db/database';
import type { Tier } from '../../../shared/enums';
import { DomainError } from '../../../shared/errors';
import type { OpContext } from '../opContext';
import { isPeriodLabel, parsePeriod, previousPeriod, type Period } from '../../../shared/period';
import { evaluationPopulation, type EvaluatedPartner, type PartnerFilter } from './evaluatedPartners';
import type { Population } from '../../../shared/population';
import { readEvaluationSettings, type EvaluationSettings } from './evaluationSettings';
import { gradeOf, healthScore, ranksOf } from './healthScore';
import { KpiSource, type PartnerKpis } from './kpis';
import { applyRiskSignals, autoRiskReviewOn, type RiskSignalOutcome } from './riskSignals';
import { applyChannelRisks } from '../inventory/channelRisks';
import type { PeriodResult, ScoreParts, ScoredPartner } from '../../model/evaluations';
import { recommendTier } from './tierRules';
import { recordTargetUse } from '../plans/targetUse';
import { evaluationSql, insertScorecards } from './store';

export interface EvaluationOptions {
  period: string;
  filter?: PartnerFilter;
  trigger: 'manual' | 'schedule' | 'cli';
  scheduleId?: number | null;
  /** Apply risk signals to the register (default true). */
  riskSignals?: boolean;
  /** When the run is recorded as started (and, when given, finished); default the wall clock. */
  now?: Date;
}

/** One partner's scorecard as an evaluation computes it (always with its score parts). */
export interface Scorecard extends ScoredPartner {
  scoreParts: ScoreParts;
}

export interface EvaluationResult {
  runId: number;
  period: string;
  version: number;
  inputsFingerprint: string;
  partnerCount: number;
  scorecards: Scorecard[];
  risks: RiskSignalOutcome;
  population: Population;
}

/** KPIs + score of one period for all partners (no ranks, no recommendation): the building block of a run. */
function scorePeriod(src: KpiSource, p: Period, settings: EvaluationSettings, onStep?: (s: string) => void, opts?: { orders?: boolean }) {
  const kpis = src.compute(p, onStep, opts);
  const scores = new Map<number, { kpis: PartnerKpis; score: ReturnType<typeof healthScore> }>();
  for (const [id, k] of kpis) scores.set(id, { kpis: k, score: healthScore(k, settings.weights) });
  return scores;
}

/**
 * Evaluates a period: KPIs per partner in SQL, health score, grade, ranks within channel type and region, tier
 * recommendation from this and the previous periods, then stores the run and its scorecards in one transaction
 * (a new version for the period; nothing stored is ever changed) and turns the KPIs into risk signals.
 * The inputs fingerprint is a SHA-256 over everything the scores were computed from (the aggregated KPIs of this and
 * the earlier periods the tier rules look at, the partners' tier/channel/region, the settings): the same data gives
 * the same fingerprint, so a re-run with an unchanged fingerprint is known to have changed nothing.
 */
export function runEvaluation(ctx: OpContext, opts: EvaluationOptions): EvaluationResult {
  const { ws, progress } = ctx;
  if (!isPeriodLabel(opts.period)) throw new DomainError(`Not a period: ${opts.period}`, 'DOMAIN');
  const settings = readEvaluationSettings(ws.db);
  const fsm = settings.fiscalStartMonth;
  const period = parsePeriod(opts.period, fsm);
  const now = opts.now ?? ctx.clock.now();

  const { partners, population } = evaluationPopulation(ws, period.end, opts.filter);
  if (opts.filter?.partnerCodes?.length) {
    const found = new Set(partners.map((p) => p.code));
    const missing = opts.filter.partnerCodes.filter((c) => !found.has(c));
    if (missing.length) throw new DomainError(`Not evaluated (unknown, deleted, prospect or joined after ${period.end}): ${missing.join(', ')}`, 'NOT_FOUND', { missing });
  }
  const ids = partners.map((p) => p.id);
  const src = new KpiSource(ws, ids, fsm, partners);
  const n = settings.tierRules.consecutivePeriods;
  // The n − 1 periods before the evaluated one, for the tier rules (oldest first).
  const earlier: Period[] = [];
  while (earlier.length < n - 1) earlier.unshift(previousPeriod(earlier[0] ?? period, fsm));
  const steps = 8 * (1 + earlier.length);
  let step = 0;
  const onStep = () => {
    ctx.throwIfCancelled();
    progress('kpis', ++step, steps);
  };
  const storedHistory = earlier.map((p) => storedResults(ws, p, ids));
  // The periods computed for every partner share their reads with the evaluated one (kpis.ts `plan`).
  src.plan([...earlier.filter((_, i) => storedHistory[i].size === 0), period]);
  const history = earlier.map((p, i) => historyOf(src, p, ids, storedHistory[i], settings, onStep));
  const current = scorePeriod(src, period, settings, onStep);

  const weights = { ...settings.weights };
  const cards: Scorecard[] = partners.map((p) => {
    const { kpis: k, score } = current.get(p.id)!;
    const results: PeriodResult[] = [...history.map((h) => h.get(p.id)!), { period: period.label, attainment: k.attainment, healthScore: score.healthScore }];
    const rec = recommendTier(p.tier, results, settings.tierRules);
    // Field by field rather than a rest-spread of the KPIs: the spread copies were a third of the run's JavaScript.
    return {
      partnerId: k.partnerId,
      revenueMinor: k.revenueMinor,
      targetMinor: k.targetMinor,
      attainment: k.attainment,
      growthPrev: k.growthPrev,
      growthYoY: k.growthYoY,
      grossMargin: k.grossMargin,
      orders: k.orders,
      activeCustomers: k.activeCustomers,
      newCustomers: k.newCustomers,
      retention: k.retention,
      satisfaction: k.satisfaction,
      trainingCompliance: k.trainingCompliance,
      openHighRisks: k.openHighRisks,
      sellThroughRate: k.sellThroughRate,
      daysOfInventory: k.daysOfInventory,
      inventoryTurnover: k.inventoryTurnover,
      crossTerritoryShare: k.crossTerritoryShare,
      belowFloorShare: k.belowFloorShare,
      partnerCode: p.code,
      partnerName: p.name,
      tier: p.tier as Tier,
      channelType: p.channelType,
      region: p.region,
      regionEn: p.regionEn,
      regionCode: p.regionCode,
      healthScore: score.healthScore,
      grade: gradeOf(score.healthScore, settings.gradeBands),
      rankInChannel: null,
      rankInRegion: null,
      tierRecommendation: rec.tierRecommendation,
      recommendationReason: rec.reason,
      scoreParts: { parts: score.parts, weights, coverage: score.coverage },
    };
  });
  const scores = Float64Array.from(cards, (c) => c.healthScore);
  const byChannel = ranksOf(cards.map((c) => c.channelType), scores);
  const byRegion = ranksOf(partners.map((p) => p.regionRoot), scores);
  cards.forEach((c, i) => {
    c.rankInChannel = byChannel[i];
    c.rankInRegion = byRegion[i];
  });
  ctx.throwIfCancelled();

  const fingerprint = fingerprintOf(period, partners, current, history, settings);
  progress('storing', 0, cards.length);
  const stored = storeRun(ctx, { opts, period, settings, fingerprint, cards, kpis: [...current.values()].map((v) => v.kpis), now, population });
  progress('storing', cards.length, cards.length);
  return { ...stored, period: period.label, inputsFingerprint: fingerprint, partnerCount: cards.length, scorecards: cards, population };
}

function fingerprintOf(
  period: Period,
  partners: EvaluatedPartner[],
  current: Map<number, { kpis: PartnerKpis }>,
  history: Array<Map<number, PeriodResult>>,
  settings: EvaluationSettings,
): string {
  // The same bytes in the same order as one update per value, hashed a thousand partners at a time.
  const hash = createHash('sha256').update(JSON.stringify({ period, settings }));
  let chunk = '';
  partners.forEach((p, i) => {
    chunk += JSON.stringify([p.id, p.code, p.tier, p.channelType, p.regionCode, p.regionRoot]) + JSON.stringify(current.get(p.id)!.kpis);
    for (const m of history) chunk += JSON.stringify(m.get(p.id)!);
    if (i % 1000 === 999) {
      hash.update(chunk);
      chunk = '';
    }
  });
  return hash.update(chunk).digest('hex');
}

/** The partners' latest stored scorecard results for an earlier period (what was evaluated then). */
function storedResults(ws: Workspace, p: Period, ids: number[]): Map<number, PeriodResult> {
  const out = new Map<number, PeriodResult>();
  for (const r of evaluationSql(ws).storedResults.all({ period: p.label, ids: JSON.stringify(ids) })) out.set(r.id, { period: p.label, attainment: r.attainment, healthScore: r.healthScore });
  return out;
}

/**
 * A partner's attainment and health score for an earlier period, as the tier rules see it: its latest stored
 * scorecard for that period (normally there, as schedules run period after period), else computed now from the data
 * for the partners without one.
 */
function historyOf(src: KpiSource, p: Period, ids: number[], stored: Map<number, PeriodResult>, settings: EvaluationSettings, onStep: (s: string) => void): Map<number, PeriodResult> {
  const out = stored;
  const missing = ids.filter((id) => !out.has(id));
  if (missing.length) {
    // Scored from the month summaries: the tier rules need attainment and the health score, not the orders.
    const computed = scorePeriod(missing.length === ids.length ? src : src.subset(missing), p, settings, onStep, { orders: false });
    for (const [id, v] of computed) out.set(id, { period: p.label, attainment: v.kpis.attainment, healthScore: v.score.healthScore });
  }
  return out;
}

function storeRun(
  ctx: OpContext,
  a: { opts: EvaluationOptions; period: Period; settings: EvaluationSettings; fingerprint: string; cards: Scorecard[]; kpis: PartnerKpis[]; now: Date; population: Population },
): { runId: number; version: number; risks: RiskSignalOutcome } {
  const { opts, period, settings, fingerprint, cards, now } = a;
  const { ws, user } = ctx;
  // The weights are the same on every scorecard: written once as JSON, not once per partner (the same text as
  // JSON.stringify(c.scoreParts): parts, weights, coverage in that order).
  const weightsJson = JSON.stringify(settings.weights);
  const writeCards = (runId: number) =>
    insertScorecards(ws, cards, (c, row) => {
      row.push(
        runId, c.partnerId, c.tier, c.channelType, c.region, c.regionEn, c.regionCode, c.revenueMinor, c.targetMinor, c.attainment, c.growthPrev, c.growthYoY,
        c.grossMargin, c.orders, c.activeCustomers, c.newCustomers, c.retention, c.satisfaction, c.trainingCompliance, c.openHighRisks, c.healthScore,
        c.grade, c.rankInChannel, c.rankInRegion, c.tierRecommendation, c.recommendationReason ? JSON.stringify(c.recommendationReason) : null,
        `{"parts":${JSON.stringify(c.scoreParts.parts)},"weights":${weightsJson},"coverage":${JSON.stringify(c.scoreParts.coverage)}}`,
        c.sellThroughRate, c.daysOfInventory, c.inventoryTurnover, c.crossTerritoryShare, c.belowFloorShare,
      );
    });
  return ws.sqlite.transaction(() => {
    const sql = evaluationSql(ws);
    const version = sql.nextVersion.get(period.label)!.v;
    const at = now.toISOString();
    const runId = Number(
      sql.insertRun.run(
        opts.scheduleId ?? null,
        period.label,
        period.kind,
        version,
        opts.trigger,
        cards.length,
        fingerprint,
        JSON.stringify({ ...settings, periodStart: period.start, periodEnd: period.end }),
        JSON.stringify(opts.filter ?? {}),
        JSON.stringify(a.population),
        user,
        at,
        // A run dated by its caller (the demo's history) finishes at that moment too; otherwise on the operation clock.
        opts.now ? at : ctx.clock.now().toISOString(),
      ).lastInsertRowid,
    );
    writeCards(runId);
    recordTargetUse(ws, { kind: 'evaluation', runId, period, metric: 'revenue', partnerIds: cards.map((c) => c.partnerId) }, settings.fiscalStartMonth);
    const risks: RiskSignalOutcome =
      opts.riskSignals === false ? { created: 0, updated: 0, reviewRequested: 0 } : applyRiskSignals(ws, period, a.kpis, settings.riskRules, user, now, runId, autoRiskReviewOn(ws, ctx.today()));
    if (opts.riskSignals !== false) {
      // The channel rules (stuffing, 窜货, 乱价) close their risks when a finding clears (README "Channel auto-risks").
      const channel = applyChannelRisks(ctx, period, cards.map((c) => c.partnerId), { at: now, runId, fsm: settings.fiscalStartMonth });
      risks.created += channel.created;
      risks.updated += channel.updated;
      if (channel.closed) risks.closed = channel.closed;
    }
    // Recorded as an evaluation run whichever operation ran it (a schedule, the demo).
    ctx.audit({
      operation: 'evaluations.run',
      entity: 'evaluation_run',
      entityId: runId,
      after: { period: period.label, version, trigger: opts.trigger, scheduleId: opts.scheduleId ?? null, partnerCount: cards.length, inputsFingerprint: fingerprint, risks },
    });
    return { runId, version, risks };
  }).immediate();
}
