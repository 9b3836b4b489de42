import { z } from 'zod';
import { query } from './operation';
import { AuditRecord, auditListInput, entity, entityId } from '../model/audit';

export * from '../model/audit';

export const auditContract = {
  'audit.list': query<{ rows: AuditRecord[]; total: number }>()(auditListInput),
  /** Every audit record of one record (e.g. entity 'partner', id 12), oldest first: its history. */
  'audit.history': query<AuditRecord[]>()(z.object({ entity, entityId }).strict()),
  /** Distinct entities, users and operations in the trail: the audit grid's filter choices. */
  'audit.facets': query<{ entities: string[]; users: string[]; operations: string[] }>()(z.object({}).strict()),
};
