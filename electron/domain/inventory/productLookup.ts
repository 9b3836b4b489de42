import type { Workspace } from '../../../db/database';
import { DroppedZeros } from '../imports/droppedZeros';
import { lookupStore } from './store';

/** How files name a product: its code (exactly, else upper-cased), else its exact Chinese or English name when only one product has it. */
export interface ProductLookup {
  resolve(text: string): { id: number } | { error: 'ambiguousProduct' | 'unknownProduct' };
  /** The product codes `text` equals with leading zeros put back (a spreadsheet made 00123 the number 123): an unknown product's hint. */
  droppedZeros(text: string): string[];
  /** A product's code by its id (the import preview shows the code where a row stores the id). */
  codeOf(id: number): string | null;
  /** Whether the products would still resolve the same (an import that checked its rows earlier asks under the write lock). */
  unchanged(): boolean;
}

const fingerprint = (rows: ReturnType<typeof lookupStore.products>) => rows.map((r) => `${r.id}\u001f${r.code}\u001f${r.nameZh}\u001f${r.nameEn ?? ''}`).join('\u001e');

export function productLookup(ws: Workspace): ProductLookup {
  const byCode = new Map<string, number>();
  const byName = new Map<string, number | 'ambiguous'>();
  const addName = (name: string | null, id: number) => {
    if (!name) return;
    const prev = byName.get(name);
    byName.set(name, prev === undefined || prev === id ? id : 'ambiguous');
  };
  const rows = lookupStore.products(ws);
  const codeById = new Map<number, string>();
  for (const r of rows) {
    byCode.set(r.code, r.id);
    codeById.set(r.id, r.code);
    addName(r.nameZh, r.id);
    addName(r.nameEn, r.id);
  }
  const seen = fingerprint(rows);
  let zeros: DroppedZeros | null = null;
  const cache = new Map<string, { id: number } | { error: 'ambiguousProduct' | 'unknownProduct' }>();
  return {
    resolve(text) {
      const hit = cache.get(text);
      if (hit) return hit;
      let out: { id: number } | { error: 'ambiguousProduct' | 'unknownProduct' };
      const id = byCode.get(text) ?? byCode.get(text.toUpperCase());
      if (id !== undefined) out = { id };
      else {
        const named = byName.get(text);
        if (named === 'ambiguous') out = { error: 'ambiguousProduct' };
        else if (named !== undefined) out = { id: named };
        else out = { error: 'unknownProduct' };
      }
      if (cache.size < 100_000) cache.set(text, out);
      return out;
    },
    droppedZeros: (text) => (zeros ??= new DroppedZeros(codeById.values())).of(text),
    codeOf: (id) => codeById.get(id) ?? null,
    unchanged: () => fingerprint(lookupStore.products(ws)) === seen,
  };
}
