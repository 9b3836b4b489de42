import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { createOpContext } from '../../../electron/domain/opContext';
import { claimSchedulePeriod, latestDuePeriod, runDue, STALE_CLAIM_MS, WAITING_FOR_SALES } from '../../../electron/domain/evaluations/scheduleRunner';
import { fileWorkspace, memoryApi } from '../../helpers/workspace';
import { partner, sale, target } from './fixtures';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const at = (date: string) => new Date(`${date}T10:00:00`); // local time: the scheduler thinks in the user's days

describe('due periods', () => {
  it('a period is due lagDays after its end', () => {
    expect(latestDuePeriod({ cycle: 'quarterly', lagDays: 5 }, '2019-04-04', 1).label).toBe('2018-Q4');
    expect(latestDuePeriod({ cycle: 'quarterly', lagDays: 5 }, '2019-04-05', 1).label).toBe('2019-Q1');
    expect(latestDuePeriod({ cycle: 'monthly', lagDays: 0 }, '2020-03-01', 1).label).toBe('2020-02');
    expect(latestDuePeriod({ cycle: 'half_yearly', lagDays: 10 }, '2019-07-09', 1).label).toBe('2018-H2');
    expect(latestDuePeriod({ cycle: 'half_yearly', lagDays: 10 }, '2019-07-10', 1).label).toBe('2019-H1');
    expect(latestDuePeriod({ cycle: 'yearly', lagDays: 5 }, '2019-04-10', 4).label).toBe('2019'); // FY2019 = Apr 2018 – Mar 2019
  });
});

