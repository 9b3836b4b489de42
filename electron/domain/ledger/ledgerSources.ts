import { payoutRunSource } from './payoutRunSource';
import { LedgerSource } from './ledgerEntry';

export const LEDGER_SOURCES: readonly LedgerSource[] = [payoutRunSource];
