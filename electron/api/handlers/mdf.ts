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
  'mdf.funds.get': ({ ws }, input) => {
    const fund = fundRecord(ws, input);
    return { ...fundView(ws, fund), allocations: listAllocations(ws, fund.id), burnDown: burnDown(ws, fund) };
  },
  'mdf.funds.add': ({ ws, user, audit }, input) => {
    const fund = addFund(ws, user, input);
    audit({ entity: 'mdf_fund', entityId: fund.id, after: fund });
    return fundView(ws, fund);
  },
  'mdf.funds.update': ({ ws, audit }, input) => {
    const { before, after } = updateFund(ws, input);
    audit({ entity: 'mdf_fund', entityId: after.id, before, after });
    return fundView(ws, after);
  },
  'mdf.allocate': ({ ws, user, audit }, input) => {
    const { before, after } = allocate(ws, user, input);
    audit({ entity: 'mdf_fund', entityId: input.fundId, before: { allocations: before }, after: { method: input.method, allocations: after } });
    return after;
  },
  'mdf.balance': ({ ws }, input) => {
    const fund = fundRecord(ws, input);
    return { fundCode: fund.code, currency: fund.currency, ...fundBalance(ws, fund.id) };
  },
  'mdf.requests.list': ({ ws }, input) => listRequests(ws, input),
  'mdf.requests.get': ({ ws }, { id }) => getRequest(ws, id),
  'mdf.requests.add': ({ ws, user, audit }, input) => {
    const r = createRequest(ws, user, input);
    audit({ entity: 'mdf_request', entityId: r.id, after: r });
    return r;
  },
  'mdf.requests.approve': ({ ws, user, audit }, input) => {
    const { before, after } = approveRequest(ws, user, input);
    audit({ entity: 'mdf_request', entityId: after.id, before, after });
    return after;
  },
  'mdf.requests.reject': ({ ws, user, audit }, input) => {
    const { before, after } = rejectRequest(ws, user, input);
    audit({ entity: 'mdf_request', entityId: after.id, before, after });
    return after;
  },
  'mdf.expiry.due': ({ ws }, { asOf }) => lapsedApprovals(ws, asOf),
  'mdf.expire': ({ ws, audit }, { asOf }) => {
    const r = expireRequests(ws, asOf);
    for (const e of r.expired) audit({ entity: 'mdf_request', entityId: e.requestId, before: { status: 'approved' }, after: { status: 'expired', expiredOn: r.asOf, returnedMinor: e.returnedMinor } });
    if (!r.expired.length) audit({ entity: 'mdf_request', entityId: null, after: r });
    return r;
  },
  'mdf.claims.list': ({ ws }, input) => listClaims(ws, input),
  'mdf.claims.get': ({ ws }, { id }) => getClaim(ws, id),
  'mdf.claims.add': ({ ws, user, audit }, input) => {
    const c = submitClaim(ws, user, input);
    audit({ entity: 'mdf_claim', entityId: c.id, after: c });
    return c;
  },
  'mdf.claims.decide': ({ ws, user, audit }, input) => {
    const { before, after } = decideClaim(ws, user, input);
    audit({ entity: 'mdf_claim', entityId: after.id, before, after });
    return after;
  },
  'mdf.claims.pay': ({ ws, audit }, input) => {
    const { before, after } = payClaim(ws, input);
    audit({ entity: 'mdf_claim', entityId: after.id, before, after });
    return getClaim(ws, after.id);
  },
  'mdf.proofs.get': ({ ws }, { id }) => proofContent(ws, id),
  'mdf.roi': ({ ws }, input) => mdfRoi(ws, input),
};
