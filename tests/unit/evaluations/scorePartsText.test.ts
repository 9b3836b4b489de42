import { beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../db/database';
import type { Api } from '../../../electron/api/api';
import { runEvaluation } from '../../../electron/domain/evaluations/evaluationRun';
import { SCORE_PARTS } from '../../../electron/domain/evaluations/evaluationSettings';
import { scorePartsJson, scorePartsReader } from '../../../electron/domain/evaluations/scorePartsText';
import { createOpContext } from '../../../electron/domain/opContext';
import { memoryApi } from '../../helpers/workspace';
import { feedback, partner, sale, target } from './fixtures';

let ws: Workspace;
let api: Api;

beforeEach(async () => {
  ({ ws, api } = memoryApi());
  const a = await partner(api, 'A', { tier: 'tier2', channelType: 'dealer' });
  const b = await partner(api, 'B', { tier: 'tier3', channelType: 'retail' });
  sale(ws, a, '2018-01-15', 120_000, { order: 'o1', customer: 'c1', cost: 80_000 });
  sale(ws, a, '2019-01-15', 170_000, { order: 'o2', customer: 'c1', cost: 100_000 });
  sale(ws, b, '2019-02-01', 30_000, { order: 'b1', customer: 'k1' });
  target(ws, a, '2019-Q1', 150_000);
  feedback(ws, b, '2019-02-01', 2);
});

describe('score_parts stored narrow, read back whole', () => {
  it('a run stores parts and coverage as an array and every reader gets the object the run scored', async () => {
    // Odd weights (decimals, a zero) so that the run's own weights, not the defaults, must come back.
    await api.send('evaluations.settings.set', { weights: { attainment: 12.5, growth: 0, grossMargin: 7, retention: 3.25, satisfaction: 1, training: 2, risks: 1, sellThrough: 0, inventoryHealth: 0, territoryDiscipline: 0, priceDiscipline: 0 } });
    const run = runEvaluation(createOpContext({ operation: 'evaluations.run', ws, user: 't' }), { period: '2019-Q1', trigger: 'manual' });
    const stored = ws.sqlite.prepare<[number], { partner_id: number; score_parts: string }>('select partner_id, score_parts from scorecards where run_id = ?').all(run.runId);
    expect(stored).toHaveLength(2);
    for (const s of stored) {
      expect(s.score_parts).toMatch(/^\[[^[\]{}]+\]$/);
      expect(JSON.parse(s.score_parts)).toHaveLength(SCORE_PARTS.length + 1);
    }
    const { rows } = await api.send('evaluations.scorecards.list', { runId: run.runId });
    for (const card of run.scorecards) {
      const row = rows.find((r) => r.partnerId === card.partnerId)!;
      expect(row.scoreParts).toEqual(card.scoreParts);
      // The text HQ and the tables' readers get is what JSON.stringify wrote for the object before.
      const raw = stored.find((s) => s.partner_id === card.partnerId)!.score_parts;
      expect(scorePartsReader(ws)(run.runId, raw)).toBe(JSON.stringify(card.scoreParts));
    }
    expect(run.scorecards[0].scoreParts.weights.attainment).toBe(12.5);
    // A second run with other weights reads back its own.
    await api.send('evaluations.settings.set', { weights: { attainment: 30, growth: 15, grossMargin: 10, retention: 15, satisfaction: 15, training: 10, risks: 5, sellThrough: 0, inventoryHealth: 0, territoryDiscipline: 0, priceDiscipline: 0 } });
    const again = await api.send('evaluations.run', { period: '2019-Q1' });
    const trend = await api.send('evaluations.scorecards.partnerTrend', { partnerId: run.scorecards[0].partnerId, kind: 'quarter' });
    expect(trend.points.map((p) => p.scoreParts?.weights.attainment)).toEqual([30]);
    const first = await api.send('evaluations.scorecards.list', { runId: run.runId });
    expect(first.rows.map((r) => r.scoreParts?.weights.attainment)).toEqual([12.5, 12.5]);
    expect(again.runId).toBeGreaterThan(run.runId);
  });

  it('a scorecard stored whole (before the narrow form) reads as stored; an array names its parts by position', () => {
    const whole = '{"parts":{"attainment":0.5},"weights":{"attainment":1},"coverage":1}';
    expect(scorePartsJson(whole, '{"x":1}')).toBe(whole);
    expect(scorePartsJson('[0.5,null,0.25]', '{"attainment":30,"growth":15}')).toBe(
      '{"parts":{"attainment":0.5,"growth":null},"weights":{"attainment":30,"growth":15},"coverage":0.25}',
    );
    expect(() => scorePartsJson(`[${Array(SCORE_PARTS.length + 1).fill(0).join(',')},1]`, '{}')).toThrow(/more than/);
    expect(scorePartsReader(ws)(1, null)).toBeNull();
  });
});
