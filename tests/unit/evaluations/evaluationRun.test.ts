import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Workspace } from '../../../db/database';
import type { Api } from '../../../electron/api/api';
import { DEFAULT_TIER_RULES } from '../../../electron/domain/evaluations/evaluationSettings';
import { recommendTier } from '../../../electron/domain/evaluations/tierRules';
import { KpiSource } from '../../../electron/domain/evaluations/kpis';
import { autoRiskCode } from '../../../electron/domain/evaluations/riskSignals';
import { workspaceClock } from '../../../electron/domain/system/workspaceClock';
import { addDays } from '../../../shared/period';
import { memoryApi } from '../../helpers/workspace';
import { riskStore } from '../../../electron/domain/risks/store';
import { snapshotOf, updateRisk } from '../../../electron/domain/risks/riskRegister';
import { createOpContext } from '../../../electron/domain/opContext';
import { feedback, partner, sale, target } from './fixtures';

let ws: Workspace;
let api: Api;
let A: number, B: number;

beforeEach(async () => {
  ({ ws, api } = memoryApi());
  A = await partner(api, 'A', { tier: 'tier2', channelType: 'dealer' });
  B = await partner(api, 'B', { tier: 'tier2', channelType: 'dealer' });
  sale(ws, A, '2018-02-01', 180_000, { order: 'o0', customer: 'c1', cost: 100_000 });
  sale(ws, A, '2018-11-01', 100_000, { order: 'o1', customer: 'c1', cost: 60_000 });
  sale(ws, A, '2018-12-31', 50_000, { order: 'o2', customer: 'c2' });
  sale(ws, A, '2019-01-01', 200_000, { order: 'o3', customer: 'c1', cost: 150_000 });
  sale(ws, A, '2019-02-10', 100_000, { order: 'o4', customer: 'c3', cost: 50_000 });
  sale(ws, A, '2019-03-31', -30_000, { order: 'o5', customer: 'c3', cost: -15_000 });
  target(ws, A, '2019-Q1', 200_000);
  feedback(ws, A, '2019-02-01', 4);
  feedback(ws, A, '2019-03-15', 3);
  target(ws, B, '2019-Q1', 100_000);
  sale(ws, B, '2018-12-01', 100_000, { order: 'b0', customer: 'k1' });
});

const rows = (sql: string, ...p: unknown[]) => ws.sqlite.prepare(sql).all(...p) as Array<Record<string, unknown>>;

