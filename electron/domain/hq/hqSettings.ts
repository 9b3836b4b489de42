import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { getSetting } from '../system/settingsStore';
import type { HqConnectionOptions } from './hqConnection';
import { hqPasswordVault } from './hqPasswordVault';
import { readIdentity } from './workspaceIdentity';

export const HQ_URL_SETTING = 'hq.url' as const;
export const HQ_PASSWORD_FILE_SETTING = 'hq.passwordFile' as const;

export function configuredUrl(ws: Workspace): string | null {
  return getSetting<string | null>(ws.db, HQ_URL_SETTING, null);
}

/**
 * How the app reaches HQ: the configured address (never with a password), and the password from — in this order — the
 * key file named in Settings, the OS keychain (the app's vault), else nothing here: libpq's PGPASSWORD / ~/.pgpass of
 * the user running the app.
 */
export function configuredConnection(ws: Workspace): HqConnectionOptions {
  const url = configuredUrl(ws);
  if (!url) throw new DomainError('No HQ connection is configured (Settings → HQ)', 'DOMAIN', { reason: 'NOT_CONFIGURED' });
  const passwordFile = getSetting<string | null>(ws.db, HQ_PASSWORD_FILE_SETTING, null);
  if (passwordFile) return { url, passwordFile };
  const password = hqPasswordVault()?.read({ workspaceId: readIdentity(ws).workspaceId, url });
  return { url, ...(password === undefined ? {} : { password }) };
}

/**
 * What a job worker thread needs to reach HQ that only the main process can read: the password from the keychain
 * (Electron's safeStorage exists in the main process only). Handed over in memory when the worker starts.
 */
export function hqWorkerSecrets(ws: Workspace): { hqPassword?: string } {
  const url = configuredUrl(ws);
  if (!url) return {};
  const password = hqPasswordVault()?.read({ workspaceId: readIdentity(ws).workspaceId, url });
  return password === undefined ? {} : { hqPassword: password };
}
