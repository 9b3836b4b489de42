/**
 * The evaluation as it stood before the set-based rewrite (issue 20), frozen unchanged as the oracle of
 * legacyEquivalence.test.ts: the new path must give the same runs, scorecards, risks and history, field by field.
 */
import { createHash } from 'node:crypto';
import type { Workspace } from '../../../../db/database';
import type { Grade, Tier } from '../../../../shared/enums';
import { DomainError } from '../../../../shared/errors';
import type { OpContext } from '../../../../electron/domain/opContext';
import { isPeriodLabel, parsePeriod, previousPeriod, type Period } from '../../../../shared/period';
import { evaluationPopulation, type EvaluatedPartner, type PartnerFilter } from '../../../../electron/domain/evaluations/evaluatedPartners';
import type { Population } from '../../../../shared/population';
import { type ScorePart } from '../../../../electron/model/evaluations';
import { readEvaluationSettings, type EvaluationSettings } from '../../../../electron/domain/evaluations/evaluationSettings';
import { gradeOf, healthScore } from './healthScore';
import { KpiSource, type PartnerKpis } from './kpis';
import { autoRiskReviewOn } from '../../../../electron/domain/evaluations/riskSignals';
import { applyChannelRisks } from '../../../../electron/domain/inventory/channelRisks';
import { applyRiskSignals, type RiskSignalOutcome } from './riskSignals';
import { type TierRecommendation } from '../../../../electron/model/evaluations';
import { type PeriodResult } from '../../../../electron/model/evaluations';
import { recommendTier } from '../../../../electron/domain/evaluations/tierRules';

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

