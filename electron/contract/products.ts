import { z } from 'zod';
import { productFields, productPriceInput, type Product, type ProductPrice } from '../model/products';
import { mutation, query, zs } from './operation';

export type { Product, ProductPrice };

export const productsContract = {
  /** The product list with each product's price periods; rows pulled from HQ carry hqVersion. */
  'products.list': query<Product[]>()(z.object({}).strict()),
  'products.create': mutation<Product>()(productFields, { invalidates: ['products', 'inventory'] }),
  /** Refused for a product pulled from HQ (hq.referenceReadOnly). */
  'products.update': mutation<Product>()(z.object({ id: zs.id, patch: productFields.partial().strict() }).strict(), { invalidates: ['products', 'inventory'] }),
  /** A floor and/or list price from a day (replaces the period starting that day). */
  'products.setPrice': mutation<Product>()(productPriceInput, { invalidates: ['products', 'inventory'] }),
};
