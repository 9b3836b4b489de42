import type { Workspace } from '../../../db/database';
import type { LedgerAccrual, LedgerEntry } from './ledgerEntry';
import { payoutRunSource } from './payoutRunSource';

/** What a source is asked for: some partners (all when omitted), everything effective on or before `asOf` (a local day). */
export interface LedgerQuery {
  partnerIds?: number[];
  asOf?: string;
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

export const LEDGER_SOURCES: readonly LedgerSource[] = [payoutRunSource];
