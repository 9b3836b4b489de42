import { z } from 'zod';
import { zs } from '../../shared/fields';
import type { auditLog } from '../../db/schema';

/** One record of the audit trail, with before/after parsed back from JSON. */
/** An audit_log row (the drizzle schema's columns) with the record's name and what changed. */
export type AuditRecord = Pick<typeof auditLog.$inferSelect, 'id' | 'at' | 'user' | 'operation' | 'entity' | 'entityId' | 'before' | 'after' | 'outcome'> & {
  /** The record as a person names it (its code: P0301, R-0018; a payout run as program · period · version), else the stored id. */
  recordName: string | null;
  /** The fields that changed (the first eight, comma-separated): what the audit grid shows and exports. */
  changeSummary: string;
};

export const entity = z.string().trim().min(1).max(64);
export const entityId = z.union([z.string().trim().min(1).max(200), zs.id]);

export const auditListInput = z
  .object({
    entity: entity.optional(),
    entityId: entityId.optional(),
    user: z.string().trim().min(1).max(100).optional(),
    /** An operation name ('partners.update') or an area prefix ending in a dot ('partners.'). */
    operation: z.string().trim().min(1).max(100).optional(),
    outcome: z.enum(['ok', 'refused']).optional(),
    /** Local calendar days, inclusive. */
    from: zs.isoDate.optional(),
    to: zs.isoDate.optional(),
    limit: z.number().int().min(1).max(5000).optional(),
    offset: z.number().int().min(0).max(1_000_000_000).optional(),
  })
  .strict();

/** One changed field between an audit record's before and after values. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Field-by-field differences between two audited values (plain objects: top-level keys; a created or deleted record is
 * diffed against an empty one, so its history lists its fields rather than one blob; anything else: one pseudo-field
 * '(value)'). Pure and dependency-free: lives with the contract so the audit page can use it in the renderer.
 */
export function recordDiff(before: unknown, after: unknown): FieldChange[] {
  if (before == null && isPlainObject(after)) before = {};
  if (after == null && isPlainObject(before)) after = {};
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