describe('evaluation runs', () => {
  it('scores, grades and stores a run; the health score follows the documented weights', async () => {
    const r = await api.send('evaluations.run', { period: '2019-Q1' });
    expect(r).toMatchObject({ period: '2019-Q1', version: 1, partnerCount: 2 });
    const { rows: cards } = await api.send('evaluations.scorecards.list', { period: '2019-Q1' });
    const a = cards.find((c) => c.partnerCode === 'A')!;
    // attainment 1.35 → 1; YoY +50 % → 1; margin (270k−185k)/270k ÷ 0.4; retention 0.5; satisfaction (3.5−1)/4; no training; no risks → 1
    const margin = (270_000 - 185_000) / 270_000 / 0.4;
    const expected = (100 * (30 * 1 + 15 * 1 + 10 * margin + 15 * 0.5 + 15 * 0.625 + 5 * 1)) / 90;
    expect(a.healthScore).toBeCloseTo(Math.round(expected * 10) / 10, 9);
    expect(a.grade).toBe('B');
    expect(a.rankInChannel).toBe(1);
    const b = cards.find((c) => c.partnerCode === 'B')!;
    expect(b.attainment).toBe(0);
    expect(b.grade).toBe('D');
    expect(b.rankInChannel).toBe(2);
  });

  it('re-running the same inputs gives the same KPIs and fingerprint in a new version; compare shows no change', async () => {
    const r1 = await api.send('evaluations.run', { period: '2019-Q1' });
    const r2 = await api.send('evaluations.run', { period: '2019-Q1' });
    expect(r2.version).toBe(2);
    expect(r2.inputsFingerprint).toBe(r1.inputsFingerprint);
    const strip = (rs: Awaited<ReturnType<typeof api.send<'evaluations.scorecards.list'>>>['rows']) => rs.map(({ id: _i, runId: _r, runVersion: _v, ...k }) => k);
    expect(strip((await api.send('evaluations.scorecards.list', { runId: r2.runId })).rows)).toEqual(strip((await api.send('evaluations.scorecards.list', { runId: r1.runId })).rows));
    const cmp = await api.send('evaluations.scorecards.compare', { runId: r2.runId });
    expect(cmp.other?.id).toBe(r1.runId);
    expect(cmp).toMatchObject({ sameInputs: true, changed: [], added: [], removed: [], unchanged: 2 });
    // A late sales line changes the inputs: the next version shows what changed
    sale(ws, B, '2019-03-01', 80_000, { order: 'b1', customer: 'k1' });
    const r3 = await api.send('evaluations.run', { period: '2019-Q1' });
    expect(r3.inputsFingerprint).not.toBe(r2.inputsFingerprint);
    const c3 = await api.send('evaluations.scorecards.compare', { runId: r3.runId });
    expect(c3.sameInputs).toBe(false);
    expect(c3.changed.map((c) => c.partnerCode)).toEqual(['B']);
    expect(c3.changed[0].changes).toContainEqual({ field: 'revenueMinor', before: 0, after: 80_000 });
  });

  it('stored runs and scorecards cannot be changed or deleted', async () => {
    const r = await api.send('evaluations.run', { period: '2019-Q1' });
    expect(() => ws.sqlite.prepare('update scorecards set health_score = 100 where run_id = ?').run(r.runId)).toThrow(/cannot be changed/);
    expect(() => ws.sqlite.prepare('delete from scorecards where run_id = ?').run(r.runId)).toThrow(/cannot be deleted/);
    expect(() => ws.sqlite.prepare("update evaluation_runs set period = '2019-Q2' where id = ?").run(r.runId)).toThrow(/cannot be changed/);
  });

  it('refuses unknown partner codes and evaluates only the listed ones', async () => {
    await expect(api.send('evaluations.run', { period: '2019-Q1', partnerCodes: ['A', 'NOPE'] })).rejects.toMatchObject({ body: { code: 'NOT_FOUND' } });
    const r = await api.send('evaluations.run', { period: '2019-Q1', partnerCodes: ['A'] });
    expect(r.partnerCount).toBe(1);
  });
});

