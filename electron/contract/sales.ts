import { query } from './operation';
import { type SalesPage, salesListInput } from '../model/sales';

export * from '../model/sales';

export const salesContract = {
  /** One page of sales lines (the grid loads pages as it scrolls), with the total count and sums for the filter. */
  'sales.list': query<SalesPage>()(salesListInput),
};
