import { z } from 'zod';
import { job, zs } from './operation';
import { STATEMENT_FORMATS, StatementExportResult } from '../model/incentives';

/** Statements (对账单) of payout runs: the domain's `statements/` folder, so its operations are named `statements.*`. */
export const statementsContract = {
  /** Statements (PDF, XLSX per partner) and the finance file (CSV, XLSX) of an approved or paid run, into a folder and a zip. */
  'statements.export': job<StatementExportResult>()(
    z
      .object({
        runId: zs.id,
        out: zs.filePath,
        onExists: zs.onExists.optional(),
        formats: z.array(z.enum(STATEMENT_FORMATS)).min(1).max(3).optional(),
        zip: z.boolean().optional(),
        partnerIds: z.array(zs.id).max(100_000).optional(),
        /** zh-CN, en or bilingual; default: the company profile's statement language. */
        language: z.enum(['zh-CN', 'en', 'bilingual']).optional(),
      })
      .strict(),
    { invalidates: ['incentives.payouts'] },
  ),
};
