import { Cron } from 'croner';
import type { Api } from '../api/api';

/**
 * The evaluation timer shared by the Electron main process and the browser-mode server (no electron import): asks the
 * domain to run whatever is due ('evaluations.schedules.runDue') once at start-up and then at the top of every hour. All the logic
 * (which periods are due, catching up missed ones, claiming so nothing runs twice) is in
 * electron/domain/evaluations/scheduleRunner.ts; the job itself runs in a worker thread where the api has one.
 * `protect` skips a tick while the previous one is still running. Stop it with `.stop()` before closing the workspace.
 */
export function startEvaluationTimer(api: Api, log: (msg: string) => void = (m) => console.log(m)): Cron {
  const job = new Cron('0 * * * *', { name: 'evaluations.runDue', protect: true, catch: (e) => log(`scheduled evaluations failed: ${String(e)}`) }, async () => {
    const r = await api.send('evaluations.schedules.runDue', {});
    for (const run of r.runs) log(`scheduled evaluation ${run.scheduleName} ${run.period}: ${run.outcome}${run.message ? ` (${run.message})` : ''}`);
  });
  void job.trigger();
  return job;
}
