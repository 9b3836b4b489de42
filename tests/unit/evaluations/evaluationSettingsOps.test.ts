import { describe, expect, it } from 'vitest';
import { DEFAULT_GRADE_BANDS, DEFAULT_RISK_RULES, DEFAULT_TIER_RULES, DEFAULT_WEIGHTS } from '../../../electron/domain/evaluations/evaluationSettings';
import { memoryApi } from '../../helpers/workspace';
import { partner, sale, target } from './fixtures';

type ErrBody = { code: string; issues?: Array<{ path: string; message: string }> };
const body = (e: unknown) => (e as { body: ErrBody }).body;

describe("evaluations.settings.get/set (typed, validated evaluation rules)", () => {
  it('shows the defaults until something is stored, then the stored sections over the defaults', async () => {
    const { api } = memoryApi();
    const first = await api.send('evaluations.settings.get', {});
    expect(first.settings).toEqual({ weights: DEFAULT_WEIGHTS, gradeBands: DEFAULT_GRADE_BANDS, tierRules: DEFAULT_TIER_RULES, riskRules: DEFAULT_RISK_RULES });
    expect(first.defaults).toEqual(first.settings);

    const weights = { ...DEFAULT_WEIGHTS, attainment: 50, risks: 0 };
    const saved = await api.send('evaluations.settings.set', { weights });
    expect(saved.settings.weights).toEqual(weights);
    expect(saved.settings.gradeBands).toEqual(DEFAULT_GRADE_BANDS); // untouched sections stay
    const again = await api.send('evaluations.settings.get', {});
    expect(again.settings.weights).toEqual(weights);
    expect(again.defaults.weights).toEqual(DEFAULT_WEIGHTS);
    // the generic path sees the same document
    expect((await api.send('system.settings.get', { key: 'evaluation.weights' })).value).toEqual(weights);
  });

  it('rejects malformed rules with field issues and stores nothing', async () => {
    const { api } = memoryApi();
    const bad: Array<[string, Record<string, unknown>]> = [
      ['grade bounds not falling', { gradeBands: { A: 70, B: 85, C: 55 } }],
      ['grade bound above 100', { gradeBands: { A: 120, B: 70, C: 55 } }],
      ['negative weight', { weights: { ...DEFAULT_WEIGHTS, growth: -1 } }],
      ['all weights zero', { weights: Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((k) => [k, 0])) }],
      ['missing weight', { weights: { attainment: 30 } }],
      ['unknown weight', { weights: { ...DEFAULT_WEIGHTS, luck: 5 } }],
      ['downgrade above upgrade', { tierRules: { ...DEFAULT_TIER_RULES, downgrade: { maxAttainment: 1.2 } } }],
      ['fractional period count', { tierRules: { ...DEFAULT_TIER_RULES, consecutivePeriods: 1.5 } }],
      ['satisfaction threshold above 5', { riskRules: { ...DEFAULT_RISK_RULES, low_satisfaction: { enabled: true, threshold: 6 } } }],
      ['rule without enabled', { riskRules: { ...DEFAULT_RISK_RULES, low_retention: { threshold: 0.5 } } }],
      ['unknown section', { fiscalStartMonth: 4 }],
      ['nothing', {}],
    ];
    for (const [what, input] of bad) {
      const err = await api.send('evaluations.settings.set', input as never).then(
        () => null,
        (e: unknown) => body(e),
      );
      expect(err, what).toMatchObject({ code: 'INVALID_INPUT' });
    }
    const err = body(await api.send('evaluations.settings.set', { gradeBands: { A: 70, B: 85, C: 55 } }).catch((e: unknown) => e));
    expect(err.issues?.[0].path).toContain('gradeBands');
    // the generic settings path validates the same keys with the same schemas
    const generic = body(await api.send('system.settings.set', { key: 'evaluation.gradeBands', value: { A: 70, B: 85, C: 55 } }).catch((e: unknown) => e));
    expect(generic).toMatchObject({ code: 'INVALID_INPUT' });
    expect((await api.send('system.settings.list', {})).filter((s) => s.key.startsWith('evaluation.'))).toEqual([]);
  });

  it('audits the change with before and after, and the next evaluation grades by the new bands', async () => {
    const { ws, api } = memoryApi();
    const a = await partner(api, 'GS1');
    sale(ws, a, '2024-02-10', 50_000, { order: 'o1', customer: 'c1' });
    target(ws, a, '2024-Q1', 100_000);
    const r1 = await api.send('evaluations.run', { period: '2024-Q1' });
    const before = (await api.send('evaluations.scorecards.list', { runId: r1.runId })).rows[0];
    expect(before.grade).not.toBe('A');

    // A bound just under this partner's score: the same inputs now grade A
    const A = Math.max(1, Math.floor(before.healthScore) - 1);
    await api.send('evaluations.settings.set', { gradeBands: { A, B: A / 2, C: A / 4 } });
    const audit = ws.sqlite.prepare("select operation, entity, entity_id as entityId, before, after from audit_log where operation = 'evaluations.settings.set'").all() as Array<Record<string, string>>;
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].before).gradeBands).toEqual(DEFAULT_GRADE_BANDS);
    expect(JSON.parse(audit[0].after).gradeBands).toEqual({ A, B: A / 2, C: A / 4 });

    const r2 = await api.send('evaluations.run', { period: '2024-Q1' });
    const after = (await api.send('evaluations.scorecards.list', { runId: r2.runId })).rows[0];
    expect(after.healthScore).toBeCloseTo(before.healthScore, 6);
    expect(after.grade).toBe('A');
    // the stored first run keeps the grade it was made with
    expect((await api.send('evaluations.scorecards.list', { runId: r1.runId })).rows[0].grade).toBe(before.grade);
  });
});
