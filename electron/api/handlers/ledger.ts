import type { ledgerContract } from '../../contract/ledger';
import { accrualReport } from '../../domain/ledger/accrualReport';
import { partnerLedger } from '../../domain/ledger/partnerLedger';
import { exportReconciliationStatements } from '../../domain/ledger/reconciliationStatement';
import type { HandlerMap } from './types';

export const ledgerHandlers: HandlerMap<keyof typeof ledgerContract> = {
  'ledger.partner': ({ ws, clock }, input) => partnerLedger(ws, input, clock),
  'ledger.accruals': ({ ws, clock }, { asOf }) => accrualReport(ws, asOf ?? clock.today(), clock),
  'ledger.statements': (ctx, input) => exportReconciliationStatements(ctx, input),
};
