import { describe, expect, it } from 'vitest';
import { CancelToken, JobCancelled } from '../../../shared/cancel';
import { fixedClock } from '../../../shared/clock';
import { createOpContext, withProgress } from '../../../electron/domain/opContext';
import { memoryApi } from '../../helpers/workspace';
import { rebateProgram, sale, setup } from '../incentives/fixture';

const auditRows = (ws: ReturnType<typeof memoryApi>['ws']) =>
  ws.sqlite.prepare('select operation, user, entity, entity_id as entityId from audit_log order by id').all() as Array<Record<string, unknown>>;

describe('the one operation context', () => {
  it('records audit rows under its operation and user, or under an operation it names', () => {
    const { ws } = memoryApi();
    const ctx = createOpContext({ operation: 'incentives.payouts.calculate', ws, user: '李娜' });
    ctx.audit({ entity: 'payout_run', entityId: 7 });
    ctx.audit({ operation: 'evaluations.run', entity: 'evaluation_run', entityId: 3 });
    expect(auditRows(ws)).toEqual([
      { operation: 'incentives.payouts.calculate', user: '李娜', entity: 'payout_run', entityId: '7' },
      { operation: 'evaluations.run', user: '李娜', entity: 'evaluation_run', entityId: '3' },
    ]);
  });

  it("gives today in the workspace's time zone, read when first asked, unless a clock is given", () => {
    const { ws } = memoryApi();
    ws.sqlite.prepare(`insert into settings (key, value, updated_at) values ('company.timeZone', '"Asia/Shanghai"', '')`).run();
    const ctx = createOpContext({ operation: 'x', ws, user: 'u' });
    expect(ctx.clock.timeZone).toBe('Asia/Shanghai');
    const fixed = createOpContext({ operation: 'x', ws, user: 'u', clock: fixedClock('2025-03-31T23:30:00Z', 'Asia/Shanghai') });
    // destructured, as handlers do
    const { today } = fixed;
    expect(today()).toBe('2025-04-01');
  });

  it('throws JobCancelled once its token is cancelled, also through a context with its own progress', () => {
    const { ws } = memoryApi();
    const cancel = new CancelToken();
    const seen: string[] = [];
    const ctx = createOpContext({ operation: 'x', ws, user: 'u', cancel, progress: (phase, done, total) => seen.push(`outer ${phase} ${done}/${total}`) });
    const step = withProgress(ctx, (phase, done, total) => ctx.progress(phase, 100 + done, 100 + (total ?? 0)));
    step.progress('kpis', 1, 2);
    expect(seen).toEqual(['outer kpis 101/102']);
    // Phases are a closed list (shared/jobs.ts JOB_PHASES): a misspelt one does not compile.
    // @ts-expect-error 'kpi' is not a phase
    step.progress('kpi', 1, 2);
    expect(() => step.throwIfCancelled()).not.toThrow();
    cancel.cancel();
    expect(step.cancelled).toBe(true);
    expect(() => step.throwIfCancelled()).toThrow(JobCancelled);
    expect(step.user).toBe('u');
  });

  it('is what a job gets from the dispatcher: progress reaches the caller, audit rows carry the job and its user', async () => {
    const { ws, api, ids } = await setup([['P1']]);
    sale(ws, ids.P1, '2025-02-01', 61_234_000);
    await api.send('incentives.programs.save', { definition: rebateProgram() });
    const phases: string[] = [];
    const run = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' }, { onProgress: (p) => phases.push(p.phase) });
    expect(phases).toEqual(expect.arrayContaining(['calculate', 'clawbacks', 'write']));
    const rows = auditRows(ws).filter((r) => r.entity === 'payout_run');
    expect(rows).toEqual([{ operation: 'incentives.payouts.calculate', user: 'tester', entity: 'payout_run', entityId: String(run.id) }]);
  });
});
