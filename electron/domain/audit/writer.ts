import type Database from 'better-sqlite3';
import { auditStore } from './store';
import type { auditLog } from '../../../db/schema';

type AuditRow = typeof auditLog.$inferSelect;

/** What an operation records: audit_log's columns (the drizzle schema's; the writer adds the time and user), the entity's id as given. */
export type AuditEntry = Pick<AuditRow, 'operation'> &
  Partial<Pick<AuditRow, 'entity' | 'before' | 'after' | 'outcome'>> & {
    entityId?: string | number | null;
  };

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
