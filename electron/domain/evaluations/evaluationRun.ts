import type { Workspace } from '../../../db/database';
import type { Grade, Tier } from '../../../shared/enums';
import { DomainError } from '../../../shared/errors';
import type { OpContext } from '../opContext';
import { isPeriodLabel, parsePeriod, previousPeriod, type Period } from '../../../shared/period';
import { evaluationPopulation, type EvaluatedPartner, type PartnerFilter } from './evaluatedPartners';
import type { Population } from '../../../shared/population';
import { readEvaluationSettings, type EvaluationSettings, type ScoreWeights } from './evaluationSettings';
import { gradeOf, ranksOf, ScoreColumns } from './healthScore';
import { inputsFingerprint } from './inputsFingerprint';
import { KpiSource, type PartnerKpis } from './kpis';
import { applyRiskSignals, autoRiskReviewOn, type RiskSignalOutcome } from './riskSignals';
import { applyChannelRisks } from '../inventory/channelRisks';
import type { PeriodResult, ScoreParts, ScoredPartner, TierRecommendation } from '../../model/evaluations';
import { recommendTier, TierCandidates } from './tierRules';
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

/**
 * An earlier period's attainment (NaN = none) and health score per evaluated partner (by position), for the tier rules;
 * `asked`: the partners whose result the rules asked for (the only ones read or computed, and hashed).
 */
interface PeriodColumns {
  label: string;
  attainment: Float64Array;
  healthScore: Float64Array;
  asked: Uint8Array;
}

/**
 * Evaluates a period: KPIs per partner in SQL, health score, grade, ranks within channel type and region, tier
 * recommendation from this and the previous periods, then stores the run and its scorecards in one transaction
 * (a new version for the period; nothing stored is ever changed) and turns the KPIs into risk signals.
 * Scores, grades and ranks are kept in columns (typed arrays by partner position) and the scorecards are written from
 * them; the `scorecards` of the result are built from the columns when first read (no caller on the run's path reads
 * them: the pages read the stored rows).
 * The evaluated period is computed first; the tier rules' earlier periods are then read only for the partners that
 * meet the upgrade or the downgrade rule in it (a few percent of them), nearest period first, each time only for those
 * still meeting a rule (`TierCandidates`): their stored result where a run of that period has one, else computed for
 * that subset (`KpiSource.subset`). Every other partner's recommendation is null whatever its earlier periods were.
 * The inputs fingerprint is a SHA-256 over everything the scores were computed from (the aggregated KPIs of this
 * period, the earlier results the tier rules asked for, the partners' tier/channel/region, the settings; scheme 3 in
 * inputsFingerprint.ts): the same data gives the same fingerprint, so a re-run with an unchanged fingerprint is known to
 * have changed nothing.
 */
export function runEvaluation(ctx: OpContext, opts: EvaluationOptions): EvaluationResult {
  const { ws } = ctx;
  if (!isPeriodLabel(opts.period)) throw new DomainError(`Not a period: ${opts.period}`, 'DOMAIN', { reason: 'notAPeriod', params: { period: opts.period } });
  const settings = readEvaluationSettings(ws.db);
  return evaluate(ctx, opts, settings, parsePeriod(opts.period, settings.fiscalStartMonth));
}

