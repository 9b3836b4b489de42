import type Database from 'better-sqlite3';
import { auditStore } from './store';

export interface AuditEntry {
  operation: string;
  entity?: string | null;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  outcome?: 'ok' | 'refused';
}

/**
 * Writes one audit record; call inside the transaction that makes the change. `at` is the operation's clock
 * (`ctx.clock.now()`), so a fixed clock stamps the same instant as the days the operation decided.
 */
export function writeAudit(sqlite: Database.Database, user: string, entry: AuditEntry, at: Date): void {
  auditStore.insert(sqlite, {
    at: at.toISOString(),
    user,
    operation: entry.operation,
    entity: entry.entity ?? null,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
    outcome: entry.outcome ?? 'ok',
  });
}
