import { DomainError } from '../../../shared/errors';
import type { Workspace } from '../../../db/database';
import type { OpContext } from '../opContext';
import { parsePeriod } from '../../../shared/period';
import { getSetting } from '../system/settingsStore';
import type { ChangeSnapshot } from './kinds/kind';
import { customerMonthStore } from '../inventory/store';
import { partnerMonthStore } from '../inventory/store/partnerMonths';
import { noteSalesImportRemoval, subtractFromSalesSummaries } from '../evaluations/salesSummaries';
import { undoStore, type AppendedTable, type ChangedTable } from './store';
import { scorecardStore } from '../evaluations/store';
import { notFound } from '../../../shared/errorMessages';
import { channelRisksBackedBy, recheckChannelRisksAfterUndo, recheckStuffingRisksAfterUndo, stuffingRisksTouchedBy } from '../inventory/channelRisks';

const TABLE: Record<string, ChangedTable> = {
  partner: 'partners',
  target: 'targets',
  training_record: 'training_records',
  risk: 'risks',
  product: 'products',
  product_price: 'product_prices',
  inventory_snapshot: 'inventory_snapshots',
};

/** Kinds whose inserted rows carry the import's id and leave no undo row; their updates (if any) are in import_changes. */
const APPENDED: Partial<Record<string, AppendedTable>> = { sales: 'sales_lines', feedback: 'feedback', 'sell-through': 'sell_through_lines', inventory: 'inventory_snapshots' };

const same = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  Object.keys(b).every((k) => (a[k] ?? null) === (b[k] ?? null)) && Object.keys(a).length === Object.keys(b).length;

/** Approved or paid payout runs whose period and partners cover sales lines of this import: undo would change paid money. */
function payoutRunsUsing(ws: Workspace, importId: number): Array<{ id: number; period: string; status: string }> {
  const fsm = Number(getSetting<unknown>(ws.db, 'company.fiscalStartMonth', 1)) || 1;
  const uses = undoStore.payoutRunUses(ws);
  return undoStore.closedPayoutRuns(ws).filter((r) => {
    try {
      const p = parsePeriod(r.period, fsm);
      return uses(r.id, importId, p.start, p.end);
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
    const imp = undoStore.importOf(ws, importId);
    if (!imp) throw new DomainError(`Import ${importId} not found`, 'NOT_FOUND', notFound('import', importId));
    if (imp.status !== 'committed') throw new DomainError(`Import ${importId} (${imp.fileName}) is ${imp.status}; only a committed import can be undone`, 'CONFLICT', {
        reason: 'importNotCommitted',
        params: { importId, file: imp.fileName, status: imp.status },
      });
    let removed = 0;
    let restored = 0;
    let risks: { closed: number[]; rechecked: number[] } | null = null;
    // Open stuffing risks whose signal read this import's rows (sell-in, sell-through or stock): re-checked at the end.
    const stuffingKind = imp.kind === 'sales' || imp.kind === 'sell-through' || imp.kind === 'inventory' ? imp.kind : null;
    const stuffing = stuffingKind ? stuffingRisksTouchedBy(ctx, importId, stuffingKind) : [];
    const changes = undoStore.changes(ws, importId);
    const now = ctx.clock.now().toISOString();
    let done = 0;
    for (const c of changes) {
      const table = TABLE[c.entity];
      if (!table) throw new Error(`Unknown entity in import_changes: ${c.entity}`);
      const snap = JSON.parse(c.before) as ChangeSnapshot;
      const current = undoStore.current(ws, table, c.entityId);
      const key = String(snap.after.code ?? c.entityId);
      const label = `${c.entity.replace('_', ' ')} ${key}`;
      if (!current || !same(current, snap.after)) {
        throw new DomainError(`The ${label} was ${current ? 'changed' : 'deleted'} after import ${importId}; undo or revert that change first`, 'CONFLICT', {
          reason: 'importUndoChanged',
          params: { entity: c.entity, key, importId, deleted: !current },
        });
      }
      const inUse = () =>
        new DomainError(`The ${label} is used by data added after import ${importId} (sales, targets, training, risks…); remove that first`, 'CONFLICT', {
          reason: 'importUndoInUse',
          params: { entity: c.entity, key, importId },
        });
      // Scorecards keep no foreign key to partners (migration 0031): an evaluated partner is looked for here.
      if (c.action === 'insert' && table === 'partners' && scorecardStore.partnerEvaluated(ws, c.entityId)) throw inUse();
      try {
        if (c.action === 'insert') removed += undoStore.deleteInserted(ws, table, c.entityId);
        else {
          undoStore.restore(ws, table, c.entityId, snap.before!);
          if (table === 'risks') undoStore.riskHistory(ws, { riskId: c.entityId, changedAt: now, changedBy: user, changes: { undoImport: importId }, snapshot: snap.before! });
          restored++;
        }
      } catch (e) {
        if ((e as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) throw inUse();
        throw e;
      }
      progress(++done, changes.length);
    }
    // Appended rows go after the updates are restored: a corrected stock row carries this import's id until then.
    const table = APPENDED[imp.kind];
    if (table) {
      const n = undoStore.appendedCount(ws, table, importId);
      if (n !== imp.inserted) {
        throw new DomainError(`Import ${importId} added ${imp.inserted} rows, but ${n} are still there: they were changed or deleted since, so the import cannot be undone`, 'CONFLICT', {
          reason: 'importUndoRowsChanged',
          params: { importId, inserted: imp.inserted, remaining: n },
        });
      }
      if (table === 'sales_lines') {
        const runs = payoutRunsUsing(ws, importId);
        if (runs.length) {
          throw new DomainError(
            `Sales lines of import ${importId} were used by ${runs.map((r) => `payout run ${r.id} (${r.period}, ${r.status})`).join(', ')}; void the run first`,
            'CONFLICT',
            { payoutRuns: runs, reason: 'importUndoPaidOut', params: { importId, payoutRuns: runs } },
          );
        }
      }
      // Open 窜货/乱价 risks whose evidence lines go with the import: re-checked once the lines and summaries are gone.
      const backed = imp.kind === 'sell-through' ? channelRisksBackedBy(ctx, importId) : [];
      if (imp.kind === 'sell-through') {
        customerMonthStore.beforeUndo(ws, importId);
        partnerMonthStore.noteRemoval(ws, importId);
      }
      if (table === 'sales_lines') noteSalesImportRemoval(sqlite, importId);
      removed += undoStore.deleteAppended(ws, table, importId);
      if (imp.kind === 'sell-through') {
        customerMonthStore.afterUndo(ws);
        partnerMonthStore.subtractNoted(ws);
        if (backed.length) risks = recheckChannelRisksAfterUndo(ctx, importId, backed);
      }
      if (table === 'sales_lines') subtractFromSalesSummaries(sqlite);
      progress(removed, imp.inserted);
    }
    if (stuffingKind && stuffing.length) {
      const s = recheckStuffingRisksAfterUndo(ctx, importId, stuffingKind, stuffing);
      if (s.closed.length || s.rechecked.length) {
        const byId = (a: number, b: number) => a - b;
        risks = { closed: [...(risks?.closed ?? []), ...s.closed].sort(byId), rechecked: [...(risks?.rechecked ?? []), ...s.rechecked].sort(byId) };
      }
    }
    undoStore.markUndone(ws, importId, now);
    ctx.audit({ operation: 'imports.undo', entity: 'import', entityId: importId, after: risks ? { removed, restored, risks } : { removed, restored } });
    return { importId, removed, restored };
  }).immediate();
}
