import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import type { Workspace } from '../../../db/database';
import { productPrices, products } from '../../../db/schema';
import type { StoredImage } from '../../../db/schema/common';

/** The products area's store: the product list and its price periods, typed from the drizzle schema. */
export type ProductRow = typeof products.$inferSelect;
export type ProductPriceRow = typeof productPrices.$inferSelect;
export type NewProductRow = Omit<typeof products.$inferInsert, 'id'>;
export type NewProductPriceRow = Omit<typeof productPrices.$inferInsert, 'id'>;

export const productStore = {
  all(ws: Workspace): ProductRow[] {
    return ws.db.select().from(products).orderBy(asc(products.code)).all();
  },
  byId(ws: Workspace, id: number): ProductRow | undefined {
    return ws.db.select().from(products).where(eq(products.id, id)).get();
  },
  /** By code, ignoring case (as imports and HQ pulls match codes). */
  byCode(ws: Workspace, code: string): ProductRow | undefined {
    return ws.db.select().from(products).where(sql`${products.code} = ${code} collate nocase`).get();
  },
  /** Every price period, newest first per product. */
  prices(ws: Workspace): ProductPriceRow[] {
    return ws.db.select().from(productPrices).orderBy(asc(productPrices.productId), desc(productPrices.validFrom)).all();
  },
  pricesOf(ws: Workspace, productId: number): ProductPriceRow[] {
    return ws.db.select().from(productPrices).where(eq(productPrices.productId, productId)).orderBy(desc(productPrices.validFrom)).all();
  },
  insert(ws: Workspace, row: NewProductRow): number {
    return ws.db.insert(products).values(row).returning({ id: products.id }).get().id;
  },
  update(ws: Workspace, id: number, patch: Partial<NewProductRow>): void {
    ws.db.update(products).set(patch).where(eq(products.id, id)).run();
  },
  /** A price period from `validFrom`, replacing the one that starts that day. */
  upsertPrice(ws: Workspace, row: NewProductPriceRow): void {
    ws.db
      .insert(productPrices)
      .values(row)
      .onConflictDoUpdate({
        target: [productPrices.productId, productPrices.validFrom],
        set: { validTo: row.validTo ?? null, floorPriceMinor: row.floorPriceMinor ?? null, listPriceMinor: row.listPriceMinor ?? null, currency: row.currency ?? 'CNY', importId: null },
      })
      .run();
  },
};

/** A product and a price period as `select *` returns them (the images an import records and undo writes back). */
export type ProductImage = StoredImage<typeof products>;
export type ProductPriceImage = StoredImage<typeof productPrices>;
/** The product columns an import may change (an empty cell never blanks one). */
export type ProductImportColumn = 'name_zh' | 'name_en' | 'product_line' | 'unit';
type ProductInsert = [code: string, nameZh: string | null, nameEn: string | null, productLine: string | null, unit: string | null, importId: number | null, createdAt: string, updatedAt: string];
type PriceInsert = [productId: number, validFrom: string, validTo: string | null, floorPriceMinor: number | null, listPriceMinor: number | null, currency: string, importId: number | null, createdAt: string];
type PriceUpdate = [validTo: string | null, floorPriceMinor: number | null, listPriceMinor: number | null, currency: string, importId: number | null, id: number];
const PRODUCT_IMPORT_COLUMNS: readonly ProductImportColumn[] = ['name_zh', 'name_en', 'product_line', 'unit'];

/** The product-list import's statements (a hot path: lookups and writes per row), prepared once per import. */
export function productImportStatements(ws: Workspace) {
  const { sqlite } = ws;
  const updates = new Map<string, Statement<unknown[]>>();
  return {
    findProduct: sqlite.prepare<[code: string], ProductImage>('select * from products where code = ?'),
    productById: sqlite.prepare<[number | bigint], ProductImage>('select * from products where id = ?'),
    insertProduct: sqlite.prepare<ProductInsert>('insert into products (code, name_zh, name_en, product_line, unit, import_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)'),
    /** Sets the given columns (and the import and time); one statement per column set, prepared on its first use. */
    updateProduct(id: number, set: Partial<Record<ProductImportColumn, string>>, importId: number | null, now: string): void {
      const cols = PRODUCT_IMPORT_COLUMNS.filter((c) => set[c] !== undefined);
      const key = cols.join(',');
      let stmt = updates.get(key);
      if (!stmt) {
        stmt = sqlite.prepare<unknown[]>(`update products set ${cols.map((c) => `${c} = ?`).join(', ')}${cols.length ? ', ' : ''}import_id = ?, updated_at = ? where id = ?`);
        updates.set(key, stmt);
      }
      stmt.run(...cols.map((c) => set[c]), importId, now, id);
    },
    findPrice: sqlite.prepare<[productId: number, validFrom: string], ProductPriceImage>('select * from product_prices where product_id = ? and valid_from = ?'),
    priceById: sqlite.prepare<[number | bigint], ProductPriceImage>('select * from product_prices where id = ?'),
    insertPrice: sqlite.prepare<PriceInsert>('insert into product_prices (product_id, valid_from, valid_to, floor_price_minor, list_price_minor, currency, import_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)'),
    updatePrice: sqlite.prepare<PriceUpdate>('update product_prices set valid_to = ?, floor_price_minor = ?, list_price_minor = ?, currency = ?, import_id = ? where id = ?'),
  };
}
