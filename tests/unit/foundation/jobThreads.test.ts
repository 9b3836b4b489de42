import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { workerExecutor } from '../../../electron/jobs/workerExecutor';
import { CancelToken } from '../../../shared/cancel';
import { errorText } from '../../../shared/errorMessages';
import { ApiError } from '../../../shared/errors';
import type { JobProgress } from '../../../shared/jobs';
import { tempDir } from '../../helpers/workspace';
import { partner, sale, target } from '../evaluations/fixtures';

const tmp = tempDir('pwb-job-threads-');
afterAll(() => tmp.cleanup());

/** The real job worker (electron/jobs/jobWorker.ts) in a thread, through tsx as the built jobWorker.js runs it in the app. */
const realWorker = join(tmp.dir, 'jobWorker.mjs');
const tsxApi = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
writeFileSync(realWorker, `import { register } from ${JSON.stringify(tsxApi)};\nregister();\nawait import(${JSON.stringify(pathToFileURL(resolve('electron/jobs/jobWorker.ts')).href)});\n`);

/**
 * A stand-in job thread that speaks the protocol and writes what it saw to a log: how it was started (spare or not,
 * any secret in its start data), the job it got, and a close. `crash` ends the thread mid-job; a spare started while
 * `spare-dies` exists ends before taking a job.
 */
const log = join(tmp.dir, 'threads.log');
const fakeWorker = join(tmp.dir, 'fake.mjs');
writeFileSync(
  fakeWorker,
  `import { appendFileSync, existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
const log = (s) => appendFileSync(${JSON.stringify(log)}, s + '\\n');
log('start spare=' + Boolean(workerData.spare) + ' data=' + JSON.stringify(Object.keys(workerData).sort()));
if (workerData.spare && existsSync(${JSON.stringify(join(tmp.dir, 'spare-dies'))})) process.exit(7);
if (workerData.spare) parentPort.postMessage({ type: 'ready' });
parentPort.once('message', (m) => {
  if (m.type === 'close') { log('close'); return; }
  log('job ' + m.op + ' spare=' + Boolean(workerData.spare) + ' secrets=' + JSON.stringify(m.secrets ?? null));
  parentPort.postMessage({ type: 'started' });
  if (m.op === 'crash') process.exit(5);
  parentPort.postMessage({ type: 'progress', progress: { phase: 'kpis', done: 1, total: 1 } });
  parentPort.postMessage({ type: 'done', result: { op: m.op } });
});
`,
);
const readLog = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
const clearLog = () => writeFileSync(log, '');
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

describe('the spare job thread (protocol, with a stand-in thread)', () => {
  it('runs the job it is handed, with progress, and starts the next spare only after the job', async () => {
    clearLog();
    const ex = workerExecutor(fakeWorker, join(tmp.dir, 'ws.sqlite'), undefined, undefined, { spareAfterMs: 0 });
    expect(await ex.spareReady()).toBe(true);
    const progress: unknown[] = [];
    expect(await ex.run('evaluations.run', {}, 'tester', new CancelToken(), (p) => progress.push(p))).toEqual({ op: 'evaluations.run' });
    expect(progress).toEqual([{ phase: 'kpis', done: 1, total: 1 }]);
    expect(await ex.spareReady()).toBe(true);
    await ex.close();
    expect(readLog()).toEqual([
      'start spare=true data=["dbPath","key","spare","taken"]',
      'job evaluations.run spare=true secrets=null',
      'start spare=true data=["dbPath","key","spare","taken"]',
      'close',
    ]);
  });

  it('hands a secret to the job that needs it only, never to a spare before it has its job', async () => {
    clearLog();
    const ex = workerExecutor(fakeWorker, join(tmp.dir, 'ws.sqlite'), undefined, (op) => (op === 'hq.publish' ? { hqPassword: 's3cret' } : undefined), { spareAfterMs: 0 });
    await ex.spareReady();
    await ex.run('hq.publish', {}, 'tester', new CancelToken(), () => {});
    await ex.spareReady();
    await ex.run('evaluations.run', {}, 'tester', new CancelToken(), () => {});
    await ex.close();
    const lines = readLog();
    expect(lines.filter((l) => l.startsWith('job'))).toEqual(['job hq.publish spare=true secrets={"hqPassword":"s3cret"}', 'job evaluations.run spare=true secrets=null']);
    expect(lines.filter((l) => l.includes('s3cret'))).toHaveLength(1);
  });

  it('a job whose thread crashes is refused in words, and the next job runs on a thread of its own', async () => {
    clearLog();
    const ex = workerExecutor(fakeWorker, join(tmp.dir, 'ws.sqlite'), undefined, undefined, { spareAfterMs: 0 });
    await ex.spareReady();
    const e = await failure(ex.run('crash', {}, 'tester', new CancelToken(), () => {}));
    expect(ApiError.is(e)).toBe(true);
    expect((e as ApiError).body.data).toEqual({ reason: 'jobWorkerExited', params: { operation: 'crash', exitCode: 5 } });
    await ex.spareReady();
    expect(await ex.run('imports.run', {}, 'tester', new CancelToken(), () => {})).toEqual({ op: 'imports.run' });
    await ex.close();
    expect(readLog().filter((l) => l.startsWith('job'))).toEqual(['job crash spare=true secrets=null', 'job imports.run spare=true secrets=null']);
  });

  it('a spare that died before it took a job is replaced by a thread started for the job', async () => {
    clearLog();
    writeFileSync(join(tmp.dir, 'spare-dies'), '');
    const ex = workerExecutor(fakeWorker, join(tmp.dir, 'ws.sqlite'), undefined, undefined, { spareAfterMs: 0 });
    expect(await ex.spareReady()).toBe(false);
    expect(await ex.run('evaluations.run', {}, 'tester', new CancelToken(), () => {})).toEqual({ op: 'evaluations.run' });
    await ex.close();
    expect(readLog().filter((l) => l.startsWith('job'))).toEqual(['job evaluations.run spare=false secrets=null']);
    rmSync(join(tmp.dir, 'spare-dies'));
  });

  it('suspend ends the spare and starts none until resumed', async () => {
    clearLog();
    const ex = workerExecutor(fakeWorker, join(tmp.dir, 'ws.sqlite'), undefined, undefined, { spareAfterMs: 0 });
    await ex.spareReady();
    const resume = await ex.suspend();
    expect(readLog()).toEqual(['start spare=true data=["dbPath","key","spare","taken"]', 'close']);
    expect(await ex.spareReady()).toBe(false);
    resume();
    expect(await ex.spareReady()).toBe(true);
    await ex.close();
  });
});