function evaluate(ctx: OpContext, opts: EvaluationOptions, settings: EvaluationSettings, period: Period): EvaluationResult {
  const { ws, progress } = ctx;
  const fsm = settings.fiscalStartMonth;
  const now = opts.now ?? ctx.clock.now();

  const { partners, population } = evaluationPopulation(ws, period.end, opts.filter);
  if (opts.filter?.partnerCodes?.length) {
    const found = new Set(partners.map((p) => p.code));
    const missing = opts.filter.partnerCodes.filter((c) => !found.has(c));
    if (missing.length) throw new DomainError(`Not evaluated (unknown, deleted, prospect or joined after ${period.end}): ${missing.join(', ')}`, 'NOT_FOUND', {
        missing,
        reason: 'evaluationPartnersMissing',
        params: { missing, periodEnd: period.end },
      });
  }
  const count = partners.length;
  const ids = partners.map((p) => p.id);
  const at = new Map<number, number>();
  ids.forEach((id, i) => at.set(id, i));
  const src = new KpiSource(ws, ids, fsm, partners);
  const n = settings.tierRules.consecutivePeriods;
  // The n − 1 periods before the evaluated one, for the tier rules (oldest first).
  const earlier: Period[] = [];
  while (earlier.length < n - 1) earlier.unshift(previousPeriod(earlier[0] ?? period, fsm));
  // The evaluated period's line scan runs on the worker from now on, beside the other KPI reads.
  src.startLineScan(period);
  try {
    // The earlier periods' completed runs, newest first (their results are read once the rules know whom they ask about).
    const sql = evaluationSql(ws);
    const runs = earlier.map((p) => sql.periodRuns.all(p.label));
    // Up to eight steps for the evaluated period and for each earlier period without a completed run (computed for the
    // partners the rules ask about); the last is reported when the KPIs are done. A period with a run computed for the
    // few asked partners it lacks (partners new since) checks cancellation without steps of its own.
    const steps = 8 * (1 + runs.filter((r) => r.length === 0).length);
    let step = 0;
    const onStep = () => {
      ctx.throwIfCancelled();
      progress('kpis', ++step, steps);
    };
    const quietStep = () => ctx.throwIfCancelled();
    // The previous and year-ago periods' revenue (growth bases) are read with the evaluated period's money (kpis.ts `plan`).
    src.plan([period]);
    const current = src.compute(period, onStep);
    const kpis: PartnerKpis[] = ids.map((id) => current.get(id)!);
    const scores = new ScoreColumns(count, settings.weights);
    scoreAll(scores, kpis);
    const health = scores.healthScore;
    const rules = settings.tierRules;
    // The tier rules' window backwards from the evaluated period: each earlier period for the partners still meeting a rule.
    const candidates = new TierCandidates(count);
    candidates.meet(rules, Float64Array.from(kpis, (k) => k.attainment ?? NaN), health);
    const history: PeriodColumns[] = new Array<PeriodColumns>(earlier.length);
    for (let j = earlier.length - 1; j >= 0; j--) {
      history[j] = historyOf(ws, src, ids, at, earlier[j], runs[j], candidates.asked(), settings, runs[j].length ? quietStep : onStep);
      candidates.meet(rules, history[j].attainment, history[j].healthScore);
    }
    progress('kpis', steps, steps);

    const grades = gradesOf(health, settings);
    const recs = adviceOf(partners, kpis, health, candidates, history, period.label, rules);
    const [byChannel, byRegion] = ranksOf([partners.map((p) => p.channelType), partners.map((p) => p.regionRoot)], health);
    ctx.throwIfCancelled();

    const fingerprint = inputsFingerprint({ period, settings, partners, kpis, history });
    const cards: Cards = { partners, kpis, scores, grades, recs, byChannel, byRegion, weights: { ...settings.weights } };
    const run = storeRun(ctx, { opts, period, settings, fingerprint, cards, kpis: [...current.values()], now, population });
    let built: Scorecard[] | undefined;
    return {
      ...run,
      period: period.label,
      inputsFingerprint: fingerprint,
      partnerCount: count,
      get scorecards() {
        return (built ??= scorecardsOf(cards));
      },
      population,
    };
  } finally {
    // A cancelled or failed run leaves no line scan answer unread on the worker.
    src.cancelScans();
  }
}

const nullable = (x: number): number | null => (x === x ? x : null);

// The loops over every partner live in small functions of their own, not in runEvaluation: a loop of 10k rounds made
// the engine compile runEvaluation whole (with everything it calls inlined: ~270 ms on a compiler thread, then again
// on stack) in every run of a process; a small function is compiled in a few ms and kept.

/** Scores every partner from its KPIs. */
function scoreAll(scores: ScoreColumns, kpis: PartnerKpis[]): void {
  for (let i = 0; i < kpis.length; i++) scores.score(i, kpis[i]);
}

/** Every partner's grade from its health score. */
function gradesOf(health: Float64Array, settings: EvaluationSettings): Grade[] {
  const grades: Grade[] = new Array<Grade>(health.length);
  for (let i = 0; i < health.length; i++) grades[i] = gradeOf(health[i], settings.gradeBands);
  return grades;
}

