import { z } from 'zod';
import { mutation, query, zs } from './operation';
import { DEAL_DECISIONS, DealRow, DealSettings, PriceConflict, dealFields, dealListInput, dealSettingsInput } from '../model/deals';

export * from '../model/deals';

export const dealsContract = {
  'deals.list': query<{ rows: DealRow[]; total: number }>()(dealListInput),
  /** A registration with the registrations it conflicts with, as they are now (for the side-by-side decision). */
  'deals.get': query<{ deal: DealRow; conflicting: DealRow[]; priceConflict: PriceConflict | null }>()(z.object({ id: zs.id }).strict()),
  'deals.register': mutation<DealRow>()(dealFields, { invalidates: ['deals', 'risks'] }),
  'deals.decide': mutation<DealRow>()(
    z.object({ id: zs.id, decision: z.enum(DEAL_DECISIONS), note: z.string().trim().max(1000).optional() }).strict(),
    { invalidates: ['deals', 'risks'] },
  ),
  'deals.expire': mutation<{ asOf: string; expired: number[] }>()(z.object({ asOf: zs.isoDate.optional() }).strict(), { invalidates: ['deals'] }),
  'deals.settings.get': query<DealSettings>()(z.object({}).strict()),
  'deals.settings.set': mutation<DealSettings>()(dealSettingsInput, { invalidates: ['deals'] }),
};