describe('risk signals', () => {
  const autoRisks = () => rows("select partner_id as p, rule_code as rule, status, review_requested as rr from risks where source = 'evaluation' order by id");

  it('one open auto-risk per partner and rule: updated, not duplicated; marked for review when the condition clears', async () => {
    await api.send('evaluations.run', { period: '2019-Q1' });
    const first = autoRisks();
    expect(first).toContainEqual({ p: B, rule: 'low_attainment', status: 'open', rr: 0 });
    expect(first).toContainEqual({ p: B, rule: 'revenue_drop', status: 'open', rr: 0 }); // 1,000 → 0
    expect(first.filter((r) => r.p === A)).toEqual([]);
    await api.send('evaluations.run', { period: '2019-Q1' });
    expect(autoRisks()).toEqual(first); // no duplicates
    sale(ws, B, '2019-03-01', 90_000, { order: 'b1', customer: 'k1' }); // attainment 90 %, revenue −10 %
    await api.send('evaluations.run', { period: '2019-Q1' });
    const after = autoRisks();
    expect(after).toHaveLength(first.length);
    expect(after).toContainEqual({ p: B, rule: 'low_attainment', status: 'open', rr: 1 });
    expect(after).toContainEqual({ p: B, rule: 'revenue_drop', status: 'open', rr: 1 });
    const hist = rows("select count(*) as n from risk_history h join risks r on r.id = h.risk_id where r.source = 'evaluation'")[0].n as number;
    expect(hist).toBe(first.length * 2); // created + marked for review
  });

  it('writes each history snapshot as the register reads the risk, a person\'s odd words included (the snapshot is built by SQL)', async () => {
    const snapshotsMatch = () => {
      const auto = riskStore.allByCode(ws).filter((r) => r.source === 'evaluation');
      expect(auto.length).toBeGreaterThan(0);
      for (const r of auto) {
        const last = rows('select snapshot from risk_history where risk_id = ? order by id desc limit 1', r.id)[0].snapshot;
        expect(last, r.code).toBe(JSON.stringify(snapshotOf(r)));
      }
    };
    await api.send('evaluations.run', { period: '2019-Q1' });
    snapshotsMatch();
    // A person rewrites one auto-risk's words (the text code goes); the next changes keep them, quotes, tabs and all.
    const [risk] = riskStore.allByCode(ws).filter((r) => r.partnerId === B && r.ruleCode === 'low_attainment');
    updateRisk(createOpContext({ operation: 'risks.save', ws, user: '李雷' }), risk.id, { title: '达成率 "低"\t\\ 😀', description: '第一行\n第二行\u0001' });
    sale(ws, B, '2019-03-01', 90_000, { order: 'b1', customer: 'k1' }); // attainment 90 %, revenue −10 %: both clear
    await api.send('evaluations.run', { period: '2019-Q1' });
    const kept = riskStore.allByCode(ws).find((r) => r.id === risk.id)!;
    expect(kept).toMatchObject({ title: '达成率 "低"\t\\ 😀', textCode: null, reviewRequested: true });
    snapshotsMatch();
  });

  it("an auto-risk is owned by the partner's channel manager, due for review after the set days, and its code sorts naturally", async () => {
    const manager = Number(ws.sqlite.prepare("insert into channel_managers (name) values ('王经理')").run().lastInsertRowid);
    ws.sqlite.prepare('update partners set channel_manager_id = ? where id = ?').run(manager, B);
    await api.send('system.settings.set', { key: 'risk.autoReviewDays', value: 14 });
    const r = await api.send('evaluations.run', { period: '2019-Q1' });
    const raised = rows("select code, owner, next_review_on as review from risks where source = 'evaluation' and partner_id = ? order by code", B);
    expect(raised.length).toBeGreaterThan(0);
    const today = workspaceClock(ws).today();
    for (const risk of raised) {
      expect(risk.owner).toBe('王经理');
      expect(risk.review).toBe(addDays(today, 14));
      expect(risk.code).toMatch(new RegExp(`^EV-${String(r.runId).padStart(4, '0')}-${String(B).padStart(5, '0')}-\\d$`));
    }
    // partner 2 before partner 10 as text, as in the grid
    expect([autoRiskCode(1, 10, 'revenue_drop'), autoRiskCode(1, 2, 'revenue_drop')].sort()).toEqual([autoRiskCode(1, 2, 'revenue_drop'), autoRiskCode(1, 10, 'revenue_drop')]);
  });

  it('a seasonal dip is no revenue drop (year on year where last year sold), and partners not in business raise nothing', async () => {
    const C = await partner(api, 'C', { tier: 'tier2', channelType: 'dealer' });
    sale(ws, C, '2018-02-01', 100_000, { order: 'c0', customer: 'x1' });
    sale(ws, C, '2018-11-11', 400_000, { order: 'c1', customer: 'x1' }); // Double 11
    sale(ws, C, '2019-02-01', 200_000, { order: 'c2', customer: 'x1' }); // −50 % on Q4, +100 % on last year's Q1
    const D = await partner(api, 'D', { tier: 'tier2', channelType: 'dealer' });
    sale(ws, D, '2018-12-01', 100_000, { order: 'd0', customer: 'y1' }); // nothing in 2019-Q1
    ws.sqlite.prepare("update partners set status = 'suspended' where id = ?").run(D);
    await api.send('evaluations.run', { period: '2019-Q1' });
    const raised = autoRisks();
    expect(raised.filter((r) => r.p === C && r.rule === 'revenue_drop')).toEqual([]);
    expect(raised.filter((r) => r.p === D)).toEqual([]);
    expect(raised).toContainEqual({ p: B, rule: 'revenue_drop', status: 'open', rr: 0 }); // no sales last year: on the previous quarter
  });

  it('re-running an older period leaves the signals of a later evaluation alone', async () => {
    await api.send('evaluations.run', { period: '2019-Q1' });
    sale(ws, B, '2019-04-01', 200_000, { order: 'b2', customer: 'k1' });
    target(ws, B, '2019-Q2', 100_000);
    await api.send('evaluations.run', { period: '2019-Q2' }); // clears B's low attainment
    const before = autoRisks();
    expect(before).toContainEqual({ p: B, rule: 'low_attainment', status: 'open', rr: 1 });
    await api.send('evaluations.run', { period: '2019-Q1' });
    expect(autoRisks()).toEqual(before);
  });

  it("the tier rules read each partner's latest stored result of the previous period, from whichever run has it", async () => {
    target(ws, A, '2018-Q4', 1_000_000);
    target(ws, B, '2018-Q4', 1_000_000);
    await api.send('evaluations.run', { period: '2018-Q4' }); // A 150k → 0.15, B 100k → 0.1
    ws.sqlite.prepare("update targets set value = 500000 where partner_id = ? and period = '2018-Q4'").run(B);
    await api.send('evaluations.run', { period: '2018-Q4', partnerCodes: ['B'] }); // a later run of B alone: 0.2
    // Data that changed after the runs does not count: the stored results do (A's would be 0.25 computed now).
    sale(ws, A, '2018-12-01', 100_000, { order: 'o9', customer: 'c1' });
    ws.sqlite.prepare("update targets set value = 10000000 where partner_id = ? and period = '2019-Q1'").run(A);
    const run = await api.send('evaluations.run', { period: '2019-Q1' });
    const cards = (await api.send('evaluations.scorecards.list', { runId: run.runId })).rows;
    const earlier = (code: string) => cards.find((c) => c.partnerCode === code)!.recommendationReason?.periods[0];
    expect(earlier('A')).toMatchObject({ period: '2018-Q4', attainment: 0.15 });
    expect(earlier('B')).toMatchObject({ period: '2018-Q4', attainment: 0.2 });
    expect(cards.map((c) => c.tierRecommendation)).toEqual(['tier3', 'tier3']);
  });
});

