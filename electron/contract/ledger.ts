import { z } from 'zod';
import { job, query, zs } from './operation';
import { AccrualReport, PartnerLedger, ReconciliationExportResult } from '../model/ledger';

export * from '../model/ledger';

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
  /** 对账单 (PDF, XLSX) for the partners given, or every partner with a balance at `to`; refused without a company profile. */
  'ledger.statements': job<ReconciliationExportResult>()(
    z
      .object({
        partnerCodes: z.array(zs.code).max(100_000).optional(),
        from: zs.isoDate,
        to: zs.isoDate,
        out: zs.filePath,
        onExists: zs.onExists.optional(),
        formats: z.array(z.enum(['pdf', 'xlsx'])).min(1).max(2).optional(),
        language: z.enum(['zh-CN', 'en', 'bilingual']).optional(),
        zip: z.boolean().optional(),
      })
      .strict()
      .refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['to'] }),
  ),
};
