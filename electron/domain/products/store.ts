import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Workspace } from '../../../db/database';
import { productPrices, products } from '../../../db/schema';

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
