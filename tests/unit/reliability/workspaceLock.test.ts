import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { lockWorkspace, workspaceHolder, WorkspaceInUse } from '../../../db/workspaceLock';
import { createApi } from '../../../electron/api/api';
import { createBackup } from '../../../electron/domain/backups/backupService';
import { openAppWorkspace } from '../../../electron/domain/backups/openAppWorkspace';
import { pwb } from '../../helpers/cli';
import { partnerInput, tempDir } from '../../helpers/workspace';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A child process holding the workspace as the app does; resolves once it has it open. */
function holder(path: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(process.cwd(), 'tests', 'crash', 'holdWorkspace.ts'), path], { stdio: ['ignore', 'pipe', 'pipe'] });
    cleanups.push(() => child.kill('SIGKILL'));
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout!.on('data', (c: Buffer) => c.toString().includes('READY') && resolve(child));
    child.on('exit', (code) => reject(new Error(`holder exited ${code}: ${err}`)));
  });
}
const exited = (child: ChildProcess) => new Promise((r) => child.once('exit', r));

describe('one app process per workspace', () => {
  it('a second instance is refused naming the holder; pwb restore refuses while the app has the workspace open; a killed holder frees it', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = join(t.dir, 'w.sqlite');
    const ws = openWorkspace(path);
    await createApi({ ws, user: 't' }).send('partners.create', partnerInput('P001'));
    const backup = await createBackup(ws, 'manual');
    ws.close();

    const child = await holder(path);
    expect(workspaceHolder(path)).toMatchObject({ pid: child.pid, program: 'Partner Workbench (test holder)' });
    let refused: unknown = null;
    try {
      openAppWorkspace(path);
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(WorkspaceInUse);
    expect((refused as Error).message).toContain(`process ${child.pid}`);

    const r = pwb(['restore', '--db', path, '--from', backup.path, '--json']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`process ${child.pid}`);
    expect(readdirSync(t.dir).filter((f) => f.includes('.replaced-'))).toEqual([]);

    child.kill('SIGKILL');
    await exited(child);
    expect(workspaceHolder(path)).toBeNull();
    const again = pwb(['restore', '--db', path, '--from', backup.path, '--json']);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(readdirSync(t.dir).some((f) => f.includes('.replaced-'))).toBe(true);
    const app = openAppWorkspace(path);
    expect(workspaceHolder(path)?.pid).toBe(process.pid);
    app.close();
    expect(workspaceHolder(path)).toBeNull();
    expect(existsSync(`${path}.lock`)).toBe(true);
  }, 120_000);

  it('within one process the lock is exclusive too, and released by release()', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = join(t.dir, 'w.sqlite');
    const a = lockWorkspace(path, 'first');
    expect(() => lockWorkspace(path, 'second')).toThrow(/first \(process \d+/);
    a.release();
    lockWorkspace(path, 'second').release();
  });

  it('a lock whose handle the caller dropped is still held after garbage collection (until release or exit)', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = join(t.dir, 'w.sqlite');
    // The app's holder keeps its handle; a script that only opens the workspace and idles did not, and lost the lock.
    lockWorkspace(path, 'dropped');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((r) => setImmediate(r));
    }
    expect(() => lockWorkspace(path, 'second')).toThrow(/dropped \(process \d+/);
  });
});
