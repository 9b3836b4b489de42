import { z } from 'zod';
import { mutation, query, zs } from './operation';
import { HeatMapResult, OverdueResult, RiskActionRowOut, RiskHistoryEntry, RiskListRow, riskActionFields, riskBand, type Bands, riskFields, riskListFilter } from '../model/risks';

export * from '../model/risks';

export const risksContract = {
  'risks.list': query<{ rows: RiskListRow[]; total: number; bands: Bands }>()(riskListFilter),
  'risks.get': query<{ risk: RiskListRow; actions: RiskActionRowOut[]; history: RiskHistoryEntry[] }>()(z.object({ id: zs.id }).strict()),
  /** Creates (no id) or updates (id) a risk; optionally replaces its actions in the same transaction. */
  'risks.save': mutation<RiskListRow>()(
    z
      .object({ id: zs.id.optional(), fields: riskFields.partial().strict(), actions: z.array(riskActionFields).max(200).optional() })
      .strict(),
    { invalidates: ['risks'] },
  ),
  'risks.close': mutation<RiskListRow>()(z.object({ id: zs.id }).strict(), { invalidates: ['risks'] }),
  'risks.actions.save': mutation<RiskActionRowOut[]>()(
    z.object({ riskId: zs.id, actions: z.array(riskActionFields).max(200) }).strict(),
    { invalidates: ['risks'] },
  ),
  'risks.heatMap': query<HeatMapResult>()(riskListFilter),
  /** `channelManagerIds` ("Mine"): risks of partners they own now, or owned by them by name or e-mail (an empty list: none). */
  'risks.overdue': query<OverdueResult>()(z.object({ asOf: zs.isoDate.optional(), channelManagerIds: z.array(zs.id).max(1000).optional() }).strict()),
  'risks.bands.get': query<{ bands: Bands; defaults: Bands }>()(z.object({}).strict()),
  'risks.bands.set': mutation<{ bands: Bands }>()(z.object({ bands: z.array(riskBand).length(4) }).strict(), { invalidates: ['risks'] }),
};
