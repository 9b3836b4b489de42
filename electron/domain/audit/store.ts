import type Database from 'better-sqlite3';
import { and, asc, desc, eq, gte, inArray, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Workspace } from '../../../db/database';
import { auditLog } from '../../../db/schema';

/**
 * The audit trail's store: the one insert every audited operation runs (a declared hot path: prepared once per
 * connection) and the trail's queries, typed from the drizzle schema. Only `domain/audit/writer.ts` (which the operation context
 * and the restore call) may import it to write: lint refuses it elsewhere in the domain, like the writer itself.
 */

/** An audit row as stored: before and after as their JSON text (the trail parses them leniently, see auditQuery.ts). */
export type StoredAuditRow = Omit<typeof auditLog.$inferSelect, 'before' | 'after'> & { before: string | null; after: string | null };
export type NewAuditRow = Omit<StoredAuditRow, 'id'>;

const STORED_COLUMNS = {
  id: auditLog.id,
  at: auditLog.at,
  user: auditLog.user,
  operation: auditLog.operation,
  entity: auditLog.entity,
  entityId: auditLog.entityId,
  before: sql<string | null>`${auditLog.before}`,
  after: sql<string | null>`${auditLog.after}`,
  outcome: auditLog.outcome,
};

const inserts = new WeakMap<Database.Database, Database.Statement<[NewAuditRow]>>();

/** What the grid filters on; `operations` as built by the trail (exact names, an area prefix, former names). */
export interface AuditRowFilter {
  entity?: string;
  entityId?: string;
  user?: string;
  /** Rows whose operation is one of `names`, or starts with `prefix` and is not one of `notNames`. */
  operations?: { names: string[]; prefix?: string; notNames: string[] };
  outcome?: 'ok' | 'refused';
  /** ISO instants: at ≥ from, at < before. */
  from?: string;
  before?: string;
}

function conditions(f: AuditRowFilter): SQL | undefined {
  const conds: Array<SQL | undefined> = [];
  if (f.entity) conds.push(eq(auditLog.entity, f.entity));
  if (f.entityId !== undefined) conds.push(eq(auditLog.entityId, f.entityId));
  if (f.user) conds.push(eq(auditLog.user, f.user));
  if (f.operations) {
    const { names, prefix, notNames } = f.operations;
    const byPrefix = prefix != null ? and(sql`substr(${auditLog.operation}, 1, ${prefix.length}) = ${prefix}`, notNames.length ? notInArray(auditLog.operation, notNames) : undefined) : undefined;
    conds.push(or(byPrefix, names.length ? inArray(auditLog.operation, names) : undefined) ?? sql`0`);
  }
  if (f.outcome) conds.push(eq(auditLog.outcome, f.outcome));
  if (f.from) conds.push(gte(auditLog.at, f.from));
  if (f.before) conds.push(lt(auditLog.at, f.before));
  return and(...conds);
}

export const auditStore = {
  /** Writes one audit row on this connection (inside the caller's transaction). */
  insert(sqlite: Database.Database, row: NewAuditRow): void {
    let stmt = inserts.get(sqlite);
    if (!stmt) {
      stmt = sqlite.prepare<[NewAuditRow]>(
        'insert into audit_log (at, user, operation, entity, entity_id, before, after, outcome) values (@at, @user, @operation, @entity, @entityId, @before, @after, @outcome)',
      );
      inserts.set(sqlite, stmt);
    }
    stmt.run(row);
  },
  count(ws: Workspace, f: AuditRowFilter): number {
    return ws.db.select({ n: sql<number>`count(*)` }).from(auditLog).where(conditions(f)).get()?.n ?? 0;
  },
  /** A page of the trail, newest first. */
  page(ws: Workspace, f: AuditRowFilter, limit: number, offset: number): StoredAuditRow[] {
    return ws.db.select(STORED_COLUMNS).from(auditLog).where(conditions(f)).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit).offset(offset).all();
  },
  /** Every row about one record, oldest first. */
  recordRows(ws: Workspace, entity: string, entityId: string): StoredAuditRow[] {
    return ws.db
      .select(STORED_COLUMNS)
      .from(auditLog)
      .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
      .orderBy(asc(auditLog.at), asc(auditLog.id))
      .all();
  },
  /** The distinct values of a column (up to 1000), sorted. */
  distinct(ws: Workspace, column: 'entity' | 'user' | 'operation'): string[] {
    const c = auditLog[column];
    return ws.db
      .selectDistinct({ v: c })
      .from(auditLog)
      .where(sql`${c} is not null`)
      .orderBy(asc(c))
      .limit(1000)
      .all()
      .flatMap((r) => (r.v == null ? [] : [r.v]));
  },
  /**
   * How people name a record (issue 11: "R-0018", "P0301", not an internal id), one statement per audited entity whose
   * id is a row id, prepared on first use. Null for an entity not listed, a record deleted since, or a workspace without
   * that table (an older schema mid-migration).
   */
  recordNamer(ws: Workspace): (entity: string, id: number) => string | null {
    const statements = new Map<string, Database.Statement<[number], string> | null>();
    return (entity, id) => {
      if (!statements.has(entity)) {
        const query = Object.hasOwn(RECORD_NAME, entity) ? RECORD_NAME[entity] : undefined;
        let st: Database.Statement<[number], string> | null = null;
        try {
          st = query ? ws.sqlite.prepare<[number], string>(query).pluck() : null;
        } catch {
          st = null;
        }
        statements.set(entity, st);
      }
      return statements.get(entity)?.get(id) ?? null;
    };
  },
};

/** One SQL expression per audited entity whose id is a row id: the record's name as people use it. */
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
