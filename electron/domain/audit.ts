import type Database from 'better-sqlite3';

export interface AuditEntry {
  operation: string;
  entity?: string | null;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  outcome?: 'ok' | 'refused';
}

const statements = new WeakMap<Database.Database, Database.Statement>();

/** Writes one audit record; call inside the transaction that makes the change. */
export function writeAudit(sqlite: Database.Database, user: string, entry: AuditEntry, at = new Date()): void {
  let stmt = statements.get(sqlite);
  if (!stmt) {
    stmt = sqlite.prepare(
      'insert into audit_log (at, user, operation, entity, entity_id, before, after, outcome) values (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    statements.set(sqlite, stmt);
  }
  stmt.run(
    at.toISOString(),
    user,
    entry.operation,
    entry.entity ?? null,
    entry.entityId == null ? null : String(entry.entityId),
    entry.before === undefined ? null : JSON.stringify(entry.before),
    entry.after === undefined ? null : JSON.stringify(entry.after),
    entry.outcome ?? 'ok',
  );
}
