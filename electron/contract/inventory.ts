import {
  customersInput,
  inventoryEvidenceInput,
  inventoryOverviewInput,
  inventoryTrendInput,
  type CustomerRfm,
  type EvidenceLine,
  type InventoryOverview,
  type InventoryTrendPoint,
  type LapsedCustomer,
} from '../model/inventory';
import { query } from './operation';

export * from '../model/inventory';

export const inventoryContract = {
  'customers.rfm': query<CustomerRfm[]>()(customersInput),
  'customers.lapsed': query<LapsedCustomer[]>()(customersInput),
  'inventory.overview': query<InventoryOverview>()(inventoryOverviewInput),
  'inventory.evidence': query<EvidenceLine[]>()(inventoryEvidenceInput),
  'inventory.trend': query<InventoryTrendPoint[]>()(inventoryTrendInput),
};

