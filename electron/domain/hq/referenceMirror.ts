import type { Workspace } from '../../../db/database';
import { COURSE_CATEGORIES, TERRITORY_KINDS } from '../../../shared/enums';
import { DomainError } from '../../../shared/errors';
import { hqProductPrice, type ProductPrice } from '../../model/products';
import type { HqReferenceItem } from '../../model/hq';
import { MIRROR_TABLES, referenceStore, type MirrorKind } from './store';

/** One pulled item as the mirror applies it: an hq_reference row before it is stamped with the pull's time. */
export type MirrorItem = Omit<HqReferenceItem, 'pulledAt'>;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const list = (v: unknown): string => JSON.stringify(Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);

/**
 * Makes pulled territories, products and courses the rows the pages and the domain use: upserted by code with
 * `hq_version` set (read-only here from then on: the domain refuses in words, triggers refuse any other path). A row
 * of the office with the same code is taken over by HQ's. Program templates stay in hq_reference (listReference).
 * Runs inside the pull's transaction, with reference writes allowed.
 */
export function mirrorReference(ws: Workspace, item: MirrorItem, at: string): void {
  const active = item.data.active === false ? 0 : 1;
  if (item.kind === 'territory') {
    const parentCode = str(item.data.parent);
    const parentId = parentCode ? referenceStore.territoryIdByCode(ws, parentCode) : null;
    const kind = (TERRITORY_KINDS as readonly string[]).includes(String(item.data.kind)) ? String(item.data.kind) : parentId ? 'subTerritory' : 'territory';
    const had = referenceStore.territoryIdByCode(ws, item.code);
    const row = { name: item.name, nameEn: str(item.data.nameEn), parentId, kind, active, version: item.version };
    if (had !== null) referenceStore.updateTerritory(ws, had, row, at);
    else referenceStore.insertTerritory(ws, { code: item.code, ...row }, at);
  } else if (item.kind === 'product') {
    // HQ's item lists prices: they replace the product's periods and are read-only here; without, the office prices it.
    const prices = item.data.prices === undefined ? null : hqProductPrices(item.code, item.data.prices);
    const id = referenceStore.upsertProduct(ws, {
      code: item.code,
      name: item.name,
      nameEn: str(item.data.nameEn),
      productLine: str(item.data.productLine),
      unit: str(item.data.unit),
      active,
      version: item.version,
      hqPrices: prices ? 1 : 0,
    }, at);
    if (prices) referenceStore.replaceProductPrices(ws, id, prices);
  } else if (item.kind === 'course') {
    const category = (COURSE_CATEGORIES as readonly string[]).includes(String(item.data.category)) ? String(item.data.category) : 'product';
    const validityMonths = Number.isInteger(item.data.validityMonths) ? (item.data.validityMonths as number) : null;
    const passingScore = typeof item.data.passingScore === 'number' ? item.data.passingScore : null;
    referenceStore.upsertCourse(ws, {
      code: item.code,
      title: item.name,
      titleEn: str(item.data.titleEn) ?? item.name,
      category,
      validityMonths,
      requiredTiers: list(item.data.requiredTiers),
      requiredChannelTypes: list(item.data.requiredChannelTypes),
      passingScore,
      active,
      version: item.version,
    }, at);
  }
}

/**
 * The price periods of HQ's product item (`data.prices`), checked: each a valid period (hqProductPrice), no two
 * starting the same day. Refused in words naming the product, the period (1-based) and the field, when HQ publishes
 * them and again when a region pulls them (all or nothing).
 */
export function hqProductPrices(code: string, value: unknown): Array<Omit<ProductPrice, 'id'>> {
  if (!Array.isArray(value)) {
    throw new DomainError(`Product ${code}: prices must be a list of price periods`, 'DOMAIN', { reason: 'hq.referencePriceInvalid', params: { code, period: 0, field: 'prices' } });
  }
  const seen = new Set<string>();
  return value.map((raw, i) => {
    const r = hqProductPrice.safeParse(raw);
    if (!r.success) {
      const field = String(r.error.issues[0]?.path[0] ?? (r.error.issues[0]?.code === 'unrecognized_keys' ? r.error.issues[0].keys.join(', ') : ''));
      throw new DomainError(`Product ${code}: price period ${i + 1} is not valid (${field}: ${r.error.issues[0]?.message})`, 'DOMAIN', {
        reason: 'hq.referencePriceInvalid',
        params: { code, period: i + 1, field },
      });
    }
    if (seen.has(r.data.validFrom)) {
      throw new DomainError(`Product ${code}: two price periods start on ${r.data.validFrom}`, 'DOMAIN', { reason: 'hq.referencePriceDuplicate', params: { code, validFrom: r.data.validFrom } });
    }
    seen.add(r.data.validFrom);
    return { validFrom: r.data.validFrom, validTo: r.data.validTo ?? null, floorPriceMinor: r.data.floorPriceMinor ?? null, listPriceMinor: r.data.listPriceMinor ?? null, currency: r.data.currency ?? 'CNY' };
  });
}

const isMirrorKind = (kind: string): kind is MirrorKind => Object.prototype.hasOwnProperty.call(MIRROR_TABLES, kind);

/** HQ withdrew the item: the row stays (partners and records point at it), inactive and back in the office's hands. */
export function releaseReference(ws: Workspace, kind: string, code: string, at: string): void {
  if (isMirrorKind(kind)) referenceStore.release(ws, kind, code, at);
}

/** Refuses changing a row that mirrors HQ reference data, in the user's words (kind, code, version). */
export function refuseIfFromHq(ws: Workspace, kind: MirrorKind, where: { id: number } | { code: string }): void {
  const row = referenceStore.mirrored(ws, kind, where);
  if (row?.v != null) {
    throw new DomainError(`${kind} ${row.code} comes from HQ (version ${row.v}) and cannot be changed here`, 'FORBIDDEN', {
      reason: 'hq.referenceReadOnly',
      params: { kind, code: row.code, version: row.v },
    });
  }
}

/** Refuses setting or changing the prices of a product whose prices come from HQ, in the user's words. */
export function refusePricesFromHq(ws: Workspace, where: { id: number }): void {
  const row = referenceStore.mirrored(ws, 'product', where);
  if (row?.v != null && referenceStore.hqPrices(ws, where.id)) {
    throw new DomainError(`The prices of product ${row.code} come from HQ (version ${row.v}) and cannot be changed here`, 'FORBIDDEN', {
      reason: 'hq.referencePricesReadOnly',
      params: { code: row.code, version: row.v },
    });
  }
}
