import type { systemContract } from '../../contract/system';
import { generateDemo } from '../../domain/demo/demoGenerator';
import { getSetting, listSettings } from '../../domain/system/settingsStore';
import { saveSetting } from '../../domain/system/saveSetting';
import { checkWorkspace, rowCounts, schemaVersions } from '../../domain/system/workspaceInfo';
import { healthOf, setHealth } from '../../domain/system/workspaceHealth';
import { DomainError } from '../../../shared/errors';
import { SETTINGS } from '../../model/settings';
import type { HandlerMap } from './types';

const DEMO_DISMISSED = 'demo.dismissed';

export const systemHandlers: HandlerMap<keyof typeof systemContract> = {
  'system.info': ({ ws }) => {
    const counts = rowCounts(ws);
    const isEmpty = counts.partners === 0 && counts.sales_lines === 0;
    return { path: ws.path, ...schemaVersions(ws), counts, isEmpty, demoOffered: isEmpty && !getSetting(ws.db, DEMO_DISMISSED, false), health: healthOf(ws) };
  },
  // Served by the desktop app's gate (electron/api/workspaceGate.ts); elsewhere the workspace is open already and
  // nothing is remembered (the CLI and the web server take --key-file or PWB_KEY).
  'system.unlockStatus': ({ ws }) => ({ locked: false, workspace: ws.path, canRemember: false, remembered: false, reason: null }),
  'system.unlock': ({ ws }) => {
    throw new DomainError(`The workspace ${ws.path} is open already`, 'CONFLICT', { reason: 'workspaceOpenAlready', params: { path: ws.path } });
  },
  'system.forgetKey': ({ ws }) => ({ locked: false, workspace: ws.path, canRemember: false, remembered: false, reason: null }),
  'system.today': ({ clock }) => ({ today: clock.today(), timeZone: clock.timeZone }),
  'system.check': ({ ws }) => {
    const r = checkWorkspace(ws);
    const damage = r.integrity.length === 1 && r.integrity[0] === 'ok' ? [] : r.integrity;
    setHealth(ws, damage, true);
    return r;
  },
  'system.loadDemo': (ctx, input) => {
    if (rowCounts(ctx.ws).partners > 0) throw new DomainError('The demo dataset can only be loaded into an empty workspace', 'CONFLICT', { reason: 'demoNotEmpty', params: {} });
    return generateDemo(ctx, input);
  },
  'system.dismissDemo': (ctx) => {
    saveSetting(ctx, DEMO_DISMISSED, true);
    return { ok: true };
  },
  'system.settings.get': ({ ws }, { key }) => ({ key, value: getSetting<unknown>(ws.db, key, null), default: SETTINGS[key].default }),
  'system.settings.list': ({ ws }) => listSettings(ws.db),
  'system.settings.set': (ctx, { key, value }) => {
    // What the key's schema made of the value (trimmed, a credit code upper-cased), not the text as typed.
    const stored: unknown = SETTINGS[key].schema.parse(value);
    saveSetting(ctx, key, stored);
    return { key, value: stored };
  },
  'system.jobs.cancel': ({ jobs }, { jobId }) => ({ cancelled: jobs.cancel(jobId) }),
};