export interface Scorecard extends Omit<PartnerKpis, 'prevRevenueMinor' | 'yoyRevenueMinor' | 'expiredCertifications'> {
  partnerCode: string;
  partnerName: string;
  tier: Tier;
  channelType: string;
  /** The territory at run time (kept as it was: a stored run never changes). */
  region: string | null;
  regionEn: string | null;
  regionCode: string | null;
  healthScore: number;
  grade: Grade;
  rankInChannel: number | null;
  rankInRegion: number | null;
  tierRecommendation: Tier | null;
  recommendationReason: TierRecommendation['reason'];
  scoreParts: { parts: Record<ScorePart, number | null>; weights: Record<ScorePart, number>; coverage: number };
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
function scorePeriod(src: KpiSource, p: Period, settings: EvaluationSettings, onStep?: (s: string) => void) {
  const kpis = src.compute(p, onStep);
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
  const now = opts.now ?? new Date();

  const { partners, population } = evaluationPopulation(ws, period.end, opts.filter);
  if (opts.filter?.partnerCodes?.length) {
    const found = new Set(partners.map((p) => p.code));
    const missing = opts.filter.partnerCodes.filter((c) => !found.has(c));
    if (missing.length) throw new DomainError(`Not evaluated (unknown, deleted, prospect or joined after ${period.end}): ${missing.join(', ')}`, 'NOT_FOUND', { missing });
  }
  const ids = partners.map((p) => p.id);
  const src = new KpiSource(ws, ids, fsm);
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
  const current = scorePeriod(src, period, settings, onStep);
  const history = earlier.map((p) => historyOf(ws, src, p, ids, settings, onStep));

  const cards: Scorecard[] = partners.map((p) => {
    const { kpis, score } = current.get(p.id)!;
    const results: PeriodResult[] = [...history.map((h) => h.get(p.id)!), { period: period.label, attainment: kpis.attainment, healthScore: score.healthScore }];
    const rec = recommendTier(p.tier, results, settings.tierRules);
    const { prevRevenueMinor: _p, yoyRevenueMinor: _y, expiredCertifications: _e, ...rest } = kpis;
    return {
      ...rest,
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
      scoreParts: { parts: score.parts, weights: { ...settings.weights }, coverage: score.coverage },
    };
  });
  const byChannel = ranksWithin(cards, (c) => c.channelType, (c) => c.healthScore);
  const rootOfCard = new Map(cards.map((c, i) => [c, partners[i].regionRoot]));
  const byRegion = ranksWithin(cards, (c) => rootOfCard.get(c) ?? null, (c) => c.healthScore);
  for (const c of cards) {
    c.rankInChannel = byChannel.get(c) ?? null;
    c.rankInRegion = byRegion.get(c) ?? null;
  }
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
  const h = createHash('sha256');
  h.update(JSON.stringify({ period, settings }));
  for (const p of partners) {
    h.update(JSON.stringify([p.id, p.code, p.tier, p.channelType, p.regionCode, p.regionRoot]));
    h.update(JSON.stringify(current.get(p.id)!.kpis));
    for (const m of history) h.update(JSON.stringify(m.get(p.id)!));
  }
  return h.digest('hex');
}

/**
 * A partner's attainment and health score for an earlier period, as the tier rules see it: its latest stored
 * scorecard for that period (what was evaluated then — normally there, as schedules run period after period), else
 * computed now from the data for the partners without one.
 */
function historyOf(ws: Workspace, src: KpiSource, p: Period, ids: number[], settings: EvaluationSettings, onStep: (s: string) => void): Map<number, PeriodResult> {
  const out = new Map<number, PeriodResult>();
  const stored = ws.sqlite
    .prepare(
      `select s.partner_id as id, s.attainment, s.health_score as healthScore from scorecards s join evaluation_runs r on r.id = s.run_id
       where r.period = @period and r.status = 'completed' and s.partner_id in (select value from json_each(@ids))
       and r.id = (select max(r2.id) from scorecards s2 join evaluation_runs r2 on r2.id = s2.run_id
                   where s2.partner_id = s.partner_id and r2.period = r.period and r2.status = 'completed')`,
    )
    .all({ period: p.label, ids: JSON.stringify(ids) }) as Array<{ id: number; attainment: number | null; healthScore: number }>;
  for (const r of stored) out.set(r.id, { period: p.label, attainment: r.attainment, healthScore: r.healthScore });
  const missing = ids.filter((id) => !out.has(id));
  if (missing.length) {
    const computed = scorePeriod(missing.length === ids.length ? src : src.subset(missing), p, settings, onStep);
    for (const [id, v] of computed) out.set(id, { period: p.label, attainment: v.kpis.attainment, healthScore: v.score.healthScore });
  }
  return out;
}

const CARD_BATCH = 64;

function storeRun(
  ctx: OpContext,
  a: { opts: EvaluationOptions; period: Period; settings: EvaluationSettings; fingerprint: string; cards: Scorecard[]; kpis: PartnerKpis[]; now: Date; population: Population },
): { runId: number; version: number; risks: RiskSignalOutcome } {
  const { opts, period, settings, fingerprint, cards, now } = a;
  const { ws, user } = ctx;
  const columns = `run_id, partner_id, tier, channel_type, region, region_en, region_code, revenue_minor, target_minor, attainment, growth_prev, growth_yoy,
      gross_margin, orders, active_customers, new_customers, retention, satisfaction, training_compliance, open_high_risks, health_score,
      grade, rank_in_channel, rank_in_region, tier_recommendation, recommendation_reason, score_parts,
      sell_through_rate, days_of_inventory, inventory_turnover, cross_territory_share, below_floor_share`;
  const width = 32;
  const insertCards = (n: number) =>
    ws.sqlite.prepare(`insert into scorecards (${columns}) values ${Array.from({ length: n }, () => `(${Array(width).fill('?').join(', ')})`).join(', ')}`);
  // CARD_BATCH scorecards per statement: 10k partners are ~160 statements instead of 10k.
  const writeCards = (runId: number) => {
    let batch: ReturnType<typeof insertCards> | null = null;
    for (let from = 0; from < cards.length; from += CARD_BATCH) {
      const chunk = cards.slice(from, from + CARD_BATCH);
      const params: unknown[] = [];
      for (const c of chunk) {
        params.push(
          runId, c.partnerId, c.tier, c.channelType, c.region, c.regionEn, c.regionCode, c.revenueMinor, c.targetMinor, c.attainment, c.growthPrev, c.growthYoY,
          c.grossMargin, c.orders, c.activeCustomers, c.newCustomers, c.retention, c.satisfaction, c.trainingCompliance, c.openHighRisks, c.healthScore,
          c.grade, c.rankInChannel, c.rankInRegion, c.tierRecommendation, c.recommendationReason ? JSON.stringify(c.recommendationReason) : null, JSON.stringify(c.scoreParts),
          c.sellThroughRate, c.daysOfInventory, c.inventoryTurnover, c.crossTerritoryShare, c.belowFloorShare,
        );
      }
      (chunk.length === CARD_BATCH ? (batch ??= insertCards(CARD_BATCH)) : insertCards(chunk.length)).run(params);
    }
  };
  return ws.sqlite.transaction(() => {
    const version = ((ws.sqlite.prepare('select max(version) as v from evaluation_runs where period = ?').get(period.label) as { v: number | null }).v ?? 0) + 1;
    const at = now.toISOString();
    const runId = Number(
      ws.sqlite
        .prepare(
          `insert into evaluation_runs (schedule_id, period, period_kind, version, status, trigger, partner_count, inputs_fingerprint,
            settings_snapshot, partner_filter, population, started_by, started_at, finished_at) values (?, ?, ?, ?, 'completed', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
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
          // A run dated by its caller (the demo's history) finishes at that moment too; otherwise by the wall clock.
          opts.now ? at : new Date().toISOString(),
        ).lastInsertRowid,
    );
    writeCards(runId);
    const risks: RiskSignalOutcome =
      opts.riskSignals === false ? { created: 0, updated: 0, reviewRequested: 0 } : applyRiskSignals(ws, period, a.kpis, settings.riskRules, user, now, runId, autoRiskReviewOn(ws, ctx.today()));
    if (opts.riskSignals !== false) {
      // The channel rules came after this path was frozen; the run calls them the same way (not what is compared here).
      const channel = applyChannelRisks(ctx, period, cards.map((c) => c.partnerId), { at: now, runId, fsm: settings.fiscalStartMonth });
      risks.created += channel.created;
      risks.updated += channel.updated;
      if (channel.closed) (risks as RiskSignalOutcome & { closed?: number }).closed = channel.closed;
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

/** Competition ranks (1, 2, 2, 4) by health score within each group; ties share a rank (the per-object version this path used). */
function ranksWithin<T>(items: T[], group: (t: T) => string | number | null, score: (t: T) => number): Map<T, number | null> {
  const groups = new Map<string | number, T[]>();
  for (const it of items) {
    const g = group(it);
    if (g === null) continue;
    let list = groups.get(g);
    if (!list) groups.set(g, (list = []));
    list.push(it);
  }
  const out = new Map<T, number | null>();
  for (const it of items) out.set(it, null);
  for (const list of groups.values()) {
    list.sort((a, b) => score(b) - score(a));
    let rank = 0;
    list.forEach((it, i) => {
      if (i === 0 || score(list[i - 1]) !== score(it)) rank = i + 1;
      out.set(it, rank);
    });
  }
  return out;
}
