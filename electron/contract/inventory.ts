import { z } from 'zod';
import { zs } from '../../shared/fields';
import {
  customersInput,
  customerCohortsInput,
  type CustomerCohorts,
  inventoryRulesSchema,
  type EvidenceKind,
  type InventoryRules,
  inventoryEvidenceInput,
  inventoryOverviewInput,
  inventoryTrendInput,
  type CustomerRfm,
  type EvidenceLine,
  type ChannelKpi,
  type InventoryOverview,
  type InventoryTrendPoint,
  type LapsedCustomer,
} from '../model/inventory';
import { mutation, query } from './operation';

export * from '../model/inventory';

export const inventoryContract = {
  'inventory.customers.rfm': query<CustomerRfm[]>()(customersInput),
  'inventory.customers.lapsed': query<LapsedCustomer[]>()(customersInput),
  'inventory.customers.cohorts': query<CustomerCohorts>()(customerCohortsInput),
  'inventory.overview': query<InventoryOverview>()(inventoryOverviewInput),
  /** The dashboard's channel measures of a period: sell-through rate, DOI, and the partners flagged for stuffing, 窜货, 乱价. */
  'inventory.kpi': query<ChannelKpi>()(inventoryOverviewInput),
  'inventory.evidence': query<EvidenceLine[]>()(inventoryEvidenceInput),
  'inventory.trend': query<InventoryTrendPoint[]>()(inventoryTrendInput),
  /** The sell-through lines linked to a channel auto-risk (窜货, 乱价). */
  'inventory.riskEvidence': query<{ kind: EvidenceKind | null; lines: EvidenceLine[] }>()(z.object({ riskId: zs.id }).strict()),
  'inventory.rules.get': query<InventoryRules>()(z.object({}).strict()),
  /** Changes some of the rules; the rest keep their value. */
  'inventory.rules.set': mutation<InventoryRules>()(inventoryRulesSchema.partial().strict(), { invalidates: ['inventory', 'system.settings'] }),
};

