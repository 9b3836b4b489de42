import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { ApiError } from '../../../shared/errors';
import { errorText } from '../../../shared/errorMessages';
import { fileWorkspace, partnerInput, tempDir } from '../../helpers/workspace';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/**
 * The CLI as a user without the right to write the file. As root, file modes do not bind (CAP_DAC_OVERRIDE), so the
 * child runs as root without that capability: it still reads the sources it owns, but a 0444 file is read-only to it.
 */
function pwbWithoutOverride(args: string[]) {
  const node = [process.execPath, '--import', 'tsx', join(ROOT, 'electron/cli/pwb.ts'), ...args];
  const [file, argv] = process.getuid?.() === 0 ? ['setpriv', ['--bounding-set=-dac_override,-dac_read_search', ...node]] : [node[0], node.slice(1)];
  const r = spawnSync(file, argv, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PWB_USER: 'cli-test' }, timeout: 120_000 });
  return { code: r.status ?? -1, stderr: r.stderr, signal: r.signal };
}

describe('a read-only workspace is refused at once, naming the file and why (defect 5)', () => {
  it('pwb import and pwb backup on a read-only file exit 1 with the reason, and the file is unchanged', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const db = join(t.dir, 'w.sqlite');
    openWorkspace(db).close();
    const csv = join(t.dir, 's.csv');
    writeFileSync(csv, 'partnerCode,date,amount\nP1,2025-01-02,100\n');
    chmodSync(db, 0o444);
    for (const args of [['import', 'sales', csv, '--db', db], ['backup', '--out', join(t.dir, 'b.sqlite'), '--db', db]]) {
      const r = pwbWithoutOverride(args);
      expect(r.signal, `${args[0]} was killed: it hung`).toBeNull();
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(`Cannot open the workspace ${db} for changes: the file is read-only for this user`);
    }
  });
});

describe('a full disk names the step and the workspace, and changes nothing (defect 5)', () => {
  it('an import that runs out of space is refused as a domain error with data.storage = diskFull; the partners stay as they were', async () => {
    const f = fileWorkspace();
    cleanups.push(f.cleanup);
    const api = createApi({ ws: f.ws, user: 't' });
    await api.send('partners.create', partnerInput('P1'));
    const lines = ['partnerCode,date,amount,orderRef'];
    for (let i = 0; i < 30_000; i++) lines.push(`P1,2025-01-${String((i % 28) + 1).padStart(2, '0')},${100 + i},ORD-${i}`);
    const csv = join(f.dir, 'big.csv');
    writeFileSync(csv, lines.join('\n'));
    // SQLite's own "disk full": the file may not grow beyond the pages it has now.
    f.ws.sqlite.pragma(`max_page_count = ${f.ws.sqlite.pragma('page_count', { simple: true }) as number}`);

    const err = await api.send('imports.run', { kind: 'sales', path: csv }).catch((e: unknown) => e);
    expect(ApiError.is(err)).toBe(true);
    const body = (err as ApiError).body;
    expect(body).toMatchObject({ code: 'DOMAIN', operation: 'imports.run', data: { storage: 'diskFull', path: f.path } });
    expect(body.message).toContain(`imports.run could not be saved to the workspace ${f.path}: the disk holding it is full`);
    expect(errorText(body, 'zh-CN')).toBe(`未保存（导入数据）：工作区 ${f.path} 所在磁盘已满。未做任何更改；请腾出空间后重试。`);
    expect(f.ws.sqlite.prepare('select count(*) from sales_lines').pluck().get()).toBe(0);
  });

  it('a file the user named that cannot be written is said in words, with the path and the step', async () => {
    const f = fileWorkspace();
    cleanups.push(f.cleanup);
    const api = createApi({ ws: f.ws, user: 't' });
    // "a folder" that is in fact a file
    const err = await api.send('backups.copyTo', { out: join(f.path, 'b.sqlite') }).catch((e: unknown) => e);
    expect(ApiError.is(err), String(err)).toBe(true);
    const body = (err as ApiError).body;
    expect(body.message).not.toMatch(/^File error|E[A-Z]+:/);
    expect(body.message).toMatch(new RegExp(`${f.path}.* (has a part of its path that is not a folder|already exists) \\(step: backups.copyTo`));
  });
});
