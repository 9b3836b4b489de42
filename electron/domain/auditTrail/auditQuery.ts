import type Database from 'better-sqlite3';
import { recordDiff, type AuditRecord } from '../../model/audit';

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

interface Row {
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

const parse = (v: string | null): unknown => {
  if (v === null) return null;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
};

const toRecord = (r: Row): AuditRecord => {
  const before = parse(r.before);
  const after = parse(r.after);
  return {
    id: r.id,
    at: r.at,
    user: r.user,
    operation: r.operation,
    entity: r.entity,
    entityId: r.entity_id,
    before,
    after,
    outcome: r.outcome,
    changeSummary: recordDiff(before, after)
      .map((c) => c.field)
      .slice(0, 8)
      .join(', '),
  };
};

/** Start of a local calendar day as the ISO instant stored in audit_log.at. */
function dayStart(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/** The audit grid: newest first, filtered by entity/record, user, operation (exact or area prefix 'x.'), outcome, days. */
export function listAudit(sqlite: Database.Database, f: AuditFilter): { rows: AuditRecord[]; total: number } {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    args.push(...values);
  };
  if (f.entity) add('entity = ?', f.entity);
  if (f.entityId !== undefined) add('entity_id = ?', String(f.entityId));
  if (f.user) add('user = ?', f.user);
  if (f.operation) {
    if (f.operation.endsWith('.')) add('substr(operation, 1, ?) = ?', f.operation.length, f.operation);
    else add('operation = ?', f.operation);
  }
  if (f.outcome) add('outcome = ?', f.outcome);
  if (f.from) add('at >= ?', dayStart(f.from));
  if (f.to) add('at < ?', dayStart(f.to, 1));
  const w = where.length ? `where ${where.join(' and ')}` : '';
  const total = (sqlite.prepare(`select count(*) as n from audit_log ${w}`).get(...args) as { n: number }).n;
  const rows = sqlite
    .prepare(`select * from audit_log ${w} order by at desc, id desc limit ? offset ?`)
    .all(...args, f.limit ?? 500, f.offset ?? 0) as Row[];
  return { rows: rows.map(toRecord), total };
}

/** Everything that happened to one record, oldest first. */
export function recordHistory(sqlite: Database.Database, entity: string, entityId: string | number): AuditRecord[] {
  const rows = sqlite.prepare('select * from audit_log where entity = ? and entity_id = ? order by at, id').all(entity, String(entityId)) as Row[];
  return rows.map(toRecord);
}

export function auditFacets(sqlite: Database.Database): { entities: string[]; users: string[]; operations: string[] } {
  const col = (c: string) =>
    (sqlite.prepare(`select distinct ${c} as v from audit_log where ${c} is not null order by ${c} limit 1000`).all() as Array<{ v: string }>).map((r) => r.v);
  return { entities: col('entity'), users: col('user'), operations: col('operation') };
}
