import type { Workspace } from '../../../db/database';

/** How files name a product: its code (exactly, else upper-cased), else its exact Chinese or English name when only one product has it. */
export interface ProductLookup {
  resolve(text: string): { id: number } | { error: string };
}

export function productLookup(ws: Workspace): ProductLookup {
  const byCode = new Map<string, number>();
  const byName = new Map<string, number | 'ambiguous'>();
  const addName = (name: string | null, id: number) => {
    if (!name) return;
    const prev = byName.get(name);
    byName.set(name, prev === undefined || prev === id ? id : 'ambiguous');
  };
  for (const r of ws.sqlite.prepare('select id, code, name_zh, name_en from products').iterate() as Iterable<{ id: number; code: string; name_zh: string; name_en: string | null }>) {
    byCode.set(r.code, r.id);
    addName(r.name_zh, r.id);
    addName(r.name_en, r.id);
  }
  const cache = new Map<string, { id: number } | { error: string }>();
  return {
    resolve(text) {
      const hit = cache.get(text);
      if (hit) return hit;
      let out: { id: number } | { error: string };
      const id = byCode.get(text) ?? byCode.get(text.toUpperCase());
      if (id !== undefined) out = { id };
      else {
        const named = byName.get(text);
        if (named === 'ambiguous') out = { error: `product '${text}' names more than one product; use the product code` };
        else if (named !== undefined) out = { id: named };
        else out = { error: `unknown product '${text}' (import the products first)` };
      }
      if (cache.size < 100_000) cache.set(text, out);
      return out;
    },
  };
}
