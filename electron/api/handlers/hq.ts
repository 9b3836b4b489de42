import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import type { HqStatus, hqContract } from '../../contract/hq';
import { withHq } from '../../domain/hq/hqConnection';
import { hqDashboard } from '../../domain/hq/hqReport';
import { checkHqSchema } from '../../domain/hq/hqSchema';
import { publishToHq } from '../../domain/hq/publish';
import { publishState, readIdentity, setOfficeName } from '../../domain/hq/workspaceIdentity';
import { getSetting, setSetting } from '../../domain/system/settingsStore';
import type { SettingKey } from '../../model/settings';
import type { HandlerMap } from './types';

export const HQ_URL_SETTING = 'hq.url';
export const HQ_PASSWORD_FILE_SETTING = 'hq.passwordFile';

function status(ws: Workspace): HqStatus {
  const id = readIdentity(ws);
  return {
    ...id,
    url: getSetting<string | null>(ws.db, HQ_URL_SETTING, null),
    passwordFile: getSetting<string | null>(ws.db, HQ_PASSWORD_FILE_SETTING, null),
    ...publishState(ws),
  };
}

/** Settings hold values, never null: clearing removes the key. */
function putOrClear(ws: Workspace, key: SettingKey, value: string | null): void {
  if (value === null) ws.sqlite.prepare('DELETE FROM settings WHERE key = ?').run(key);
  else setSetting(ws.db, key, value);
}

function connection(ws: Workspace) {
  const url = getSetting<string | null>(ws.db, HQ_URL_SETTING, null);
  if (!url) throw new DomainError('No HQ connection is configured (Settings → HQ)', 'DOMAIN', { reason: 'NOT_CONFIGURED' });
  const passwordFile = getSetting<string | null>(ws.db, HQ_PASSWORD_FILE_SETTING, null);
  return { url, ...(passwordFile ? { passwordFile } : {}) };
}

export const hqHandlers: HandlerMap<keyof typeof hqContract> = {
  'hq.status': ({ ws }) => status(ws),
  'hq.configure': (ctx, input) => {
    const before = status(ctx.ws);
    setOfficeName(ctx.ws, input.office);
    putOrClear(ctx.ws, HQ_URL_SETTING, input.url);
    putOrClear(ctx.ws, HQ_PASSWORD_FILE_SETTING, input.passwordFile ?? null);
    const after = status(ctx.ws);
    ctx.audit({ entity: 'hq', entityId: after.workspaceId, before: { url: before.url, office: before.officeName }, after: { url: after.url, office: after.officeName } });
    return after;
  },
  'hq.publish': async (ctx) => {
    ctx.progress('publish', 0, null);
    return publishToHq(ctx, { hq: connection(ctx.ws) });
  },
  'hq.dashboard': ({ ws }, { period }) =>
    withHq(connection(ws), async (c) => {
      await checkHqSchema(c);
      return hqDashboard(c, period);
    }),
};
