import { z } from 'zod';
import {
  territoryAddInput,
  territoryMergeInput,
  territoryMoveInput,
  territoryRenameInput,
  territorySetActiveInput,
  type Territory,
} from '../model/territories';
import {
  coverageReportInput,
  coverageTargetInput,
  cityMapInput,
  provinceMapInput,
  type CityMap,
  type CoverageFigure,
  type CoverageReport,
  type CoverageTarget,
  type ProvinceMap,
} from '../model/coverage';
import { mutation, query, zs } from './operation';

export type { Territory };
export type { CityMap, CoverageFigure, CoverageLine, CoverageReport, CoverageTarget, ProvinceFigures, ProvinceMap, TerritoryCoverage } from '../model/coverage';

export const territoriesContract = {
  'territories.list': query<Territory[]>()(z.object({}).strict()),
  'territories.add': mutation<Territory>()(territoryAddInput, { invalidates: ['territories', 'partners', 'territories.coverage'] }),
  'territories.rename': mutation<Territory>()(territoryRenameInput, { invalidates: ['territories', 'partners', 'territories.coverage'] }),
  'territories.move': mutation<Territory>()(territoryMoveInput, { invalidates: ['territories', 'partners', 'territories.coverage'] }),
  'territories.merge': mutation<{ into: Territory; movedPartners: number }>()(territoryMergeInput, { invalidates: ['territories', 'partners', 'territories.coverage'] }),
  'territories.setActive': mutation<Territory>()(territorySetActiveInput, { invalidates: ['territories', 'territories.coverage'] }),
  // Channel coverage (渠道覆盖率): targets per territory, the ratio, the gaps, and the province tile map's figures.
  'territories.coverage.report': query<CoverageReport>()(coverageReportInput),
  /** The company's coverage ratio and its number of gaps: the dashboard's KPI. */
  'territories.coverage.kpi': query<CoverageFigure & { gaps: number }>()(z.object({}).strict()),
  'territories.coverage.provinces': query<ProvinceMap>()(provinceMapInput),
  /** A province's cities as tiles: the same figures per city, and the rest of the province. */
  'territories.coverage.cities': query<CityMap>()(cityMapInput),
  'territories.coverage.targets.list': query<CoverageTarget[]>()(z.object({ territory: z.string().trim().min(1).max(32).optional() }).strict()),
  'territories.coverage.targets.add': mutation<CoverageTarget>()(coverageTargetInput, { invalidates: ['territories.coverage'] }),
  'territories.coverage.targets.update': mutation<CoverageTarget>()(z.object({ id: zs.id, minPartners: z.number().int().min(1).max(10_000) }).strict(), { invalidates: ['territories.coverage'] }),
  'territories.coverage.targets.remove': mutation<CoverageTarget>()(z.object({ id: zs.id }).strict(), { invalidates: ['territories.coverage'] }),
};
