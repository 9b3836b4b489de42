import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';

/** SQLite's online backup: a consistent copy while the workspace stays in use. */
export async function backupWorkspace(ws: Workspace, out: string): Promise<{ path: string; bytes: number }> {
  const target = resolve(out);
  if (target === resolve(ws.path)) throw new DomainError('The backup file must not be the workspace itself');
  if (existsSync(target)) throw new DomainError(`${target} already exists; choose another file`, 'CONFLICT');
  mkdirSync(dirname(target), { recursive: true });
  await ws.sqlite.backup(target);
  return { path: target, bytes: statSync(target).size };
}
