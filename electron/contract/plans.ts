import {
  planCodeInput,
  planCreateInput,
  planLockInput,
  planShowInput,
  planUpdateInput,
  type PlanDetail,
  type PlanPublishResult,
  type PlanSummary,
} from '../model/plans';
import { z } from 'zod';
import { mutation, query } from './operation';

export * from '../model/plans';

export const plansContract = {
  'plans.list': query<PlanSummary[]>()(z.object({}).strict()),
  'plans.show': query<PlanDetail>()(planShowInput),
  'plans.create': mutation<PlanDetail>()(planCreateInput, { invalidates: ['plans'] }),
  'plans.update': mutation<PlanDetail>()(planUpdateInput, { invalidates: ['plans'] }),
  'plans.lock': mutation<PlanDetail>()(planLockInput, { invalidates: ['plans'] }),
  'plans.publish': mutation<PlanPublishResult>()(planCodeInput, { invalidates: ['plans', 'targets', 'scorecards', 'evaluations', 'payouts'] }),
};
