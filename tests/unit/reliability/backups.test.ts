import Database from 'better-sqlite3';
import fc from 'fast-check';
import { cpSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMigrationsFolder, openWorkspace } from '../../../db/database';
import { openSqliteFile } from '../../../db/encryption';
import { createApi } from '../../../electron/api/api';
import { contract } from '../../../electron/contract';
import { backupFileName, localDay, parseBackupName } from '../../../electron/domain/backups/backupNames';
import { backupBeforeMigration, createBackup, ensureDailyBackup, listBackups } from '../../../electron/domain/backups/backupService';
import { backupFolder } from '../../../electron/domain/backups/backupFolder';
import { backupsToPrune, RETENTION, weekOf } from '../../../electron/domain/backups/rotation';
import { fileWorkspace, partnerInput, tempDir } from '../../helpers/workspace';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function fileApi() {
  const f = fileWorkspace();
  cleanups.push(f.cleanup);
  return { ...f, api: createApi({ ws: f.ws, user: 'tester' }) };
}
const partnersIn = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('select code from partners order by code').all() as Array<{ code: string }>).map((r) => r.code);
  } finally {
    db.close();
  }
};

describe('backup names', () => {
  it('round-trips kind, day and time', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(2000, 0, 1), max: new Date(2099, 11, 31), noInvalidDate: true }), fc.constantFrom('daily', 'manual', 'before-imports.run', 'before-migration-3-to-4'), (at, kind) => {
        const p = parseBackupName(backupFileName('/x/My Work_space.sqlite', kind, at))!;
        expect(p.kind).toBe(kind);
        expect(p.at.getTime()).toBe(at.getTime());
        expect(p.day).toBe(localDay(at));
      }),
    );
  });
});

describe('rotation: keep 7 daily and 4 weekly', () => {
  const day = (y: number, m: number, d: number, h = 9) => new Date(y, m - 1, d, h);

  it('after 60 days of daily backups keeps the last 7 days and the newest of the last 4 weeks', () => {
    const items = Array.from({ length: 60 }, (_, i) => ({ at: day(2025, 1, 1 + i), kind: 'daily' }));
    const pruned = new Set(backupsToPrune(items));
    const kept = items.filter((i) => !pruned.has(i));
    const newest7 = items.slice(-7);
    for (const k of newest7) expect(kept).toContain(k);
    const weeks = [...new Set(items.map((i) => weekOf(i.at)))].slice(-4);
    for (const w of weeks) {
      const newestOfWeek = items.filter((i) => weekOf(i.at) === w).at(-1)!;
      expect(kept).toContain(newestOfWeek);
    }
    expect(kept.length).toBe(new Set([...newest7, ...weeks.map((w) => items.filter((i) => weekOf(i.at) === w).at(-1)!)]).size);
  });

  it('never prunes manual backups, keeps bounded counts of the others, and always keeps the newest', () => {
    const kinds = ['daily', 'manual', 'before-imports.run', 'before-migration-1-to-2'];
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.date({ min: new Date(2024, 0, 1), max: new Date(2025, 11, 31), noInvalidDate: true }), kind: fc.constantFrom(...kinds) }), { maxLength: 80 }),
        (items) => {
          const pruned = new Set(backupsToPrune(items));
          const kept = items.filter((i) => !pruned.has(i));
          expect(kept.filter((i) => i.kind === 'manual').length).toBe(items.filter((i) => i.kind === 'manual').length);
          expect(kept.filter((i) => i.kind === 'daily').length).toBeLessThanOrEqual(RETENTION.daily + RETENTION.weekly);
          expect(kept.filter((i) => i.kind === 'before-imports.run').length).toBe(Math.min(RETENTION.beforeOperation, items.filter((i) => i.kind === 'before-imports.run').length));
          expect(kept.filter((i) => i.kind.startsWith('before-migration')).length).toBe(Math.min(RETENTION.migration, items.filter((i) => i.kind.startsWith('before-migration')).length));
          const dailies = items.filter((i) => i.kind === 'daily').sort((a, b) => b.at.getTime() - a.at.getTime());
          if (dailies.length) expect(kept).toContain(dailies[0]);
          // kept dailies span at most 7 distinct days plus 4 weeks
          const days = new Set(kept.filter((i) => i.kind === 'daily').map((i) => localDay(i.at)));
          expect(days.size).toBeLessThanOrEqual(RETENTION.daily + RETENTION.weekly);
        },
      ),
    );
  });
});