describe('evaluations.schedules.runDue', () => {
  it('runs the latest due period first time, then catches up every period missed while closed, exactly once', async () => {
    const { ws, api } = memoryApi();
    const a = await partner(api, 'A', { tier: 'tier1' });
    await partner(api, 'B', { tier: 'tier2' });
    for (const d of ['2019-03-01', '2019-06-01', '2019-09-01', '2019-12-01']) sale(ws, a, d, 10_000, { order: d, customer: 'c' });
    target(ws, a, '2019-Q3', 10_000);
    const s = await api.send('evaluations.schedules.save', { name: 'T1 quarterly', cycle: 'quarterly', tiers: ['tier1'], channelTypes: [], regions: [], lagDays: 5, enabled: true });
    const first = await api.send('evaluations.schedules.runDue', { asOf: at('2019-04-10').toISOString() });
    expect(first.runs.map((r) => [r.period, r.outcome, r.partnerCount])).toEqual([['2019-Q1', 'succeeded', 1]]);
    // The laptop stays closed until January 2020: Q2, Q3 and Q4 are all caught up, in order
    const gap = await api.send('evaluations.schedules.runDue', { asOf: at('2020-01-10').toISOString() });
    expect(gap.runs.map((r) => [r.period, r.outcome])).toEqual([
      ['2019-Q2', 'succeeded'],
      ['2019-Q3', 'succeeded'],
      ['2019-Q4', 'succeeded'],
    ]);
    expect((await api.send('evaluations.schedules.runDue', { asOf: at('2020-01-11').toISOString() })).runs).toEqual([]);
    const runs = await api.send('evaluations.runs', {});
    expect(runs.map((r) => [r.period, r.version, r.trigger, r.scheduleId]).reverse()).toEqual([
      ['2019-Q1', 1, 'schedule', s.id],
      ['2019-Q2', 1, 'schedule', s.id],
      ['2019-Q3', 1, 'schedule', s.id],
      ['2019-Q4', 1, 'schedule', s.id],
    ]);
    const q3 = await api.send('evaluations.scorecards.list', { period: '2019-Q3' });
    expect(q3.rows.map((r) => [r.partnerCode, r.attainment])).toEqual([['A', 1]]);
    const [listed] = await api.send('evaluations.schedules.list', {});
    expect(listed).toMatchObject({ lastPeriod: '2019-Q4', lastOutcome: 'succeeded' });
    // A schedule with runs is kept for the record
    await expect(api.send('evaluations.schedules.delete', { id: s.id })).rejects.toMatchObject({ body: { code: 'CONFLICT' } });
    // Disabled schedules do not run
    const { lastPeriod: _l, lastOutcome: _o, lastRunAt: _r, lastPopulation: _p, ...fields } = s;
    await api.send('evaluations.schedules.save', { ...(fields as Parameters<typeof api.send<'evaluations.schedules.save'>>[1]), enabled: false });
    expect((await api.send('evaluations.schedules.runDue', { asOf: at('2021-01-10').toISOString() })).runs).toEqual([]);
    void ws;
  });

  it('waits for a period whose sales are not all in, says so in the last outcome, and evaluates it once they are', async () => {
    const { ws, api } = memoryApi();
    const a = await partner(api, 'A');
    // Sales imported up to May: the second quarter's last month is missing.
    for (const d of ['2019-01-15', '2019-02-15', '2019-03-15', '2019-04-15', '2019-05-15']) sale(ws, a, d, 10_000, { order: d, customer: 'c' });
    await api.send('evaluations.schedules.save', { name: 'Q', cycle: 'quarterly', tiers: [], channelTypes: [], regions: [], lagDays: 5, enabled: true });
    await api.send('evaluations.schedules.runDue', { asOf: at('2019-04-10').toISOString() });
    const waiting = await api.send('evaluations.schedules.runDue', { asOf: at('2019-07-10').toISOString() });
    expect(waiting.runs.map((r) => [r.period, r.outcome, r.message])).toEqual([['2019-Q2', 'waiting', WAITING_FOR_SALES]]);
    expect(await api.send('evaluations.runs', { period: '2019-Q2' })).toEqual([]);
    const [listed] = await api.send('evaluations.schedules.list', {});
    expect(listed).toMatchObject({ lastPeriod: '2019-Q2', lastOutcome: 'waiting' });
    // Still nothing for June on the next call: it keeps waiting, and is not evaluated.
    expect((await api.send('evaluations.schedules.runDue', { asOf: at('2019-07-11').toISOString() })).runs.map((r) => r.outcome)).toEqual(['waiting']);
    // June's sales arrive: the next call evaluates the quarter.
    sale(ws, a, '2019-06-20', 10_000, { order: 'june', customer: 'c' });
    const done = await api.send('evaluations.schedules.runDue', { asOf: at('2019-07-12').toISOString() });
    expect(done.runs.map((r) => [r.period, r.outcome])).toEqual([['2019-Q2', 'succeeded']]);
    expect((await api.send('evaluations.schedules.list', {}))[0]).toMatchObject({ lastPeriod: '2019-Q2', lastOutcome: 'succeeded' });
  });

  it('never runs a schedule-period twice concurrently: a claim held by another connection is skipped until stale', async () => {
    const f = fileWorkspace();
    cleanups.push(f.cleanup);
    const api1 = createApi({ ws: f.ws, user: 'window' });
    const a = await partner(api1, 'A', { tier: 'tier1' });
    for (const d of ['2019-03-15', '2019-06-15']) sale(f.ws, a, d, 10_000, { order: d, customer: 'c' });
    const s = await api1.send('evaluations.schedules.save', { name: 'Q', cycle: 'quarterly', tiers: [], channelTypes: [], regions: [], lagDays: 5, enabled: true });
    const ws2 = openWorkspace(f.path);
    cleanups.unshift(() => ws2.close());
    const cliContext = createOpContext({ operation: 'evaluations.schedules.runDue', ws: ws2, user: 'cli' });
    const now = at('2019-04-10');
    // The app's worker claims 2019-Q1 and is still running it …
    expect(claimSchedulePeriod(f.ws, s.id, '2019-Q1', now)).toBe(true);
    // … a second claim (the CLI, another window) on another connection loses
    expect(claimSchedulePeriod(ws2, s.id, '2019-Q1', now)).toBe(false);
    const cli = runDue(cliContext, new Date(now.getTime() + 60_000));
    expect(cli.runs).toEqual([]); // nothing pending after the claimed period: the claim counts as taken
    const count = () => (ws2.sqlite.prepare('select count(*) as n from evaluation_runs').get() as { n: number }).n;
    expect(count()).toBe(0);
    // A failed run is retried by the next runDue; a stale claim (app killed mid-run) can be taken over
    f.ws.sqlite.prepare("update schedule_runs set outcome = 'failed', message = 'boom'").run();
    const retry = runDue(cliContext, new Date(now.getTime() + 120_000));
    expect(retry.runs.map((r) => [r.period, r.outcome])).toEqual([['2019-Q1', 'succeeded']]);
    expect(count()).toBe(1);
    expect(claimSchedulePeriod(f.ws, s.id, '2019-Q2', at('2019-07-10'))).toBe(true);
    expect(claimSchedulePeriod(ws2, s.id, '2019-Q2', new Date(at('2019-07-10').getTime() + STALE_CLAIM_MS / 2))).toBe(false);
    expect(claimSchedulePeriod(ws2, s.id, '2019-Q2', new Date(at('2019-07-10').getTime() + STALE_CLAIM_MS + 1000))).toBe(true);
  });

  it('two windows calling runDue on their own connections for the same due periods: each period is evaluated once', async () => {
    const f = fileWorkspace();
    cleanups.push(f.cleanup);
    const api1 = createApi({ ws: f.ws, user: 'a' });
    const a = await partner(api1, 'A');
    for (const d of ['2018-12-15', '2019-01-15', '2019-02-15', '2019-03-15', '2019-04-15', '2019-05-15', '2019-06-15']) sale(f.ws, a, d, 10_000, { order: d, customer: 'c' });
    await api1.send('evaluations.schedules.save', { name: 'M', cycle: 'monthly', tiers: [], channelTypes: [], regions: [], lagDays: 1, enabled: true });
    const ws2 = openWorkspace(f.path);
    cleanups.unshift(() => ws2.close());
    const api2 = createApi({ ws: ws2, user: 'b' });
    await api1.send('evaluations.schedules.runDue', { asOf: at('2019-01-05').toISOString() }); // 2018-12
    const asOf = at('2019-07-05').toISOString(); // 2019-01 … 2019-06 pending
    const [r1, r2] = await Promise.all([api1.send('evaluations.schedules.runDue', { asOf }), api2.send('evaluations.schedules.runDue', { asOf })]);
    const succeeded = [...r1.runs, ...r2.runs].filter((r) => r.outcome === 'succeeded').map((r) => r.period).sort();
    expect(succeeded).toEqual(['2019-01', '2019-02', '2019-03', '2019-04', '2019-05', '2019-06']);
    const perPeriod = ws2.sqlite.prepare('select period, count(*) as n from evaluation_runs group by period having n > 1').all();
    expect(perPeriod).toEqual([]);
  });
});
