import { describe, expect, it } from 'vitest';
import { openMemoryWorkspace } from '../../../db/database';
import { warmUp } from '../../../electron/jobs/warmUp';

/** The spare job thread's warm-up (jobWorker.ts swallows its failure, so it is checked here) reads the workspace only. */
describe('the spare job thread warm-up', () => {
  it('runs to its end without writing to the workspace it is given', async () => {
    const ws = openMemoryWorkspace();
    const changes = () => ws.sqlite.prepare('select total_changes() as n').get();
    const before = changes();
    await expect(warmUp(ws, () => false)).resolves.toBeUndefined();
    expect(changes()).toEqual(before);
    expect(ws.sqlite.prepare('select (select count(*) from partners) + (select count(*) from evaluation_runs) + (select count(*) from audit_log) as n').get()).toEqual({ n: 0 });
    ws.close();
  });

  it('stops before the synthetic evaluation once a job has come', async () => {
    const ws = openMemoryWorkspace();
    let asked = 0;
    await warmUp(ws, () => ++asked > 1);
    expect(asked).toBe(2);
    ws.close();
  });
});