describe('online backups', () => {
  it('writes a consistent single-file copy into a backups folder next to the workspace', async () => {
    const { api, ws, dir } = fileApi();
    await api.send('partners.create', partnerInput('P1'));
    const b = await createBackup(ws, 'manual');
    expect(b.path.startsWith(join(dir, 'backups'))).toBe(true);
    expect(partnersIn(b.path)).toEqual(['P1']);
    expect(existsSync(`${b.path}-wal`)).toBe(false);
    const header = readFileSync(b.path).subarray(18, 20);
    expect([...header]).toEqual([1, 1]); // rollback journal, not WAL: the file stands alone
    expect(listBackups(join(dir, 'backups'), ws.path).map((x) => x.path)).toEqual([b.path]);
  });

  it('honours settings backup.folder (absolute, or relative to the workspace)', async () => {
    const { api, ws, dir } = fileApi();
    await api.send('system.settings.set', { key: 'backup.folder', value: 'elsewhere/bk' });
    expect(backupFolder(ws.sqlite, ws.path)).toBe(join(dir, 'elsewhere', 'bk'));
    const other = tempDir();
    cleanups.push(other.cleanup);
    await api.send('system.settings.set', { key: 'backup.folder', value: other.dir });
    const b = await api.send('backups.create', {});
    expect(b.path.startsWith(other.dir)).toBe(true);
    const list = await api.send('backups.list', {});
    expect(list.folder).toBe(other.dir);
    expect(list.isDefaultFolder).toBe(false);
    expect(list.backups.map((x) => x.kind)).toEqual(['manual']);
  });

  it('takes no daily backup of a workspace where nothing was ever entered', async () => {
    const { api, ws, dir } = fileApi();
    expect(await ensureDailyBackup(ws, new Date(2025, 0, 1, 8))).toBeNull();
    expect(listBackups(join(dir, 'backups'), ws.path)).toEqual([]);
    await api.send('partners.create', partnerInput('P1'));
    expect((await ensureDailyBackup(ws, new Date(2025, 0, 1, 9)))?.kind).toBe('daily');
  });

  it('takes the daily backup once per day and rotates old ones out', async () => {
    const { api, ws, dir } = fileApi();
    await api.send('partners.create', partnerInput('P1'));
    const first = await ensureDailyBackup(ws, new Date(2025, 0, 1, 8));
    expect(first?.kind).toBe('daily');
    expect(await ensureDailyBackup(ws, new Date(2025, 0, 1, 17))).toBeNull();
    for (let d = 2; d <= 40; d++) expect(await ensureDailyBackup(ws, new Date(2025, 0, d, 8))).not.toBeNull();
    const kept = listBackups(join(dir, 'backups'), ws.path);
    const days = kept.map((b) => localDay(new Date(b.at)));
    // the newest 7 days are all there, and no more than 7 + 4 files
    for (let d = 34; d <= 40; d++) expect(days).toContain(localDay(new Date(2025, 0, d)));
    expect(kept.length).toBeLessThanOrEqual(11);
    expect(kept.length).toBeGreaterThan(7);
    expect(readdirSync(join(dir, 'backups')).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });
});

describe('backup before migration', () => {
  /** The app's migrations plus one more, so that a workspace made by the app has one migration pending. */
  function oneMigrationPending() {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const base = defaultMigrationsFolder();
    const ext = join(t.dir, 'migrations');
    cpSync(base, ext, { recursive: true });
    const journal = JSON.parse(readFileSync(join(ext, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ idx: number; tag: string; when: number; version: string; breakpoints: boolean }> };
    const last = journal.entries.at(-1)!;
    journal.entries.push({ idx: last.idx + 1, version: last.version, when: last.when + 1000, tag: '9999_test_extra', breakpoints: true });
    writeFileSync(join(ext, 'meta', '_journal.json'), JSON.stringify(journal));
    writeFileSync(join(ext, '9999_test_extra.sql'), 'CREATE TABLE `test_extra` (`id` integer PRIMARY KEY);');
    return { dir: t.dir, base, ext, path: join(t.dir, 'ws.sqlite') };
  }
  const setting = (db: Database.Database, key: string) => (db.prepare('select value from settings where key = ?').get(key) as { value: string } | undefined)?.value;
  const putSetting = (db: Database.Database, key: string, value: string) =>
    db.prepare("insert into settings (key, value, updated_at) values (?, ?, '2025-01-01')").run(key, value);

  it('copies the file as it was before any pending migration runs', () => {
    const { dir, base, ext, path } = oneMigrationPending();
    const ws = openWorkspace(path, { migrationsFolder: base });
    putSetting(ws.sqlite, 'x', '1');
    ws.close();
    const migrated = openWorkspace(path, { migrationsFolder: ext, beforeMigrate: backupBeforeMigration(path) });
    const v = migrated.sqlite.pragma('user_version', { simple: true }) as number;
    migrated.close();
    const backups = listBackups(join(dir, 'backups'), path);
    expect(backups.map((b) => b.kind)).toEqual([`before-migration-${v - 1}-to-${v}`]);
    const old = new Database(backups[0].path, { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(v - 1);
    expect(old.prepare("select count(*) as n from sqlite_master where name = 'test_extra'").get()).toEqual({ n: 0 });
    expect(setting(old, 'x')).toBe('1');
    old.close();
    // opening an up-to-date file takes no backup
    openWorkspace(path, { migrationsFolder: ext, beforeMigrate: backupBeforeMigration(path) }).close();
    expect(listBackups(join(dir, 'backups'), path)).toHaveLength(1);
  });

  it('holds what another connection committed into the write-ahead log, as one file of its own for its owner', () => {
    const { dir, base, ext, path } = oneMigrationPending();
    // The other connection stays open, so its commit is still in the log (not folded in by a close) when the app opens.
    const other = openWorkspace(path, { migrationsFolder: base });
    putSetting(other.sqlite, 'in-log', 'yes');
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    try {
      openWorkspace(path, { migrationsFolder: ext, beforeMigrate: backupBeforeMigration(path) }).close();
    } finally {
      other.close();
    }
    const [backup] = listBackups(join(dir, 'backups'), path);
    const old = new Database(backup.path, { readonly: true });
    expect(setting(old, 'in-log')).toBe('yes');
    expect(old.pragma('journal_mode', { simple: true })).toBe('delete');
    old.close();
    expect(existsSync(`${backup.path}-wal`)).toBe(false);
    if (process.platform !== 'win32') expect(statSync(backup.path).mode & 0o777).toBe(0o600);
  });

  it('holds every commit while another connection still reads an older snapshot (the log cannot be emptied)', () => {
    const { dir, base, ext, path } = oneMigrationPending();
    const ws = openWorkspace(path, { migrationsFolder: base });
    putSetting(ws.sqlite, 'before', '1');
    const reader = new Database(path);
    reader.exec('BEGIN');
    expect(setting(reader, 'before')).toBe('1');
    // Committed after the reader's snapshot: only in the log, which the reader keeps from being emptied.
    putSetting(ws.sqlite, 'after', '2');
    try {
      openWorkspace(path, { migrationsFolder: ext, beforeMigrate: backupBeforeMigration(path) }).close();
      expect(setting(reader, 'after')).toBeUndefined();
    } finally {
      reader.exec('COMMIT');
      reader.close();
      ws.close();
    }
    const [backup] = listBackups(join(dir, 'backups'), path);
    const old = new Database(backup.path, { readonly: true });
    expect([setting(old, 'before'), setting(old, 'after')]).toEqual(['1', '2']);
    expect(old.prepare("select count(*) as n from sqlite_master where name = 'test_extra'").get()).toEqual({ n: 0 });
    old.close();
  });

  it("keeps an encrypted workspace's copy encrypted under its passphrase", () => {
    const { dir, base, ext, path } = oneMigrationPending();
    const key = 'correct horse battery staple';
    const ws = openWorkspace(path, { migrationsFolder: base, key });
    putSetting(ws.sqlite, 'secret', 's');
    ws.close();
    openWorkspace(path, { migrationsFolder: ext, key, beforeMigrate: backupBeforeMigration(path, key) }).close();
    const [backup] = listBackups(join(dir, 'backups'), path);
    expect(() => new Database(backup.path, { readonly: true }).prepare('select count(*) from sqlite_master').get()).toThrow();
    const old = openSqliteFile(backup.path, { readonly: true, key });
    expect(setting(old, 'secret')).toBe('s');
    old.close();
  });
});

describe('operation option backupBefore', () => {
  const flag = (op: keyof typeof contract, on: boolean) => {
    (contract[op] as { backupBefore?: boolean }).backupBefore = on || undefined;
  };

  it('takes a before-<operation> backup before a job runs (the imports path)', async () => {
    const { api, ws, dir } = fileApi();
    await api.send('partners.create', partnerInput('P1'));
    flag('backups.create', true);
    try {
      const phases: string[] = [];
      await api.send('backups.create', {}, { onProgress: (p) => phases.push(p.phase) });
      expect(phases[0]).toBe('backup');
    } finally {
      flag('backups.create', false);
    }
    const kinds = listBackups(join(dir, 'backups'), ws.path).map((b) => b.kind).sort();
    expect(kinds).toEqual(['before-backups.create', 'manual']);
  });

  it('takes it before a mutation, with the data as it was before', async () => {
    const { api, ws, dir } = fileApi();
    await api.send('partners.create', partnerInput('P1'));
    flag('partners.create', true);
    try {
      await api.send('partners.create', partnerInput('P2'));
    } finally {
      flag('partners.create', false);
    }
    const [b] = listBackups(join(dir, 'backups'), ws.path);
    expect(b.kind).toBe('before-partners.create');
    expect(partnersIn(b.path)).toEqual(['P1']);
  });

  it('is set on imports.run', () => {
    expect((contract as Record<string, { backupBefore?: boolean }>)['imports.run'].backupBefore).toBe(true);
  });
});
