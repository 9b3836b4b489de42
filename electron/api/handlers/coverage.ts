import type { coverageContract } from '../../contract/coverage';
import * as coverage from '../../domain/territories/coverage';
import type { HandlerMap } from './types';

export const coverageHandlers: HandlerMap<keyof typeof coverageContract> = {
  'coverage.report': ({ ws }, input) => coverage.coverageReport(ws, input),
  'coverage.kpi': ({ ws }) => coverage.coverageKpi(ws),
  'coverage.provinces': ({ ws }, input) => coverage.provinceMap(ws, input),
  'coverage.cities': ({ ws }, input) => coverage.cityMap(ws, input),
  'coverage.targets.list': ({ ws }, { territory }) => coverage.listCoverageTargets(ws, territory),
  'coverage.targets.add': ({ ws, audit }, input) => {
    const after = coverage.addCoverageTarget(ws, input);
    audit({ entity: 'coverageTarget', entityId: after.id, after });
    return after;
  },
  'coverage.targets.update': ({ ws, audit }, { id, minPartners }) => {
    const { before, after } = coverage.updateCoverageTarget(ws, id, minPartners);
    audit({ entity: 'coverageTarget', entityId: id, before, after });
    return after;
  },
  'coverage.targets.remove': ({ ws, audit }, { id }) => {
    const before = coverage.removeCoverageTarget(ws, id);
    audit({ entity: 'coverageTarget', entityId: id, before });
    return before;
  },
};
