import { expect } from 'vitest';
import type { Workspace } from '../../db/database';

export interface AuditRow {
  id: number;
  at: string;
  user: string;
  operation: string;
  entity: string | null;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  outcome: 'ok' | 'refused';
}

/** The id of the newest audit record (0 when none). */
export function lastAuditId(ws: Workspace): number {
  return (ws.sqlite.prepare('select coalesce(max(id), 0) as id from audit_log').get() as { id: number }).id;
}

export function auditRowsSince(ws: Workspace, afterId: number): AuditRow[] {
  return ws.sqlite.prepare('select * from audit_log where id > ? order by id').all(afterId) as AuditRow[];
}

/**
 * Runs `fn` (a contract call, a job, a domain function) and asserts it left at least one audit record matching `match`
 * (e.g. { operation: 'imports.run', outcome: 'ok' }); returns the new records. For areas whose jobs write their own
 * audit via writeAudit:  `await expectAudited(ws, () => api.send('imports.run', input), { operation: 'imports.run' })`.
 */
export async function expectAudited<T>(
  ws: Workspace,
  fn: () => Promise<T> | T,
  match: Partial<Pick<AuditRow, 'operation' | 'entity' | 'entity_id' | 'outcome' | 'user'>> = {},
): Promise<{ result: T; rows: AuditRow[] }> {
  const before = lastAuditId(ws);
  const result = await fn();
  const rows = auditRowsSince(ws, before).filter((r) => Object.entries(match).every(([k, v]) => r[k as keyof AuditRow] === v));
  expect(rows.length, `expected an audit record matching ${JSON.stringify(match)}`).toBeGreaterThanOrEqual(1);
  return { result, rows };
}

/** Asserts that a failing call wrote nothing but (at most) a 'refused' audit record: the same transaction was rolled back. */
export async function expectRolledBack(ws: Workspace, fn: () => Promise<unknown>, tables: string[]): Promise<unknown> {
  const counts = () => tables.map((t) => (ws.sqlite.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n);
  const beforeCounts = counts();
  const beforeAudit = lastAuditId(ws);
  let error: unknown = null;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  expect(error, 'expected the call to fail').not.toBeNull();
  expect(counts()).toEqual(beforeCounts);
  expect(auditRowsSince(ws, beforeAudit).every((r) => r.outcome === 'refused')).toBe(true);
  return error;
}
