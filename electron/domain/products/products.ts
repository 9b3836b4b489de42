import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { refuseIfFromHq, refusePricesFromHq } from '../hq/referenceMirror';
import type { Product, ProductFields, ProductPriceInput } from '../../model/products';
import { productStore, type ProductPriceRow, type ProductRow } from './store';
import { notFound } from '../../../shared/errorMessages';

/**
 * The company's product list (产品): what imports resolve product columns to, with floor (控价底价) and list prices by
 * date range. Products pulled from HQ (hq_version) are read-only here — refused in words by refuseIfFromHq, and by the
 * workspace's triggers on any other path; so are their prices when HQ's item lists them (hq_prices), else the prices
 * stay the office's own.
 */
function toProduct(p: ProductRow, prices: ProductPriceRow[]): Product {
  return {
    id: p.id,
    code: p.code,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    productLine: p.productLine,
    unit: p.unit,
    active: p.active,
    hqVersion: p.hqVersion,
    hqPrices: p.hqPrices,
    prices: prices.map((x) => ({ id: x.id, validFrom: x.validFrom, validTo: x.validTo, floorPriceMinor: x.floorPriceMinor, listPriceMinor: x.listPriceMinor, currency: x.currency })),
  };
}

export function listProducts(ws: Workspace): Product[] {
  const prices = new Map<number, ProductPriceRow[]>();
  for (const x of productStore.prices(ws)) {
    const list = prices.get(x.productId) ?? [];
    list.push(x);
    prices.set(x.productId, list);
  }
  return productStore.all(ws).map((p) => toProduct(p, prices.get(p.id) ?? []));
}

function getProduct(ws: Workspace, id: number): Product {
  const p = productStore.byId(ws, id);
  if (!p) throw new DomainError(`Product ${id} not found`, 'NOT_FOUND', notFound('product', id));
  return toProduct(p, productStore.pricesOf(ws, id));
}

const blank = (v: string | null | undefined) => (v == null || v.trim() === '' ? null : v.trim());

export function createProduct(ws: Workspace, input: ProductFields): Product {
  const taken = productStore.byCode(ws, input.code);
  if (taken) throw new DomainError(`Product code ${taken.code} is taken already`, 'CONFLICT', { reason: 'productCodeTaken', params: { code: taken.code } });
  const id = productStore.insert(ws, {
    code: input.code,
    nameZh: input.nameZh,
    nameEn: blank(input.nameEn),
    productLine: blank(input.productLine),
    unit: blank(input.unit),
    active: input.active ?? true,
  });
  return getProduct(ws, id);
}

export function updateProduct(ws: Workspace, id: number, patch: Partial<ProductFields>): { before: Product; after: Product } {
  const before = getProduct(ws, id);
  refuseIfFromHq(ws, 'product', { id });
  if (patch.code !== undefined && patch.code.toLowerCase() !== before.code.toLowerCase()) {
    const taken = productStore.byCode(ws, patch.code);
    if (taken) throw new DomainError(`Product code ${taken.code} is taken already`, 'CONFLICT', { reason: 'productCodeTaken', params: { code: taken.code } });
  }
  productStore.update(ws, id, {
    ...(patch.code !== undefined ? { code: patch.code } : {}),
    ...(patch.nameZh !== undefined ? { nameZh: patch.nameZh } : {}),
    ...(patch.nameEn !== undefined ? { nameEn: blank(patch.nameEn) } : {}),
    ...(patch.productLine !== undefined ? { productLine: blank(patch.productLine) } : {}),
    ...(patch.unit !== undefined ? { unit: blank(patch.unit) } : {}),
    ...(patch.active !== undefined ? { active: patch.active } : {}),
  });
  return { before, after: getProduct(ws, id) };
}

export function setProductPrice(ws: Workspace, input: ProductPriceInput): { before: Product; after: Product } {
  const before = getProduct(ws, input.productId);
  refusePricesFromHq(ws, { id: input.productId });
  productStore.upsertPrice(ws, {
    productId: input.productId,
    validFrom: input.validFrom,
    validTo: input.validTo ?? null,
    floorPriceMinor: input.floorPriceMinor ?? null,
    listPriceMinor: input.listPriceMinor ?? null,
    currency: input.currency ?? 'CNY',
  });
  return { before, after: getProduct(ws, input.productId) };
}
