import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { ApiError } from '../../../shared/errors';
import { createBackup } from '../../../electron/domain/backups/backupService';
import { inspectBackup } from '../../../electron/domain/backups/inspectBackup';
import { restoreWorkspaceFile } from '../../../electron/domain/backups/restoreWorkspace';
import { appFileWorkspace, memoryApi, partnerInput, tempDir } from '../../helpers/workspace';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function appWorkspace() {
  const w = appFileWorkspace();
  cleanups.push(w.cleanup);
  return w;
}
const codes = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('select code from partners order by code').all() as Array<{ code: string }>).map((r) => r.code);
  } finally {
    db.close();
  }
};
const codeList = async (api: ReturnType<typeof createApi>) => (await api.send('partners.list', {})).rows.map((r) => r.code);

async function refused(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    expect(ApiError.is(e)).toBe(true);
    return e as ApiError;
  }
  throw new Error('expected a refusal');
}

describe('restore from the app (backups.restore, workspace open)', () => {
  it('swaps the file while the API stays up, keeps the replaced file and audits in the restored workspace', async () => {
    const { api, ws, path, dir } = appWorkspace();
    await api.send('partners.create', partnerInput('A'));
    const backup = await createBackup(ws, 'manual');
    await api.send('partners.create', partnerInput('B'));

    const inspection = await api.send('backups.inspect', { path: backup.path });
    expect(inspection.ok).toBe(true);
    expect(inspection.counts.partners).toBe(1);

    const r = await api.send('backups.restore', { from: backup.path, confirm: true });
    expect(await codeList(api)).toEqual(['A']);
    expect(r.replacedPath && existsSync(r.replacedPath)).toBe(true);
    expect(codes(r.replacedPath!)).toEqual(['A', 'B']);
    expect(r.replacedPath!.startsWith(join(dir, 'workspace.sqlite.replaced-'))).toBe(true);
    // the API keeps working on the restored file
    await api.send('partners.create', partnerInput('C'));
    expect(await codeList(api)).toEqual(['A', 'C']);
    const audit = await api.send('audit.list', { operation: 'backups.restore' });
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].after).toMatchObject({ from: backup.path });
    expect((await api.send('system.check', {})).ok).toBe(true);
    expect(ws.path).toBe(path);
  });

  it('refuses files that are not intact workspaces, and changes nothing', async () => {
    const { api, ws, dir, path } = appWorkspace();
    await api.send('partners.create', partnerInput('A'));
    const before = readFileSync(path);

    const garbage = join(dir, 'garbage.sqlite');
    writeFileSync(garbage, Buffer.alloc(8192, 7));
    expect((await refused(api.send('backups.restore', { from: garbage, confirm: true }))).body.code).toBe('DOMAIN');

    const foreign = join(dir, 'foreign.sqlite');
    const f = new Database(foreign);
    f.exec('create table things (x); insert into things values (1)');
    f.close();
    expect((await refused(api.send('backups.restore', { from: foreign, confirm: true }))).body.message).toMatch(/not a Partner Workbench workspace/);

    const newer = join(dir, 'newer.sqlite');
    const b = await createBackup(ws, 'manual');
    copyFileSync(b.path, newer);
    const n = new Database(newer);
    n.pragma('user_version = 999');
    n.close();
    expect((await refused(api.send('backups.restore', { from: newer, confirm: true }))).body.message).toMatch(/newer version/);

    // damaged: a valid backup with pages overwritten in the middle
    const damaged = join(dir, 'damaged.sqlite');
    for (let i = 0; i < 300; i++) await api.send('partners.create', partnerInput(`X${i}`, { notes: 'x'.repeat(500) }));
    const big = await createBackup(ws, 'manual');
    const bytes = readFileSync(big.path);
    bytes.fill(0xa5, 4096 * 3, 4096 * 3 + 4096 * 4);
    writeFileSync(damaged, bytes);
    const insp = inspectBackup(damaged);
    expect(insp.ok).toBe(false);
    expect((await refused(api.send('backups.restore', { from: damaged, confirm: true }))).body.code).toBe('DOMAIN');

    expect((await refused(api.send('backups.restore', { from: join(dir, 'missing.sqlite'), confirm: true }))).body.code).toBe('DOMAIN');
    expect((await refused(api.send('backups.restore', { from: path, confirm: true }))).body.code).toBe('DOMAIN');
    // nothing replaced, no staging files left
    expect(readdirSync(dir).filter((n) => n.includes('.replaced-') || n.includes('.restoring-'))).toEqual([]);
    expect(await codeList(api)).toContain('A');
    expect(before.length).toBeGreaterThan(0);
  });

  it('requires explicit confirmation and is refused while a job is running', async () => {
    const { ws } = appWorkspace();
    const b = await createBackup(ws, 'manual');
    const api0 = createApi({ ws, user: 'tester' });
    expect((await refused(api0.send('backups.restore', { from: b.path } as never))).body.code).toBe('INVALID_INPUT');
    let release!: () => void;
    const api = createApi({ ws, user: 'tester', executor: { run: () => new Promise((ok) => (release = () => ok({ path: '', bytes: 0 }))) } });
    const job = api.startJob('backups.create', {});
    expect(job.jobId).toBeTruthy();
    expect((await refused(api.send('backups.restore', { from: b.path, confirm: true }))).body.code).toBe('CONFLICT');
    release();
  });

  it('is refused for a workspace that cannot be reopened in place (in-memory)', async () => {
    const { api } = memoryApi();
    expect((await refused(api.send('backups.restore', { from: '/nonexistent.sqlite', confirm: true }))).body.code).toBe('DOMAIN');
  });
});

