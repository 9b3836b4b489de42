import { afterEach, describe, expect, it } from 'vitest';
import { riskHistory } from '../../../db/schema';
import { createRisk, updateRisk } from '../../../electron/domain/risks/riskRegister';
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
    const a = createRisk(ws, { title: 'A', category: 'market', likelihood: 2, impact: 3 }, 'alice', { at: new Date() });
    const b = createRisk(ws, { title: 'B', category: 'credit', likelihood: 4, impact: 4 }, 'bob', { at: new Date() });
    expect(a.code).toBe('R-0001');
    expect(b.code).toBe('R-0002');
    const hist = ws.db.select().from(riskHistory).all();
    expect(hist).toHaveLength(2);
    expect(hist[1]).toMatchObject({ riskId: b.id, changedBy: 'bob', changes: { created: true } });
    expect(hist[1].snapshot).toMatchObject({ code: 'R-0002', likelihood: 4, impact: 4, status: 'open' });
  });

  it('continues after the highest R-number even when codes were given by hand', () => {
    const { ws } = setup();
    createRisk(ws, { code: 'R-0041', title: 'A', category: 'market', likelihood: 2, impact: 3 }, 'u', { at: new Date() });
    createRisk(ws, { code: 'X-9', title: 'B', category: 'market', likelihood: 2, impact: 3 }, 'u', { at: new Date() });
    expect(createRisk(ws, { title: 'C', category: 'market', likelihood: 1, impact: 1 }, 'u', { at: new Date() }).code).toBe('R-0042');
  });

  it('records what changed, who changed it and the snapshot after; no row when nothing changed', () => {
    const { ws } = setup();
    const r = createRisk(ws, { title: 'A', category: 'market', likelihood: 2, impact: 3 }, 'alice', { at: new Date() });
    const { before, after } = updateRisk(ws, r.id, { impact: 5, owner: '王磊' }, 'carol', { at: new Date() });
    expect(before.impact).toBe(3);
    expect(after.impact).toBe(5);
    updateRisk(ws, r.id, { impact: 5 }, 'carol', { at: new Date() });
    const hist = ws.db.select().from(riskHistory).all();
    expect(hist).toHaveLength(2);
    expect(hist[1].changedBy).toBe('carol');
    expect(hist[1].changes).toEqual({ impact: { from: 3, to: 5 }, owner: { from: null, to: '王磊' } });
    expect(hist[1].snapshot).toMatchObject({ impact: 5, owner: '王磊', title: 'A' });
  });

  it('rejects invalid input: out-of-range scores, half a residual, residual above inherent, unknown partner, duplicate code', () => {
    const { ws } = setup();
    expect(() => createRisk(ws, { title: 'A', category: 'market', likelihood: 6, impact: 3 }, 'u', { at: new Date() })).toThrow(/likelihood/);
    expect(() => createRisk(ws, { title: 'A', category: 'market', likelihood: 2, impact: 3, residualLikelihood: 1 }, 'u', { at: new Date() })).toThrow(/together/);
    expect(() => createRisk(ws, { title: 'A', category: 'market', likelihood: 2, impact: 3, residualLikelihood: 3, residualImpact: 3 }, 'u', { at: new Date() })).toThrow(/residual/);
    expect(() => createRisk(ws, { title: 'A', category: 'market', likelihood: 2, impact: 3, partnerId: 999 }, 'u', { at: new Date() })).toThrow(/not found/);
    createRisk(ws, { code: 'R-0001', title: 'A', category: 'market', likelihood: 2, impact: 3 }, 'u', { at: new Date() });
    expect(() => createRisk(ws, { code: 'R-0001', title: 'B', category: 'market', likelihood: 2, impact: 3 }, 'u', { at: new Date() })).toThrow(/already used/);
  });

  it('fills left-out fields with the schema defaults; a field given as undefined is left as it is (no history row)', () => {
    const { ws } = setup();
    const r = createRisk(ws, { title: 'A', category: 'market', likelihood: 2, impact: 3, owner: undefined }, 'u', { at: new Date() });
    expect(r).toMatchObject({ source: 'manual', reviewRequested: false, owner: null, partnerId: null, status: 'open', closedAt: null });
    updateRisk(ws, r.id, { owner: '王磊' }, 'u', { at: new Date() });
    const { after } = updateRisk(ws, r.id, { owner: undefined, impact: 3 }, 'u', { at: new Date() });
    expect(after.owner).toBe('王磊');
    expect(ws.db.select().from(riskHistory).all()).toHaveLength(2);
  });

  it('sets and clears the closed date with the status', () => {
    const { ws } = setup();
    const r = createRisk(ws, { title: 'A', category: 'market', likelihood: 2, impact: 3 }, 'u', { at: new Date() });
    const closed = updateRisk(ws, r.id, { status: 'closed' }, 'u', { at: new Date('2025-05-06T10:00:00Z') }).after;
    expect(closed.closedAt).toBe('2025-05-06');
    expect(updateRisk(ws, r.id, { status: 'open' }, 'u', { at: new Date() }).after.closedAt).toBeNull();
  });
});
