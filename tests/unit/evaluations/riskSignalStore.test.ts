import { describe, expect, it } from 'vitest';
import { riskSignalStore, type ChangedAutoRisk, type NewAutoRisk } from '../../../electron/domain/evaluations/store';
import { riskStore } from '../../../electron/domain/risks/store';
import { snapshotOf } from '../../../electron/domain/risks/riskRegister';
import { memoryApi } from '../../helpers/workspace';
import { partner } from './fixtures';

/**
 * The risk signals' writes go in multi-row statements of 128 rows and then power-of-two chunks (64, 32, … 1): every
 * count must write every row exactly once, in order, with its own values — 0, 1, a full chunk and one more, and a count
 * that needs every chunk size.
 */
describe('risk signal writes in chunks', () => {
  it.each([0, 1, 128, 129, 255, 300])('writes %i new risks, changes and history rows, each once and as given', async (n) => {
    const { ws, api } = memoryApi();
    const p = await partner(api, 'P1', { tier: 'tier2', channelType: 'dealer' });
    const at = '2019-04-02T08:00:00.000Z';
    const params = (i: number) => JSON.stringify({ partner: 'P1', lines: [{ kind: 'raised', period: '2019-Q1', measure: { rule: 'low_attainment', attainment: i / 1000, limit: 0.8 } }] });
    const creates: NewAutoRisk[] = Array.from({ length: n }, (_, i) => [`EV-${i}`, `标题 ${i}`, i % 7 === 0 ? null : `说明 "${i}"\n第二行`, 'market', p, 'low_attainment', i % 2 ? '王经理' : null, 'evaluation.low_attainment', params(i)]);
    const ids = riskSignalStore.insertRisks(ws, creates, at, '2019-05-02');
    expect(ids).toHaveLength(n);
    expect(new Set(ids).size).toBe(n);
    const byId = new Map(riskStore.allByCode(ws).map((r) => [r.id, r]));
    ids.forEach((id, i) => {
      expect(byId.get(id), `row ${i}`).toMatchObject({ code: `EV-${i}`, title: `标题 ${i}`, description: creates[i][2], owner: creates[i][6], nextReviewOn: '2019-05-02', textParams: JSON.parse(params(i)), reviewRequested: false, createdAt: at });
    });

    // Every other one changes: new words, parameters and review flag.
    const changed: ChangedAutoRisk[] = ids.filter((_, i) => i % 2 === 0).map((id) => [id, `新标题 ${id}`, null, params(id + 5000), 1]);
    riskSignalStore.updateRisks(ws, changed, '2019-07-02T08:00:00.000Z');
    const after = new Map(riskStore.allByCode(ws).map((r) => [r.id, r]));
    ids.forEach((id, i) => {
      const r = after.get(id)!;
      if (i % 2 === 0) expect(r, `changed ${i}`).toMatchObject({ title: `新标题 ${id}`, description: null, textParams: JSON.parse(params(id + 5000)), reviewRequested: true, updatedAt: '2019-07-02T08:00:00.000Z' });
      else expect(r, `kept ${i}`).toMatchObject({ title: `标题 ${i}`, reviewRequested: false, updatedAt: at });
    });

    // History: one row per entry in the order given, the snapshot as the register reads the risk.
    const history: Array<[number, string]> = [...ids.map((id) => [id, '{"created":true}'] as [number, string]), ...changed.map(([id]) => [id, `{"title":${id}}`] as [number, string])];
    riskSignalStore.insertHistory(ws, history, '2019-07-02T08:00:00.000Z', '王芳');
    const stored = ws.sqlite.prepare('select risk_id as id, changes, snapshot, changed_by as by from risk_history order by risk_history.id').all() as Array<{ id: number; changes: string; snapshot: string; by: string }>;
    expect(stored.map((h) => [h.id, h.changes])).toEqual(history);
    for (const h of stored) {
      expect(h.by).toBe('王芳');
      expect(h.snapshot).toBe(JSON.stringify(snapshotOf(after.get(h.id)!)));
    }
    ws.close();
  });
});
