import type { mdfContract } from '../../contract/mdf';
import { allocate, listAllocations } from '../../domain/mdf/allocations';
import { fundBalance } from '../../domain/mdf/balances';
import { burnDown } from '../../domain/mdf/burnDown';
import { decideClaim, getClaim, listClaims, payClaim, submitClaim } from '../../domain/mdf/claims';
import { addFund, fundRecord, fundView, listFunds, updateFund } from '../../domain/mdf/funds';
import { proofContent } from '../../domain/mdf/proofFiles';
import { approveRequest, createRequest, expireRequests, getRequest, lapsedApprovals, listRequests, rejectRequest } from '../../domain/mdf/requests';
import { mdfRoi } from '../../domain/mdf/roi';
import type { HandlerMap } from './types';

export const mdfHandlers: HandlerMap<keyof typeof mdfContract> = {
  'mdf.funds.list': ({ ws }, input) => listFunds(ws, input),
  'mdf.funds.get': ({ ws, clock }, input) => {
    const fund = fundRecord(ws, input);
    return { ...fundView(ws, fund), allocations: listAllocations(ws, fund.id), burnDown: burnDown(ws, fund, clock) };
  },
  'mdf.funds.add': (ctx, input) => fundView(ctx.ws, addFund(ctx, input)),
  'mdf.funds.update': (ctx, input) => fundView(ctx.ws, updateFund(ctx, input)),
  'mdf.allocate': (ctx, input) => allocate(ctx, input),
  'mdf.balance': ({ ws }, input) => {
    const fund = fundRecord(ws, input);
    return { fundCode: fund.code, currency: fund.currency, ...fundBalance(ws, fund.id) };
  },
  'mdf.requests.list': ({ ws }, input) => listRequests(ws, input),
  'mdf.requests.get': ({ ws }, { id }) => getRequest(ws, id),
  'mdf.requests.add': (ctx, input) => createRequest(ctx, input),
  'mdf.requests.approve': (ctx, input) => approveRequest(ctx, input),
  'mdf.requests.reject': (ctx, input) => rejectRequest(ctx, input),
  'mdf.expiry.due': (ctx, { asOf }) => lapsedApprovals(ctx, asOf),
  'mdf.expire': (ctx, { asOf }) => expireRequests(ctx, asOf),
  'mdf.claims.list': ({ ws }, input) => listClaims(ws, input),
  'mdf.claims.get': ({ ws }, { id }) => getClaim(ws, id),
  'mdf.claims.add': (ctx, input) => submitClaim(ctx, input),
  'mdf.claims.decide': (ctx, input) => decideClaim(ctx, input),
  'mdf.claims.pay': (ctx, input) => payClaim(ctx, input),
  'mdf.proofs.get': ({ ws }, { id }) => proofContent(ws, id),
  'mdf.roi': ({ ws }, input) => mdfRoi(ws, input),
};
