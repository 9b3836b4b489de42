import { z } from 'zod';
import { query, zs } from './operation';

/** One record of the audit trail, with before/after parsed back from JSON. */
export interface AuditRecord {
  id: number;
  at: string;
  user: string;
  operation: string;
  entity: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  outcome: 'ok' | 'refused';
}

const entity = z.string().trim().min(1).max(64);
const entityId = z.union([z.string().trim().min(1).max(200), zs.id]);

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

export const auditContract = {
  'audit.list': query<{ rows: AuditRecord[]; total: number }>()(auditListInput),
  /** Every audit record of one record (e.g. entity 'partner', id 12), oldest first: its history. */
  'audit.history': query<AuditRecord[]>()(z.object({ entity, entityId }).strict()),
  /** Distinct entities, users and operations in the trail: the audit grid's filter choices. */
  'audit.facets': query<{ entities: string[]; users: string[]; operations: string[] }>()(z.object({}).strict()),
};
