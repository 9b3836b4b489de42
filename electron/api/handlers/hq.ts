import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import type { HqReferenceItem, HqStatus, hqContract } from '../../contract/hq';
import { withHq } from '../../domain/hq/hqConnection';
import { hqConflicts, hqDashboard } from '../../domain/hq/hqReport';
import { checkHqSchema } from '../../domain/hq/hqSchema';
import { publishToHq } from '../../domain/hq/publish';
import { listReference } from '../../domain/hq/referenceData';
import { publishState, readIdentity, setOfficeName } from '../../domain/hq/workspaceIdentity';
import { clearSetting, getSetting, readSetting, setSetting } from '../../domain/system/settingsStore';
import type { SettingKey } from '../../model/settings';
import { hqPasswordVault } from '../../domain/hq/hqPasswordVault';
import { configuredConnection, configuredUrl, HQ_PASSWORD_FILE_SETTING, HQ_URL_SETTING } from '../../domain/hq/hqSettings';
import type { OpContext } from '../context';
import type { HandlerMap } from './types';

function status(ws: Workspace): HqStatus {
  const id = readIdentity(ws);
  const url = configuredUrl(ws);
  const vault = hqPasswordVault();
  return {
    ...id,
    url,
    passwordFile: getSetting<string | null>(ws.db, HQ_PASSWORD_FILE_SETTING, null),
    keychain: vault?.available() ? 'available' : 'unavailable',
    passwordInKeychain: Boolean(url && vault?.has({ workspaceId: id.workspaceId, url })),
    ...publishState(ws),
  };
}

function requireVault() {
  const vault = hqPasswordVault();
  if (!vault?.available()) {
    throw new DomainError('The OS keychain is not available here (browser mode, or Linux without a keyring): keep the HQ password in a key file, PGPASSWORD or ~/.pgpass', 'DOMAIN', { reason: 'hq.keychainUnavailable' });
  }
  return vault;
}

/** Settings hold values, never null: clearing removes the key. */
function putOrClear({ ws, clock }: Pick<OpContext, 'ws' | 'clock'>, key: SettingKey, value: string | null): void {
  if (value === null) clearSetting(ws.db, key);
  else setSetting(ws.db, key, value, clock.now());
}

export const hqHandlers: HandlerMap<keyof typeof hqContract> = {
  'hq.status': ({ ws }) => status(ws),
  'hq.configure': (ctx, input) => {
    const before = status(ctx.ws);
    setOfficeName(ctx.ws, input.office);
    putOrClear(ctx, HQ_URL_SETTING, input.url);
    putOrClear(ctx, HQ_PASSWORD_FILE_SETTING, input.passwordFile ?? null);
    const after = status(ctx.ws);
    ctx.audit({ entity: 'hq', entityId: after.workspaceId, before: { url: before.url, office: before.officeName }, after: { url: after.url, office: after.officeName } });
    return after;
  },
  'hq.savePassword': (ctx, { password }) => {
    const url = configuredUrl(ctx.ws);
    if (!url) throw new DomainError('No HQ connection is configured (Settings → HQ)', 'DOMAIN', { reason: 'NOT_CONFIGURED' });
    const { workspaceId } = readIdentity(ctx.ws);
    requireVault().save({ workspaceId, url }, password);
    // The keychain replaces a key file: one place for the password.
    putOrClear(ctx, HQ_PASSWORD_FILE_SETTING, null);
    // Recorded without the password (a mutation that audits nothing would have its input recorded).
    ctx.audit({ entity: 'hq', entityId: workspaceId, after: { passwordInKeychain: true, url } });
    return status(ctx.ws);
  },
  'hq.forgetPassword': (ctx) => {
    const url = configuredUrl(ctx.ws);
    const { workspaceId } = readIdentity(ctx.ws);
    const forgotten = url ? (hqPasswordVault()?.forget({ workspaceId, url }) ?? false) : false;
    ctx.audit({ entity: 'hq', entityId: workspaceId, before: { passwordInKeychain: forgotten }, after: { passwordInKeychain: false } });
    return status(ctx.ws);
  },
  'hq.publish': async (ctx) => {
    ctx.progress('publish', 0, null);
    return publishToHq(ctx, { hq: configuredConnection(ctx.ws) });
  },
  'hq.conflicts': ({ ws }) =>
    withHq(configuredConnection(ws), async (c) => {
      await checkHqSchema(c);
      return hqConflicts(c);
    }),
  'hq.reference.list': ({ ws }) => listReference(ws) as HqReferenceItem[],
  'hq.dashboard': ({ ws }, { period }) =>
    withHq(configuredConnection(ws), async (c) => {
      await checkHqSchema(c);
      return hqDashboard(c, period, readSetting(ws.db, 'company.fiscalStartMonth') ?? 1);
    }),
};
