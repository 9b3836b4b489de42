import { z } from 'zod';
import { mutation, query, zs } from './operation';
import { Partner, partnerFields, partnerListInput } from '../model/partners';

export * from '../model/partners';

export const partnersContract = {
  'partners.list': query<{ rows: Partner[]; total: number }>()(partnerListInput),
  'partners.get': query<Partner>()(z.object({ id: zs.id }).strict()),
  'partners.getByCode': query<Partner>()(z.object({ code: zs.code }).strict()),
  'partners.create': mutation<Partner>()(partnerFields, { invalidates: ['partners', 'territories.coverage'] }),
  'partners.update': mutation<Partner>()(
    z.object({ id: zs.id, patch: partnerFields.partial().strict(), reason: z.string().trim().max(500).nullable().optional() }).strict(),
    { invalidates: ['partners', 'territories.coverage'] },
  ),
  'partners.delete': mutation<{ id: number; deletedAt: string }>()(z.object({ id: zs.id }).strict(), { invalidates: ['partners', 'territories.coverage'] }),
  'partners.restore': mutation<Partner>()(z.object({ id: zs.id }).strict(), { invalidates: ['partners', 'territories.coverage'] }),
};
