import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

/**
 * What a workspace publishes to HQ (issue 19), declared once. Every table here gets three SQLite triggers that append
 * to `change_log` in the same transaction as the change, so a publish can never miss one. To publish a new table, add
 * a line here: the triggers are created (and the table's existing rows logged once) the next time a workspace opens,
 * and HQ stores its rows as they are (`hq.records`), so no HQ migration is needed unless HQ wants a typed view of it.
 */
export interface PublishedTable {
  /** The SQLite table; its integer `id` column identifies a row. */
  table: string;
  /** SQL condition on the row: rows failing it are not published (and are removed at HQ if they were), e.g. draft payout runs. */
  publishWhen?: string;
  /** Child tables whose publication depends on a column of this one: a change of `column` logs the children again. */
  dependents?: Array<{ table: string; foreignKey: string; column: string }>;
}

export const PUBLISHED_TABLES: readonly PublishedTable[] = [
  { table: 'territories' },
  { table: 'channel_managers' },
  { table: 'partners' },
  { table: 'sales_lines' },
  { table: 'targets' },
  { table: 'feedback' },
  { table: 'imports' },
  {
    table: 'evaluation_runs',
    publishWhen: "status = 'completed'",
    dependents: [{ table: 'scorecards', foreignKey: 'run_id', column: 'status' }],
  },
  { table: 'scorecards', publishWhen: "(SELECT r.status FROM evaluation_runs r WHERE r.id = run_id) = 'completed'" },
  { table: 'tier_decisions' },
  { table: 'incentive_programs' },
  {
    table: 'payout_runs',
    publishWhen: "status <> 'draft'",
    dependents: [{ table: 'payout_lines', foreignKey: 'run_id', column: 'status' }],
  },
  { table: 'payout_lines', publishWhen: "(SELECT r.status FROM payout_runs r WHERE r.id = run_id) <> 'draft'" },
  { table: 'risks' },
  { table: 'risk_actions' },
  { table: 'deal_registrations' },
  { table: 'training_courses' },
  { table: 'training_records' },
  // Development funds: budgets, earmarks, requests and claims (proof files stay in the office's workspace).
  { table: 'mdf_funds' },
  { table: 'mdf_allocations' },
  { table: 'mdf_requests' },
  { table: 'mdf_claims' },
  // The audit summary (per day, user, operation, outcome); the audit trail's before/after values stay in the office.
  { table: 'audit_daily' },
];

const PREFIX = 'cl_';

function quote(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain SQL name: ${name}`);
  return `\`${name}\``;
}

/** The three triggers of one published table, named with a hash of their text so a changed declaration replaces them. */
export function changeLogTriggers(t: PublishedTable): Array<{ name: string; sql: string }> {
  const tbl = quote(t.table);
  const log = (key: string, op: string) => `INSERT INTO change_log (tbl, row_key, op) VALUES ('${t.table}', ${key}, '${op}');`;
  const dependents = (t.dependents ?? [])
    .map(
      (d) =>
        `INSERT INTO change_log (tbl, row_key, op) SELECT '${d.table}', c.id, 'u' FROM ${quote(d.table)} c ` +
        `WHERE c.${quote(d.foreignKey)} = NEW.id AND OLD.${quote(d.column)} IS NOT NEW.${quote(d.column)};`,
    )
    .join(' ');
  const bodies = {
    i: `AFTER INSERT ON ${tbl} BEGIN ${log('NEW.id', 'i')} END`,
    u: `AFTER UPDATE ON ${tbl} BEGIN ${log('NEW.id', 'u')} INSERT INTO change_log (tbl, row_key, op) SELECT '${t.table}', OLD.id, 'd' WHERE OLD.id IS NOT NEW.id; ${dependents} END`,
    d: `AFTER DELETE ON ${tbl} BEGIN ${log('OLD.id', 'd')} END`,
  };
  return Object.entries(bodies).map(([op, body]) => {
    const name = `${PREFIX}${t.table}_${op}_${createHash('sha256').update(body).digest('hex').slice(0, 8)}`;
    return { name, sql: `CREATE TRIGGER ${quote(name)} ${body}` };
  });
}

/**
 * Brings the change-log triggers in line with PUBLISHED_TABLES (at every open; cheap when nothing changed): creates
 * missing ones, drops stale ones, and logs every existing row of a table the first time it is published so that HQ
 * receives rows written before the table was published. Tables not yet created by a migration are skipped.
 */
export function ensureChangeLogTriggers(sqlite: Database.Database): void {
  const existingTables = new Set(
    (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name),
  );
  if (!existingTables.has('change_log')) return;
  const existing = sqlite
    .prepare("SELECT name, tbl_name AS tbl FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'cl\\_%' ESCAPE '\\'")
    .all() as Array<{ name: string; tbl: string }>;
  const existingNames = new Set(existing.map((r) => r.name));
  const wanted = PUBLISHED_TABLES.filter((t) => existingTables.has(t.table)).map((t) => ({ t, triggers: changeLogTriggers(t) }));
  const wantedNames = new Set(wanted.flatMap((w) => w.triggers.map((x) => x.name)));
  const stale = existing.filter((r) => !wantedNames.has(r.name));
  const missing = wanted.filter((w) => w.triggers.some((x) => !existingNames.has(x.name)));
  if (stale.length === 0 && missing.length === 0) return;
  const publishedBefore = new Set(existing.map((r) => r.tbl));
  sqlite.transaction(() => {
    for (const r of stale) sqlite.exec(`DROP TRIGGER IF EXISTS ${quote(r.name)}`);
    for (const w of missing) {
      for (const x of w.triggers) if (!existingNames.has(x.name)) sqlite.exec(x.sql);
      if (!publishedBefore.has(w.t.table)) {
        sqlite.prepare(`INSERT INTO change_log (tbl, row_key, op) SELECT ?, id, 'i' FROM ${quote(w.t.table)} ORDER BY id`).run(w.t.table);
      }
    }
  })();
}

export function publishedTable(name: string): PublishedTable | undefined {
  return PUBLISHED_TABLES.find((t) => t.table === name);
}
