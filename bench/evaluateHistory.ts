/**
 * How storing an evaluation run grows with the stored history (issue 20). Two steps, each its own process:
 *
 *   tsx bench/evaluateHistory.ts history SRC DST RUNS   copies SRC (bench:evaluate's cached file) to DST and stores
 *                                                       2018-Q4, then 2019-Q1 RUNS − 1 times (RUNS stored runs)
 *   tsx bench/evaluateHistory.ts rerun FILE [K]         copies FILE aside and evaluates 2019-Q1 K times (default 2) on
 *                                                       the copy, one JSON line per run
 *
 * Each run's line: stored runs before it, the WAL frames it wrote (the WAL is checkpointed and truncated before each
 * run; no automatic checkpoint during it), CPU and wall ms of the run, of storing the run row and scorecards (progress
 * 'storing' 0 → 'riskSignals' 0), of the risk signals, of the channel risks with the audit, and of the COMMIT (the
 * transaction's function returned → 'storing' 1). Compare old and new code by running `rerun` from both worktrees
 * on files prepared by each, alternating processes.
 */
import { copyFileSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { openWorkspace } from '../db/database';
import { createApi } from '../electron/api/api';
import type { JobProgress } from '../shared/jobs';

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const now = () => ({ cpu: cpu(), wall: performance.now() });
type Mark = ReturnType<typeof now>;

function copy(src: string, dst: string): void {
  for (const f of [dst, `${dst}-wal`, `${dst}-shm`]) rmSync(f, { force: true });
  copyFileSync(src, dst);
}

async function evaluate(file: string, periods: string[], report: boolean): Promise<void> {
  const ws = openWorkspace(file);
  const s = ws.sqlite;
  s.pragma('wal_autocheckpoint = 0');
  const pageSize = s.pragma('page_size', { simple: true }) as number;
  // Where the run's transaction function returns: what follows until 'storing' 1 is the COMMIT.
  let fnEnd: Mark | undefined;
  const transaction = s.transaction.bind(s);
  (s as { transaction: typeof s.transaction }).transaction = ((fn: (...a: unknown[]) => unknown) =>
    transaction((...a: unknown[]) => {
      const r = fn(...a);
      fnEnd = now();
      return r;
    })) as typeof s.transaction;
  const api = createApi({ ws, user: 'bench' });
  for (const period of periods) {
    s.pragma('wal_checkpoint(TRUNCATE)');
    const stored = s.prepare<[], number>("select count(*) from evaluation_runs where status = 'completed'").pluck().get()!;
    const marks = new Map<string, Mark>();
    const onProgress = (p: JobProgress) => {
      const key = `${p.phase}:${p.done}`;
      if (!marks.has(key)) marks.set(key, now());
      if (key === 'storing:0') fnEnd = undefined;
    };
    const t0 = now();
    const r = await api.send('evaluations.run', { period }, { onProgress });
    const t1 = now();
    const wal = statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    const frames = wal > 32 ? Math.round((wal - 32) / (pageSize + 24)) : 0;
    const span = (a?: Mark, b?: Mark) => (a && b ? { cpu: Math.round(b.cpu - a.cpu), wall: Math.round(b.wall - a.wall) } : null);
    const m = (k: string) => marks.get(k);
    if (report) {
      console.log(
        JSON.stringify({
          period,
          storedRuns: stored,
          runId: r.runId,
          walFrames: frames,
          run: span(t0, t1),
          storing: span(m('storing:0'), m('riskSignals:0')),
          riskSignals: span(m('riskSignals:0'), m('channelRisks:0')),
          channelRisksAudit: span(m('channelRisks:0'), fnEnd),
          commit: span(fnEnd, m('storing:1')),
          risks: r.risks,
          load: +loadavg()[0].toFixed(2),
        }),
      );
    }
  }
  ws.close();
}

const [step, a, b, c] = process.argv.slice(2);
if (step === 'history') {
  copy(a, b);
  const runs = Number(c ?? 30);
  await evaluate(b, ['2018-Q4', ...Array.from({ length: runs - 1 }, () => '2019-Q1')], false);
  // Leave no WAL beside the prepared file: copies of it are measured.
  const ws = openWorkspace(b);
  ws.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  ws.close();
  console.log(`stored ${runs} runs in ${b}`);
} else if (step === 'rerun') {
  const work = `${a}.rerun`;
  copy(a, work);
  await evaluate(work, Array.from({ length: Number(b ?? 2) }, () => '2019-Q1'), true);
  for (const f of [work, `${work}-wal`, `${work}-shm`]) rmSync(f, { force: true });
} else {
  console.error('usage: tsx bench/evaluateHistory.ts history SRC DST RUNS | rerun FILE [K]');
  process.exit(2);
}
