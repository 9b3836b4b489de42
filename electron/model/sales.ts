import { z } from 'zod';
import { zs } from '../../shared/fields';
import type { PartnerRow, SalesLineRow } from '../../db/schema';

export const SALES_SORTABLE = ['date', 'partnerCode', 'orderRef', 'product', 'category', 'quantity', 'amountMinor', 'costMinor', 'customerRef'] as const;

/** A stored sales line as the grid shows it: the line's columns (from the drizzle schema) and its partner's code and names. */
export type SalesLineView = Pick<
  SalesLineRow,
  'id' | 'date' | 'orderRef' | 'lineRef' | 'product' | 'category' | 'quantity' | 'amountMinor' | 'costMinor' | 'customerRef' | 'currency' | 'importId'
> & { partnerCode: PartnerRow['code']; partnerName: PartnerRow['name']; partnerNameEn: PartnerRow['nameEn'] };

export const salesFilter = z
  .object({
    partnerCode: zs.code.optional(),
    dateFrom: zs.isoDate.optional(),
    dateTo: zs.isoDate.optional(),
    /** Matches order ref, product, category or customer ref. */
    search: z.string().max(100).optional(),
    importId: zs.id.optional(),
    /** "Mine": only the lines of partners these channel managers own now (an empty list matches nothing). */
    channelManagerIds: z.array(zs.id).max(1000).optional(),
  })
  .strict();
export type SalesFilter = z.output<typeof salesFilter>;

/** One page of the sales grid: the filter, paging and a whitelisted sort. */
export const salesListInput = salesFilter
  .extend({
    offset: z.number().int().min(0).max(1e9).default(0),
    limit: z.number().int().min(1).max(5000).default(200),
    sort: z.enum(SALES_SORTABLE).default('date'),
    direction: z.enum(['asc', 'desc']).default('desc'),
  })
  .strict();
export type SalesListInput = z.output<typeof salesListInput>;

/** A page of sales lines with the filter's total count and sums. */
export interface SalesPage {
  rows: SalesLineView[];
  total: number;
  amountMinor: number;
  costMinor: number;
  costedAmountMinor: number;
  costedLines: number;
}
