import { afterEach, describe, expect, it } from 'vitest';
import { createRisk, updateRisk } from '../../../electron/domain/risks/riskRegister';
import { changeContextAt } from '../../../electron/domain/opContext';
import { DEFAULT_RISK_BANDS, riskBandIssues, riskLevel } from '../../../electron/domain/risks/riskLevels';
import { memoryApi, partnerInput } from '../../helpers/workspace';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());
function setup() {
  const { ws, api } = memoryApi();
  cleanup = () => ws.close();
  return { ws, api };
}

describe('risk bands', () => {
  it('levels every possible score by the default bands', () => {
    expect([1, 4, 5, 9, 10, 15, 16, 25].map((s) => riskLevel(s, DEFAULT_RISK_BANDS))).toEqual([
      'low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical',
    ]);
  });

  it('rejects gaps, overlaps, wrong order and incomplete coverage', () => {
    const b = () => DEFAULT_RISK_BANDS.map((x) => ({ ...x }));
    expect(riskBandIssues(b())).toEqual([]);
    const gap = b(); gap[1].min = 6;
    const overlap = b(); overlap[1].min = 4;
    const order = b(); [order[0].level, order[1].level] = ['medium', 'low'];
    const short = b(); short[3].max = 24;
    const tooFew = b().slice(0, 3);
    for (const bad of [gap, overlap, order, short, tooFew]) expect(riskBandIssues(bad).length).toBeGreaterThan(0);
  });

  it('re-levels existing risks when the bands change, and refuses invalid bands', async () => {
    const { api } = setup();
    await api.send('risks.save', { fields: { title: 'Score 9', category: 'market', likelihood: 3, impact: 3 } });
    await api.send('risks.save', { fields: { title: 'Score 12', category: 'credit', likelihood: 3, impact: 4 } });
    const levels = async () => (await api.send('risks.list', {})).rows.map((r) => [r.score, r.level]);
    expect(await levels()).toEqual([[9, 'medium'], [12, 'high']]);
    await api.send('risks.bands.set', {
      bands: [
        { level: 'low', min: 1, max: 9 },
        { level: 'medium', min: 10, max: 12 },
        { level: 'high', min: 13, max: 19 },
        { level: 'critical', min: 20, max: 25 },
      ],
    });
    expect(await levels()).toEqual([[9, 'low'], [12, 'medium']]);
    // the heat-map cells are re-levelled too
    const hm = await api.send('risks.heatMap', {});
    expect(hm.cells.find((c) => c.likelihood === 3 && c.impact === 4)?.level).toBe('medium');
    await expect(
      api.send('risks.bands.set', { bands: [{ level: 'low', min: 1, max: 4 }, { level: 'medium', min: 6, max: 9 }, { level: 'high', min: 10, max: 15 }, { level: 'critical', min: 16, max: 25 }] }),
    ).rejects.toThrow(/start at 5/);
    expect(await levels()).toEqual([[9, 'low'], [12, 'medium']]);
  });
});

describe('register as of a past date', () => {
  it('shows each risk as it stood at the end of that day, and leaves out later risks', async () => {
    const { ws, api } = setup();
    const d = (s: string) => ({ at: new Date(`${s}T12:00:00`) });
    const a = createRisk(changeContextAt(ws, 'alice', d('2025-01-10').at), { title: 'A', category: 'market', likelihood: 2, impact: 2 });
    updateRisk(changeContextAt(ws, 'carol', d('2025-03-01').at), a.id, { likelihood: 5, owner: 'bob' });
    updateRisk(changeContextAt(ws, 'carol', d('2025-06-01').at), a.id, { status: 'closed' });
    createRisk(changeContextAt(ws, 'alice', d('2025-04-01').at), { title: 'B', category: 'credit', likelihood: 4, impact: 4 });

    const at = async (asOf: string) => (await api.send('risks.list', { asOf })).rows.map((r) => [r.title, r.likelihood, r.status, r.level]);
    expect(await at('2025-01-09')).toEqual([]);
    expect(await at('2025-01-10')).toEqual([['A', 2, 'open', 'low']]);
    expect(await at('2025-03-31')).toEqual([['A', 5, 'open', 'high']]);
    expect(await at('2025-04-01')).toEqual([['A', 5, 'open', 'high'], ['B', 4, 'open', 'critical']]);
    expect(await at('2025-06-01')).toEqual([['A', 5, 'closed', 'high'], ['B', 4, 'open', 'critical']]);
    // the filters apply to the past register as well
    expect((await api.send('risks.list', { asOf: '2025-04-01', statuses: ['open'], levels: ['critical'] })).rows.map((r) => r.title)).toEqual(['B']);
    // the detail keeps every change, newest first
    const detail = await api.send('risks.get', { id: a.id });
    expect(detail.history.map((h) => h.changedBy)).toEqual(['carol', 'carol', 'alice']);
    expect(detail.history[1].changes).toEqual({ likelihood: { from: 2, to: 5 }, owner: { from: null, to: 'bob' } });
  });
});

