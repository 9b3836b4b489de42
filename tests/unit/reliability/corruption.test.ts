import { closeSync, existsSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { createBackup } from '../../../electron/domain/backups/backupService';
import { pwb } from '../../helpers/cli';
import { partnerInput, tempDir } from '../../helpers/workspace';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** 4 KB of garbage in the middle of the file, as the probe did. */
function damage(path: string) {
  const fd = openSync(path, 'r+');
  try {
    const size = statSync(path).size;
    writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, Math.floor(size / 2 / 4096) * 4096);
  } finally {
    closeSync(fd);
  }
}

describe('a corrupt workspace (defect 7)', () => {
  it('pwb check reports the damage as a finding (JSON, exit 1), and no backup of it is kept as good', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = join(t.dir, 'w.sqlite');
    const ws = openWorkspace(path);
    const api = createApi({ ws, user: 't' });
    for (let i = 0; i < 400; i++) await api.send('partners.create', partnerInput(`P${String(i).padStart(4, '0')}`, { address: '上海市'.repeat(40) }));
    ws.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    ws.close();
    damage(path);

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
});
