import {
  planCodeInput,
  planCreateInput,
  planExportInput,
  planImportInput,
  type PlanImportResult,
  planLockInput,
  planShowInput,
  planUpdateInput,
  type PlanDetail,
  type PlanPublishResult,
  type PlanSummary,
} from '../model/plans';
import { z } from 'zod';
import { job, mutation, query } from './operation';

export * from '../model/plans';

export const plansContract = {
  'plans.list': query<PlanSummary[]>()(z.object({}).strict()),
  'plans.show': query<PlanDetail>()(planShowInput),
  'plans.create': mutation<PlanDetail>()(planCreateInput, { invalidates: ['plans'] }),
  'plans.update': mutation<PlanDetail>()(planUpdateInput, { invalidates: ['plans'] }),
  'plans.lock': mutation<PlanDetail>()(planLockInput, { invalidates: ['plans'] }),
  'plans.publish': mutation<PlanPublishResult>()(planCodeInput, { invalidates: ['plans', 'evaluations', 'reviews', 'incentives.payouts'] }),
  /** Writes the plan (draft) as XLSX to `out`. */
  'plans.exportXlsx': job<{ path: string; rows: number }>()(planExportInput),
  /** Reads an edited plan workbook back: all or nothing, errors name row and column. */
  'plans.importXlsx': job<PlanImportResult>()(planImportInput, { invalidates: ['plans'] }),
};
