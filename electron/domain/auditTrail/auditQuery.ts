import type Database from 'better-sqlite3';
import { recordDiff, type AuditRecord } from '../../model/audit';
import { currentOperationName, FORMER_OPERATION_NAMES } from '../../../shared/operationNames';

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

/**
 * How a person names a record of each type (issue 11: "R-0018", "P0301", not an internal id): one SQL expression per
 * audited entity whose id is a row id. A record deleted since, or an entity not listed, keeps its stored id.
 */
const RECORD_NAME: Record<string, string> = {
  partner: 'select code from partners where id = ?',
  risk: 'select code from risks where id = ?',
  training_course: 'select code from training_courses where id = ?',
  training_record: "select p.code || ' · ' || c.code from training_records r join partners p on p.id = r.partner_id join training_courses c on c.id = r.course_id where r.id = ?",
  incentive_program: 'select code from incentive_programs where id = ?',
  target_plan: 'select code from target_plans where id = ?',
  territory: 'select code from territories where id = ?',
  mdf_fund: 'select code from mdf_funds where id = ?',
  channelManager: 'select name from channel_managers where id = ?',
  payout_run: "select coalesce(p.code, '#' || r.id) || ' · ' || r.period || ' v' || r.version from payout_runs r left join incentive_programs p on p.id = r.program_id where r.id = ?",
  evaluation_run: "select period || ' v' || version from evaluation_runs where id = ?",
  evaluation_schedule: 'select name from evaluation_schedules where id = ?',
  deal_registration: "select '#' || d.id || ' ' || d.customer_name from deal_registrations d where d.id = ?",
  review_meeting: "select p.code || ' · ' || m.period from review_meetings m join partners p on p.id = m.partner_id where m.id = ?",
};

/** Names the records of a page of audit rows, one prepared statement per entity type. */
function recordNamer(sqlite: Database.Database): (entity: string | null, id: string | null) => string | null {
  const statements = new Map<string, Database.Statement | null>();
  return (entity, id) => {
    if (!entity || !id || !/^\d+$/.test(id)) return null;
    if (!statements.has(entity)) {
      const sql = RECORD_NAME[entity];
      let st: Database.Statement | null = null;
      try {
        st = sql ? sqlite.prepare(sql).pluck() : null;
      } catch {
        st = null; // a workspace without that table (older schema mid-migration): keep the id
      }
      statements.set(entity, st);
    }
    const st = statements.get(entity);
    const v = st ? (st.get(Number(id)) as string | undefined) : undefined;
    return v ?? null;
  };
}

const toRecord = (r: Row, name: string | null = null): AuditRecord => {
  const before = parse(r.before);
  const after = parse(r.after);
  return {
    id: r.id,
    at: r.at,
    user: r.user,
    operation: r.operation,
    entity: r.entity,
    entityId: r.entity_id,
    recordName: name ?? r.entity_id,
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
    // Rows recorded under an operation's former name (shared/operationNames.ts) are found under its current name and area.
    const prefix = f.operation.endsWith('.') ? f.operation : null;
    const formers = Object.keys(FORMER_OPERATION_NAMES).filter((former) =>
      prefix ? FORMER_OPERATION_NAMES[former].startsWith(prefix) : FORMER_OPERATION_NAMES[former] === f.operation,
    );
    const formerClause = formers.length ? ` or operation in (${formers.map(() => '?').join(', ')})` : '';
    if (prefix) {
      const movedAway = Object.keys(FORMER_OPERATION_NAMES).filter((former) => former.startsWith(prefix) && !FORMER_OPERATION_NAMES[former].startsWith(prefix));
      const movedClause = movedAway.length ? ` and operation not in (${movedAway.map(() => '?').join(', ')})` : '';
      add(`((substr(operation, 1, ?) = ?${movedClause})${formerClause})`, prefix.length, prefix, ...movedAway, ...formers);
    } else add(`(operation = ?${formerClause})`, f.operation, ...formers);
  }
  if (f.outcome) add('outcome = ?', f.outcome);
  if (f.from) add('at >= ?', dayStart(f.from));
  if (f.to) add('at < ?', dayStart(f.to, 1));
  const w = where.length ? `where ${where.join(' and ')}` : '';
  const total = (sqlite.prepare(`select count(*) as n from audit_log ${w}`).get(...args) as { n: number }).n;
  const rows = sqlite
    .prepare(`select * from audit_log ${w} order by at desc, id desc limit ? offset ?`)
    .all(...args, f.limit ?? 500, f.offset ?? 0) as Row[];
  const named = recordNamer(sqlite);
  return { rows: rows.map((r) => toRecord(r, named(r.entity, r.entity_id))), total };
}

/** Everything that happened to one record, oldest first. */
export function recordHistory(sqlite: Database.Database, entity: string, entityId: string | number): AuditRecord[] {
  const rows = sqlite.prepare('select * from audit_log where entity = ? and entity_id = ? order by at, id').all(entity, String(entityId)) as Row[];
  const named = recordNamer(sqlite);
  return rows.map((r) => toRecord(r, named(r.entity, r.entity_id)));
}

export function auditFacets(sqlite: Database.Database): { entities: string[]; users: string[]; operations: string[] } {
  const col = (c: string) =>
    (sqlite.prepare(`select distinct ${c} as v from audit_log where ${c} is not null order by ${c} limit 1000`).all() as Array<{ v: string }>).map((r) => r.v);
  const operations = [...new Set(col('operation').map(currentOperationName))].sort();
  return { entities: col('entity'), users: col('user'), operations };
}