/** Every partner's tier advice: the window's results are built (and recommendTier asked) only where a rule holds in every period of it. */
function adviceOf(
  partners: EvaluatedPartner[],
  kpis: PartnerKpis[],
  health: Float64Array,
  candidates: TierCandidates,
  history: PeriodColumns[],
  label: string,
  rules: EvaluationSettings['tierRules'],
): TierRecommendation[] {
  const recs: TierRecommendation[] = new Array<TierRecommendation>(kpis.length);
  for (let i = 0; i < kpis.length; i++) {
    if (!(candidates.up[i] | candidates.down[i])) {
      recs[i] = NO_RECOMMENDATION;
      continue;
    }
    const results: PeriodResult[] = history.map((h) => ({ period: h.label, attainment: nullable(h.attainment[i]), healthScore: h.healthScore[i] }));
    results.push({ period: label, attainment: kpis[i].attainment, healthScore: health[i] });
    recs[i] = recommendTier(partners[i].tier, results, rules);
  }
  return recs;
}
const NO_RECOMMENDATION: TierRecommendation = { tierRecommendation: null, reason: null };

/** A run's scorecards in columns: the partners, their KPIs, scores, grades, tier advice and ranks, by position. */
interface Cards {
  partners: EvaluatedPartner[];
  kpis: PartnerKpis[];
  scores: ScoreColumns;
  grades: Grade[];
  recs: TierRecommendation[];
  byChannel: Array<number | null>;
  byRegion: Array<number | null>;
  weights: ScoreWeights;
}

/** The scorecards as objects (the result's `scorecards`, built when read). */
function scorecardsOf(c: Cards): Scorecard[] {
  return c.partners.map((p, i) => {
    const k = c.kpis[i];
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
      healthScore: c.scores.healthScore[i],
      grade: c.grades[i],
      rankInChannel: c.byChannel[i],
      rankInRegion: c.byRegion[i],
      tierRecommendation: c.recs[i].tierRecommendation,
      recommendationReason: c.recs[i].reason,
      scoreParts: { parts: c.scores.partsOf(i), weights: c.weights, coverage: c.scores.coverage[i] },
    };
  });
}

/**
 * The attainment and health score for an earlier period of the partners the tier rules ask about (`asked`), as the
 * rules see it: their latest stored scorecard for that period (normally there, as schedules run period after period:
 * the period's runs newest first, each read only for the asked partners still without a result — one index seek per
 * partner, not the run's 10k scorecards), else computed now from the data for the asked partners without one. The
 * other partners' slots are not read (NaN / 0): neither the rules nor the fingerprint look at them.
 */
function historyOf(
  ws: Workspace,
  src: KpiSource,
  ids: number[],
  at: Map<number, number>,
  period: Period,
  runs: number[],
  asked: Uint8Array,
  settings: EvaluationSettings,
  onStep: (s: string) => void,
): PeriodColumns {
  const n = asked.length;
  const attainment = new Float64Array(n).fill(NaN);
  const healthScore = new Float64Array(n);
  let missing: number[] = [];
  for (let i = 0; i < n; i++) if (asked[i]) missing.push(ids[i]);
  if (runs.length && missing.length) {
    const has = new Uint8Array(n);
    const results = evaluationSql(ws).runResults;
    for (const runId of runs) {
      for (const [id, a, h] of results.all(runId, JSON.stringify(missing))) {
        const i = at.get(id)!;
        if (a !== null) attainment[i] = a;
        healthScore[i] = h;
        has[i] = 1;
      }
      missing = missing.filter((id) => !has[at.get(id)!]);
      if (!missing.length) break;
    }
  }
  if (missing.length) {
    // Scored from the month summaries: the tier rules need attainment and the health score, not the orders. Planned, so
    // that the period's money and its growth bases' revenue are one read of the month totals, not three.
    const computed = (missing.length === n ? src : src.subset(missing)).plan([period]).compute(period, onStep, { orders: false });
    const scores = new ScoreColumns(1, settings.weights);
    for (const id of missing) {
      const kpis = computed.get(id)!;
      const i = at.get(id)!;
      scores.score(0, kpis);
      attainment[i] = kpis.attainment ?? NaN;
      healthScore[i] = scores.healthScore[0];
    }
  }
  return { label: period.label, attainment, healthScore, asked };
}

