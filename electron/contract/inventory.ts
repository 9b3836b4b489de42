import { customersInput, type CustomerRfm, type LapsedCustomer } from '../model/inventory';
import { query } from './operation';

export * from '../model/inventory';

export const inventoryContract = {
  'customers.rfm': query<CustomerRfm[]>()(customersInput),
  'customers.lapsed': query<LapsedCustomer[]>()(customersInput),
};

