import type { Workspace } from '../../../db/database';
import { recordDiff, type AuditRecord } from '../../model/audit';
import { currentOperationName, FORMER_OPERATION_NAMES } from '../../../shared/operationNames';
import { startOfDayIso } from '../../../shared/clock';
import { auditStore, type AuditRowFilter, type StoredAuditRow } from './store';

export interface AuditFilter {
  entity?: string;
  entityId?: string | number;
  user?: string;
  operation?: string;
  outcome?: 'ok' | 'refused';
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

const parse = (v: string | null): unknown => {
  if (v === null) return null;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
};

/** Names the records of a page of audit rows (entity ids that are row ids only). */
function recordNamer(ws: Workspace): (entity: string | null, id: string | null) => string | null {
  const name = auditStore.recordNamer(ws);
  return (entity, id) => (entity && id && /^\d+$/.test(id) ? name(entity, Number(id)) : null);
}

const toRecord = (r: StoredAuditRow, name: string | null = null): AuditRecord => {
  const before = parse(r.before);
  const after = parse(r.after);
  return {
    id: r.id,
    at: r.at,
    user: r.user,
    operation: r.operation,
    entity: r.entity,
    entityId: r.entityId,
    recordName: name ?? r.entityId,
    before,
    after,
    outcome: r.outcome,
    changeSummary: recordDiff(before, after)
      .map((c) => c.field)
      .slice(0, 8)
      .join(', '),
  };
};

/** The audit grid: newest first, filtered by entity/record, user, operation (exact or area prefix 'x.'), outcome, days. */
export function listAudit(ws: Workspace, f: AuditFilter, zone: string): { rows: AuditRecord[]; total: number } {
  // Days are the operation clock's calendar days (`zone`: company.timeZone), not the laptop's: `at` is stored in UTC.
  const filter: AuditRowFilter = {
    entity: f.entity || undefined,
    entityId: f.entityId === undefined ? undefined : String(f.entityId),
    user: f.user || undefined,
    outcome: f.outcome,
    from: f.from ? startOfDayIso(f.from, zone) : undefined,
    before: f.to ? startOfDayIso(f.to, zone, 1) : undefined,
  };
  if (f.operation) {
    // Rows recorded under an operation's former name (shared/operationNames.ts) are found under its current name and area.
    const prefix = f.operation.endsWith('.') ? f.operation : null;
    const formers = Object.keys(FORMER_OPERATION_NAMES).filter((former) =>
      prefix ? FORMER_OPERATION_NAMES[former].startsWith(prefix) : FORMER_OPERATION_NAMES[former] === f.operation,
    );
    filter.operations = prefix
      ? { prefix, names: formers, notNames: Object.keys(FORMER_OPERATION_NAMES).filter((former) => former.startsWith(prefix) && !FORMER_OPERATION_NAMES[former].startsWith(prefix)) }
      : { names: [f.operation, ...formers], notNames: [] };
  }
  const total = auditStore.count(ws, filter);
  const rows = auditStore.page(ws, filter, f.limit ?? 500, f.offset ?? 0);
  const named = recordNamer(ws);
  return { rows: rows.map((r) => toRecord(r, named(r.entity, r.entityId))), total };
}

/** Everything that happened to one record, oldest first. */
export function recordHistory(ws: Workspace, entity: string, entityId: string | number): AuditRecord[] {
  const named = recordNamer(ws);
  return auditStore.recordRows(ws, entity, String(entityId)).map((r) => toRecord(r, named(r.entity, r.entityId)));
}

export function auditFacets(ws: Workspace): { entities: string[]; users: string[]; operations: string[] } {
  const operations = [...new Set(auditStore.distinct(ws, 'operation').map(currentOperationName))].sort();
  return { entities: auditStore.distinct(ws, 'entity'), users: auditStore.distinct(ws, 'user'), operations };
}
