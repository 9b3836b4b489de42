import { z } from 'zod';
import { mutation, query, zs } from './operation';
import {
  MdfAllocationView,
  MdfBalance,
  MdfClaimView,
  MdfFundDetail,
  MdfFundView,
  MdfProofContent,
  MdfRequestView,
  MdfRoiReport,
  mdfAllocateInput,
  mdfApproveInput,
  mdfBalanceInput,
  mdfClaimDecisionInput,
  mdfClaimInput,
  mdfClaimListInput,
  mdfExpireInput,
  mdfFundInput,
  mdfFundUpdateInput,
  mdfListInput,
  mdfPayInput,
  mdfRejectInput,
  mdfRequestInput,
  mdfRoiInput,
} from '../model/mdf';
import { MDF_FUND_STATUSES } from '../../shared/enums';

export * from '../model/mdf';

const inv = { invalidates: ['mdf', 'ledger'] } as const;

/** Market development funds (市场费用): funds, allocations, requests, claims with proof, payment or rebate settlement, ROI. */
export const mdfContract = {
  'mdf.funds.list': query<MdfFundView[]>()(z.object({ period: zs.period.optional(), status: z.enum(MDF_FUND_STATUSES).optional() }).strict()),
  'mdf.funds.get': query<MdfFundDetail>()(z.object({ fundId: zs.id.optional(), fundCode: zs.code.optional() }).strict()),
  'mdf.funds.add': mutation<MdfFundView>()(mdfFundInput, inv),
  'mdf.funds.update': mutation<MdfFundView>()(mdfFundUpdateInput, inv),
  'mdf.allocate': mutation<MdfAllocationView[]>()(mdfAllocateInput, inv),
  'mdf.balance': query<MdfBalance & { fundCode: string; currency: string }>()(mdfBalanceInput),
  'mdf.requests.list': query<MdfRequestView[]>()(mdfListInput),
  'mdf.requests.get': query<MdfRequestView>()(z.object({ id: zs.id }).strict()),
  'mdf.requests.add': mutation<MdfRequestView>()(mdfRequestInput, inv),
  'mdf.requests.approve': mutation<MdfRequestView>()(mdfApproveInput, inv),
  'mdf.requests.reject': mutation<MdfRequestView>()(mdfRejectInput, inv),
  /** Approvals that would lapse as of a day (what 'mdf.expire' would return to the funds). */
  'mdf.expiry.due': query<{ asOf: string; due: Array<{ requestId: number; fundCode: string; partnerCode: string; returnedMinor: number }> }>()(mdfExpireInput),
  'mdf.expire': mutation<{ asOf: string; expired: Array<{ requestId: number; fundCode: string; partnerCode: string; returnedMinor: number }> }>()(mdfExpireInput, inv),
  'mdf.claims.list': query<MdfClaimView[]>()(mdfClaimListInput),
  'mdf.claims.get': query<MdfClaimView>()(z.object({ id: zs.id }).strict()),
  'mdf.claims.add': mutation<MdfClaimView>()(mdfClaimInput, inv),
  'mdf.claims.decide': mutation<MdfClaimView>()(mdfClaimDecisionInput, inv),
  'mdf.claims.pay': mutation<MdfClaimView>()(mdfPayInput, { invalidates: ['mdf', 'ledger', 'incentives.payouts'] }),
  'mdf.proofs.get': query<MdfProofContent>()(z.object({ id: zs.id }).strict()),
  'mdf.roi': query<MdfRoiReport>()(mdfRoiInput),
};
