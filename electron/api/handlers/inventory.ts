import type { inventoryContract } from '../../contract/inventory';
import { customerCohorts, customerRfm, lapsedCustomers } from '../../domain/inventory/endCustomers';
import { channelKpi, inventoryEvidence, inventoryOverview, inventoryRules, inventoryTrend, riskEvidence, setInventoryRules } from '../../domain/inventory/inventoryOverview';
import type { HandlerMap } from './types';

export const inventoryHandlers: HandlerMap<keyof typeof inventoryContract> = {
  'inventory.customers.rfm': ({ ws }, input) => customerRfm(ws, input),
  'inventory.customers.lapsed': ({ ws }, input) => lapsedCustomers(ws, input),
  'inventory.customers.cohorts': ({ ws }, input) => customerCohorts(ws, input),
  'inventory.overview': ({ ws }, { period, channelManagerIds }) => inventoryOverview(ws, period, channelManagerIds),
  'inventory.kpi': ({ ws }, { period }) => channelKpi(ws, period),
  'inventory.evidence': ({ ws }, input) => inventoryEvidence(ws, input),
  'inventory.trend': ({ ws }, input) => inventoryTrend(ws, input),
  'inventory.riskEvidence': ({ ws }, { riskId }) => riskEvidence(ws, riskId),
  'inventory.rules.get': ({ ws }) => inventoryRules(ws),
  'inventory.rules.set': (ctx, patch) => setInventoryRules(ctx, patch),
};
