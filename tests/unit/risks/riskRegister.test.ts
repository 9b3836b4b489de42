import { afterEach, describe, expect, it } from 'vitest';
import { riskHistory } from '../../../db/schema';
import { createRisk, updateRisk } from '../../../electron/domain/risks/riskRegister';
import { changeContextAt } from '../../../electron/domain/opContext';
import { memoryApi } from '../../helpers/workspace';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function setup() {
  const { ws, api } = memoryApi();
  cleanup = () => ws.close();
  return { ws, api };
}

describe('createRisk / updateRisk', () => {
  it('generates consecutive codes and records a history row with the full snapshot', () => {
    const { ws } = setup();
    const a = createRisk(changeContextAt(ws, 'alice', new Date()), { title: 'A', category: 'market', likelihood: 2, impact: 3 });
    const b = createRisk(changeContextAt(ws, 'bob', new Date()), { title: 'B', category: 'credit', likelihood: 4, impact: 4 });
    expect(a.code).toBe('R-0001');
    expect(b.code).toBe('R-0002');
    const hist = ws.db.select().from(riskHistory).all();
    expect(hist).toHaveLength(2);
    expect(hist[1]).toMatchObject({ riskId: b.id, changedBy: 'bob', changes: { created: true } });
    expect(hist[1].snapshot).toMatchObject({ code: 'R-0002', likelihood: 4, impact: 4, status: 'open' });
  });

  it('continues after the highest R-number even when codes were given by hand', () => {
    const { ws } = setup();
    createRisk(changeContextAt(ws, 'u', new Date()), { code: 'R-0041', title: 'A', category: 'market', likelihood: 2, impact: 3 });
    createRisk(changeContextAt(ws, 'u', new Date()), { code: 'X-9', title: 'B', category: 'market', likelihood: 2, impact: 3 });
    expect(createRisk(changeContextAt(ws, 'u', new Date()), { title: 'C', category: 'market', likelihood: 1, impact: 1 }).code).toBe('R-0042');
  });

  it('records what changed, who changed it and the snapshot after; no row when nothing changed', () => {
    const { ws } = setup();
    const r = createRisk(changeContextAt(ws, 'alice', new Date()), { title: 'A', category: 'market', likelihood: 2, impact: 3 });
    const { before, after } = updateRisk(changeContextAt(ws, 'carol', new Date()), r.id, { impact: 5, owner: '王磊' });
    expect(before.impact).toBe(3);
    expect(after.impact).toBe(5);
    updateRisk(changeContextAt(ws, 'carol', new Date()), r.id, { impact: 5 });
    const hist = ws.db.select().from(riskHistory).all();
    expect(hist).toHaveLength(2);
    expect(hist[1].changedBy).toBe('carol');
    expect(hist[1].changes).toEqual({ impact: { from: 3, to: 5 }, owner: { from: null, to: '王磊' } });
    expect(hist[1].snapshot).toMatchObject({ impact: 5, owner: '王磊', title: 'A' });
  });

  it('rejects invalid input: out-of-range scores, half a residual, residual above inherent, unknown partner, duplicate code', () => {
    const { ws } = setup();
    expect(() => createRisk(changeContextAt(ws, 'u', new Date()), { title: 'A', category: 'market', likelihood: 6, impact: 3 })).toThrow(/likelihood/);
    expect(() => createRisk(changeContextAt(ws, 'u', new Date()), { title: 'A', category: 'market', likelihood: 2, impact: 3, residualLikelihood: 1 })).toThrow(/together/);
    expect(() => createRisk(changeContextAt(ws, 'u', new Date()), { title: 'A', category: 'market', likelihood: 2, impact: 3, residualLikelihood: 3, residualImpact: 3 })).toThrow(/residual/);
    expect(() => createRisk(changeContextAt(ws, 'u', new Date()), { title: 'A', category: 'market', likelihood: 2, impact: 3, partnerId: 999 })).toThrow(/not found/);
    createRisk(changeContextAt(ws, 'u', new Date()), { code: 'R-0001', title: 'A', category: 'market', likelihood: 2, impact: 3 });
    expect(() => createRisk(changeContextAt(ws, 'u', new Date()), { code: 'R-0001', title: 'B', category: 'market', likelihood: 2, impact: 3 })).toThrow(/already used/);
  });

  it('fills left-out fields with the schema defaults; a field given as undefined is left as it is (no history row)', () => {
    const { ws } = setup();
    const r = createRisk(changeContextAt(ws, 'u', new Date()), { title: 'A', category: 'market', likelihood: 2, impact: 3, owner: undefined });
    expect(r).toMatchObject({ source: 'manual', reviewRequested: false, owner: null, partnerId: null, status: 'open', closedAt: null });
    updateRisk(changeContextAt(ws, 'u', new Date()), r.id, { owner: '王磊' });
    const { after } = updateRisk(changeContextAt(ws, 'u', new Date()), r.id, { owner: undefined, impact: 3 });
    expect(after.owner).toBe('王磊');
    expect(ws.db.select().from(riskHistory).all()).toHaveLength(2);
  });

  it('sets and clears the closed date with the status', () => {
    const { ws } = setup();
    const r = createRisk(changeContextAt(ws, 'u', new Date()), { title: 'A', category: 'market', likelihood: 2, impact: 3 });
    const closed = updateRisk(changeContextAt(ws, 'u', new Date('2025-05-06T10:00:00Z')), r.id, { status: 'closed' }).after;
    expect(closed.closedAt).toBe('2025-05-06');
    expect(updateRisk(changeContextAt(ws, 'u', new Date()), r.id, { status: 'open' }).after.closedAt).toBeNull();
  });
});
