import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultMigrationsFolder, openWorkspace, schemaVersionOf, WorkspaceError } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { CancelToken, JobCancelled } from '../../../shared/cancel';
import { JobRunner, type JobExecutor } from '../../../electron/jobs/runner';
import { partnerInput, tempDir } from '../../helpers/workspace';

describe('workspace file', () => {
  it('migrates an empty file, sets WAL, foreign keys and busy timeout, and reopens without change', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, 'a.sqlite');
      const ws = openWorkspace(path);
      expect(ws.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(ws.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(ws.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
      const version = schemaVersionOf(defaultMigrationsFolder());
      expect(ws.sqlite.pragma('user_version', { simple: true })).toBe(version);
      await createApi({ ws, user: 't' }).send('partners.create', partnerInput('KEEP'));
      ws.close();
      const again = openWorkspace(path);
      const rows = again.sqlite.prepare('select code from partners').all();
      expect(rows).toEqual([{ code: 'KEEP' }]);
      const applied = (again.sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
      expect(applied).toBe(version);
      // Foreign keys are enforced.
      expect(() => again.sqlite.prepare("insert into sales_lines (partner_id, date, amount_minor, dedupe_key) values (999, '2024-01-01', 1, 'x')").run()).toThrow(/FOREIGN KEY/);
      again.close();
    } finally {
      cleanup();
    }
  });

  it('keeps the TEMP cache at the main cache size on a new and on a reopened workspace (it read 0 once the file was WAL)', () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, 'temp-cache.sqlite');
      for (const open of [() => openWorkspace(path), () => openWorkspace(path), () => openWorkspace(path, { readonly: true })]) {
        const ws = open();
        const main = ws.sqlite.pragma('cache_size', { simple: true }) as number;
        expect(main).toBeLessThan(0);
        expect(ws.sqlite.pragma('temp.cache_size', { simple: true })).toBe(main);
        // A temp table (the sell-through upkeep's) keeps it, and a save-and-restore puts back the same size, not 0.
        ws.sqlite.exec('create temp table t (x)');
        const before = ws.sqlite.pragma('temp.cache_size', { simple: true }) as number;
        ws.sqlite.pragma('temp.cache_size = -65536');
        ws.sqlite.pragma(`temp.cache_size = ${before}`);
        expect(ws.sqlite.pragma('temp.cache_size', { simple: true })).toBe(main);
        ws.close();
      }
      const keyed = openWorkspace(join(dir, 'keyed.sqlite'), { key: 'k' });
      keyed.close();
      const again = openWorkspace(join(dir, 'keyed.sqlite'), { key: 'k' });
      expect(again.sqlite.pragma('temp.cache_size', { simple: true })).toBe(again.sqlite.pragma('cache_size', { simple: true }));
      again.close();
    } finally {
      cleanup();
    }
  });

  it('refuses a file written by a newer version and leaves it byte-for-byte unchanged', () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, 'newer.sqlite');
      const ws = openWorkspace(path);
      ws.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      ws.sqlite.pragma('journal_mode = DELETE');
      ws.sqlite.pragma('user_version = 999');
      ws.close();
      const bytes = readFileSync(path);
      const mtime = statSync(path).mtimeMs;
      expect(() => openWorkspace(path)).toThrow(WorkspaceError);
      try {
        openWorkspace(path);
      } catch (e) {
        expect((e as WorkspaceError).code).toBe('NEWER_VERSION');
        expect((e as Error).message).toMatch(/newer version/);
      }
      expect(readFileSync(path).equals(bytes)).toBe(true);
      expect(statSync(path).mtimeMs).toBe(mtime);
    } finally {
      cleanup();
    }
  });

  it('refuses a file that is not a workspace', () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, 'junk.sqlite');
      writeFileSync(path, 'this is a spreadsheet, not a database'.repeat(200));
      expect(() => openWorkspace(path)).toThrow(/not a Partner Workbench workspace|file is not a database/);
    } finally {
      cleanup();
    }
  });
});

describe('jobs', () => {
  it('reports progress, and cancel stops a job with CANCELLED', async () => {
    const executor: JobExecutor = {
      async run(_op, _input, _user, cancel: CancelToken, onProgress) {
        for (let i = 0; i < 1000; i++) {
          onProgress({ phase: 'import', done: i, total: 1000 });
          await new Promise((r) => setTimeout(r, 1));
          cancel.throwIfCancelled();
        }
        return 'finished';
      },
    };
    const runner = new JobRunner(executor);
    const seen: number[] = [];
    runner.on((e) => e.type === 'progress' && seen.push(e.progress.done));
    const { jobId, done } = runner.start('x', {}, 'u', () => ({ code: 'CANCELLED', operation: 'x', message: 'c' }));
    await new Promise((r) => setTimeout(r, 30));
    expect(runner.cancel(jobId)).toBe(true);
    await expect(done).rejects.toBeInstanceOf(JobCancelled);
    expect(seen.length).toBeGreaterThan(0);
    expect(runner.activeJobs).toEqual([]);
    expect(runner.cancel(jobId)).toBe(false);
  });
});