describe('tier recommendations', () => {
  afterEach(() => vi.restoreAllMocks());

  it("a first evaluation reads the earlier period only for partners meeting a rule now: another partner's earlier data changes neither its advice nor the fingerprint", async () => {
    ws.sqlite.prepare("update targets set value = 300000 where partner_id = ? and period = '2019-Q1'").run(A); // A: 270k of 300k = 0.9, neither rule
    target(ws, A, '2018-Q4', 100_000); // A's Q4 alone would meet the upgrade rule: 150k of 100k
    target(ws, B, '2018-Q4', 500_000); // B: 0 now, 20 % in Q4 — a downgrade
    const subset = vi.spyOn(KpiSource.prototype, 'subset');
    const first = await api.send('evaluations.run', { period: '2019-Q1' });
    // 2018-Q4 has no stored run: computed for B alone.
    expect(subset.mock.calls).toEqual([[[B]]]);
    const advice = async (runId: number) =>
      Object.fromEntries((await api.send('evaluations.scorecards.list', { runId })).rows.map((c) => [c.partnerCode, [c.tierRecommendation, c.recommendationReason]]));
    const before = await advice(first.runId);
    expect(before.A).toEqual([null, null]);
    expect(before.B[0]).toBe('tier3');
    expect(before.B[1]).toMatchObject({ code: 'downgrade', periods: [{ period: '2018-Q4', attainment: 0.2 }, { period: '2019-Q1', attainment: 0 }] });
    // An odd Q4 for A (a target of 1 fen: attainment 15,000,000), which only the tier rules would read.
    ws.sqlite.prepare("update targets set value = 1 where partner_id = ? and period = '2018-Q4'").run(A);
    const odd = await api.send('evaluations.run', { period: '2019-Q1' });
    expect(odd.inputsFingerprint).toBe(first.inputsFingerprint);
    expect(await advice(odd.runId)).toEqual(before);
    // B's Q4 result is one the rules read: another one is another fingerprint.
    ws.sqlite.prepare("update targets set value = 400000 where partner_id = ? and period = '2018-Q4'").run(B);
    const changed = await api.send('evaluations.run', { period: '2019-Q1' });
    expect(changed.inputsFingerprint).not.toBe(first.inputsFingerprint);
    expect((await advice(changed.runId)).B[1]).toMatchObject({ periods: [{ period: '2018-Q4', attainment: 0.25 }, { period: '2019-Q1' }] });
    // The same results stored (Q4 evaluated, then the scheduled Q1 reads them): the fingerprint of the computed path.
    await api.send('evaluations.run', { period: '2018-Q4' });
    subset.mockClear();
    const stored = await api.send('evaluations.run', { period: '2019-Q1' });
    expect(subset).not.toHaveBeenCalled();
    expect(stored.inputsFingerprint).toBe(changed.inputsFingerprint);
  });

  it('a scheduled run reads the stored earlier period only for the partners the rules ask about; one the stored run lacks is computed alone, same advice and fingerprint', async () => {
    ws.sqlite.prepare("update targets set value = 300000 where partner_id = ? and period = '2019-Q1'").run(A); // A: neither rule now
    target(ws, A, '2018-Q4', 100_000);
    target(ws, B, '2018-Q4', 500_000); // B: a downgrade candidate (0 now, 20 % in Q4)
    const computed = await api.send('evaluations.run', { period: '2019-Q1' }); // no Q4 run: B's Q4 computed
    const subset = vi.spyOn(KpiSource.prototype, 'subset');
    const totals: number[] = [];
    const onProgress = (p: { phase: string; total: number | null }) => void (p.phase === 'kpis' && totals.push(p.total ?? -1));
    // A Q4 run of A alone, with an odd Q4 for A (a target of 1 fen) that only the tier rules would read: B, the one
    // partner asked about, has no stored result there and is computed for itself; A's stored result is not read.
    ws.sqlite.prepare("update targets set value = 1 where partner_id = ? and period = '2018-Q4'").run(A);
    await api.send('evaluations.run', { period: '2018-Q4', partnerCodes: ['A'] });
    subset.mockClear();
    const partial = await api.send('evaluations.run', { period: '2019-Q1' }, { onProgress });
    expect(subset.mock.calls).toEqual([[[B]]]);
    expect(partial.inputsFingerprint).toBe(computed.inputsFingerprint);
    // The period has a run: its few computed partners report no steps of their own.
    expect(new Set(totals)).toEqual(new Set([8]));
    const advice = async (runId: number) => (await api.send('evaluations.scorecards.list', { runId })).rows.map((c) => [c.partnerCode, c.tierRecommendation, c.recommendationReason]);
    expect(await advice(partial.runId)).toEqual(await advice(computed.runId));
    expect((await advice(partial.runId))[1][2]).toMatchObject({ code: 'downgrade', periods: [{ period: '2018-Q4', attainment: 0.2 }, { period: '2019-Q1', attainment: 0 }] });
  });

  it('with three periods, the oldest is computed only for partners still meeting a rule in the nearer one; the advice follows the whole window', async () => {
    await api.send('system.settings.set', { key: 'evaluation.tierRules', value: { ...DEFAULT_TIER_RULES, consecutivePeriods: 3 } });
    for (const q of ['2018-Q3', '2018-Q4']) {
      target(ws, A, q, 10_000_000); // A: far below every target — but its Q1 meets neither rule
      target(ws, B, q, 500_000); // B: under 60 % in each of the three
    }
    ws.sqlite.prepare("update targets set value = 300000 where partner_id = ? and period = '2019-Q1'").run(A);
    const C = await partner(api, 'C', { tier: 'tier2', channelType: 'dealer' });
    target(ws, C, '2019-Q1', 100_000); // C: 0 now, no Q4 target — leaves the candidates after Q4
    target(ws, C, '2018-Q3', 100_000);
    const subset = vi.spyOn(KpiSource.prototype, 'subset');
    const r = await api.send('evaluations.run', { period: '2019-Q1' });
    expect(subset.mock.calls.map(([ids]) => ids)).toEqual([[B, C], [B]]);
    const cards = (await api.send('evaluations.scorecards.list', { runId: r.runId })).rows;
    const of = (id: number) => cards.find((c) => c.partnerId === id)!;
    expect(of(A).tierRecommendation).toBeNull();
    expect(of(C).recommendationReason).toBeNull();
    expect(of(B).recommendationReason).toMatchObject({ code: 'downgrade', periods: [{ period: '2018-Q3', attainment: 0 }, { period: '2018-Q4', attainment: 0.2 }, { period: '2019-Q1', attainment: 0 }] });
  });

  it('needs the rule met in consecutive periods', () => {
    const good = (period: string) => ({ period, attainment: 1.2, healthScore: 85 });
    const bad = (period: string) => ({ period, attainment: 0.5, healthScore: 40 });
    expect(recommendTier('tier2', [good('Q4'), good('Q1')], DEFAULT_TIER_RULES).tierRecommendation).toBe('tier1');
    expect(recommendTier('tier2', [bad('Q4'), good('Q1')], DEFAULT_TIER_RULES).tierRecommendation).toBeNull();
    expect(recommendTier('tier2', [{ period: 'Q4', attainment: 1.2, healthScore: 79.9 }, good('Q1')], DEFAULT_TIER_RULES).tierRecommendation).toBeNull();
    expect(recommendTier('tier2', [bad('Q4'), bad('Q1')], DEFAULT_TIER_RULES).tierRecommendation).toBe('tier3');
    expect(recommendTier('tier3', [bad('Q4'), bad('Q1')], DEFAULT_TIER_RULES)).toMatchObject({ tierRecommendation: null, reason: { code: 'downgrade_at_bottom' } });
    expect(recommendTier('strategic', [good('Q4'), good('Q1')], DEFAULT_TIER_RULES).reason?.code).toBe('upgrade_at_top');
    expect(recommendTier('tier2', [{ period: 'Q4', attainment: null, healthScore: 10 }, bad('Q1')], DEFAULT_TIER_RULES).tierRecommendation).toBeNull();
    expect(recommendTier('tier2', [bad('Q3'), good('Q4'), good('Q1')], { ...DEFAULT_TIER_RULES, consecutivePeriods: 3 }).tierRecommendation).toBeNull();
  });

  it('B, below 60 % two quarters running, is recommended a downgrade; accepting changes its tier once, audited', async () => {
    target(ws, B, '2018-Q4', 500_000); // Q4: 100,000 of 500,000 = 20 %
    await api.send('evaluations.run', { period: '2019-Q1' });
    const b = (await api.send('evaluations.scorecards.list', { period: '2019-Q1' })).rows.find((c) => c.partnerCode === 'B')!;
    expect(b.tierRecommendation).toBe('tier3');
    expect(b.recommendationReason).toMatchObject({ code: 'downgrade', periods: [{ period: '2018-Q4', attainment: 0.2 }, { period: '2019-Q1', attainment: 0 }] });
    const a = (await api.send('evaluations.scorecards.list', { period: '2019-Q1' })).rows.find((c) => c.partnerCode === 'A')!;
    expect(a.tierRecommendation).toBeNull(); // no Q4 target: only one period qualifies
    await expect(api.send('evaluations.tier.decide', { scorecardId: a.id, decision: 'accepted' })).rejects.toMatchObject({ body: { code: 'DOMAIN' } });
    const d = await api.send('evaluations.tier.decide', { scorecardId: b.id, decision: 'accepted', effectiveOn: '2019-04-15' });
    expect(d).toMatchObject({ fromTier: 'tier2', toTier: 'tier3', decision: 'accepted', effectiveOn: '2019-04-15' });
    expect((await api.send('partners.get', { id: B })).tier).toBe('tier3');
    await expect(api.send('evaluations.tier.decide', { scorecardId: b.id, decision: 'rejected' })).rejects.toMatchObject({ body: { code: 'CONFLICT' } });
    const audit = rows("select before, after from audit_log where operation = 'evaluations.tier.decide'");
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].after as string)).toMatchObject({ tier: 'tier3', decision: 'accepted' });
    const listed = (await api.send('evaluations.scorecards.list', { period: '2019-Q1' })).rows.find((c) => c.partnerCode === 'B')!;
    expect(listed.decision).toMatchObject({ decision: 'accepted', toTier: 'tier3', effectiveOn: '2019-04-15' });
  });
});