describe('the spare job thread (the real job worker)', () => {
  /** A small workspace file: 6 partners with lines and targets in 2019-Q1 and 2019-Q2. */
  async function workspaceFile(name: string): Promise<string> {
    const path = join(tmp.dir, name);
    const ws = openWorkspace(path);
    const api = createApi({ ws, user: 'tester' });
    for (let i = 0; i < 6; i++) {
      const id = await partner(api, `P${i}`);
      for (const [q, m] of [['2019-Q1', '02'], ['2019-Q2', '05']] as const) {
        for (let k = 0; k < 4; k++) sale(ws, id, `2019-${m}-1${k}`, 100_000 * (i + 1) + k * 7_000, { order: `O${i}${k}`, customer: `C${k % 3}` });
        target(ws, id, q, 350_000 * (i + 1));
      }
    }
    ws.close();
    return path;
  }

  it('evaluates as the same job in this thread does, reports progress and leaves no connection open after close', async () => {
    const path = await workspaceFile('spare.sqlite');
    copyFileSync(path, join(tmp.dir, 'inline.sqlite'));
    const ex = workerExecutor(realWorker, path, undefined, undefined, { spareAfterMs: 0 });
    expect(await ex.spareReady()).toBe(true);
    const phases = new Set<string>();
    const spareResult = (await ex.run('evaluations.run', { period: '2019-Q2' }, 'tester', new CancelToken(), (p: Omit<JobProgress, 'jobId' | 'operation'>) => phases.add(p.phase))) as Record<string, unknown>;
    const inlineWs = openWorkspace(join(tmp.dir, 'inline.sqlite'));
    const inline = (await createApi({ ws: inlineWs, user: 'tester' }).send('evaluations.run', { period: '2019-Q2' })) as unknown as Record<string, unknown>;
    inlineWs.close();
    expect(spareResult).toEqual(inline);
    expect(phases.has('kpis')).toBe(true);
    // The next spare opens the workspace again; closing the executor ends it, so closing the last connection folds the WAL in.
    expect(await ex.spareReady()).toBe(true);
    await ex.close();
    const ws = openWorkspace(path);
    expect(ws.sqlite.prepare('select count(*) as n from evaluation_runs').get()).toEqual({ n: 1 });
    ws.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('a cancelled job is cancelled in the spare', async () => {
    const path = await workspaceFile('cancel.sqlite');
    const ex = workerExecutor(realWorker, path, undefined, undefined, { spareAfterMs: 0 });
    await ex.spareReady();
    const cancel = new CancelToken();
    cancel.cancel();
    const e = await failure(ex.run('evaluations.run', { period: '2019-Q2' }, 'tester', cancel, () => {}));
    await ex.close();
    expect(ApiError.is(e)).toBe(true);
    expect((e as ApiError).body.code).toBe('CANCELLED');
    expect(errorText((e as ApiError).body, 'en')).toMatch(/cancel/i);
  });
});
