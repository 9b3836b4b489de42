import { z } from 'zod';
import type { AccrualReport, AccrualRow, Ageing } from '../domain/ledger/accrualReport';
import type { LedgerAccrual, LedgerEntry, LedgerEntryKind } from '../domain/ledger/ledgerEntry';
import type { LedgerPartner, PartnerLedger, PartnerLedgerLine } from '../domain/ledger/partnerLedger';
import { query, zs } from './operation';

export type { AccrualReport, AccrualRow, Ageing, LedgerAccrual, LedgerEntry, LedgerEntryKind, LedgerPartner, PartnerLedger, PartnerLedgerLine };

export const ledgerContract = {
  /** A partner's ledger (对账): opening, entries with running balance, closing, accrued — for a range of local days. */
  'ledger.partner': query<PartnerLedger>()(
    z
      .object({ partnerId: zs.id.optional(), partnerCode: zs.code.optional(), from: zs.isoDate.optional(), to: zs.isoDate.optional() })
      .strict()
      .refine((r) => (r.partnerId == null) !== (r.partnerCode == null), 'give exactly one of partnerId or partnerCode'),
  ),
  /** Finance's accrual report and payable ageing as of a local day (default today). */
  'ledger.accruals': query<AccrualReport>()(z.object({ asOf: zs.isoDate.optional() }).strict()),
};