describe('restore on files (pwb restore)', () => {
  it('restores over a damaged workspace and keeps it', async () => {
    const { api, ws, path } = appWorkspace();
    await api.send('partners.create', partnerInput('A'));
    const b = await createBackup(ws, 'manual');
    ws.close();
    writeFileSync(path, Buffer.alloc(4096, 1)); // the laptop's disk ate it
    const r = restoreWorkspaceFile(path, b.path, { auditUser: 'restorer' });
    expect(codes(path)).toEqual(['A']);
    expect(readFileSync(r.replacedPath!)).toEqual(Buffer.alloc(4096, 1));
    const db = new Database(path, { readonly: true });
    expect(db.prepare("select user, operation from audit_log where operation = 'backups.restore'").all()).toEqual([{ user: 'restorer', operation: 'backups.restore' }]);
    db.close();
  });

  it('the CLI validates, restores and exits non-zero on a bad file', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const db = join(t.dir, 'w.sqlite');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/pwb.ts', ...args], { encoding: 'utf8', env: { ...process.env, PWB_USER: 'cli-user' } });
    const add = async (code: string) => {
      const w = openWorkspace(db);
      await createApi({ ws: w, user: 'tester' }).send('partners.create', partnerInput(code));
      w.close();
    };
    await add('A');
    const bk = join(t.dir, 'b.sqlite');
    expect(run('backup', '--db', db, '--out', bk).status).toBe(0);
    await add('B');
    const bad = join(t.dir, 'bad.sqlite');
    writeFileSync(bad, 'not a database at all'.repeat(300));
    const no = run('restore', '--db', db, '--from', bad);
    expect(no.status).not.toBe(0);
    expect(no.stderr).toMatch(/Not restored/);
    expect(codes(db)).toEqual(['A', 'B']);
    const ok = run('restore', '--db', db, '--from', bk, '--json');
    expect(ok.status, ok.stderr).toBe(0);
    const out = JSON.parse(ok.stdout) as { replacedPath: string };
    expect(codes(db)).toEqual(['A']);
    expect(codes(out.replacedPath)).toEqual(['A', 'B']);
  });
});