describe('heat map', () => {
  it('counts per cell equal the grid rows for that cell, on both bases and under filters', async () => {
    const { ws, api } = setup();
    const p = await api.send('partners.create', partnerInput('P1'));
    const specs: Array<[number, number, number | null, number | null, string]> = [
      [4, 4, 2, 3, 'channel_conflict'], [4, 4, null, null, 'credit'], [2, 3, 1, 1, 'market'], [5, 5, 4, 4, 'credit'], [1, 1, null, null, 'market'], [4, 4, 2, 3, 'market'],
    ];
    specs.forEach(([l, i, rl, ri, category], n) =>
      createRisk(changeContextAt(ws, 'u', new Date()), { title: `T${n}`, category: category as 'market', likelihood: l, impact: i, residualLikelihood: rl, residualImpact: ri, partnerId: n % 2 ? p.id : null }),
    );
    updateRisk(changeContextAt(ws, 'u', new Date()), 5, { status: 'closed' });
    for (const filter of [{}, { basis: 'residual' as const }, { categories: ['market' as const] }, { statuses: ['open' as const], basis: 'residual' as const }, { partnerIds: [p.id] }]) {
      const hm = await api.send('risks.heatMap', filter);
      expect(hm.cells).toHaveLength(25);
      let sum = 0;
      for (const c of hm.cells) {
        const rows = (await api.send('risks.list', { ...filter, cell: { likelihood: c.likelihood, impact: c.impact } })).rows;
        expect(rows.length).toBe(c.count);
        sum += c.count;
      }
      expect(sum).toBe((await api.send('risks.list', filter)).total);
    }
    const inherent = await api.send('risks.heatMap', {});
    expect(inherent.cells.find((c) => c.likelihood === 4 && c.impact === 4)?.count).toBe(3);
    const residual = await api.send('risks.heatMap', { basis: 'residual' });
    // unassessed residual counts at its inherent cell
    expect(residual.cells.find((c) => c.likelihood === 4 && c.impact === 4)?.count).toBe(2);
    expect(residual.cells.find((c) => c.likelihood === 2 && c.impact === 3)?.count).toBe(2);
  });
});

describe('actions and overdue', () => {
  it('saves actions as a list, records the change, and lists overdue reviews and actions of open risks', async () => {
    const { ws, api } = setup();
    const r = await api.send('risks.save', {
      fields: { title: 'A', category: 'market', likelihood: 3, impact: 3, nextReviewOn: '2025-01-31', owner: '王磊' },
      actions: [
        { description: 'call partner', owner: '李娜', dueOn: '2025-02-01' },
        { description: 'done already', dueOn: '2025-01-01', doneOn: '2025-01-02' },
        { description: 'later', dueOn: '2025-12-01' },
      ],
    });
    const closed = await api.send('risks.save', { fields: { title: 'B', category: 'market', likelihood: 3, impact: 3, nextReviewOn: '2025-01-01' }, actions: [{ description: 'x', dueOn: '2025-01-01' }] });
    await api.send('risks.close', { id: closed.id });
    const o = await api.send('risks.overdue', { asOf: '2025-03-01' });
    expect(o.reviews.map((x) => [x.code, x.daysOverdue])).toEqual([[r.code, 29]]);
    expect(o.actions.map((x) => [x.description, x.daysOverdue])).toEqual([['call partner', 28]]);

    const detail = await api.send('risks.get', { id: r.id });
    expect(detail.actions).toHaveLength(3);
    const [first, , third] = detail.actions;
    const saved = await api.send('risks.actions.save', { riskId: r.id, actions: [{ ...pick(first), doneOn: '2025-02-15' }, pick(third)] });
    expect(saved.map((a) => a.description)).toEqual(['call partner', 'later']);
    const h = (await api.send('risks.get', { id: r.id })).history[0].changes as Record<string, unknown[]>;
    expect(h.actionsChanged).toHaveLength(1);
    expect(h.actionsRemoved).toHaveLength(1);
    expect((await api.send('risks.overdue', { asOf: '2025-03-01' })).actions).toEqual([]);
    void ws;
  });
});

describe('register as of a past date, in the workspace time zone', () => {
  it("ends the day at the workspace clock's midnight (company.timeZone), not the laptop's", async () => {
    const { ws, api } = setup();
    // A zone at least seven hours from the machine's, whatever the machine's is.
    const east = -new Date('2025-04-01T12:00:00Z').getTimezoneOffset() >= 0;
    const { zone, offset } = east ? { zone: 'America/Los_Angeles', offset: '-07:00' } : { zone: 'Asia/Shanghai', offset: '+08:00' };
    await api.send('system.settings.set', { key: 'company.timeZone', value: zone });
    createRisk(changeContextAt(ws, 'alice', new Date(`2025-04-01T23:30:00${offset}`)), { title: 'late on the 1st', category: 'market', likelihood: 2, impact: 2 });
    createRisk(changeContextAt(ws, 'alice', new Date(`2025-04-02T00:30:00${offset}`)), { title: 'early on the 2nd', category: 'credit', likelihood: 2, impact: 2 });
    const titles = async (asOf: string) => (await api.send('risks.list', { asOf })).rows.map((r) => r.title).sort();
    expect(await titles('2025-03-31')).toEqual([]);
    expect(await titles('2025-04-01')).toEqual(['late on the 1st']);
    expect(await titles('2025-04-02')).toEqual(['early on the 2nd', 'late on the 1st']);
  });
});

function pick(a: { id: number; description: string; owner: string | null; dueOn: string | null; doneOn: string | null }) {
  return { id: a.id, description: a.description, owner: a.owner, dueOn: a.dueOn, doneOn: a.doneOn };
}
