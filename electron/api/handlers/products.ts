import type { productsContract } from '../../contract/products';
import { createProduct, listProducts, setProductPrice, updateProduct } from '../../domain/products/products';
import type { HandlerMap } from './types';

export const productHandlers: HandlerMap<keyof typeof productsContract> = {
  'products.list': ({ ws }) => listProducts(ws),
  'products.create': ({ ws, audit }, input) => {
    const after = createProduct(ws, input);
    audit({ entity: 'product', entityId: after.id, after });
    return after;
  },
  'products.update': ({ ws, audit }, { id, patch }) => {
    const { before, after } = updateProduct(ws, id, patch);
    audit({ entity: 'product', entityId: id, before, after });
    return after;
  },
  'products.setPrice': ({ ws, audit }, input) => {
    const { before, after } = setProductPrice(ws, input);
    audit({ entity: 'product', entityId: input.productId, before: { prices: before.prices }, after: { prices: after.prices } });
    return after;
  },
};
