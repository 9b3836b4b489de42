import type { Workspace } from '../../../db/database';
import type { Clock } from '../../../shared/clock';
import type { LedgerAccrual, LedgerEntry, LedgerEntryKind } from '../../model/ledger';

export const KIND_ORDER: Record<LedgerEntryKind, number> = { approved: 1, adjustment: 2, clawback: 3, paid: 4, void: 5 };

export function compareEntries(a: LedgerEntry, b: LedgerEntry): number {
  return a.date.localeCompare(b.date) || a.source.type.localeCompare(b.source.type) || a.source.id - b.source.id || a.order - b.order || (a.source.lineId ?? 0) - (b.source.lineId ?? 0);
}

/**
 * What a source is asked for: some partners (all when omitted), everything effective on or before `asOf` (a local day),
 * instants turned into days on `clock` (the operation's: ctx.clock).
 */
export interface LedgerQuery {
  partnerIds?: number[];
  asOf?: string;
  clock: Clock;
}

/**
 * The seam where areas plug into the ledger. A source turns its own frozen records into entries (what is owed and
 * paid) and accruals (what is calculated but not yet approved). Today: payout runs. Development funds (MDF) add theirs here.
 */
export interface LedgerSource {
  name: string;
  entries(ws: Workspace, q: LedgerQuery): LedgerEntry[];
  accruals(ws: Workspace, q: LedgerQuery): LedgerAccrual[];
}
