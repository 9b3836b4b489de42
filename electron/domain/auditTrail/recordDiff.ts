/** One changed field between an audit record's before and after values. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Field-by-field differences between two audited values (plain objects: top-level keys; anything else: one
 * pseudo-field '(value)'). Pure and dependency-free: the audit page uses it in the renderer.
 */
export function recordDiff(before: unknown, after: unknown): FieldChange[] {
  if (!isPlainObject(before) || !isPlainObject(after)) {
    return JSON.stringify(before ?? null) === JSON.stringify(after ?? null) ? [] : [{ field: '(value)', before: before ?? null, after: after ?? null }];
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const out: FieldChange[] = [];
  for (const k of keys) {
    const b = before[k] === undefined ? null : before[k];
    const a = after[k] === undefined ? null : after[k];
    if (JSON.stringify(b) !== JSON.stringify(a)) out.push({ field: k, before: b, after: a });
  }
  return out;
}
