import type { Workspace } from '../../../db/database';
import type { settings } from '../../../db/schema';

/** The company area's store: the profile lives in settings rows under `company.` and `statement.`. */
type SettingKeyText = (typeof settings.$inferSelect)['key'];

export const companyStore = {
  /** The profile's settings rows, values as stored JSON text (parsed by the profile's rules). */
  profileSettings(ws: Workspace): Array<{ key: SettingKeyText; value: string }> {
    return ws.sqlite
      .prepare<[], { key: SettingKeyText; value: string }>(`select key, value from settings where key like 'company.%' or key like 'statement.%'`)
      .all();
  },
};
