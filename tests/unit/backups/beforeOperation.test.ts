import { errorText } from '../../../shared/errorMessages';
import { DomainError } from '../../../shared/errors';
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { backupBeforeOperation, createBackup, listBackups } from '../../../electron/domain/backups/backupService';
import { appFileWorkspace, damagedWorkspaceFile, partnerInput } from '../../helpers/workspace';

/**
 * The safety backup before an import (README, "Where your data lives, backups and restore"): a new copy when anything
 * was written since the newest backup, none when nothing was; a copy checked with quick_check, so a damaged workspace
 * still leaves no "good" copy; daily and manual copies keep the full integrity_check.
 */
const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function workspace() {
  const w = appFileWorkspace();
  cleanups.push(w.cleanup);
  return { ...w, folder: join(w.dir, 'backups') };
}

function salesFile(dir: string, name: string, orders: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `Partner Code,Order Date,Order ID,Amount\n${orders.map((o, i) => `P001,2025-01-0${(i % 9) + 1},${o},100`).join('\n')}\n`);
  return path;
}

const count = (file: string, table: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('the backup before an import', () => {
  it('copies again before a second import right after the first, because the first wrote; each copy holds the workspace as it was', async () => {
    const { api, dir, folder, ws } = workspace();
    await api.send('partners.create', partnerInput('P001'));
    await api.send('imports.run', { kind: 'sales', path: salesFile(dir, 'a.csv', ['SO1', 'SO2']) });
    await api.send('imports.run', { kind: 'sales', path: salesFile(dir, 'b.csv', ['SO3']) });
    const backups = listBackups(folder, ws.path);
    expect(backups.map((b) => b.kind)).toEqual(['before-imports.run', 'before-imports.run']);
    // newest first: the copy before the second import holds the first import's lines, the older one none
    expect(count(backups[0].path, 'sales_lines')).toBe(2);
    expect(count(backups[1].path, 'sales_lines')).toBe(0);
  });

  it('writes no copy when nothing was written since the newest backup, of any kind, also after a restart', async () => {
    const { api, dir, folder, ws, path } = workspace();
    await api.send('partners.create', partnerInput('P001'));
    const manual = await api.send('backups.create', {});
    await api.send('imports.run', { kind: 'sales', path: salesFile(dir, 'a.csv', ['SO1']) });
    // the manual backup already held the workspace as it was: no before-import copy
    expect(listBackups(folder, ws.path).map((b) => b.name)).toEqual([manual.name]);

    // an import refused as a whole writes nothing: the copy taken before it still holds the workspace
    await api.send('partners.create', partnerInput('P002'));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'Partner Code,Order Date,Order ID,Amount\nNOPE,2025-01-05,SO9,1\n');
    await expect(api.send('imports.run', { kind: 'sales', path: bad })).rejects.toThrow();
    expect(listBackups(folder, ws.path)).toHaveLength(2);
    await api.send('imports.run', { kind: 'sales', path: salesFile(dir, 'b.csv', ['SO2']) });
    const after = listBackups(folder, ws.path);
    expect(after).toHaveLength(2);
    expect(count(after[0].path, 'partners')).toBe(2);
    expect(count(after[0].path, 'sales_lines')).toBe(1);

    // across a restart the mark is read from the backup file itself
    ws.close();
    const again = openWorkspace(path);
    cleanups.push(() => again.close());
    const first = await backupBeforeOperation(again, 'imports.run');
    expect(first).toMatchObject({ reused: false, kind: 'before-imports.run' });
    const second = await backupBeforeOperation(again, 'imports.run');
    expect(second).toMatchObject({ reused: true, name: first!.name });
    expect(listBackups(folder, again.path)).toHaveLength(3);
  });

  it('copies again after a migration or a restore, which change the file without a new change of the user', async () => {
    const { api, ws } = workspace();
    await api.send('partners.create', partnerInput('P001'));
    const b = await createBackup(ws, 'manual');
    await api.send('partners.create', partnerInput('P002'));
    await api.send('backups.restore', { from: b.path, confirm: true });
    // the restore wrote its audit record into the restored file: not the same as the backup it came from
    expect(await backupBeforeOperation(ws, 'imports.run')).toMatchObject({ reused: false });

    // a file at another schema version (what a before-migration backup is) is never taken for the workspace
    const older = await createBackup(ws, 'manual');
    const db = new Database(older.path);
    db.pragma('user_version = 1');
    db.close();
    expect(await backupBeforeOperation(ws, 'imports.run')).toMatchObject({ reused: false });
  });

  it('keeps no copy of a damaged workspace', async () => {
    const t = await damagedWorkspaceFile();
    cleanups.push(t.cleanup);
    const { path } = t;
    const again = openWorkspace(path);
    cleanups.push(() => again.close());
    await expect(backupBeforeOperation(again, 'imports.run')).rejects.toThrow(/integrity check|malformed/);
    expect(listBackups(join(t.dir, 'backups'), path)).toEqual([]);
  }, 120_000);

  it('an index out of step with its table passes the quick check of a before-import copy but not the full check of a manual backup', async () => {
    const { api, ws } = workspace();
    await api.send('partners.create', partnerInput('P001'));
    // An index entry that no longer matches its row, as a bug or a bad disk could leave: one byte of the index's page
    // changed, the b-tree still well-formed and in order (AAAA5555 → AAAA5554 between AAAA1111 and AAAA9999).
    ws.sqlite.exec("create table probe (k text); create index probe_k on probe (k); insert into probe values ('AAAA1111'), ('AAAA5555'), ('AAAA9999')");
    const root = (ws.sqlite.prepare("select rootpage from sqlite_master where name = 'probe_k'").get() as { rootpage: number }).rootpage;
    const pageSize = ws.sqlite.pragma('page_size', { simple: true }) as number;
    ws.swap((file) => {
      const bytes = readFileSync(file);
      const page = bytes.subarray((root - 1) * pageSize, root * pageSize);
      const at = page.indexOf('AAAA5555');
      expect(at).toBeGreaterThan(0);
      page.write('AAAA5554', at);
      writeFileSync(file, bytes);
    });
    expect(ws.sqlite.pragma('quick_check', { simple: true })).toBe('ok');
    expect(ws.sqlite.pragma('integrity_check', { simple: true })).not.toBe('ok');
    await expect(createBackup(ws, 'manual')).rejects.toThrow(/integrity check/);
    await expect(createBackup(ws, 'daily')).rejects.toThrow(/integrity check/);
    // The window and pwb word it: which backup, SQLite's finding, what to do.
    const refused = await createBackup(ws, 'manual').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(errorText({ message: '', data: (refused as DomainError).data }, 'zh-CN')).toMatch(/^备份 \S+_manual\.sqlite 未通过完整性检查：.+（SQLite：.+）。未保留此备份：工作区本身可能已损坏，请运行 pwb check 检查$/);
    await expect(backupBeforeOperation(ws, 'imports.run')).resolves.toMatchObject({ reused: false });
  });

  it('restoring the copy taken before an import gives the workspace back as it was before it', async () => {
    const { api, dir, folder, ws } = workspace();
    await api.send('partners.create', partnerInput('P001'));
    await api.send('imports.run', { kind: 'sales', path: salesFile(dir, 'a.csv', ['SO1', 'SO2']) });
    await api.send('imports.run', { kind: 'sales', path: salesFile(dir, 'b.csv', ['SO3', 'SO4', 'SO5']) });
    const [beforeSecond] = listBackups(folder, ws.path);
    expect(beforeSecond.kind).toBe('before-imports.run');
    await api.send('backups.restore', { from: beforeSecond.path, confirm: true });
    expect((await api.send('sales.list', {})).total).toBe(2);
    expect((await api.send('partners.list', {})).rows.map((r) => r.code)).toEqual(['P001']);
  });
});
