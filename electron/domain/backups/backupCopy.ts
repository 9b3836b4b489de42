import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { ownerOnlyEmptyFile, writeCheckedCopy } from './backupService';

/**
 * A one-off backup to a file of the user's choice: a consistent copy while the workspace stays in use (online backup;
 * VACUUM INTO for an encrypted workspace, whose copy stays encrypted), owner-only, checked, and written under
 * `.partial` then renamed, so a kill never leaves half a backup under the name asked for.
 */
export async function backupWorkspace(ws: Workspace, out: string): Promise<{ path: string; bytes: number }> {
  const target = resolve(out);
  if (target === resolve(ws.path)) throw new DomainError('The backup file must not be the workspace itself', 'DOMAIN', { reason: 'backupIsWorkspace', params: {} });
  if (existsSync(target)) throw new DomainError(`${target} already exists; choose another file`, 'CONFLICT', { reason: 'backupFileExists', params: { path: target } });
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  ownerOnlyEmptyFile(partial);
  try {
    await writeCheckedCopy(ws, partial);
    if (existsSync(target)) throw new DomainError(`${target} already exists; choose another file`, 'CONFLICT', { reason: 'backupFileExists', params: { path: target } });
    renameSync(partial, target);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  return { path: target, bytes: statSync(target).size };
}
