import type { Workspace } from '../../../db/database';
import { machineTimeZone, systemClock, type Clock } from '../../../shared/clock';
import { getSetting } from './settingsStore';

/** The workspace's clock: "today" in its time zone (setting `company.timeZone`), else the machine's zone. */
export function workspaceClock(ws: Workspace): Clock {
  const zone = getSetting<string | null>(ws.db, 'company.timeZone', null);
  return systemClock(zone ?? machineTimeZone());
}
