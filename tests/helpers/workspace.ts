import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMemoryWorkspace, openWorkspace, type Workspace } from '../../db/database';
import { createApi, type Api } from '../../electron/api/api';
import { openReopenableWorkspace, type ReopenableWorkspace } from '../../electron/domain/backups/reopenableWorkspace';

/** A fresh in-memory workspace with the full schema and an in-process API over it. */
export function memoryApi(user = 'tester'): { ws: Workspace; api: Api } {
  const ws = openMemoryWorkspace();
  return { ws, api: createApi({ ws, user }) };
}

/** A temporary folder removed by the returned cleanup. */
export function tempDir(prefix = 'pwb-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A workspace file in a temporary folder. */
export function fileWorkspace(name = 'ws.sqlite'): { ws: Workspace; path: string; dir: string; cleanup: () => void } {
  const { dir, cleanup } = tempDir();
  const path = join(dir, name);
  const ws = openWorkspace(path);
  return {
    ws,
    path,
    dir,
    cleanup: () => {
      try {
        ws.close();
      } catch {
        /* already closed */
      }
      cleanup();
    },
  };
}

/**
 * A workspace file opened as the app opens it (reopenable: restore can swap the file under it) in a temporary folder,
 * with an in-process API; `cleanup` closes it and removes the folder.
 */
export function appFileWorkspace(): { ws: ReopenableWorkspace; path: string; dir: string; api: Api; cleanup: () => void } {
  const t = tempDir();
  const path = join(t.dir, 'workspace.sqlite');
  const ws = openReopenableWorkspace(path);
  const cleanup = () => {
    try {
      ws.close();
    } catch {
      /* already closed */
    }
    t.cleanup();
  };
  return { ws, path, dir: t.dir, api: createApi({ ws, user: 'tester' }), cleanup };
}

/** 4 KB of garbage over a page in the middle of a file (a damaged workspace or backup). */
export function damageMiddlePage(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    const size = statSync(path).size;
    writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, Math.floor(size / 2 / 4096) * 4096);
  } finally {
    closeSync(fd);
  }
}

/**
 * A workspace file with 400 partners (enough pages that the middle one holds data), closed and then damaged in the
 * middle, in a temporary folder: what a bad disk or a torn copy leaves. `cleanup` removes the folder.
 */
export async function damagedWorkspaceFile(): Promise<{ path: string; dir: string; cleanup: () => void }> {
  const t = tempDir();
  const path = join(t.dir, 'w.sqlite');
  const ws = openWorkspace(path);
  const api = createApi({ ws, user: 't' });
  for (let i = 0; i < 400; i++) await api.send('partners.create', partnerInput(`P${String(i).padStart(4, '0')}`, { address: '上海市'.repeat(40) }));
  ws.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  ws.close();
  damageMiddlePage(path);
  return { path, dir: t.dir, cleanup: t.cleanup };
}

/** Minimal valid partner input for tests. */
export function partnerInput(code: string, extra: Record<string, unknown> = {}) {
  return { code, name: `测试伙伴 ${code}`, channelType: 'dealer' as const, tier: 'tier2' as const, territory: 'HD', status: 'active' as const, ...extra };
}
