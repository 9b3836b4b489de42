import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { fileWorkspace } from '../../helpers/workspace';
import { partner, sale } from './fixtures';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** Starts `electron/web/server.ts` (browser mode) and resolves with its output once `until` matches, or rejects on exit/timeout. */
function startServer(args: string[], until: RegExp, timeoutMs = 60_000): Promise<{ child: ChildProcess; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/server.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PWB_SCHEDULER: '' } });
  cleanups.push(() => child.kill('SIGKILL'));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out; output:\n${output}`)), timeoutMs);
    const onData = (d: Buffer) => {
      output += d.toString();
      if (until.test(output)) {
        clearTimeout(timer);
        resolve({ child, output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}); output:\n${output}`));
    });
  });
}

describe('browser mode runs the evaluation scheduler like the app', () => {
  it('runs the due schedule-period at start-up and records its outcome', async () => {
    const f = fileWorkspace();
    cleanups.push(f.cleanup);
    const api = createApi({ ws: f.ws });
    const id = await partner(api, 'WEB1', { tier: 'tier1' });
    // A sale in each of the last twelve months, so the due quarter has sales data through its last month (else it waits).
    const now = new Date();
    for (let i = 0; i < 12; i++) {
      const d = new Date(now.getFullYear(), now.getMonth() - i, 1);
      sale(f.ws, id, `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-01`, 100_000, { order: `O${i}` });
    }
    await api.send('evaluations.schedules.save', { name: 'web quarterly', cycle: 'quarterly', tiers: ['tier1'], channelTypes: [], regions: [], lagDays: 1, enabled: true });
    f.ws.close();
    const staticDir = join(f.dir, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<html><head></head><body></body></html>');

    const { child } = await startServer(['--db', f.path, '--port', '0', '--static', staticDir, '--files', join(f.dir, 'files')], /scheduled evaluation web quarterly \S+: \w+/);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));

    const ws = openWorkspace(f.path);
    try {
      const runs = ws.sqlite.prepare('select r.period, r.outcome, e.trigger, e.partner_count as partners from schedule_runs r left join evaluation_runs e on e.id = r.evaluation_run_id').all() as Array<Record<string, unknown>>;
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ outcome: 'succeeded', trigger: 'schedule', partners: 1 });
      expect(String(runs[0].period)).toMatch(/^\d{4}-Q[1-4]$/);
    } finally {
      ws.close();
    }
  });
});
