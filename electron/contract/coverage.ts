import { z } from 'zod';
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

export type { CityMap, CoverageFigure, CoverageLine, CoverageReport, CoverageTarget, ProvinceFigures, ProvinceMap, TerritoryCoverage } from '../model/coverage';

/** Channel coverage (渠道覆盖率): targets per territory, the ratio, the gaps, and the province tile map's figures. */
export const coverageContract = {
  'coverage.report': query<CoverageReport>()(coverageReportInput),
  /** The company's coverage ratio and its number of gaps: the dashboard's KPI. */
  'coverage.kpi': query<CoverageFigure & { gaps: number }>()(z.object({}).strict()),
  'coverage.provinces': query<ProvinceMap>()(provinceMapInput),
  /** A province's cities as tiles: the same figures per city, and the rest of the province. */
  'coverage.cities': query<CityMap>()(cityMapInput),
  'coverage.targets.list': query<CoverageTarget[]>()(z.object({ territory: z.string().trim().min(1).max(32).optional() }).strict()),
  'coverage.targets.add': mutation<CoverageTarget>()(coverageTargetInput, { invalidates: ['coverage'] }),
  'coverage.targets.update': mutation<CoverageTarget>()(z.object({ id: zs.id, minPartners: z.number().int().min(1).max(10_000) }).strict(), { invalidates: ['coverage'] }),
  'coverage.targets.remove': mutation<CoverageTarget>()(z.object({ id: zs.id }).strict(), { invalidates: ['coverage'] }),
};
