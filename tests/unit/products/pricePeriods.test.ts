import { describe, expect, it } from 'vitest';
import { hqProductPrice, productPriceInput } from '../../../electron/model/products';
import { hqProductPrices } from '../../../electron/domain/hq/referenceMirror';

/**
 * One price period, two doors: the office's `products.setPrice` (with the product's id) and HQ's reference data
 * (`data.prices`, without it). Both take the same fields and refuse the same periods.
 */
const period = { validFrom: '2025-01-01', validTo: '2025-06-30', floorPriceMinor: 100_000, listPriceMinor: 150_000, currency: 'cny' };
const schemas = [
  ['products.setPrice', productPriceInput, { productId: 7 }],
  ['HQ reference data', hqProductPrice, {}],
] as const;

describe('price periods (products.setPrice and HQ reference data)', () => {
  for (const [name, schema, extra] of schemas) {
    it(`${name}: reads the period, the currency upper-cased`, () => {
      expect(schema.parse({ ...period, ...extra })).toEqual({ ...period, ...extra, currency: 'CNY' });
      expect(schema.parse({ validFrom: '2025-07-01', listPriceMinor: 1, ...extra })).toEqual({ validFrom: '2025-07-01', listPriceMinor: 1, ...extra });
    });

    it(`${name}: refuses a period ending before it starts, one without a price, a bad day, currency or amount, an unknown field`, () => {
      const issue = (v: Record<string, unknown>) => {
        const r = schema.safeParse({ ...v, ...extra });
        return r.success ? null : { path: r.error.issues[0].path.join('.'), message: r.error.issues[0].message };
      };
      expect(issue({ ...period, validTo: '2024-12-31' })).toEqual({ path: 'validTo', message: 'validTo is before validFrom' });
      expect(issue({ validFrom: '2025-01-01', floorPriceMinor: null, listPriceMinor: null })).toEqual({ path: 'floorPriceMinor', message: 'give a floor price or a list price' });
      expect(issue({ ...period, validFrom: '2025-02-30' })?.path).toBe('validFrom');
      expect(issue({ ...period, currency: 'yuan' })?.path).toBe('currency');
      expect(issue({ ...period, listPriceMinor: -1 })?.path).toBe('listPriceMinor');
      expect(issue({ ...period, listPriceMinor: 1.5 })?.path).toBe('listPriceMinor');
      expect(schema.safeParse({ ...period, ...extra, price: 1 }).success).toBe(false);
      expect(issue({ ...period, validTo: '2025-01-01' })).toBeNull();
    });
  }

  it('the office names the product; HQ lists periods under the product and refuses a product id in one', () => {
    expect(productPriceInput.safeParse(period).success).toBe(false);
    expect(hqProductPrice.safeParse({ ...period, productId: 7 }).success).toBe(false);
  });

  it("HQ's list of periods comes out as stored columns: open ends and missing prices null, CNY by default", () => {
    expect(hqProductPrices('SKU-1', [{ validFrom: '2025-07-01', listPriceMinor: 1 }, period])).toEqual([
      { validFrom: '2025-07-01', validTo: null, floorPriceMinor: null, listPriceMinor: 1, currency: 'CNY' },
      { ...period, currency: 'CNY' },
    ]);
  });
});
