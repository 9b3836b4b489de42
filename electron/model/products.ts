import { z } from 'zod';
import { zs } from '../../shared/fields';
import type { ProductRow, productPrices } from '../../db/schema';

/** The products area's vocabulary: the company's product list and its floor and list prices by date range. */

/** A product's price period as stored (validTo inclusive; null = open-ended): the drizzle schema's columns. */
export type ProductPrice = Pick<typeof productPrices.$inferSelect, 'id' | 'validFrom' | 'validTo' | 'floorPriceMinor' | 'listPriceMinor' | 'currency'>;

/** A product as stored (the drizzle schema's columns; `hqVersion`: the HQ reference item it mirrors, null = the office's own, HQ rows read-only; `hqPrices`: its price periods are HQ's, read-only here, refused with hq.referencePricesReadOnly) with its price periods. */
export type Product = Pick<ProductRow, 'id' | 'code' | 'nameZh' | 'nameEn' | 'productLine' | 'unit' | 'active' | 'hqVersion' | 'hqPrices'> & {
  /** Newest first. */
  prices: ProductPrice[];
};

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const productFields = z
  .object({
    code: zs.code,
    nameZh: zs.name,
    nameEn: optionalText(200),
    productLine: optionalText(100),
    unit: optionalText(20),
    active: z.boolean().optional(),
  })
  .strict();
export type ProductFields = z.output<typeof productFields>;

const money = zs.minor.min(0);

/** A price period's fields, as typed in the office and as HQ lists them (validTo inclusive; null = open-ended). */
const pricePeriodFields = z
  .object({
    validFrom: zs.isoDate,
    validTo: zs.isoDate.nullable().optional(),
    floorPriceMinor: money.nullable().optional(),
    listPriceMinor: money.nullable().optional(),
    currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'a three-letter currency code such as CNY').optional(),
  })
  .strict();

type PricePeriodFields = z.output<typeof pricePeriodFields>;

/** A price period's rules, the same wherever one is given: it ends on or after its start and has a floor or a list price. */
function withPriceRules<S extends z.ZodType<PricePeriodFields>>(schema: S) {
  return schema
    .refine((p) => p.validTo == null || p.validTo >= p.validFrom, { message: 'validTo is before validFrom', path: ['validTo'] })
    .refine((p) => p.floorPriceMinor != null || p.listPriceMinor != null, { message: 'give a floor price or a list price', path: ['floorPriceMinor'] });
}

/** `products.setPrice`: a price period of one of the office's own products. */
export const productPriceInput = withPriceRules(pricePeriodFields.extend({ productId: zs.id }).strict());
export type ProductPriceInput = z.output<typeof productPriceInput>;

/**
 * A price period as HQ lists it in a product's reference data (`data.prices`, `pwb hq reference publish --kind
 * product`): amounts in minor units (fen), as everywhere in the app. Strict, so a misspelt field is refused rather than
 * dropped.
 */
export const hqProductPrice = withPriceRules(pricePeriodFields);