function storeRun(
  ctx: OpContext,
  a: { opts: EvaluationOptions; period: Period; settings: EvaluationSettings; fingerprint: string; cards: Cards; kpis: PartnerKpis[]; now: Date; population: Population },
): { runId: number; version: number; risks: RiskSignalOutcome } {
  const { opts, period, settings, fingerprint, cards, now } = a;
  const { ws, user, progress } = ctx;
  const count = cards.partners.length;
  const ids = cards.partners.map((p) => p.id);
  // Written from the columns; score_parts holds the parts and coverage, the weights are the run's settings snapshot's
  // (scorePartsText.ts reads them back as one object).
  const { partners, kpis, scores, grades, recs, byChannel, byRegion } = cards;
  const writeCards = (runId: number) =>
    insertScorecards(ws, count, (i, row, at) => {
      const k = kpis[i];
      const p = partners[i];
      const rec = recs[i];
      row[at] = runId;
      row[at + 1] = k.partnerId;
      row[at + 2] = p.tier;
      row[at + 3] = p.channelType;
      row[at + 4] = p.region;
      row[at + 5] = p.regionEn;
      row[at + 6] = p.regionCode;
      row[at + 7] = k.revenueMinor;
      row[at + 8] = k.targetMinor;
      row[at + 9] = k.attainment;
      row[at + 10] = k.growthPrev;
      row[at + 11] = k.growthYoY;
      row[at + 12] = k.grossMargin;
      row[at + 13] = k.orders;
      row[at + 14] = k.activeCustomers;
      row[at + 15] = k.newCustomers;
      row[at + 16] = k.retention;
      row[at + 17] = k.satisfaction;
      row[at + 18] = k.trainingCompliance;
      row[at + 19] = k.openHighRisks;
      row[at + 20] = scores.healthScore[i];
      row[at + 21] = grades[i];
      row[at + 22] = byChannel[i];
      row[at + 23] = byRegion[i];
      row[at + 24] = rec.tierRecommendation;
      row[at + 25] = rec.reason ? JSON.stringify(rec.reason) : null;
      row[at + 26] = scores.storedPartsJson(i);
      row[at + 27] = k.sellThroughRate;
      row[at + 28] = k.daysOfInventory;
      row[at + 29] = k.inventoryTurnover;
      row[at + 30] = k.crossTerritoryShare;
      row[at + 31] = k.belowFloorShare;
    });
  // A phase per part (a new phase is always reported; steps of one phase are throttled), so bench:evaluate's CPU per
  // progress report shows scorecards, risk signals and channel risks apart.
  progress('storing', 0, 1);
  const stored = ws.sqlite.transaction(() => {
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
        count,
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
    recordTargetUse(ws, { kind: 'evaluation', runId, period, metric: 'revenue', partnerIds: ids }, settings.fiscalStartMonth);
    progress('riskSignals', 0, 1);
    const risks: RiskSignalOutcome =
      opts.riskSignals === false ? { created: 0, updated: 0, reviewRequested: 0 } : applyRiskSignals(ws, period, a.kpis, settings.riskRules, user, now, runId, autoRiskReviewOn(ws, ctx.today()));
    if (opts.riskSignals !== false) {
      progress('channelRisks', 0, 1);
      // The channel rules (stuffing, 窜货, 乱价) close their risks when a finding clears (README "Channel auto-risks").
      const channel = applyChannelRisks(ctx, period, ids, { at: now, runId, fsm: settings.fiscalStartMonth });
      risks.created += channel.created;
      risks.updated += channel.updated;
      if (channel.closed) risks.closed = channel.closed;
    }
    // Recorded as an evaluation run whichever operation ran it (a schedule, the demo).
    ctx.audit({
      operation: 'evaluations.run',
      entity: 'evaluation_run',
      entityId: runId,
      after: { period: period.label, version, trigger: opts.trigger, scheduleId: opts.scheduleId ?? null, partnerCount: count, inputsFingerprint: fingerprint, risks },
    });
    return { runId, version, risks };
  }).immediate();
  progress('storing', 1, 1);
  return stored;
}
