import type { FieldSpec } from './kinds/kind';

/** Full-width to half-width (NFKC), lower case, without spaces, underscores, dashes, dots, brackets, slashes and colons. */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.()（）[\]【】/:：*#]/g, '');
}

/**
 * Suggests target field → header: a header matches a field when, normalised, it equals the field name or one of its
 * synonyms (Chinese and English). Each header is used once; fields are tried in their declared order.
 */
export function suggestColumns(fields: readonly FieldSpec[], header: readonly string[]): Record<string, string> {
  const byNorm = new Map<string, string>();
  for (const h of header) {
    const n = normalizeHeader(h);
    if (n && !byNorm.has(n)) byNorm.set(n, h);
  }
  const used = new Set<string>();
  const out: Record<string, string> = {};
  for (const f of fields) {
    for (const s of [f.name, ...f.synonyms]) {
      const h = byNorm.get(normalizeHeader(s));
      if (h !== undefined && !used.has(h)) {
        out[f.name] = h;
        used.add(h);
        break;
      }
    }
  }
  return out;
}
