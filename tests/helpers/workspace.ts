import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMemoryWorkspace, openWorkspace, type Workspace } from '../../db/database';
import { createApi, type Api } from '../../electron/api/api';

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

/** Minimal valid partner input for tests. */
export function partnerInput(code: string, extra: Record<string, unknown> = {}) {
  return { code, name: `测试伙伴 ${code}`, channelType: 'dealer' as const, tier: 'tier2' as const, territory: 'HD', status: 'active' as const, ...extra };
}
