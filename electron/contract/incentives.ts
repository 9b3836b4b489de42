import { z } from 'zod';
import { INQUIRY_STATUSES, PAYOUT_RUN_STATUSES } from '../../shared/enums';
import { job, mutation, query, zs } from './operation';
import { InquiryRow, PayoutLineView, PayoutRunDetail, PayoutRunRow, ProgramFile, ProgramRow, ProgramTemplate, ProgramWithDefinition, programFromTemplateInput, WhatIfResult, programDocument, programRef } from '../model/incentives';

export * from '../model/incentives';

/** "Mine": the channel managers whose partners' lines (or runs paying them) are shown; an empty list matches nothing. */
const mineIds = z.array(zs.id).max(1000).optional();

export const incentivesContract = {
  'programs.list': query<ProgramRow[]>()(z.object({}).strict()),
  'programs.get': query<ProgramWithDefinition>()(programRef),
  'programs.save': mutation<ProgramWithDefinition>()(z.object({ definition: programDocument }).strict(), { invalidates: ['programs'] }),
  /** Program templates pulled from HQ (read-only), each with the draft a new program starts from. */
  'programs.templates': query<ProgramTemplate[]>()(z.object({}).strict()),
  /** A new local program copied from a pulled HQ template; the template stays as HQ sent it. */
  'programs.fromTemplate': mutation<ProgramWithDefinition>()(programFromTemplateInput, { invalidates: ['programs'] }),
  'programs.delete': mutation<{ id: number; deleted: boolean }>()(z.object({ id: zs.id }).strict(), { invalidates: ['programs'] }),
  'programs.import': mutation<{ imported: number; codes: string[] }>()(
    z
      .object({ path: zs.filePath.optional(), content: z.string().max(5_000_000).optional() })
      .strict()
      .refine((r) => (r.path == null) !== (r.content == null), 'give exactly one of path or content'),
    { invalidates: ['programs'] },
  ),
  'programs.export': mutation<{ programs: ProgramFile[]; path: string | null }>()(
    z.object({ ids: z.array(zs.id).max(10_000).optional(), out: zs.filePath.optional(), onExists: zs.onExists.optional() }).strict(),
  ),
  'payouts.calculate': job<PayoutRunDetail>()(
    z
      .object({ programId: zs.id.optional(), programCode: zs.code.optional(), period: zs.period })
      .strict()
      .refine((r) => (r.programId == null) !== (r.programCode == null), 'give exactly one of programId or programCode'),
    { invalidates: ['payouts', 'programs'] },
  ),
  'payouts.runs': query<PayoutRunRow[]>()(
    z.object({ programId: zs.id.optional(), status: z.enum(PAYOUT_RUN_STATUSES).optional(), period: zs.period.optional(), channelManagerIds: mineIds }).strict(),
  ),
  'payouts.get': query<PayoutRunDetail>()(z.object({ runId: zs.id, channelManagerIds: mineIds }).strict()),
  'payouts.approve': mutation<PayoutRunRow>()(z.object({ runId: zs.id }).strict(), { invalidates: ['payouts'] }),
  'payouts.pay': mutation<PayoutRunRow>()(
    z.object({ runId: zs.id, paymentRef: z.string().trim().min(1).max(100), date: zs.isoDate.optional() }).strict(),
    { invalidates: ['payouts'] },
  ),
  'payouts.void': mutation<PayoutRunRow>()(z.object({ runId: zs.id, reason: z.string().trim().min(1).max(500) }).strict(), { invalidates: ['payouts'] }),
  'payouts.adjust': mutation<PayoutLineView>()(
    z
      .object({ runId: zs.id, partnerId: zs.id.optional(), partnerCode: zs.code.optional(), amountMinor: zs.minor, reason: z.string().trim().min(1).max(500) })
      .strict()
      .refine((r) => (r.partnerId == null) !== (r.partnerCode == null), 'give exactly one of partnerId or partnerCode'),
    { invalidates: ['payouts'] },
  ),
  'payouts.whatIf': query<WhatIfResult>()(z.object({ runId: zs.id, variant: programDocument }).strict()),
  'payouts.inquiries.list': query<InquiryRow[]>()(
    z.object({ runId: zs.id.optional(), lineId: zs.id.optional(), status: z.enum(INQUIRY_STATUSES).optional() }).strict(),
  ),
  'payouts.inquiries.create': mutation<InquiryRow>()(z.object({ lineId: zs.id, question: z.string().trim().min(1).max(2000) }).strict(), {
    invalidates: ['payouts'],
  }),
  'payouts.inquiries.update': mutation<InquiryRow>()(
    z.object({ id: zs.id, answer: z.string().trim().min(1).max(2000).optional(), status: z.enum(INQUIRY_STATUSES).optional() }).strict(),
    { invalidates: ['payouts'] },
  ),
};
