import { z } from 'zod';
import { INQUIRY_STATUSES, PAYOUT_RUN_STATUSES } from '../../shared/enums';
import { job, mutation, query, zs } from './operation';
import { InquiryRow, PayoutLineView, PayoutRunDetail, PayoutRunRow, ProgramFile, ProgramRow, ProgramTemplate, ProgramWithDefinition, programFromTemplateInput, WhatIfResult, programDocument, programRef } from '../model/incentives';

export * from '../model/incentives';

/** "Mine": the channel managers whose partners' lines (or runs paying them) are shown; an empty list matches nothing. */
const mineIds = z.array(zs.id).max(1000).optional();

export const incentivesContract = {
  'incentives.programs.list': query<ProgramRow[]>()(z.object({}).strict()),
  'incentives.programs.get': query<ProgramWithDefinition>()(programRef),
  'incentives.programs.save': mutation<ProgramWithDefinition>()(z.object({ definition: programDocument }).strict(), { invalidates: ['incentives.programs'] }),
  /** Program templates pulled from HQ (read-only), each with the draft a new program starts from. */
  'incentives.programs.templates': query<ProgramTemplate[]>()(z.object({}).strict()),
  /** A new local program copied from a pulled HQ template; the template stays as HQ sent it. */
  'incentives.programs.fromTemplate': mutation<ProgramWithDefinition>()(programFromTemplateInput, { invalidates: ['incentives.programs'] }),
  'incentives.programs.delete': mutation<{ id: number; deleted: boolean }>()(z.object({ id: zs.id }).strict(), { invalidates: ['incentives.programs'] }),
  'incentives.programs.import': mutation<{ imported: number; codes: string[] }>()(
    z
      .object({ path: zs.filePath.optional(), content: z.string().max(5_000_000).optional() })
      .strict()
      .refine((r) => (r.path == null) !== (r.content == null), 'give exactly one of path or content'),
    { invalidates: ['incentives.programs'] },
  ),
  'incentives.programs.export': mutation<{ programs: ProgramFile[]; path: string | null }>()(
    z.object({ ids: z.array(zs.id).max(10_000).optional(), out: zs.filePath.optional(), onExists: zs.onExists.optional() }).strict(),
  ),
  'incentives.payouts.calculate': job<PayoutRunDetail>()(
    z
      .object({ programId: zs.id.optional(), programCode: zs.code.optional(), period: zs.period })
      .strict()
      .refine((r) => (r.programId == null) !== (r.programCode == null), 'give exactly one of programId or programCode'),
    { invalidates: ['incentives'] },
  ),
  'incentives.payouts.runs': query<PayoutRunRow[]>()(
    z.object({ programId: zs.id.optional(), status: z.enum(PAYOUT_RUN_STATUSES).optional(), period: zs.period.optional(), channelManagerIds: mineIds }).strict(),
  ),
  'incentives.payouts.get': query<PayoutRunDetail>()(z.object({ runId: zs.id, channelManagerIds: mineIds }).strict()),
  'incentives.payouts.approve': mutation<PayoutRunRow>()(z.object({ runId: zs.id }).strict(), { invalidates: ['incentives.payouts'] }),
  'incentives.payouts.pay': mutation<PayoutRunRow>()(
    z.object({ runId: zs.id, paymentRef: z.string().trim().min(1).max(100), date: zs.isoDate.optional() }).strict(),
    { invalidates: ['incentives.payouts'] },
  ),
  'incentives.payouts.void': mutation<PayoutRunRow>()(z.object({ runId: zs.id, reason: z.string().trim().min(1).max(500) }).strict(), { invalidates: ['incentives.payouts'] }),
  'incentives.payouts.adjust': mutation<PayoutLineView>()(
    z
      .object({ runId: zs.id, partnerId: zs.id.optional(), partnerCode: zs.code.optional(), amountMinor: zs.minor, reason: z.string().trim().min(1).max(500) })
      .strict()
      .refine((r) => (r.partnerId == null) !== (r.partnerCode == null), 'give exactly one of partnerId or partnerCode'),
    { invalidates: ['incentives.payouts'] },
  ),
  'incentives.payouts.whatIf': query<WhatIfResult>()(z.object({ runId: zs.id, variant: programDocument }).strict()),
  'incentives.payouts.inquiries.list': query<InquiryRow[]>()(
    z.object({ runId: zs.id.optional(), lineId: zs.id.optional(), status: z.enum(INQUIRY_STATUSES).optional() }).strict(),
  ),
  'incentives.payouts.inquiries.create': mutation<InquiryRow>()(z.object({ lineId: zs.id, question: z.string().trim().min(1).max(2000) }).strict(), {
    invalidates: ['incentives.payouts'],
  }),
  'incentives.payouts.inquiries.update': mutation<InquiryRow>()(
    z.object({ id: zs.id, answer: z.string().trim().min(1).max(2000).optional(), status: z.enum(INQUIRY_STATUSES).optional() }).strict(),
    { invalidates: ['incentives.payouts'] },
  ),
};
