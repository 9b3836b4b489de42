import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { createBackup } from '../../../electron/domain/backups/backupService';
import { openAppWorkspace, startDailyBackup, startFullCheck } from '../../../electron/domain/backups/openAppWorkspace';
import { errorText } from '../../../shared/errorMessages';
import type { ApiError } from '../../../shared/errors';
import { healthOf } from '../../../electron/domain/system/workspaceHealth';
import { pwb } from '../../helpers/cli';
import { damagedWorkspaceFile, damageMiddlePage, partnerInput, tempDir } from '../../helpers/workspace';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('a corrupt workspace (defect 7)', () => {
  it('pwb check reports the damage as a finding (JSON, exit 1), and no backup of it is kept as good', async () => {
    const t = await damagedWorkspaceFile();
    cleanups.push(t.cleanup);
    const { path } = t;

    const r = pwb(['check', '--db', path, '--json']);
    expect(r.code).toBe(1);
    const report = r.json<{ ok: boolean; integrity: string[] }>();
    expect(report.ok).toBe(false);
    expect(report.integrity.join(' ')).not.toBe('ok');

    const again = openWorkspace(path);
    cleanups.push(() => again.close());
    await expect(createBackup(again, 'manual')).rejects.toThrow(/integrity check|malformed/);
    const folder = join(t.dir, 'backups');
    expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);
  }, 120_000);

  it('the app finds the damage when it opens the workspace, refuses every change with the way out, takes no daily backup, and takes changes again after a restore', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = join(t.dir, 'w.sqlite');
    const ws = openWorkspace(path);
    const api = createApi({ ws, user: 't' });
    for (let i = 0; i < 400; i++) await api.send('partners.create', partnerInput(`P${String(i).padStart(4, '0')}`, { address: '上海市'.repeat(40) }));
    const good = await createBackup(ws, 'manual');
    ws.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    ws.close();
    damageMiddlePage(path);
    // A backup killed half-way left its .partial behind.
    mkdirSync(join(t.dir, 'backups'), { recursive: true });
    const stale = join(t.dir, 'backups', 'w_2026-01-01_000000-000_daily.sqlite.partial');
    writeFileSync(stale, 'half');

    const app = openAppWorkspace(path, 'test');
    cleanups.push(() => app.close());
    expect(existsSync(stale)).toBe(false);
    const appApi = createApi({ ws: app, user: 't' });
    expect(healthOf(app)).toMatchObject({ status: 'damaged', full: false }); // quick_check on open found it
    await startFullCheck(app, () => {});
    expect(healthOf(app)).toMatchObject({ status: 'damaged', full: true });
    const refused = (await appApi.send('partners.create', partnerInput('NEW1')).catch((e: unknown) => e)) as ApiError;
    expect(refused.body).toMatchObject({ code: 'DOMAIN', data: { reason: 'workspaceDamaged' } });
    expect(errorText(refused.body, 'zh-CN')).toContain('已损坏');
    expect(errorText(refused.body, 'en')).toContain('Restore the latest good backup (Settings → Backups, or pwb restore)');
    const reports: string[] = [];
    await startDailyBackup(app, (m) => reports.push(m));
    expect(reports).toEqual(['Daily backup skipped: the workspace is damaged (a copy of it would not be a good backup)']);

    await appApi.send('backups.restore', { from: good.path, confirm: true });
    expect((await appApi.send('system.info', {})).health.status).toBe('ok');
    await expect(appApi.send('partners.create', partnerInput('NEW1'))).resolves.toMatchObject({ code: 'NEW1' });
  }, 120_000);
});
