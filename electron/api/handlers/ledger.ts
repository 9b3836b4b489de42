import type { ledgerContract } from '../../contract/ledger';
import { accrualReport } from '../../domain/ledger/accrualReport';
import { partnerLedger } from '../../domain/ledger/partnerLedger';
import { exportReconciliationStatements } from '../../domain/ledger/reconciliationStatement';
import type { HandlerMap } from './types';

export const ledgerHandlers: HandlerMap<keyof typeof ledgerContract> = {
  'ledger.partner': ({ ws }, input) => partnerLedger(ws, input),
  'ledger.accruals': ({ ws, today }, { asOf }) => accrualReport(ws, asOf ?? today()),
  'ledger.statements': (ctx, input) => exportReconciliationStatements(ctx, input),
};
