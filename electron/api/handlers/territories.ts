import type { territoriesContract } from '../../contract/territories';
import * as coverage from '../../domain/territories/coverage';
import * as store from '../../domain/territories/territories';
import type { HandlerMap } from './types';

export const territoryHandlers: HandlerMap<keyof typeof territoriesContract> = {
  'territories.list': ({ ws }) => store.listTerritories(ws),
  'territories.add': (ctx, input) => {
    const after = store.addTerritory(ctx, input);
    ctx.audit({ entity: 'territory', entityId: after.id, after });
    return after;
  },
  'territories.rename': (ctx, input) => {
    const { before, after } = store.renameTerritory(ctx, input);
    ctx.audit({ entity: 'territory', entityId: after.id, before, after });
    return after;
  },
  'territories.move': (ctx, input) => {
    const { before, after } = store.moveTerritory(ctx, input);
    ctx.audit({ entity: 'territory', entityId: after.id, before, after });
    return after;
  },
  'territories.merge': (ctx, input) => {
    const { from, into, movedPartners } = store.mergeTerritory(ctx, input);
    ctx.audit({ entity: 'territory', entityId: from.id, before: from, after: { mergedInto: into.code, movedPartners } });
    return { into, movedPartners };
  },
  'territories.setActive': (ctx, { code, active }) => {
    const { before, after } = store.setTerritoryActive(ctx, code, active);
    ctx.audit({ entity: 'territory', entityId: after.id, before, after });
    return after;
  },
  'territories.coverage.report': ({ ws }, input) => coverage.coverageReport(ws, input),
  'territories.coverage.kpi': ({ ws }) => coverage.coverageKpi(ws),
  'territories.coverage.provinces': ({ ws }, input) => coverage.provinceMap(ws, input),
  'territories.coverage.cities': ({ ws }, input) => coverage.cityMap(ws, input),
  'territories.coverage.targets.list': ({ ws }, { territory }) => coverage.listCoverageTargets(ws, territory),
  'territories.coverage.targets.add': (ctx, input) => {
    const after = coverage.addCoverageTarget(ctx, input);
    ctx.audit({ entity: 'coverageTarget', entityId: after.id, after });
    return after;
  },
  'territories.coverage.targets.update': ({ ws, audit }, { id, minPartners }) => {
    const { before, after } = coverage.updateCoverageTarget(ws, id, minPartners);
    audit({ entity: 'coverageTarget', entityId: id, before, after });
    return after;
  },
  'territories.coverage.targets.remove': ({ ws, audit }, { id }) => {
    const before = coverage.removeCoverageTarget(ws, id);
    audit({ entity: 'coverageTarget', entityId: id, before });
    return before;
  },
};
