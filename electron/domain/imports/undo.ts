import { DomainError } from '../../../shared/errors';
import type { Workspace } from '../../../db/database';
import type { OpContext } from '../opContext';
import { parsePeriod } from '../../../shared/period';
import { getSetting } from '../system/settingsStore';
import type { ChangeSnapshot } from './kinds/kind';
import { customerMonthStore } from '../inventory/store';
import { markSalesSummaryScope, refreshSalesSummaries } from '../evaluations/salesSummaries';

const TABLE: Record<string, string> = {
  partner: 'partners',
  target: 'targets',
  training_record: 'training_records',
  risk: 'risks',
  product: 'products',
  product_price: 'product_prices',
  inventory_snapshot: 'inventory_snapshots',
};

/** Kinds whose inserted rows carry the import's id and leave no undo row; their updates (if any) are in import_changes. */
const APPENDED: Partial<Record<string, string>> = { sales: 'sales_lines', feedback: 'feedback', 'sell-through': 'sell_through_lines', inventory: 'inventory_snapshots' };

interface ImportRow {
  id: number;
  kind: string;
  file_name: string;
  status: string;
  inserted: number;
}

const same = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  Object.keys(b).every((k) => (a[k] ?? null) === (b[k] ?? null)) && Object.keys(a).length === Object.keys(b).length;

/** Approved or paid payout runs whose period and partners cover sales lines of this import: undo would change paid money. */
function payoutRunsUsing(ws: Workspace, importId: number): Array<{ id: number; period: string; status: string }> {
  const fsm = Number(getSetting<unknown>(ws.db, 'company.fiscalStartMonth', 1)) || 1;
  const runs = ws.sqlite.prepare(`select id, period, status from payout_runs where status in ('approved', 'paid')`).all() as Array<{ id: number; period: string; status: string }>;
  const uses = ws.sqlite.prepare(
    `select 1 from payout_lines l join sales_lines s on s.partner_id = l.partner_id
     where l.run_id = ? and s.import_id = ? and s.date between ? and ? limit 1`,
  );
  return runs.filter((r) => {
    try {
      const p = parsePeriod(r.period, fsm);
      return uses.get(r.id, importId, p.start, p.end) !== undefined;
    } catch {
      return false;
    }
  });
}

/**
 * Undoes a committed import in one transaction: deletes the rows it inserted and restores the rows it updated,
 * newest change first. Refused (nothing changed) when the rows are no longer as the import left them, when later data
 * depends on them (a partner with sales from another import), or when approved/paid payout runs used its sales lines.
 */
export function undoImport(ctx: OpContext, importId: number): { importId: number; removed: number; restored: number } {
  const { ws, user } = ctx;
  const { sqlite } = ws;
  const progress = (done: number, total: number) => ctx.progress('undo', done, total);
  return sqlite.transaction(() => {
    const imp = sqlite.prepare('select id, kind, file_name, status, inserted from imports where id = ?').get(importId) as ImportRow | undefined;
    if (!imp) throw new DomainError(`Import ${importId} not found`, 'NOT_FOUND');
    if (imp.status !== 'committed') throw new DomainError(`Import ${importId} (${imp.file_name}) is ${imp.status}; only a committed import can be undone`, 'CONFLICT');
    let removed = 0;
    let restored = 0;
    const changes = sqlite.prepare('select id, entity, entity_id, action, before from import_changes where import_id = ? order by id desc').all(importId) as Array<{
      id: number;
      entity: string;
      entity_id: number;
      action: 'insert' | 'update';
      before: string;
    }>;
    const now = new Date().toISOString();
    let done = 0;
    for (const c of changes) {
      const table = TABLE[c.entity];
      if (!table) throw new Error(`Unknown entity in import_changes: ${c.entity}`);
      const snap = JSON.parse(c.before) as ChangeSnapshot;
      const current = sqlite.prepare(`select * from ${table} where id = ?`).get(c.entity_id) as Record<string, unknown> | undefined;
      const label = `${c.entity.replace('_', ' ')} ${String(snap.after.code ?? c.entity_id)}`;
      if (!current || !same(current, snap.after)) {
        throw new DomainError(`The ${label} was ${current ? 'changed' : 'deleted'} after import ${importId}; undo or revert that change first`, 'CONFLICT');
      }
      try {
        if (c.action === 'insert') {
          if (table === 'risks') sqlite.prepare('delete from risk_history where risk_id = ?').run(c.entity_id);
          removed += sqlite.prepare(`delete from ${table} where id = ?`).run(c.entity_id).changes;
        } else {
          const cols = Object.keys(snap.before!).filter((k) => k !== 'id');
          sqlite.prepare(`update ${table} set ${cols.map((k) => `"${k}" = ?`).join(', ')} where id = ?`).run(...cols.map((k) => snap.before![k] as never), c.entity_id);
          if (table === 'risks') {
            sqlite
              .prepare('insert into risk_history (risk_id, changed_at, changed_by, changes, snapshot) values (?, ?, ?, ?, ?)')
              .run(c.entity_id, now, user, JSON.stringify({ undoImport: importId }), JSON.stringify(snap.before));
          }
          restored++;
        }
      } catch (e) {
        if ((e as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) {
          throw new DomainError(`The ${label} is used by data added after import ${importId} (sales, targets, training, risks…); remove that first`, 'CONFLICT');
        }
        throw e;
      }
      progress(++done, changes.length);
    }
    // Appended rows go after the updates are restored: a corrected stock row carries this import's id until then.
    const table = APPENDED[imp.kind];
    if (table) {
      const n = (sqlite.prepare(`select count(*) as n from ${table} where import_id = ?`).get(importId) as { n: number }).n;
      if (n !== imp.inserted) {
        throw new DomainError(`Import ${importId} added ${imp.inserted} rows, but ${n} are still there: they were changed or deleted since, so the import cannot be undone`, 'CONFLICT');
      }
      if (table === 'sales_lines') {
        const runs = payoutRunsUsing(ws, importId);
        if (runs.length) {
          throw new DomainError(
            `Sales lines of import ${importId} were used by ${runs.map((r) => `payout run ${r.id} (${r.period}, ${r.status})`).join(', ')}; void the run first`,
            'CONFLICT',
            { payoutRuns: runs },
          );
        }
      }
      if (imp.kind === 'sell-through') customerMonthStore.beforeUndo(ws, importId);
      if (table === 'sales_lines') markSalesSummaryScope(sqlite, importId, 'removing');
      removed += sqlite.prepare(`delete from ${table} where import_id = ?`).run(importId).changes;
      if (imp.kind === 'sell-through') customerMonthStore.afterUndo(ws);
      if (table === 'sales_lines') refreshSalesSummaries(sqlite);
      progress(removed, imp.inserted);
    }
    sqlite.prepare(`update imports set status = 'undone', undone_at = ? where id = ?`).run(now, importId);
    ctx.audit({ operation: 'imports.undo', entity: 'import', entityId: importId, after: { removed, restored } });
    return { importId, removed, restored };
  }).immediate();
}
