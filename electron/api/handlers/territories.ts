import type { territoriesContract } from '../../contract/territories';
import * as store from '../../domain/territories/territories';
import type { HandlerMap } from './types';

export const territoryHandlers: HandlerMap<keyof typeof territoriesContract> = {
  'territories.list': ({ ws }) => store.listTerritories(ws),
  'territories.add': ({ ws, audit }, input) => {
    const after = store.addTerritory(ws, input);
    audit({ entity: 'territory', entityId: after.id, after });
    return after;
  },
  'territories.rename': ({ ws, audit }, input) => {
    const { before, after } = store.renameTerritory(ws, input);
    audit({ entity: 'territory', entityId: after.id, before, after });
    return after;
  },
  'territories.move': ({ ws, audit }, input) => {
    const { before, after } = store.moveTerritory(ws, input);
    audit({ entity: 'territory', entityId: after.id, before, after });
    return after;
  },
  'territories.merge': ({ ws, audit }, input) => {
    const { from, into, movedPartners } = store.mergeTerritory(ws, input);
    audit({ entity: 'territory', entityId: from.id, before: from, after: { mergedInto: into.code, movedPartners } });
    return { into, movedPartners };
  },
  'territories.setActive': ({ ws, audit }, { code, active }) => {
    const { before, after } = store.setTerritoryActive(ws, code, active);
    audit({ entity: 'territory', entityId: after.id, before, after });
    return after;
  },
};
