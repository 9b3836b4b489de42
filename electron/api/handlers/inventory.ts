import type { inventoryContract } from '../../contract/inventory';
import { customerRfm, lapsedCustomers } from '../../domain/inventory/endCustomers';
import type { HandlerMap } from './types';

export const inventoryHandlers: HandlerMap<keyof typeof inventoryContract> = {
  'customers.rfm': ({ ws }, input) => customerRfm(ws, input),
  'customers.lapsed': ({ ws }, input) => lapsedCustomers(ws, input),
};
