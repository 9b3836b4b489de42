import { payoutRunSource } from './payoutRunSource';
import { LedgerSource } from './ledgerEntry';
import { mdfLedgerSource } from '../mdf/mdfLedgerSource';

export const LEDGER_SOURCES: readonly LedgerSource[] = [payoutRunSource, mdfLedgerSource];
